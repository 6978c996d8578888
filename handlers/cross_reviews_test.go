package handlers_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"tandem/auth"
	"tandem/courses"
	"tandem/disciplines"
	"tandem/testenv"
)

// crossFixture is a cohort of three mixed pairs that each submitted work on ex, set to
// cross review with a calibration example the instructor marked at full points.
type crossFixture struct {
	env        *testenv.Env
	instructor *testenv.User
	cohort     string
	ex         *courses.Exercise
	base       string
	teams      []string
	clinical   map[string]*testenv.User // by team
	technical  map[string]*testenv.User
	submission map[string]string // each team's first version
	groups     map[string]string
}

func newCrossFixture(t *testing.T) *crossFixture {
	t.Helper()
	env := testenv.New(t)
	f := &crossFixture{env: env, instructor: env.WithRole(auth.RoleInstructor, "medicine"), ex: env.App.Catalog.Exercises()[0],
		clinical: map[string]*testenv.User{}, technical: map[string]*testenv.User{}, submission: map[string]string{}}
	learners := []*testenv.User{env.Learner("medicine"), env.Learner("nursing"), env.Learner("allied_health"),
		env.Learner("computer_science"), env.Learner("data_science"), env.Learner("engineering")}
	byID := map[string]*testenv.User{}
	for _, l := range learners {
		byID[l.ID] = l
	}
	f.cohort = newCohort(t, env, f.instructor, learners...)
	f.base = "/api/v1/cohorts/" + f.cohort + "/cross-reviews/" + f.ex.Slug
	for _, team := range formPairs(t, env, f.instructor, f.cohort, 11).Teams {
		f.teams = append(f.teams, team.ID)
		for _, m := range team.Members {
			if disciplines.Group(m.Discipline) == disciplines.Clinical {
				f.clinical[team.ID] = byID[m.UserID]
			} else {
				f.technical[team.ID] = byID[m.UserID]
			}
		}
		if f.clinical[team.ID] == nil || f.technical[team.ID] == nil {
			t.Fatalf("team %s is not mixed: %+v", team.Name, team.Members)
		}
		sub := do(t, env, f.clinical[team.ID], "POST", "/api/v1/teams/"+team.ID+"/submissions",
			map[string]any{"exercise": f.ex.Slug, "body_markdown": "Our findings for " + team.Name + "."}, http.StatusCreated)
		f.submission[team.ID] = sub.JSON(t)["id"].(string)
	}
	f.groups = setUpCrossReview(t, env, f.instructor, f.cohort)
	return f
}

// setup is a valid set-up: the example marked at full points on every criterion.
func (f *crossFixture) setup() map[string]any {
	marks := map[string]float64{}
	for _, c := range f.ex.Rubric {
		marks[c.Criterion] = float64(c.MaxPoints)
	}
	return map[string]any{"example_markdown": "An example findings table.", "example_marks": marks, "groups": f.groups, "due_on": "2099-12-31"}
}

// marks gives points to every criterion of group.
func (f *crossFixture) marks(group string, points func(courses.Criterion) float64) map[string]float64 {
	out := map[string]float64{}
	for _, c := range f.ex.Rubric {
		if f.groups[c.Criterion] == group {
			out[c.Criterion] = points(c)
		}
	}
	return out
}

type pairsBody struct {
	Seed  int64 `json:"seed"`
	Pairs []struct {
		ReviewerTeamID string `json:"reviewer_team_id"`
		RevieweeTeamID string `json:"reviewee_team_id"`
		SubmissionID   string `json:"submission_id"`
	} `json:"pairs"`
}

func (f *crossFixture) assign(t *testing.T, seed int64) map[string]string {
	t.Helper()
	var got pairsBody
	do(t, f.env, f.instructor, "POST", f.base+"/assign", map[string]any{"seed": seed}, http.StatusOK).Decode(t, &got)
	out := map[string]string{}
	for _, p := range got.Pairs {
		out[p.ReviewerTeamID] = p.RevieweeTeamID
		if p.SubmissionID != f.submission[p.RevieweeTeamID] {
			t.Errorf("team %s reviews %s, not its latest version", p.ReviewerTeamID, p.SubmissionID)
		}
	}
	return out
}

func (f *crossFixture) count(table string) string {
	return f.env.Scalar("SELECT COUNT(*) FROM "+table+" WHERE cohort_id = ?", f.cohort)
}

