package handlers_test

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// The cohort dashboard and its CSV carry each learner's team, where the team's work on each
// exercise stands (latest version, status, review points, lateness) and the learner's peer
// adjustment factor.
func TestCohortDashboardShowsTeamWork(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	nurse, coder, analyst, loner := env.Learner("nursing"), env.Learner("data_science"), env.Learner("computer_science"), env.Learner("medicine")
	id := newCohort(t, env, instructor, nurse, coder, analyst)
	var formed teamsBody
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/teams/form", Token: instructor.AccessToken,
		Body: map[string]any{"team_size": 3, "seed": 3}}); resp.Status != http.StatusCreated {
		t.Fatalf("form a team of three: %d %s", resp.Status, resp.Body)
	} else {
		resp.Decode(t, &formed)
	}
	if len(formed.Teams) != 1 || len(formed.Teams[0].Members) != 3 {
		t.Fatalf("formed: %+v", formed.Teams)
	}
	team := formed.Teams[0]
	join(t, env, instructor, id, loner)
	ex := env.App.Catalog.Exercises()[0]
	maxPoints := 0
	for _, c := range ex.Rubric {
		maxPoints += c.MaxPoints
	}
	type cell struct {
		Version    int      `json:"version"`
		Status     string   `json:"status"`
		Points     *int     `json:"points"`
		Late       bool     `json:"late"`
		PeerFactor *float64 `json:"peer_factor"`
	}
	type dashboard struct {
		Exercises []struct {
			Slug      string `json:"slug"`
			Title     string `json:"title"`
			MaxPoints int    `json:"max_points"`
			DueOn     string `json:"due_on"`
		} `json:"exercises"`
		Learners []struct {
			UserID    string `json:"user_id"`
			Team      string `json:"team"`
			Exercises []cell `json:"exercises"`
		} `json:"learners"`
	}
	read := func() (dashboard, map[string]int) {
		t.Helper()
		var d dashboard
		env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress", Token: instructor.AccessToken}).Decode(t, &d)
		rows := map[string]int{}
		for i, l := range d.Learners {
			rows[l.UserID] = i
		}
		return d, rows
	}
	if d, _ := read(); d.Exercises == nil || len(d.Exercises) != 0 {
		t.Fatalf("before any work and any choice, no exercise columns: %+v", d.Exercises)
	}

	send := func() string {
		t.Helper()
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team.ID + "/submissions", Token: nurse.AccessToken,
			Body: map[string]any{"exercise": ex.Slug, "body_markdown": "Our specification."}})
		if resp.Status != http.StatusCreated {
			t.Fatalf("submit: %d %s", resp.Status, resp.Body)
		}
		return resp.JSON(t)["id"].(string)
	}
	first := send()
	d, rows := read()
	if len(d.Exercises) != 1 || d.Exercises[0].Slug != ex.Slug || d.Exercises[0].Title != ex.Title || d.Exercises[0].MaxPoints != maxPoints {
		t.Fatalf("with work sent, the exercise is a column: %+v", d.Exercises)
	}
	for _, u := range []*testenv.User{nurse, coder, analyst} {
		row := d.Learners[rows[u.ID]]
		if row.Team != team.Name || len(row.Exercises) != 1 || row.Exercises[0] != (cell{Version: 1, Status: "submitted"}) {
			t.Fatalf("%s after the first version: %+v", u.Name, row)
		}
	}
	if row := d.Learners[rows[loner.ID]]; row.Team != "" || len(row.Exercises) != 1 || row.Exercises[0] != (cell{}) {
		t.Fatalf("a learner in no team: %+v", row)
	}

	scores, points := map[string]int{}, 0
	for _, c := range ex.Rubric {
		scores[c.Criterion] = c.MaxPoints - 1
		points += c.MaxPoints - 1
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/submissions/" + first + "/reviews", Token: instructor.AccessToken,
		Body: map[string]any{"decision": "revise", "scores": scores, "comment": "Name the threshold."}}); resp.Status != http.StatusCreated {
		t.Fatalf("review: %d %s", resp.Status, resp.Body)
	}
	d, rows = read()
	if got := d.Learners[rows[coder.ID]].Exercises[0]; got.Status != "revision_requested" || got.Points == nil || *got.Points != points {
		t.Fatalf("after the review, the cell carries its points: %+v", got)
	}

	// Chosen with a due date now past, the next version counts as late, not yet reviewed.
	if resp := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/cohorts/" + id + "/exercises", Token: instructor.AccessToken,
		Body: map[string]any{"exercises": []map[string]string{{"slug": ex.Slug, "due_on": "2020-01-31"}}}}); resp.Status != http.StatusOK {
		t.Fatalf("choose: %d %s", resp.Status, resp.Body)
	}
	send()
	// Peer ratings give each rated member an adjustment factor: the nurse rated 4 and the coder
	// 5 throughout, so the nurse's factor is 4 over the team's mean of 4.5. Nobody rated the
	// analyst, who keeps no factor.
	rate := func(rater, ratee *testenv.User, score int) {
		t.Helper()
		r := map[string]int{"contributing": score, "interacting": score, "keeping_on_track": score, "expecting_quality": score, "relevant_knowledge": score}
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team.ID + "/peer-evaluations", Token: rater.AccessToken,
			Body: map[string]any{"exercise": ex.Slug, "ratee_id": ratee.ID, "ratings": r}}); resp.Status >= 300 {
			t.Fatalf("rate: %d %s", resp.Status, resp.Body)
		}
	}
	rate(coder, nurse, 4)
	rate(analyst, nurse, 4)
	rate(nurse, coder, 5)
	d, rows = read()
	if len(d.Exercises) != 1 || d.Exercises[0].DueOn != "2020-01-31" {
		t.Fatalf("the chosen exercise with its due date: %+v", d.Exercises)
	}
	got := d.Learners[rows[nurse.ID]].Exercises[0]
	if got.PeerFactor == nil || math.Abs(*got.PeerFactor-4/4.5) > 1e-9 {
		t.Fatalf("the nurse's peer factor: %+v", got)
	}
	got.PeerFactor = nil
	if got != (cell{Version: 2, Status: "submitted", Late: true}) {
		t.Fatalf("the second version, late: %+v", got)
	}
	if f := d.Learners[rows[coder.ID]].Exercises[0].PeerFactor; f == nil || *f != 1.05 {
		t.Fatalf("the coder's factor is capped at 1.05: %v", f)
	}
	if f := d.Learners[rows[analyst.ID]].Exercises[0].PeerFactor; f != nil {
		t.Fatalf("the analyst, rated by nobody, has a factor: %v", *f)
	}

	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress?format=csv", Token: instructor.AccessToken})
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(resp.Body), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := records[0]
	at := func(name string) int {
		t.Helper()
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no column %q in %q", name, header)
		}
		return i
	}
	teamCol, status, pts, late, factor := at("team"), at(ex.Slug+" status"), at(ex.Slug+" points of "+strconv.Itoa(maxPoints)), at(ex.Slug+" late"), at(ex.Slug+" peer factor")
	byEmail := map[string][]string{}
	for _, r := range records[1:] {
		byEmail[r[1]] = r
	}
	if r := byEmail[nurse.Email]; r[teamCol] != team.Name || r[status] != "submitted" || r[pts] != "" || r[late] != "true" || r[factor] != "0.89" {
		t.Fatalf("the nurse's CSV row: team %q status %q points %q late %q peer factor %q", r[teamCol], r[status], r[pts], r[late], r[factor])
	}
	if r := byEmail[analyst.Email]; r[factor] != "" {
		t.Fatalf("the analyst's CSV peer factor: %q", r[factor])
	}
	if r := byEmail[loner.Email]; r[teamCol] != "" || r[status] != "" || r[late] != "false" {
		t.Fatalf("the CSV row of a learner in no team: %q", r)
	}
}

