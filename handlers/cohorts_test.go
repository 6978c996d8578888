package handlers_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/courses"
	"tandem/testenv"
)

type teamsBody struct {
	Teams []struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Members []struct {
			UserID     string `json:"user_id"`
			Discipline string `json:"discipline"`
		} `json:"members"`
	} `json:"teams"`
}

// formPairs forms a cohort's learners into teams of two with seed and returns the teams.
func formPairs(t *testing.T, env *testenv.Env, instructor *testenv.User, cohortID string, seed int) teamsBody {
	t.Helper()
	var formed teamsBody
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + cohortID + "/teams/form", Token: instructor.AccessToken,
		Body: map[string]any{"team_size": 2, "seed": seed}})
	if resp.Status != http.StatusCreated {
		t.Fatalf("form teams: %d %s", resp.Status, resp.Body)
	}
	resp.Decode(t, &formed)
	return formed
}

// acceptTeamWork has author submit the team's work on ex and the instructor accept it with
// full marks.
func acceptTeamWork(t *testing.T, env *testenv.Env, instructor, author *testenv.User, team string, ex *courses.Exercise) {
	t.Helper()
	sub := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: author.AccessToken,
		Body: map[string]any{"exercise": ex.Slug, "body_markdown": "Our specification."}})
	if sub.Status != http.StatusCreated {
		t.Fatalf("submit: %d %s", sub.Status, sub.Body)
	}
	scores := map[string]int{}
	for _, c := range ex.Rubric {
		scores[c.Criterion] = c.MaxPoints
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/submissions/" + sub.JSON(t)["id"].(string) + "/reviews", Token: instructor.AccessToken,
		Body: map[string]any{"decision": "accept", "scores": scores}}); resp.Status != http.StatusCreated {
		t.Fatalf("accept: %d %s", resp.Status, resp.Body)
	}
}

func newCohort(t *testing.T, env *testenv.Env, instructor *testenv.User, learners ...*testenv.User) string {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: instructor.AccessToken,
		Body: map[string]any{"name": "Perioperative AI, spring", "tracks": []string{"clinicians", "technologists"}, "starts_on": "2027-02-01"}})
	if resp.Status != http.StatusCreated {
		t.Fatalf("create cohort: %d %s", resp.Status, resp.Body)
	}
	id := resp.JSON(t)["id"].(string)
	join(t, env, instructor, id, learners...)
	return id
}

func TestCohortMembershipAndAccess(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	learner, outsider := env.Learner("nursing"), env.Learner("engineering")
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: learner.AccessToken,
		Body: map[string]any{"name": "Mine", "tracks": []string{"clinicians"}}}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner creates a cohort: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: instructor.AccessToken,
		Body: map[string]any{"name": "Bad", "tracks": []string{"astrology"}, "starts_on": "2027-03-01", "ends_on": "2027-01-01"}}); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid cohort: %d %s", resp.Status, resp.Body)
	}
	id := newCohort(t, env, instructor)
	invited := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/members", Token: instructor.AccessToken,
		Body: map[string]any{"emails": []string{strings.ToUpper(learner.Email), "nobody@tandem.test", learner.Email}}}).JSON(t)
	if inv := invited["invited"].([]any); len(inv) != 2 || inv[0] != strings.ToUpper(learner.Email) || inv[1] != "nobody@tandem.test" {
		t.Fatalf("invited: %v", invited)
	}
	if bad := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/members", Token: instructor.AccessToken,
		Body: map[string]any{"emails": []string{"not an address"}}}); bad.Status != http.StatusUnprocessableEntity {
		t.Fatalf("an invalid address: %d %s", bad.Status, bad.Body)
	}
	accept(t, env, learner, invitationTo(t, env, learner, id), "")
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id, Token: learner.AccessToken}); resp.Status != http.StatusOK || resp.JSON(t)["role"] != "member" {
		t.Fatalf("member reads cohort: %d %s", resp.Status, resp.Body)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id, Token: outsider.AccessToken}); resp.Status != http.StatusNotFound {
		t.Fatalf("outsider reads cohort: %d", resp.Status)
	}
	other := env.WithRole(auth.RoleInstructor, "data_science")
	for _, p := range []string{"/progress", "/teams", "/statements", ""} {
		if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + p, Token: other.AccessToken}); resp.Status != http.StatusNotFound {
			t.Errorf("instructor of another cohort GET %s: %d", p, resp.Status)
		}
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/instructors", Token: instructor.AccessToken,
		Body: map[string]string{"email": other.Email}}); resp.Status != http.StatusNoContent {
		t.Fatalf("add co-instructor: %d %s", resp.Status, resp.Body)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress", Token: other.AccessToken}); resp.Status != http.StatusOK {
		t.Fatalf("co-instructor reads progress: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/instructors", Token: instructor.AccessToken,
		Body: map[string]string{"email": learner.Email}}); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a learner made co-instructor: %d", resp.Status)
	}
}