// An instructor sets an exercise to cross review and pairs the teams from a seed; reviewers
// calibrate, then mark only their group's criteria; nobody reviews before calibrating; the
// instructor sees weights, weighted scores and disagreements and keeps the decision; the team
// sees what it received without names.
func TestCrossTeamReview(t *testing.T) {
	f := newCrossFixture(t)
	env := f.env
	learner := f.clinical[f.teams[0]]
	do(t, env, learner, "PUT", f.base, f.setup(), http.StatusForbidden)
	bad := f.setup()
	bad["groups"] = map[string]string{f.ex.Rubric[0].Criterion: "clinical"}
	bad["example_marks"] = map[string]float64{f.ex.Rubric[0].Criterion: 99}
	do(t, env, f.instructor, "PUT", f.base, bad, http.StatusUnprocessableEntity)
	var seen struct {
		ExampleMarkdown string `json:"example_markdown"`
		Criteria        []struct {
			Group         string   `json:"group"`
			ExamplePoints *float64 `json:"example_points"`
		} `json:"criteria"`
		Mine *struct {
			Group       string `json:"group"`
			Calibration *struct {
				Accuracy float64 `json:"accuracy"`
			} `json:"calibration"`
			Assignment *struct {
				SubmissionID string `json:"submission_id"`
			} `json:"assignment"`
			Received []map[string]any `json:"received"`
			Scores   []struct {
				Weighted *float64 `json:"weighted"`
			} `json:"scores"`
		} `json:"mine"`
	}
	do(t, env, learner, "GET", f.base, nil, http.StatusOK).Decode(t, &seen)
	if seen.ExampleMarkdown != "" || seen.Criteria[0].ExamplePoints != nil || seen.Mine == nil || seen.Mine.Calibration != nil || seen.Mine.Group != "clinical" {
		t.Fatalf("a member before calibrating sees no marks of the example: %+v", seen)
	}
	do(t, env, env.Learner("medicine"), "GET", f.base, nil, http.StatusNotFound)

	pairs := f.assign(t, 42)
	if len(pairs) != 3 {
		t.Fatalf("three teams, three pairs: %v", pairs)
	}
	for reviewer, reviewee := range pairs {
		if reviewer == reviewee || pairs[reviewee] == reviewer {
			t.Fatalf("a team reviews itself or its reviewer: %v", pairs)
		}
	}
	if again := f.assign(t, 42); len(again) != 3 || again[f.teams[0]] != pairs[f.teams[0]] || again[f.teams[1]] != pairs[f.teams[1]] {
		t.Fatalf("the same seed pairs the same: %v then %v", pairs, again)
	}

	reviewer := f.teams[0]
	reviewee := pairs[reviewer]
	clin, tech := f.clinical[reviewer], f.technical[reviewer]
	full := func(c courses.Criterion) float64 { return float64(c.MaxPoints) }
	half := func(c courses.Criterion) float64 { return float64(c.MaxPoints) / 2 }
	if code := do(t, env, clin, "PUT", f.base+"/review", map[string]any{"marks": f.marks("clinical", full)}, http.StatusConflict).ErrorCode(); code != "calibration_required" {
		t.Fatalf("a review before calibrating: %s", code)
	}
	if n := f.count("cross_review_marks"); n != "0" {
		t.Fatalf("a refused review stored %s rows", n)
	}
	do(t, env, clin, "POST", f.base+"/calibration", map[string]any{"marks": f.marks("technical", full)}, http.StatusUnprocessableEntity)
	var cal struct {
		Accuracy float64 `json:"accuracy"`
	}
	do(t, env, clin, "POST", f.base+"/calibration", map[string]any{"marks": f.marks("clinical", full)}, http.StatusCreated).Decode(t, &cal)
	if cal.Accuracy != 1 {
		t.Fatalf("the instructor's own marks are accuracy 1: %v", cal.Accuracy)
	}
	if code := do(t, env, clin, "POST", f.base+"/calibration", map[string]any{"marks": f.marks("clinical", half)}, http.StatusConflict).ErrorCode(); code != "already_calibrated" {
		t.Fatalf("a second calibration: %s", code)
	}
	do(t, env, tech, "POST", f.base+"/calibration", map[string]any{"marks": f.marks("technical", half)}, http.StatusCreated).Decode(t, &cal)
	if cal.Accuracy != 0.5 {
		t.Fatalf("half of every maximum away is accuracy 0.5: %v", cal.Accuracy)
	}
	do(t, env, learner, "GET", f.base, nil, http.StatusOK).Decode(t, &seen)
	if seen.Mine.Calibration == nil || seen.Criteria[0].ExamplePoints == nil || seen.Criteria[1].ExamplePoints != nil {
		t.Fatalf("once calibrated, a reviewer sees the example's marks on their group's criteria only: %+v", seen)
	}

	do(t, env, clin, "PUT", f.base+"/review", map[string]any{"marks": f.marks("technical", full)}, http.StatusUnprocessableEntity)
	do(t, env, f.instructor, "PUT", f.base+"/review", map[string]any{"marks": f.marks("clinical", full)}, http.StatusForbidden)
	do(t, env, clin, "PUT", f.base+"/review", map[string]any{"marks": f.marks("clinical", half), "comment": "Clear scenarios."}, http.StatusOK)
	do(t, env, clin, "PUT", f.base+"/review", map[string]any{"marks": f.marks("clinical", full), "comment": "Clear scenarios."}, http.StatusOK)
	do(t, env, tech, "PUT", f.base+"/review", map[string]any{"marks": f.marks("technical", half)}, http.StatusOK)
	if n := f.count("cross_review_marks"); n != "2" {
		t.Fatalf("saving again replaces: %s rows", n)
	}
	if code := do(t, env, f.instructor, "POST", f.base+"/assign", map[string]any{"seed": 7}, http.StatusConflict).ErrorCode(); code != "reviews_started" {
		t.Fatalf("pairing again once reviews started: %s", code)
	}

	// A late version after the pairing is not what the reviewers mark.
	do(t, env, f.clinical[reviewee], "POST", "/api/v1/teams/"+reviewee+"/submissions",
		map[string]any{"exercise": f.ex.Slug, "body_markdown": "A second version."}, http.StatusCreated)
	scores := map[string]float64{}
	for _, c := range f.ex.Rubric {
		scores[c.Criterion] = 0
	}
	do(t, env, f.instructor, "POST", "/api/v1/submissions/"+f.submission[reviewee]+"/reviews",
		map[string]any{"decision": "revise", "scores": scores, "comment": "See the peer reviews."}, http.StatusCreated)

	var results struct {
		Items []struct {
			RevieweeTeamID string `json:"reviewee_team_id"`
			Version        int    `json:"version"`
			LatestVersion  int    `json:"latest_version"`
			Status         string `json:"status"`
			Reviews        []struct {
				ReviewerName string   `json:"reviewer_name"`
				Weight       *float64 `json:"weight"`
			} `json:"reviews"`
			Scores []struct {
				Criterion             string   `json:"criterion"`
				Weighted              *float64 `json:"weighted"`
				Instructor            *float64 `json:"instructor"`
				DiffersFromInstructor bool     `json:"differs_from_instructor"`
			} `json:"scores"`
		} `json:"items"`
		Calibrations []struct {
			Accuracy float64 `json:"accuracy"`
		} `json:"calibrations"`
	}
	do(t, env, learner, "GET", f.base+"/results", nil, http.StatusForbidden)
	do(t, env, f.instructor, "GET", f.base+"/results", nil, http.StatusOK).Decode(t, &results)
	if len(results.Items) != 3 || len(results.Calibrations) != 2 {
		t.Fatalf("results: %+v", results)
	}
	for _, it := range results.Items {
		if it.RevieweeTeamID != reviewee {
			continue
		}
		if it.Version != 1 || it.LatestVersion != 2 || it.Status != "revision_requested" || len(it.Reviews) != 2 || it.Reviews[0].Weight == nil || it.Reviews[0].ReviewerName == "" {
			t.Fatalf("the reviewed team's results: %+v", it)
		}
		first := it.Scores[0]
		if first.Weighted == nil || *first.Weighted != float64(f.ex.Rubric[0].MaxPoints) || first.Instructor == nil || *first.Instructor != 0 || !first.DiffersFromInstructor {
			t.Fatalf("weighted score beside the instructor's: %+v", first)
		}
	}
	do(t, env, f.technical[reviewee], "GET", f.base, nil, http.StatusOK).Decode(t, &seen)
	if len(seen.Mine.Received) != 2 || seen.Mine.Received[0]["reviewer_name"] != nil || seen.Mine.Received[0]["weight"] != nil || seen.Mine.Scores[0].Weighted == nil {
		t.Fatalf("the team sees what it received, without names or weights: %+v", seen.Mine)
	}

	export := do(t, env, clin, "GET", "/api/v1/me/export", nil, http.StatusOK)
	if !strings.Contains(string(export.Body), "Clear scenarios.") || !strings.Contains(string(export.Body), `"calibrations":[{`) {
		t.Fatalf("the export holds the reviewer's calibration and review: %s", export.Body)
	}
	do(t, env, clin, "DELETE", "/api/v1/me", map[string]string{"password": testenv.Password}, http.StatusNoContent)
	if n := env.Scalar("SELECT COUNT(*) FROM cross_review_marks WHERE reviewer_id = ?", clin.ID); n != "0" {
		t.Fatalf("an erased reviewer's marks stay: %s", n)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM cross_review_calibrations WHERE user_id = ?", clin.ID); n != "0" {
		t.Fatalf("an erased reviewer's calibration stays: %s", n)
	}
}