// GET /me/teams gives a learner their own teams only, with the cohort's name.
func TestMyTeams(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	nurse, coder, other, outsider := env.Learner("nursing"), env.Learner("data_science"), env.Learner("medicine"), env.Learner("medicine")
	spring := newCohort(t, env, instructor, nurse, coder, other, env.Learner("computer_science"))
	formed := formPairs(t, env, instructor, spring, 5)
	autumn := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: instructor.AccessToken,
		Body: map[string]any{"name": "Autumn cohort", "tracks": []string{"clinicians", "technologists"}}}).JSON(t)["id"].(string)
	join(t, env, instructor, autumn, nurse)
	type myTeams struct {
		Items []struct {
			ID         string `json:"id"`
			CohortID   string `json:"cohort_id"`
			CohortName string `json:"cohort_name"`
			Name       string `json:"name"`
			Members    []struct {
				UserID string `json:"user_id"`
			} `json:"members"`
		} `json:"items"`
	}
	var got myTeams
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/teams", Token: nurse.AccessToken})
	resp.Decode(t, &got)
	var want string
	for _, team := range formed.Teams {
		for _, m := range team.Members {
			if m.UserID == nurse.ID {
				want = team.ID
			}
		}
	}
	if resp.Status != http.StatusOK || len(got.Items) != 1 || got.Items[0].ID != want || got.Items[0].CohortID != spring ||
		got.Items[0].CohortName != "Perioperative AI, spring" || len(got.Items[0].Members) != 2 {
		t.Fatalf("the nurse's teams (one cohort without teams yet): %d %+v", resp.Status, got)
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/teams", Token: outsider.AccessToken}).Decode(t, &got)
	if len(got.Items) != 0 {
		t.Fatalf("a learner in no team: %+v", got.Items)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/teams"}); resp.Status != http.StatusUnauthorized {
		t.Fatalf("anonymous: %d", resp.Status)
	}
}

// A client that accepts gzip gets the dashboard compressed, the same document once inflated;
// one that does not gets it plain.
func TestLargeAnswersAreCompressed(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	id := newCohort(t, env, instructor, env.Learner("nursing"), env.Learner("data_science"))
	get := func(acceptEncoding string) (*http.Response, []byte) {
		t.Helper()
		return rawGet(t, env, "/api/v1/cohorts/"+id+"/progress",
			map[string]string{"Authorization": "Bearer " + instructor.AccessToken, "Accept-Encoding": acceptEncoding})
	}
	plainResp, plain := get("identity")
	if plainResp.StatusCode != http.StatusOK || plainResp.Header.Get("Content-Encoding") != "" || !json.Valid(plain) {
		t.Fatalf("without gzip: %d %q %.80s", plainResp.StatusCode, plainResp.Header.Get("Content-Encoding"), plain)
	}
	for _, accept := range []string{"gzip", "br;q=1.0, gzip;q=0.8, *;q=0.1", "deflate, gzip"} {
		resp, body := get(accept)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Vary") != "Accept-Encoding" {
			t.Fatalf("Accept-Encoding %q: %d, Content-Encoding %q, Vary %q", accept, resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		inflated, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(inflated, plain) {
			t.Fatalf("Accept-Encoding %q: inflated answer differs (%v):\n%.200s\n%.200s", accept, err, inflated, plain)
		}
	}
	if resp, _ := get("gzip;q=0"); resp.Header.Get("Content-Encoding") != "" {
		t.Fatalf("gzip refused with q=0, yet the answer is %q", resp.Header.Get("Content-Encoding"))
	}
}
