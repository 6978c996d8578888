package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// learnerDetail is the part of GET /cohorts/:id/learners/:user the tests read.
type learnerDetail struct {
	UserID  string `json:"user_id"`
	Modules []struct {
		Slug        string   `json:"slug"`
		Lessons     int      `json:"lessons_completed"`
		QuizPercent *float64 `json:"quiz_percent"`
	} `json:"modules"`
	Quizzes []struct {
		Slug     string  `json:"slug"`
		Percent  float64 `json:"counted_percent"`
		Attempts []struct {
			Number int `json:"number"`
		} `json:"attempts"`
	} `json:"quizzes"`
	Team *struct {
		Name  string `json:"name"`
		Roles []struct {
			Role string `json:"role"`
		} `json:"roles"`
		Exercises []struct {
			Slug       string   `json:"slug"`
			Status     string   `json:"status"`
			PeerFactor *float64 `json:"peer_factor"`
		} `json:"exercises"`
	} `json:"team"`
	Feedback []struct {
		Comment string `json:"comment"`
	} `json:"feedback"`
	Ratings struct {
		Received []struct {
			Factor   *float64 `json:"adjustment_factor"`
			Comments []string `json:"comments"`
		} `json:"received"`
		Given []struct {
			RateeID string `json:"ratee_id"`
		} `json:"given"`
	} `json:"peer_ratings"`
}

