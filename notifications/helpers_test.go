package notifications_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"tandem/auth"
	"tandem/courses"
	"tandem/testenv"
)

type team struct {
	ID      string
	Members []string
}

// cohortOf creates a cohort of instructor's that learners joined by accepting their invitations.
func cohortOf(t *testing.T, env *testenv.Env, instructor *testenv.User, learners []*testenv.User) string {
	t.Helper()
	r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: instructor.AccessToken,
		Body: map[string]any{"name": "Sepsis alerts, winter", "tracks": []string{"clinicians", "technologists"}}})
	if r.Status != http.StatusCreated {
		t.Fatalf("cohort: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	var list []map[string]string
	for _, l := range learners {
		list = append(list, map[string]string{"email": l.Email})
	}
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/invitations", Token: instructor.AccessToken,
		Body: map[string]any{"invitations": list}}); r.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	for _, l := range learners {
		var mine struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/invitations", Token: l.AccessToken}).Decode(t, &mine)
		if len(mine.Items) != 1 {
			t.Fatalf("invitations of %s: %+v", l.Email, mine)
		}
		if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/invitations/" + mine.Items[0].ID + "/accept", Token: l.AccessToken}); r.Status != http.StatusOK {
			t.Fatalf("accept: %d %s", r.Status, r.Body)
		}
	}
	return id
}

// formTeams forms the cohort's learners into pairs.
func formTeams(t *testing.T, env *testenv.Env, instructor *testenv.User, cohort string) []team {
	t.Helper()
	var body struct {
		Teams []struct {
			ID      string `json:"id"`
			Members []struct {
				UserID string `json:"user_id"`
			} `json:"members"`
		} `json:"teams"`
	}
	r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + cohort + "/teams/form", Token: instructor.AccessToken,
		Body: map[string]any{"team_size": 2, "seed": 7}})
	if r.Status != http.StatusCreated {
		t.Fatalf("form teams: %d %s", r.Status, r.Body)
	}
	r.Decode(t, &body)
	var out []team
	for _, tm := range body.Teams {
		x := team{ID: tm.ID}
		for _, m := range tm.Members {
			x.Members = append(x.Members, m.UserID)
		}
		out = append(out, x)
	}
	return out
}

func userOf(users []*testenv.User, id string) *testenv.User {
	for _, u := range users {
		if u.ID == id {
			return u
		}
	}
	return nil
}

func tokenOf(users []*testenv.User, id string) string { return userOf(users, id).AccessToken }

func emailOf(users []*testenv.User, id string) string { return userOf(users, id).Email }

// contains reports whether s contains every one of parts.
func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// dueSoon is a cohort of four learners in pairs whose first catalogue exercise is due tomorrow.
type dueSoon struct {
	instructor *testenv.User
	learners   []*testenv.User
	cohort     string
	ex         *courses.Exercise
	teams      []team
}

// teamsDueTomorrow sets up a dueSoon cohort.
func teamsDueTomorrow(t *testing.T, env *testenv.Env) dueSoon {
	t.Helper()
	d := dueSoon{instructor: env.WithRole(auth.RoleInstructor, "medicine"),
		learners: []*testenv.User{env.Learner("medicine"), env.Learner("computer_science"), env.Learner("nursing"), env.Learner("data_science")},
		ex:       env.App.Catalog.Exercises()[0]}
	d.cohort = cohortOf(t, env, d.instructor, d.learners)
	due := time.Now().UTC().Add(24 * time.Hour).Format(time.DateOnly)
	if r := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/cohorts/" + d.cohort + "/exercises", Token: d.instructor.AccessToken,
		Body: map[string]any{"exercises": []map[string]string{{"slug": d.ex.Slug, "due_on": due}}}}); r.Status != http.StatusOK {
		t.Fatalf("due date: %d %s", r.Status, r.Body)
	}
	d.teams = formTeams(t, env, d.instructor, d.cohort)
	return d
}
