package handlers_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
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

func newCohort(t *testing.T, env *testenv.Env, instructor *testenv.User, learners ...*testenv.User) string {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: instructor.AccessToken,
		Body: map[string]any{"name": "Perioperative AI, spring", "tracks": []string{"clinicians", "technologists"}, "starts_on": "2027-02-01"}})
	if resp.Status != http.StatusCreated {
		t.Fatalf("create cohort: %d %s", resp.Status, resp.Body)
	}
	id := resp.JSON(t)["id"].(string)
	emails := make([]string, 0, len(learners))
	for _, l := range learners {
		emails = append(emails, l.Email)
	}
	if len(emails) > 0 {
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/members", Token: instructor.AccessToken,
			Body: map[string]any{"emails": emails}}); resp.Status != http.StatusOK {
			t.Fatalf("add members: %d %s", resp.Status, resp.Body)
		}
	}
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
	added := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/members", Token: instructor.AccessToken,
		Body: map[string]any{"emails": []string{strings.ToUpper(learner.Email), "nobody@tandem.test", learner.Email}}}).JSON(t)
	if a := added["added"].([]any); len(a) != 1 || a[0] != learner.Email {
		t.Fatalf("added: %v", added)
	}
	if u := added["unknown"].([]any); len(u) != 1 || u[0] != "nobody@tandem.test" {
		t.Fatalf("unknown: %v", added)
	}
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
}

func TestSubmissionReviewLoopAndPeerRatings(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	nurse, coder := env.Learner("nursing"), env.Learner("data_science")
	outsider := env.Learner("medicine")
	id := newCohort(t, env, instructor, nurse, coder)
	var formed teamsBody
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/teams/form", Token: instructor.AccessToken,
		Body: map[string]any{"team_size": 2, "seed": 1}}).Decode(t, &formed)
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
	if resp := review(instructor, v2["id"].(string), "accept", scores(100)); resp.Status != http.StatusCreated {
		t.Fatalf("accept: %d %s", resp.Status, resp.Body)
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
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team + "/peer-evaluations", Token: nurse.AccessToken}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner reads peer ratings: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team + "/peer-evaluations", Token: instructor.AccessToken}); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("peer summary without an exercise: %d", resp.Status)
	}
	var peers struct {
		Members []struct {
			UserID string  `json:"user_id"`
			Mean   float64 `json:"mean_rating"`
			Factor float64 `json:"adjustment_factor"`
		} `json:"members"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team + "/peer-evaluations?exercise=" + ex.Slug, Token: instructor.AccessToken}).Decode(t, &peers)
	got := map[string][2]float64{}
	for _, m := range peers.Members {
		got[m.UserID] = [2]float64{m.Mean, m.Factor}
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

	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress", Token: clin.AccessToken}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner reads the dashboard: %d", resp.Status)
	}
	var d struct {
		Learners []struct {
			UserID  string  `json:"user_id"`
			Percent float64 `json:"percent"`
			Modules []struct {
				LessonsCompleted int  `json:"lessons_completed"`
				Completed        bool `json:"completed"`
			} `json:"modules"`
		} `json:"learners"`
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