func TestTeamsFromASkewedCohortAreMixed(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	var learners []*testenv.User
	for range 3 {
		learners = append(learners, env.Learner("medicine"))
	}
	for range 14 {
		learners = append(learners, env.Learner("computer_science"))
	}
	id := newCohort(t, env, instructor, learners...)
	path := "/api/v1/cohorts/" + id + "/teams/form"
	preview := env.Do(testenv.Request{Method: "POST", Path: path, Token: instructor.AccessToken, Body: map[string]any{"team_size": 4, "seed": 7, "preview": true}})
	if preview.Status != http.StatusOK {
		t.Fatalf("preview: %d %s", preview.Status, preview.Body)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM teams WHERE cohort_id = ?", id); n != "0" {
		t.Fatalf("a preview stored %s teams", n)
	}
	resp := env.Do(testenv.Request{Method: "POST", Path: path, Token: instructor.AccessToken, Body: map[string]any{"team_size": 4, "seed": 7}})
	if resp.Status != http.StatusCreated {
		t.Fatalf("form: %d %s", resp.Status, resp.Body)
	}
	var formed, previewed teamsBody
	resp.Decode(t, &formed)
	preview.Decode(t, &previewed)
	if len(formed.Teams) != 4 {
		t.Fatalf("%d teams for 17 learners at size 4", len(formed.Teams))
	}
	withClinician, seen := 0, map[string]bool{}
	for i, team := range formed.Teams {
		clinical, technical := 0, 0
		for j, m := range team.Members {
			if seen[m.UserID] {
				t.Fatalf("%s is in two teams", m.UserID)
			}
			seen[m.UserID] = true
			if previewed.Teams[i].Members[j].UserID != m.UserID {
				t.Fatalf("the same seed formed different teams from the preview")
			}
			if m.Discipline == "medicine" {
				clinical++
			} else {
				technical++
			}
		}
		if len(team.Members) < 4 || len(team.Members) > 5 || clinical > 1 || technical == 0 {
			t.Errorf("%s: %d members, %d clinical, %d technical", team.Name, len(team.Members), clinical, technical)
		}
		if clinical == 1 {
			withClinician++
		}
	}
	if withClinician != 3 || len(seen) != 17 {
		t.Fatalf("%d teams have the cohort's 3 clinicians; %d learners placed", withClinician, len(seen))
	}
	// Learners read their own cohort's teams; nobody else does.
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/teams", Token: learners[0].AccessToken}); resp.Status != http.StatusOK {
		t.Fatalf("member reads teams: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: path, Token: learners[0].AccessToken, Body: map[string]any{"team_size": 4}}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner forms teams: %d", resp.Status)
	}
	// Forming again without reform keeps everyone where they are.
	again := env.Do(testenv.Request{Method: "POST", Path: path, Token: instructor.AccessToken, Body: map[string]any{"team_size": 4, "seed": 99}})
	var kept teamsBody
	again.Decode(t, &kept)
	if again.Status != http.StatusCreated || len(kept.Teams) != 4 || kept.Teams[0].ID != formed.Teams[0].ID {
		t.Fatalf("forming again moved learners: %d %s", again.Status, again.Body)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM team_members WHERE cohort_id = ?", id); n != "17" {
		t.Fatalf("%s memberships after forming twice", n)
	}
	// A nurse who joins late goes into a team without a clinician, not a team of one.
	late := env.Learner("nursing")
	join(t, env, instructor, id, late)
	joined := env.Do(testenv.Request{Method: "POST", Path: path, Token: instructor.AccessToken, Body: map[string]any{"team_size": 4}})
	var after teamsBody
	joined.Decode(t, &after)
	if joined.Status != http.StatusCreated || len(after.Teams) != 4 {
		t.Fatalf("forming with a late learner: %d, %d teams", joined.Status, len(after.Teams))
	}
	for _, team := range after.Teams {
		for _, m := range team.Members {
			if m.UserID != late.ID {
				continue
			}
			for _, o := range team.Members {
				if o.Discipline == "medicine" {
					t.Fatalf("the late nurse joined %s, which has a clinician", team.Name)
				}
			}
			if n := env.Scalar("SELECT COUNT(*) FROM team_members WHERE team_id = ? AND user_id = ?", team.ID, late.ID); n != "1" {
				t.Fatalf("the late nurse's place in %s was not stored", team.Name)
			}
		}
	}
	if n := env.Scalar("SELECT COUNT(*) FROM teams WHERE cohort_id = ?", id); n != "4" {
		t.Fatalf("%s teams after a late learner joined", n)
	}
}