// Two reviewers of one team save at once and both reviews are kept; one reviewer calibrating
// twice at once is stored once; a set-up cannot change once a reviewer has calibrated; after
// the last day nothing is taken.
func TestCrossTeamReviewConcurrency(t *testing.T) {
	f := newCrossFixture(t)
	env := f.env
	pairs := f.assign(t, 3)
	reviewer := f.teams[1]
	full := func(c courses.Criterion) float64 { return float64(c.MaxPoints) }
	clin, tech := f.clinical[reviewer], f.technical[reviewer]
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i, u := range []*testenv.User{clin, clin} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = env.Do(testenv.Request{Method: "POST", Path: f.base + "/calibration", Token: u.AccessToken,
				Body: map[string]any{"marks": f.marks("clinical", full)}}).Status
		}()
	}
	wg.Wait()
	if statuses[0]+statuses[1] != http.StatusCreated+http.StatusConflict {
		t.Fatalf("one calibration at once: %v", statuses)
	}
	do(t, env, tech, "POST", f.base+"/calibration", map[string]any{"marks": f.marks("technical", full)}, http.StatusCreated)
	if code := do(t, env, f.instructor, "PUT", f.base, f.setup(), http.StatusConflict).ErrorCode(); code != "calibration_started" {
		t.Fatalf("changing a calibrated example: %s", code)
	}
	for i, u := range []*testenv.User{clin, tech} {
		group := []string{"clinical", "technical"}[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = env.Do(testenv.Request{Method: "PUT", Path: f.base + "/review", Token: u.AccessToken,
				Body: map[string]any{"marks": f.marks(group, full)}}).Status
		}()
	}
	wg.Wait()
	if statuses[0] != http.StatusOK || statuses[1] != http.StatusOK {
		t.Fatalf("two reviewers saving at once: %v", statuses)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM cross_review_marks WHERE submission_id = ?", f.submission[pairs[reviewer]]); n != "2" {
		t.Fatalf("both reviews kept: %s", n)
	}
	env.Exec("UPDATE cross_reviews SET due_on = '2020-01-01' WHERE cohort_id = ?", f.cohort)
	if code := do(t, env, clin, "PUT", f.base+"/review", map[string]any{"marks": f.marks("clinical", full)}, http.StatusConflict).ErrorCode(); code != "review_closed" {
		t.Fatalf("a review after the last day: %s", code)
	}
}

// setUpCrossReview sets the catalogue's first exercise of a cohort to cross review, with
// criteria marked by clinical and technical reviewers in turn, and returns who marks which.
func setUpCrossReview(t *testing.T, env *testenv.Env, instructor *testenv.User, cohort string) map[string]string {
	t.Helper()
	ex := env.App.Catalog.Exercises()[0]
	f := &crossFixture{ex: ex, groups: map[string]string{}}
	for i, c := range ex.Rubric {
		f.groups[c.Criterion] = []string{"clinical", "technical"}[i%2]
	}
	do(t, env, instructor, "PUT", "/api/v1/cohorts/"+cohort+"/cross-reviews/"+ex.Slug, f.setup(), http.StatusOK)
	return f.groups
}
