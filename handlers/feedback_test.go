package handlers_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"sync"
	"testing"

	"tandem/testenv"
)

func giveFeedback(env *testenv.Env, u *testenv.User, lesson string, rating int, kind, comment string) *testenv.Response {
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lessons/" + lesson + "/feedback", Token: u.AccessToken,
		Body: map[string]any{"rating": rating, "kind": kind, "comment": comment}})
}

type feedbackRow struct {
	Slug string `json:"slug"`
	All  struct {
		N           int      `json:"n"`
		MeanRating  *float64 `json:"mean_rating"`
		OpenReports int      `json:"open_reports"`
	} `json:"all"`
	ByGroup map[string]struct {
		N          int      `json:"n"`
		MeanRating *float64 `json:"mean_rating"`
		Counts     struct {
			Unclear int `json:"unclear"`
			Praise  int `json:"praise"`
		} `json:"counts"`
	} `json:"by_group"`
	Reports []struct {
		ID, Comment, Kind string
	} `json:"reports"`
}

func TestFeedbackLoopSplitByDiscipline(t *testing.T) {
	env := testenv.NewWith(t, testenv.OwnDatabase(t, testenv.Config(t))) // sums every learner's feedback on the lesson
	lesson := env.App.Catalog.Lessons()[1].Slug
	nurse, engineer := env.Learner("nursing"), env.Learner("engineering")
	instructor := env.WithRole("instructor", "medicine")
	newCohort(t, env, instructor, engineer)
	resp := giveFeedback(env, engineer, lesson, 2, "unclear", "What is a vasopressor, and why does the threshold matter?")
	if resp.Status != http.StatusCreated {
		t.Fatalf("feedback: %d %s", resp.Status, resp.Body)
	}
	reportID := resp.JSON(t)["id"].(string)
	giveFeedback(env, nurse, lesson, 5, "praise", "Clear and practical.")

	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/feedback", Token: nurse.AccessToken}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner reads everyone's feedback: %d", resp.Status)
	}
	var sum struct {
		Lessons []feedbackRow `json:"lessons"`
		Modules []feedbackRow `json:"modules"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/feedback", Token: instructor.AccessToken}).Decode(t, &sum)
	var row *feedbackRow
	for i := range sum.Lessons {
		if sum.Lessons[i].Slug == lesson {
			row = &sum.Lessons[i]
		}
	}
	if row == nil {
		t.Fatalf("lesson %s missing from %+v", lesson, sum.Lessons)
	}
	tech, clin := row.ByGroup["technical"], row.ByGroup["clinical"]
	if row.All.N != 2 || *row.All.MeanRating != 3.5 || row.All.OpenReports != 1 || tech.Counts.Unclear != 1 || *tech.MeanRating != 2 ||
		clin.Counts.Praise != 1 || *clin.MeanRating != 5 {
		t.Fatalf("summary row: %+v", row)
	}
	if len(row.Reports) != 1 || row.Reports[0].ID != reportID || !strings.Contains(row.Reports[0].Comment, "vasopressor") {
		t.Fatalf("open reports: %+v", row.Reports)
	}
	// The module row sums its lessons.
	module := env.App.Catalog.Lessons()[1].Module.Slug
	var modRow *feedbackRow
	for i := range sum.Modules {
		if sum.Modules[i].Slug == module {
			modRow = &sum.Modules[i]
		}
	}
	if modRow == nil || modRow.All.N < row.All.N || modRow.ByGroup["technical"].Counts.Unclear < 1 || modRow.All.OpenReports < 1 {
		t.Fatalf("module row: %+v", modRow)
	}

	if resp := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/feedback/" + reportID, Token: engineer.AccessToken,
		Body: map[string]string{"status": "resolved", "response": "mine"}}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner resolves a report: %d", resp.Status)
	}
	resolved := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/feedback/" + reportID, Token: instructor.AccessToken,
		Body: map[string]string{"status": "resolved", "response": "We added a sentence on vasopressors and a glossary link."}})
	if resolved.Status != http.StatusOK || resolved.JSON(t)["status"] != "resolved" {
		t.Fatalf("resolve: %d %s", resolved.Status, resolved.Body)
	}
	mine := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lessons/" + lesson + "/feedback", Token: engineer.AccessToken}).JSON(t)
	items := mine["items"].([]any)
	if len(items) != 1 || !strings.Contains(items[0].(map[string]any)["response"].(string), "vasopressors") {
		t.Fatalf("the learner does not see the response: %v", mine)
	}
	// Nobody else's feedback shows up for a learner.
	if others := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/feedback", Token: nurse.AccessToken}).JSON(t)["items"].([]any); len(others) != 1 {
		t.Fatalf("nurse sees %d items", len(others))
	}
	// When the lesson changes after a report, the report says so.
	env.Exec("UPDATE lesson_feedbacks SET lesson_hash = ? WHERE id = ?", "before-the-revision", reportID)
	again := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/feedback", Token: engineer.AccessToken}).JSON(t)["items"].([]any)
	if again[0].(map[string]any)["lesson_revised"] != true {
		t.Fatalf("lesson_revised not set: %v", again)
	}
	if got := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE verb IN ('commented', 'responded') AND object_id = ?", reportID); got != "2" {
		t.Fatalf("feedback and resolution events: %s, want 2", got)
	}
}

func TestFeedbackReplacesUnderConcurrency(t *testing.T) {
	env := testenv.New(t)
	lesson := env.App.Catalog.Lessons()[2].Slug
	u := env.Learner("medicine")
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			if resp := giveFeedback(env, u, lesson, 1+i%5, "suggestion", "take "+string(rune('a'+i))); resp.Status != http.StatusCreated {
				t.Errorf("feedback %d: %d %s", i, resp.Status, resp.Body)
			}
		})
	}
	wg.Wait()
	if got := env.Scalar("SELECT COUNT(*) FROM lesson_feedbacks WHERE user_id = ?", u.ID); got != "1" {
		t.Fatalf("%s feedback rows for one learner and lesson", got)
	}
}

func TestFeedbackValidation(t *testing.T) {
	env := testenv.New(t)
	lesson := env.App.Catalog.Lessons()[0].Slug
	u := env.Learner("medicine")
	for name, body := range map[string]map[string]any{
		"rating too high":  {"rating": 6, "kind": "error"},
		"rating zero":      {"rating": 0, "kind": "error"},
		"unknown kind":     {"rating": 3, "kind": "rant"},
		"comment too long": {"rating": 3, "kind": "error", "comment": strings.Repeat("x", 2001)},
	} {
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lessons/" + lesson + "/feedback", Token: u.AccessToken, Body: body}); resp.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", name, resp.Status, resp.Body)
		}
	}
	if resp := giveFeedback(env, u, "no-such-lesson", 3, "error", ""); resp.Status != http.StatusNotFound {
		t.Errorf("unknown lesson: %d", resp.Status)
	}
	if got := env.Scalar("SELECT COUNT(*) FROM lesson_feedbacks WHERE user_id = ?", u.ID); got != "0" {
		t.Errorf("refused feedback was stored: %s", got)
	}
}

func TestFeedbackCSVIsSafeFromFormulas(t *testing.T) {
	env := testenv.New(t)
	lesson := env.App.Catalog.Lessons()[3].Slug
	u := env.Learner("data_science")
	giveFeedback(env, u, lesson, 1, "error", `=cmd|' /C calc'!A0`)
	admin := env.WithRole("admin", "other")
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/feedback?format=csv&view=reports", Token: admin.AccessToken})
	if resp.Status != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(resp.Body), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		for _, cell := range row {
			if strings.HasPrefix(cell, "=") {
				t.Fatalf("unescaped formula cell %q", cell)
			}
			if cell == `'=cmd|' /C calc'!A0` {
				found = true
			}
		}
	}
	if !found {
		t.Fatalf("the report's comment is missing from the CSV: %q", rows)
	}
	summary := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/feedback?format=csv", Token: admin.AccessToken})
	if !strings.Contains(string(summary.Body), lesson+",") {
		t.Fatalf("summary CSV lacks the lesson: %s", summary.Body)
	}
}

func TestFeedbackIsRateLimited(t *testing.T) {
	env := testenv.New(t)
	lesson := env.App.Catalog.Lessons()[0].Slug
	u := env.Learner("medicine")
	limited := false
	for i := range 40 {
		resp := giveFeedback(env, u, lesson, 1+i%5, "suggestion", "")
		if resp.Status == http.StatusTooManyRequests {
			limited = i == 30
			break
		}
	}
	if !limited {
		t.Fatal("the 31st feedback in an hour was not refused with 429")
	}
}