func TestSubmissionReviewLoopAndPeerRatings(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	nurse, coder := env.Learner("nursing"), env.Learner("data_science")
	outsider := env.Learner("medicine")
	id := newCohort(t, env, instructor, nurse, coder)
	formed := formPairs(t, env, instructor, id, 1)
	team := formed.Teams[0].ID
	ex := env.App.Catalog.Exercises()[0]
	body := "## Specification\n\nAlert when SpO<sub>2</sub> falls.<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))"
	sub := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: nurse.AccessToken,
		Body: map[string]any{"exercise": ex.Slug, "body_markdown": body}})
	if sub.Status != http.StatusCreated {
		t.Fatalf("submit: %d %s", sub.Status, sub.Body)
	}
	v1 := sub.JSON(t)
	html := v1["body_html"].(string)
	for _, bad := range []string{"<script", "onerror", "javascript:"} {
		if strings.Contains(strings.ToLower(html), bad) {
			t.Fatalf("sanitised HTML contains %s: %s", bad, html)
		}
	}
	if !strings.Contains(html, "<h2") || v1["version"] != float64(1) || v1["status"] != "submitted" {
		t.Fatalf("v1: %v", v1)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: outsider.AccessToken,
		Body: map[string]any{"exercise": ex.Slug, "body_markdown": "hijack"}}); resp.Status != http.StatusNotFound {
		t.Fatalf("an outsider submits: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team + "/submissions", Token: outsider.AccessToken}); resp.Status != http.StatusNotFound {
		t.Fatalf("an outsider reads the work: %d", resp.Status)
	}
	// The team itself: its members and its cohort's instructors read it, nobody else.
	for _, u := range []*testenv.User{coder, instructor} {
		var got struct {
			ID       string `json:"id"`
			CohortID string `json:"cohort_id"`
			Name     string `json:"name"`
			Members  []struct {
				UserID string `json:"user_id"`
			} `json:"members"`
		}
		resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team, Token: u.AccessToken})
		resp.Decode(t, &got)
		if resp.Status != http.StatusOK || got.ID != team || got.CohortID != id || got.Name != formed.Teams[0].Name || len(got.Members) != 2 {
			t.Fatalf("%s reads the team: %d %+v", u.Email, resp.Status, got)
		}
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team, Token: outsider.AccessToken}); resp.Status != http.StatusNotFound {
		t.Fatalf("an outsider reads the team: %d", resp.Status)
	}
	scores := func(points int) map[string]int {
		m := map[string]int{}
		for _, c := range ex.Rubric {
			m[c.Criterion] = min(points, c.MaxPoints)
		}
		return m
	}
	review := func(u *testenv.User, subID, decision string, s map[string]int) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/submissions/" + subID + "/reviews", Token: u.AccessToken,
			Body: map[string]any{"decision": decision, "scores": s, "comment": "Name the alarm threshold."}})
	}
	if resp := review(nurse, v1["id"].(string), "accept", scores(1)); resp.Status != http.StatusForbidden {
		t.Fatalf("a member reviews: %d", resp.Status)
	}
	over := scores(1)
	over[ex.Rubric[0].Criterion] = ex.Rubric[0].MaxPoints + 1
	if resp := review(instructor, v1["id"].(string), "accept", over); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("points over the maximum: %d", resp.Status)
	}
	if resp := review(instructor, v1["id"].(string), "revise", scores(1)); resp.Status != http.StatusCreated {
		t.Fatalf("revise: %d %s", resp.Status, resp.Body)
	}
	v2 := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: coder.AccessToken,
		Body: map[string]any{"exercise": ex.Slug, "body_markdown": "## Specification, revised\n\nThreshold: SpO2 below 90% for 60 s."}}).JSON(t)
	if v2["version"] != float64(2) {
		t.Fatalf("second version: %v", v2)
	}
	// The review queue shows the new version with its team and the review of the first.
	type queue struct {
		Items []struct {
			ID             string `json:"id"`
			Version        int    `json:"version"`
			Status         string `json:"status"`
			TeamName       string `json:"team_name"`
			Members        []struct{ Name string }
			PreviousReview *struct {
				Version  int    `json:"version"`
				Decision string `json:"decision"`
			} `json:"previous_review"`
		} `json:"items"`
		NextCursor string `json:"next_cursor"`
	}
	queuePath := "/api/v1/cohorts/" + id + "/submissions"
	var waiting queue
	env.Do(testenv.Request{Method: "GET", Path: queuePath + "?status=submitted", Token: instructor.AccessToken}).Decode(t, &waiting)
	if len(waiting.Items) != 1 || waiting.Items[0].Version != 2 || waiting.Items[0].TeamName != formed.Teams[0].Name ||
		len(waiting.Items[0].Members) != 2 || waiting.Items[0].PreviousReview == nil || waiting.Items[0].PreviousReview.Decision != "revise" ||
		waiting.Items[0].PreviousReview.Version != 1 {
		t.Fatalf("review queue: %+v", waiting)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: queuePath, Token: nurse.AccessToken}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner reads the review queue: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: queuePath + "?status=lost", Token: instructor.AccessToken}); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("an unknown status: %d", resp.Status)
	}
	if resp := review(instructor, v2["id"].(string), "accept", scores(100)); resp.Status != http.StatusCreated {
		t.Fatalf("accept: %d %s", resp.Status, resp.Body)
	}
	env.Do(testenv.Request{Method: "GET", Path: queuePath + "?status=submitted", Token: instructor.AccessToken}).Decode(t, &waiting)
	if len(waiting.Items) != 0 {
		t.Fatalf("an accepted version still waits: %+v", waiting)
	}
	// Every version, oldest first, a page at a time.
	var first, second queue
	env.Do(testenv.Request{Method: "GET", Path: queuePath + "?limit=1", Token: instructor.AccessToken}).Decode(t, &first)
	env.Do(testenv.Request{Method: "GET", Path: queuePath + "?limit=1&after=" + first.NextCursor, Token: instructor.AccessToken}).Decode(t, &second)
	if len(first.Items) != 1 || first.Items[0].Version != 1 || first.Items[0].Status != "revision_requested" || first.NextCursor != first.Items[0].ID ||
		len(second.Items) != 1 || second.Items[0].Version != 2 || second.Items[0].Status != "accepted" {
		t.Fatalf("pages: %+v then %+v", first, second)
	}
	var list struct {
		Items []struct {
			Version int    `json:"version"`
			Status  string `json:"status"`
			Reviews []struct {
				Decision string `json:"decision"`
				Total    int    `json:"total"`
				MaxTotal int    `json:"max_total"`
			} `json:"reviews"`
		} `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team + "/submissions", Token: coder.AccessToken}).Decode(t, &list)
	if len(list.Items) != 2 || list.Items[0].Version != 2 || list.Items[0].Status != "accepted" || list.Items[1].Status != "revision_requested" ||
		list.Items[0].Reviews[0].Total != list.Items[0].Reviews[0].MaxTotal {
		t.Fatalf("versions: %+v", list.Items)
	}

	rate := func(rater, ratee *testenv.User, score int) *testenv.Response {
		r := map[string]int{"contributing": score, "interacting": score, "keeping_on_track": score, "expecting_quality": score, "relevant_knowledge": score}
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/peer-evaluations", Token: rater.AccessToken,
			Body: map[string]any{"exercise": ex.Slug, "ratee_id": ratee.ID, "ratings": r}})
	}
	if resp := rate(nurse, nurse, 5); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("self-rating: %d", resp.Status)
	}
	if resp := rate(nurse, coder, 6); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("rating of 6: %d", resp.Status)
	}
	if resp := rate(nurse, coder, 3); resp.Status != http.StatusCreated {
		t.Fatalf("rate: %d %s", resp.Status, resp.Body)
	}
	rate(nurse, coder, 5) // replaces the first
	if n := env.Scalar("SELECT COUNT(*) FROM peer_evaluations WHERE rater_id = ?", nurse.ID); n != "1" {
		t.Fatalf("%s ratings of one teammate", n)
	}
	rate(coder, nurse, 3)
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/peer-evaluations", Token: coder.AccessToken,
		Body: map[string]any{"exercise": ex.Slug, "ratee_id": nurse.ID, "comment": "Missed both planning calls.",
			"ratings": map[string]int{"contributing": 3, "interacting": 3, "keeping_on_track": 3, "expecting_quality": 3, "relevant_knowledge": 3}}}); resp.Status != http.StatusCreated {
		t.Fatalf("rate with a comment: %d %s", resp.Status, resp.Body)
	}
	// Each member reads back the ratings they gave, and only those.
	var mine struct {
		Items []struct {
			RateeID string         `json:"ratee_id"`
			Ratings map[string]int `json:"ratings"`
		} `json:"items"`
	}
	minePath := "/api/v1/teams/" + team + "/peer-evaluations/mine?exercise=" + ex.Slug
	env.Do(testenv.Request{Method: "GET", Path: minePath, Token: nurse.AccessToken}).Decode(t, &mine)
	if len(mine.Items) != 1 || mine.Items[0].RateeID != coder.ID || mine.Items[0].Ratings["contributing"] != 5 {
		t.Fatalf("the nurse's own ratings: %+v", mine.Items)
	}
	for _, c := range []struct {
		who  *testenv.User
		path string
		want int
	}{
		{instructor, minePath, http.StatusForbidden},
		{outsider, minePath, http.StatusNotFound},
		{nurse, "/api/v1/teams/" + team + "/peer-evaluations/mine", http.StatusUnprocessableEntity},
	} {
		if resp := env.Do(testenv.Request{Method: "GET", Path: c.path, Token: c.who.AccessToken}); resp.Status != c.want {
			t.Fatalf("%s reads %s: %d, want %d", c.who.Email, c.path, resp.Status, c.want)
		}
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team + "/peer-evaluations", Token: nurse.AccessToken}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner reads peer ratings: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team + "/peer-evaluations", Token: instructor.AccessToken}); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("peer summary without an exercise: %d", resp.Status)
	}
	var peers struct {
		Members []struct {
			UserID   string   `json:"user_id"`
			Mean     float64  `json:"mean_rating"`
			Factor   float64  `json:"adjustment_factor"`
			Comments []string `json:"comments"`
		} `json:"members"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team + "/peer-evaluations?exercise=" + ex.Slug, Token: instructor.AccessToken}).Decode(t, &peers)
	got := map[string][2]float64{}
	for _, m := range peers.Members {
		got[m.UserID] = [2]float64{m.Mean, m.Factor}
		// The comment written "for your instructor" reaches the instructor, about its ratee.
		if want := map[string]string{nurse.ID: "[Missed both planning calls.]", coder.ID: "[]"}[m.UserID]; fmt.Sprint(m.Comments) != want {
			t.Errorf("comments about %s: %q, want %s", m.UserID, m.Comments, want)
		}
	}
	// Team mean 4: the coder (5) is capped at 1.05, the nurse (3) gets 0.75.
	if got[coder.ID] != [2]float64{5, 1.05} || got[nurse.ID] != [2]float64{3, 0.75} {
		t.Fatalf("adjustments: %+v", got)
	}
	// Accepted work is part of the members' record.
	if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE verb = 'scored' AND user_id = ?", nurse.ID); n != "2" {
		t.Fatalf("%s review events for a member", n)
	}
}