// The drill-down gives a cohort's instructor one learner's modules, attempts, team work,
// roles, peer ratings and lesson feedback: only from the day they joined, only on the cohort's
// tracks and in its team. Other instructors, learners and strangers to the cohort get nothing.
func TestCohortLearnerShowsWhatTheLearnerShared(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	teacher, stranger := env.WithRole(auth.RoleInstructor, "medicine"), env.WithRole(auth.RoleInstructor, "data_science")
	nurse, engineer, other, outsider := env.Learner("nursing"), env.Learner("engineering"), env.Learner("data_science"), env.Learner("medicine")
	clinical, _ := env.App.Catalog.Track("clinicians")
	technical, _ := env.App.Catalog.Track("technologists")
	first, second := clinical.Modules[0].Lessons[0].Slug, clinical.Modules[0].Lessons[1].Slug
	techLesson := technical.Modules[0].Lessons[0].Slug

	// Before joining: a lesson, an attempt and a comment the instructor must not see.
	complete(t, env, nurse, first)
	submit(env, nurse, start(t, env, nurse, evalQuiz).ID, rightAnswers("wait"))
	giveFeedback(env, nurse, first, 2, "unclear", "Written before joining the cohort.")

	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: teacher.AccessToken,
		Body: map[string]any{"name": "Clinicians only", "tracks": []string{"clinicians"}}})
	if resp.Status != http.StatusCreated {
		t.Fatalf("cohort: %d %s", resp.Status, resp.Body)
	}
	cohort := resp.JSON(t)["id"].(string)
	join(t, env, teacher, cohort, nurse, engineer)

	// After joining: on the cohort's track, and on a track the cohort does not teach.
	complete(t, env, nurse, second)
	submit(env, nurse, start(t, env, nurse, evalQuiz).ID, rightAnswers("wait"))
	giveFeedback(env, nurse, second, 4, "suggestion", "A worked example on the ward would help.")
	complete(t, env, nurse, techLesson)
	giveFeedback(env, nurse, techLesson, 3, "unclear", "Written on a track the cohort does not teach.")

	team := formPairs(t, env, teacher, cohort, 7).Teams[0].ID
	ex := env.App.Catalog.Exercises()[0]
	if r := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/teams/" + team + "/roles", Token: nurse.AccessToken,
		Body: map[string]any{"exercise": ex.Slug, "role": ex.Roles[0].Title, "user_id": nurse.ID}}); r.Status != http.StatusOK {
		t.Fatalf("role: %d %s", r.Status, r.Body)
	}
	acceptTeamWork(t, env, teacher, nurse, team, ex)
	rate := func(team string, rater, ratee *testenv.User, comment string) {
		t.Helper()
		r := map[string]int{"contributing": 5, "interacting": 4, "keeping_on_track": 4, "expecting_quality": 5, "relevant_knowledge": 4}
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/peer-evaluations", Token: rater.AccessToken,
			Body: map[string]any{"exercise": ex.Slug, "ratee_id": ratee.ID, "ratings": r, "comment": comment}}); resp.Status >= 300 {
			t.Fatalf("rate: %d %s", resp.Status, resp.Body)
		}
	}
	rate(team, engineer, nurse, "She explained the triage workflow to us.")
	rate(team, nurse, engineer, "He kept the notebook reproducible.")

	// The same learner in another instructor's cohort: none of it reaches this one.
	elsewhere := newCohort(t, env, stranger, nurse, other)
	rate(formPairs(t, env, stranger, elsewhere, 3).Teams[0].ID, other, nurse, "Rated in another cohort.")

	path := "/api/v1/cohorts/" + cohort + "/learners/" + nurse.ID
	got := env.Do(testenv.Request{Method: "GET", Path: path, Token: teacher.AccessToken})
	if got.Status != http.StatusOK {
		t.Fatalf("drill-down: %d %s", got.Status, got.Body)
	}
	// Raters are promised that instructors never see who gave which rating: the comment the
	// learner wrote about their teammate is not shown as theirs.
	for _, secret := range []string{"before joining", "does not teach", "another cohort", techLesson, "reproducible"} {
		if strings.Contains(string(got.Body), secret) {
			t.Errorf("the drill-down shows what the learner did not share (%q): %s", secret, got.Body)
		}
	}
	var d learnerDetail
	got.Decode(t, &d)
	if len(d.Modules) != len(clinical.Modules) || d.Modules[0].Lessons != 1 {
		t.Errorf("modules: %+v; want the cohort's track with one lesson since joining", d.Modules)
	}
	if len(d.Quizzes) != 1 || d.Quizzes[0].Slug != evalQuiz || len(d.Quizzes[0].Attempts) != 1 || d.Quizzes[0].Attempts[0].Number != 2 || d.Quizzes[0].Percent != 100 {
		t.Errorf("quizzes: %+v; want the one attempt since joining", d.Quizzes)
	}
	if d.Team == nil || len(d.Team.Roles) != 1 || d.Team.Roles[0].Role != ex.Roles[0].Title || len(d.Team.Exercises) != 1 ||
		d.Team.Exercises[0].Status != "accepted" || d.Team.Exercises[0].PeerFactor == nil {
		t.Errorf("team: %+v", d.Team)
	}
	if len(d.Feedback) != 1 || !strings.Contains(d.Feedback[0].Comment, "worked example") {
		t.Errorf("feedback: %+v", d.Feedback)
	}
	if r := d.Ratings.Received; len(r) != 1 || r[0].Factor == nil || len(r[0].Comments) != 1 || !strings.Contains(r[0].Comments[0], "triage") {
		t.Errorf("ratings received: %+v", r)
	}
	if g := d.Ratings.Given; len(g) != 1 || g[0].RateeID != engineer.ID {
		t.Errorf("ratings given: %+v", g)
	}

	for _, c := range []struct {
		who  *testenv.User
		path string
		want int
	}{
		{stranger, path, http.StatusNotFound},                                                    // another cohort's instructor
		{teacher, "/api/v1/cohorts/" + elsewhere + "/learners/" + nurse.ID, http.StatusNotFound}, // a cohort they do not teach
		{teacher, "/api/v1/cohorts/" + cohort + "/learners/" + outsider.ID, http.StatusNotFound}, // not a learner of the cohort
		{teacher, "/api/v1/cohorts/" + cohort + "/learners/" + teacher.ID, http.StatusNotFound},  // its instructor is no learner
		{engineer, path, http.StatusForbidden},                                                   // a teammate
		{nurse, path, http.StatusForbidden},                                                      // the learner themselves
		{outsider, path, http.StatusForbidden},
	} {
		if r := env.Do(testenv.Request{Method: "GET", Path: c.path, Token: c.who.AccessToken}); r.Status != c.want {
			t.Errorf("%s reads %s: %d, want %d", c.who.Email, c.path, r.Status, c.want)
		}
	}
	if r := env.Do(testenv.Request{Method: "GET", Path: path}); r.Status != http.StatusUnauthorized {
		t.Errorf("anonymous: %d", r.Status)
	}

	// Once the learner leaves, their instructor no longer sees them.
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + cohort + "/leave", Token: nurse.AccessToken}); r.Status >= 300 {
		t.Fatalf("leave: %d %s", r.Status, r.Body)
	}
	if r := env.Do(testenv.Request{Method: "GET", Path: path, Token: teacher.AccessToken}); r.Status != http.StatusNotFound {
		t.Errorf("after leaving: %d %s", r.Status, r.Body)
	}
}
