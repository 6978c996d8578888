package handlers_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"tandem/auth"
	"tandem/models"
	"tandem/testenv"
)

// gridPage is what the grid reads of a page of the cohort dashboard.
type gridPage struct {
	Page struct {
		Number         int `json:"number"`
		PerPage        int `json:"per_page"`
		Total          int `json:"total"`
		CohortLearners int `json:"cohort_learners"`
	} `json:"page"`
	ByModule []struct {
		Completed int `json:"completed"`
	} `json:"by_module"`
	ByExercise   []struct{} `json:"by_exercise"`
	ByDiscipline []struct {
		Group    string `json:"discipline_group"`
		Learners int    `json:"learners"`
	} `json:"by_discipline"`
	Learners []struct {
		Name         string     `json:"name"`
		Percent      float64    `json:"percent"`
		LastActivity *time.Time `json:"last_activity"`
	} `json:"learners"`
}

func (p gridPage) names() []string {
	var out []string
	for _, l := range p.Learners {
		out = append(out, l.Name)
	}
	return out
}

// An instructor pages through a cohort's learners, sorts them and searches them by name, email
// or institution in any case; the summary rows always cover the whole cohort, and the CSV
// lists every learner found in the same order.
func TestCohortGridPagesSortsAndSearches(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	people := []struct{ name, discipline, institution string }{
		{"Émile Zola", "medicine", "Hôpital Nord"}, {"bruno Ypsilon", "computer_science", "ETH Zürich"},
		{"Chloé Xavier", "nursing", "HÔPITAL SUD"}, {"Dario Weber", "data_science", "Universität Bern"},
		{"Ada Vance", "medicine", "Universität Bern"},
	}
	var learners []*testenv.User
	for _, p := range people {
		u := env.Learner(p.discipline)
		env.Exec("UPDATE users SET name = ?, institution = ? WHERE id = ?", p.name, p.institution, u.ID)
		learners = append(learners, u)
	}
	id := newCohort(t, env, instructor, learners...)
	mod := env.App.Catalog.Tracks[0].Modules[0]
	complete(t, env, learners[4], mod.Lessons[0].Slug) // Ada: a lesson, no module
	for _, l := range mod.Lessons {
		complete(t, env, learners[2], l.Slug) // Chloé: the first module, last
	}
	submit(env, learners[2], start(t, env, learners[2], evalQuiz).ID, rightAnswers("wait"))
	// Ada joined an hour ago and was last active half an hour ago.
	hourAgo := time.Now().UTC().Add(-time.Hour)
	env.Exec("UPDATE cohort_members SET added_at = ? WHERE cohort_id = ? AND user_id = ?", hourAgo, id, learners[4].ID)
	env.Exec("UPDATE lesson_completions SET completed_at = ? WHERE user_id = ?", hourAgo.Add(30*time.Minute), learners[4].ID)
	if _, err := env.App.Store.RebuildSummaries(context.Background()); err != nil { // the records changed behind the summaries' back
		t.Fatal(err)
	}

	read := func(query string) gridPage {
		t.Helper()
		resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress?" + query, Token: instructor.AccessToken})
		if resp.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", query, resp.Status, resp.Body)
		}
		var p gridPage
		resp.Decode(t, &p)
		return p
	}
	first := read("per_page=2")
	if got := first.names(); !slices.Equal(got, []string{"Ada Vance", "bruno Ypsilon"}) || first.Page.Total != 5 || first.Page.CohortLearners != 5 ||
		first.Page.Number != 1 || first.Page.PerPage != 2 {
		t.Fatalf("first page by name, any case: %v %+v", got, first.Page)
	}
	if len(first.ByDiscipline) != 2 || first.ByDiscipline[0].Learners != 3 || first.ByDiscipline[1].Learners != 2 || first.ByModule[0].Completed != 1 || first.ByExercise == nil {
		t.Fatalf("summary rows cover every learner: %+v %+v", first.ByDiscipline, first.ByModule[0])
	}
	if got := read("per_page=2&page=3").names(); !slices.Equal(got, []string{"Émile Zola"}) {
		t.Fatalf("last page: %v", got)
	}
	if got := read("per_page=2&page=4"); len(got.Learners) != 0 || got.Page.Total != 5 {
		t.Fatalf("past the last page: %v", got.names())
	}
	if got := read("sort=name&order=desc").names(); !slices.Equal(got, []string{"Émile Zola", "Dario Weber", "Chloé Xavier", "bruno Ypsilon", "Ada Vance"}) {
		t.Fatalf("by name, descending: %v", got)
	}
	if got := read("sort=progress&order=desc&per_page=1").Learners; len(got) != 1 || got[0].Name != "Chloé Xavier" || got[0].Percent == 0 {
		t.Fatalf("furthest first: %+v", got)
	}
	last := read("sort=last_activity&order=desc").Learners
	if last[0].Name != "Chloé Xavier" || last[1].Name != "Ada Vance" || last[0].LastActivity == nil || last[2].LastActivity != nil ||
		last[0].LastActivity.Before(*last[1].LastActivity) {
		t.Fatalf("most recently active first, then those never active by name: %+v", last)
	}
	if got := read("sort=discipline").names(); !slices.Equal(got, []string{"bruno Ypsilon", "Dario Weber", "Ada Vance", "Émile Zola", "Chloé Xavier"}) {
		t.Fatalf("by discipline, then name: %v", got)
	}
	if got := read("sort=team_status").names(); len(got) != 5 {
		t.Fatalf("by team status: %v", got)
	}
	found := read("q=" + url.QueryEscape("hôpital"))
	if got := found.names(); !slices.Equal(got, []string{"Chloé Xavier", "Émile Zola"}) || found.Page.Total != 2 || found.Page.CohortLearners != 5 ||
		found.ByDiscipline[0].Learners != 3 {
		t.Fatalf("search on institution, any case: %v %+v", got, found.Page)
	}
	if got := read("q=" + url.QueryEscape(learners[3].Email[:12])).names(); !slices.Equal(got, []string{"Dario Weber"}) {
		t.Fatalf("search on email: %v", got)
	}
	if got := read("q=YPSI").names(); !slices.Equal(got, []string{"bruno Ypsilon"}) {
		t.Fatalf("search on name: %v", got)
	}

	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress?format=csv&per_page=1&sort=name&order=desc&q=" +
		url.QueryEscape("universität"), Token: instructor.AccessToken})
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(resp.Body), "\ufeff"))).ReadAll()
	if err != nil || len(records) != 3 || records[1][0] != "Dario Weber" || records[2][0] != "Ada Vance" ||
		records[0][len(records[0])-1] != "last activity" || records[2][len(records[2])-1] == "" || records[1][len(records[1])-1] != "" {
		t.Fatalf("CSV: every learner found, in order, whatever the page: %q %v", records, err)
	}

	for _, bad := range []string{"sort=email", "order=up", "page=0", "per_page=501", "per_page=x", "q=" + strings.Repeat("a", 201)} {
		resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress?" + bad, Token: instructor.AccessToken})
		if resp.Status != http.StatusUnprocessableEntity || resp.ErrorCode() != "validation_failed" {
			t.Fatalf("%s: %d %s", bad, resp.Status, resp.Body)
		}
	}
}