func TestCohortDashboardAndCSV(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	clin, tech := env.Learner("medicine"), env.Learner("computer_science")
	env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: tech.AccessToken, Body: map[string]any{"name": `=cmd|' /C calc'!A0`}})
	id := newCohort(t, env, instructor, clin, tech)
	mod := env.App.Catalog.Tracks[0].Modules[0]
	for _, l := range mod.Lessons {
		complete(t, env, clin, l.Slug)
	}
	a := start(t, env, clin, evalQuiz)
	submit(env, clin, a.ID, rightAnswers("wait"))
	complete(t, env, tech, mod.Lessons[0].Slug)
	// The deployment quiz counts the last attempt: passed first, then failed, it is not passed.
	deploy := []map[string]any{
		{"question_id": "clin-deployment-quiz.q1", "choice_ids": []string{"false"}},
		{"question_id": "clin-deployment-quiz.q2", "value": 10},
	}
	wrong := []map[string]any{
		{"question_id": "clin-deployment-quiz.q1", "choice_ids": []string{"true"}},
		{"question_id": "clin-deployment-quiz.q2", "value": 50},
	}
	for _, answers := range [][]map[string]any{deploy, wrong} {
		a := start(t, env, clin, "clin-deployment-quiz")
		if resp := submit(env, clin, a.ID, answers); resp.Status != http.StatusOK {
			t.Fatalf("deployment attempt: %d %s", resp.Status, resp.Body)
		}
	}

	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress", Token: clin.AccessToken}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner reads the dashboard: %d", resp.Status)
	}
	var d struct {
		Learners []struct {
			UserID  string  `json:"user_id"`
			Percent float64 `json:"percent"`
			Modules []struct {
				LessonsCompleted int      `json:"lessons_completed"`
				QuizPercent      *float64 `json:"quiz_percent"`
				QuizPassed       bool     `json:"quiz_passed"`
				Completed        bool     `json:"completed"`
			} `json:"modules"`
		} `json:"learners"`
		Modules []struct {
			Slug string `json:"slug"`
		} `json:"modules"`
		ByDiscipline []struct {
			Group   string `json:"discipline_group"`
			Modules []struct {
				Slug           string  `json:"slug"`
				CompletedShare float64 `json:"completed_percent"`
			} `json:"modules"`
		} `json:"by_discipline"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress", Token: instructor.AccessToken}).Decode(t, &d)
	rows := map[string]int{}
	for i, l := range d.Learners {
		rows[l.UserID] = i
	}
	c, te := d.Learners[rows[clin.ID]], d.Learners[rows[tech.ID]]
	if !c.Modules[0].Completed || c.Percent != 25 || te.Modules[0].LessonsCompleted != 1 || te.Modules[0].Completed {
		t.Fatalf("learner rows: %+v", d.Learners)
	}
	for i, m := range d.Modules {
		if m.Slug != "clin-deployment" {
			continue
		}
		if cell := c.Modules[i]; cell.QuizPercent == nil || *cell.QuizPercent != 0 || cell.QuizPassed {
			t.Fatalf("deployment cell counts the failed last attempt: %+v", cell)
		}
		if cell := te.Modules[i]; cell.QuizPercent != nil {
			t.Fatalf("a learner without attempts has a quiz percent: %+v", cell)
		}
	}
	if len(d.ByDiscipline) != 2 || d.ByDiscipline[0].Group != "clinical" || d.ByDiscipline[0].Modules[0].CompletedShare != 100 ||
		d.ByDiscipline[1].Modules[0].CompletedShare != 0 {
		t.Fatalf("by discipline: %+v", d.ByDiscipline)
	}
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress?format=csv", Token: instructor.AccessToken})
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(resp.Body), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 3 {
		t.Fatalf("%d CSV rows, want a header and 2 learners", len(records))
	}
	found := false
	for _, r := range records[1:] {
		if r[0] == `'=cmd|' /C calc'!A0` {
			found = true
		}
		if strings.HasPrefix(r[0], "=") {
			t.Fatalf("formula not escaped: %q", r[0])
		}
	}
	if !found {
		t.Fatalf("escaped name missing: %q", records)
	}
	st := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/statements", Token: instructor.AccessToken}).JSON(t)
	if len(st["statements"].([]any)) < 4 {
		t.Fatalf("cohort statements: %v", st)
	}
}