// Read page after page, each starting after the last row of the one before (as the CSV reads
// them), the grid lists every member once and in the order of a single page of them all, in
// every sort and direction, with names, disciplines and standings tied.
func TestCohortGridPagesFollowOneAnother(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	var learners []*testenv.User
	for i := range 11 {
		u := env.Learner([]string{"medicine", "nursing", "computer_science"}[i%3])
		env.Exec("UPDATE users SET name = ? WHERE id = ?", []string{"Kim Lee", "Alex Roe", "Sam Poe"}[i%3], u.ID)
		learners = append(learners, u)
	}
	id := newCohort(t, env, instructor, learners...)
	mod := env.App.Catalog.Tracks[0].Modules[0]
	for _, u := range learners[:4] {
		complete(t, env, u, mod.Lessons[0].Slug)
	}
	for _, l := range mod.Lessons {
		complete(t, env, learners[5], l.Slug)
		complete(t, env, learners[8], l.Slug)
	}
	ctx := context.Background()
	if _, err := env.App.Store.RebuildSummaries(ctx); err != nil { // the names changed behind the summaries' back
		t.Fatal(err)
	}
	ids := func(rows []models.ProgressRow) []string {
		out := make([]string, len(rows))
		for i, r := range rows {
			out[i] = r.ID
		}
		return out
	}
	for _, sort := range []string{"name", "discipline", "progress", "last_activity", "team_status"} {
		for _, desc := range []bool{false, true} {
			q := models.ProgressQuery{Sort: sort, Desc: desc, Limit: 100, Members: -1}
			all, total, err := env.App.Store.CohortProgressPage(ctx, id, q)
			if err != nil || total != 11 || len(all) != 11 {
				t.Fatalf("%s desc=%v: %d of %d rows, %v", sort, desc, len(all), total, err)
			}
			var paged []models.ProgressRow
			for q.Limit = 3; ; {
				rows, _, err := env.App.Store.CohortProgressPage(ctx, id, q)
				if err != nil {
					t.Fatal(err)
				}
				paged = append(paged, rows...)
				if len(rows) < q.Limit || len(paged) > 11 {
					break
				}
				q.After = &rows[len(rows)-1].Position
			}
			if !slices.Equal(ids(paged), ids(all)) {
				t.Errorf("%s desc=%v: pages after one another list %v, one page %v", sort, desc, ids(paged), ids(all))
			}
		}
	}
}