func TestCohortExercisesChooseWhatTeamsWorkOn(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.CatalogDir = "" // the shipped curricula, which have several exercises
	env := testenv.NewWith(t, cfg)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	nurse, coder := env.Learner("nursing"), env.Learner("data_science")
	id := newCohort(t, env, instructor, nurse, coder)
	formed := formPairs(t, env, instructor, id, 1)
	all := env.App.Catalog.Exercises()
	path := "/api/v1/cohorts/" + id + "/exercises"
	type list struct {
		Chosen bool `json:"chosen"`
		Items  []struct {
			Slug  string `json:"slug"`
			Title string `json:"title"`
			DueOn string `json:"due_on"`
		} `json:"items"`
	}
	var before list
	env.Do(testenv.Request{Method: "GET", Path: path, Token: nurse.AccessToken}).Decode(t, &before)
	if before.Chosen || len(before.Items) != len(all) {
		t.Fatalf("before choosing: %+v, want all %d exercises", before, len(all))
	}
	chosen := all[1]
	put := func(u *testenv.User, body any) *testenv.Response {
		return env.Do(testenv.Request{Method: "PUT", Path: path, Token: u.AccessToken, Body: body})
	}
	if resp := put(nurse, map[string]any{"exercises": []any{}}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner chooses exercises: %d", resp.Status)
	}
	bad := put(instructor, map[string]any{"exercises": []map[string]string{
		{"slug": chosen.Slug}, {"slug": chosen.Slug}, {"slug": "no-such-exercise"}, {"slug": all[0].Slug, "due_on": "31/03/2027"}}})
	if bad.Status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid choice: %d %s", bad.Status, bad.Body)
	}
	for _, field := range []string{"exercises[1].slug", "exercises[2].slug", "exercises[3].due_on"} {
		if !strings.Contains(string(bad.Body), field) {
			t.Errorf("no detail for %s: %s", field, bad.Body)
		}
	}
	var after list
	resp := put(instructor, map[string]any{"exercises": []map[string]string{{"slug": chosen.Slug, "due_on": "2027-03-31"}}})
	resp.Decode(t, &after)
	if resp.Status != http.StatusOK || !after.Chosen || len(after.Items) != 1 || after.Items[0].Slug != chosen.Slug ||
		after.Items[0].Title != chosen.Title || after.Items[0].DueOn != "2027-03-31" {
		t.Fatalf("chosen: %d %+v", resp.Status, after)
	}
	env.Do(testenv.Request{Method: "GET", Path: path, Token: coder.AccessToken}).Decode(t, &after)
	if !after.Chosen || len(after.Items) != 1 {
		t.Fatalf("a member reads the choice: %+v", after)
	}
	// Teams submit work on the chosen exercise only.
	submit := func(exercise string) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + formed.Teams[0].ID + "/submissions", Token: nurse.AccessToken,
			Body: map[string]any{"exercise": exercise, "body_markdown": "Our plan."}})
	}
	if resp := submit(all[0].Slug); resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), "not an exercise of this cohort") {
		t.Fatalf("work on an exercise the cohort does not take: %d %s", resp.Status, resp.Body)
	}
	if resp := submit(chosen.Slug); resp.Status != http.StatusCreated || resp.JSON(t)["late"] != false {
		t.Fatalf("work on the chosen exercise, before its due date: %d %s", resp.Status, resp.Body)
	}
	// Work sent after the end of the due date is accepted and marked late, wherever it shows.
	put(instructor, map[string]any{"exercises": []map[string]string{{"slug": chosen.Slug, "due_on": "2020-01-31"}}})
	if resp := submit(chosen.Slug); resp.Status != http.StatusCreated || resp.JSON(t)["late"] != true {
		t.Fatalf("work after the due date: %d %s", resp.Status, resp.Body)
	}
	var queue struct {
		Items []struct {
			Version int  `json:"version"`
			Late    bool `json:"late"`
		} `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/submissions", Token: instructor.AccessToken}).Decode(t, &queue)
	if len(queue.Items) != 2 || !queue.Items[0].Late || !queue.Items[1].Late {
		t.Fatalf("the queue against a due date now past: %+v", queue.Items)
	}
	// An empty list opens the whole catalogue again.
	put(instructor, map[string]any{"exercises": []any{}}).Decode(t, &after)
	if after.Chosen || len(after.Items) != len(all) {
		t.Fatalf("after clearing: %+v", after)
	}
}

func TestCohortSettingsCanBeChanged(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	nurse := env.Learner("nursing")
	id := newCohort(t, env, instructor, nurse)
	path := "/api/v1/cohorts/" + id
	if got := env.Do(testenv.Request{Method: "GET", Path: path, Token: instructor.AccessToken}).JSON(t); got["time_zone"] != "UTC" {
		t.Fatalf("a cohort created without a time zone: %v", got["time_zone"])
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: instructor.AccessToken,
		Body: map[string]any{"name": "Night shift", "tracks": []string{"clinicians"}, "time_zone": "Mars/Olympus_Mons"}}); resp.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(string(resp.Body), "time_zone") {
		t.Fatalf("an unknown time zone: %d %s", resp.Status, resp.Body)
	}
	patch := func(u *testenv.User, body map[string]any) *testenv.Response {
		return env.Do(testenv.Request{Method: "PATCH", Path: path, Token: u.AccessToken, Body: body})
	}
	if resp := patch(nurse, map[string]any{"name": "Mine now"}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner renames the cohort: %d", resp.Status)
	}
	bad := patch(instructor, map[string]any{"name": " ", "ends_on": "2027-01-01", "time_zone": "Local"})
	if bad.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad settings: %d %s", bad.Status, bad.Body)
	}
	for _, field := range []string{"name", "ends_on", "time_zone"} {
		if !strings.Contains(string(bad.Body), `"`+field+`"`) {
			t.Errorf("no detail for %s: %s", field, bad.Body)
		}
	}
	resp := patch(instructor, map[string]any{"name": "Perioperative AI, autumn", "ends_on": "2027-06-30", "time_zone": "Pacific/Auckland"})
	got := resp.JSON(t)
	if resp.Status != http.StatusOK || got["name"] != "Perioperative AI, autumn" || got["starts_on"] != "2027-02-01" ||
		got["ends_on"] != "2027-06-30" || got["time_zone"] != "Pacific/Auckland" {
		t.Fatalf("changed settings: %d %v", resp.Status, got)
	}
	if got := env.Do(testenv.Request{Method: "GET", Path: path, Token: nurse.AccessToken}).JSON(t); got["name"] != "Perioperative AI, autumn" || got["time_zone"] != "Pacific/Auckland" {
		t.Fatalf("a member reads the changed cohort: %v", got)
	}
}
