package models_test

import (
	"context"
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"tandem/models"
)

// itemQuiz stores the track, module and quiz "q" that attempts belong to.
func itemQuiz(t testing.TB, store *models.Store) {
	t.Helper()
	at := time.Now().UTC()
	for _, stmt := range []string{
		"INSERT INTO tracks (slug, title, audience, position, hash, retired, updated_at) VALUES ('t', 'T', 'clinical', 0, 'h', false, ?)",
		"INSERT INTO modules (slug, track_slug, title, position, hash, retired, updated_at) VALUES ('m', 't', 'M', 0, 'h', false, ?)",
		"INSERT INTO quizzes (slug, module_slug, title, hash, retired, content_updated_at) VALUES ('q', 'm', 'Q', 'h', false, ?)",
	} {
		if err := store.DB().Exec(stmt, at).Error; err != nil {
			t.Fatal(err)
		}
	}
}

// gradedAttempt is learner u's attempt number n at quiz "q", graded with scores on four
// questions of 1, 1, 2 and 0.5 points; the choices of the first two depend on the scores.
func gradedAttempt(u, n int, scores [4]float64) (*models.QuizAttempt, []models.QuestionResponse) {
	maxes := [4]float64{1, 1, 2, 0.5}
	at := time.Date(2026, 12, 1, 9, 0, n, 0, time.UTC)
	a := &models.QuizAttempt{ID: fmt.Sprintf("a%03d%d", u, n), UserID: fmt.Sprintf("u%03d", u), QuizSlug: "q", Number: n,
		QuizHash: "h", StartedAt: at, SubmittedAt: &at, Answers: "[]", Results: "[]"}
	for i, s := range scores {
		a.Score, a.MaxScore = a.Score+s, a.MaxScore+maxes[i]
	}
	a.Percent = 100 * a.Score / a.MaxScore
	a.Passed = a.Percent >= 50
	group := []string{"clinical", "technical", "other"}[u%3]
	out := make([]models.QuestionResponse, 4)
	for i, s := range scores {
		choice := ""
		if i < 2 {
			choice = map[bool]string{true: "a", false: "b,c"}[s == maxes[i]]
		}
		out[i] = models.QuestionResponse{AttemptID: a.ID, QuestionID: fmt.Sprintf("q%d", i), QuizSlug: "q", UserID: a.UserID,
			AttemptNumber: n, DisciplineGroup: group, Score: s, MaxScore: maxes[i], Rest: a.Score - s, Answered: true, Choice: choice, SubmittedAt: at}
	}
	return a, out
}

// scoresOf varies with learner and attempt, with half points and, for every fifth learner,
// attempts of equal totals that differ question by question.
func scoresOf(u, n int) [4]float64 {
	return [4]float64{float64((u + n) % 2), float64((u + n + 1) % 2), float64((u * n) % 5 / 2), 0.5 * float64(u%2)}
}

// addLearner stores learner u (id "u" and three digits), in medicine.
func addLearner(tb testing.TB, store *models.Store, u int) {
	tb.Helper()
	if err := store.DB().Exec("INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at) VALUES (?, ?, 'L', 'medicine', '', 'learner', '!', '{}', ?, ?)",
		fmt.Sprintf("u%03d", u), fmt.Sprintf("u%03d@tandem.test", u), time.Now(), time.Now()).Error; err != nil {
		tb.Fatal(err)
	}
}

// openAttempt stores learner u's attempt number n at "q", not yet submitted, and returns it
// graded with scoresOf(u, n), as a submission would store it.
func openAttempt(tb testing.TB, store *models.Store, u, n int) models.GradedAttempt {
	tb.Helper()
	a, responses := gradedAttempt(u, n, scoresOf(u, n))
	started := *a
	started.SubmittedAt, started.Score, started.Percent, started.Passed = nil, 0, 0, false
	if err := store.DB().Create(&started).Error; err != nil {
		tb.Fatal(err)
	}
	return models.GradedAttempt{Attempt: a, Responses: responses}
}

// sameItemData compares two item analyses' data to rounding.
func sameItemData(t *testing.T, what string, got, want *models.ItemData) {
	t.Helper()
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	if got.Totals.N != want.Totals.N || got.Totals.Questions != want.Totals.Questions || !near(got.Totals.T, want.Totals.T) || !near(got.Totals.TT, want.Totals.TT) {
		t.Errorf("%s: totals %+v, want %+v", what, got.Totals, want.Totals)
	}
	sums := map[string]models.ResponseSums{}
	for _, s := range want.Sums {
		sums[s.QuestionID+"/"+s.Group] = s
	}
	if len(got.Sums) != len(want.Sums) {
		t.Errorf("%s: %d sums, want %d", what, len(got.Sums), len(want.Sums))
	}
	for _, g := range got.Sums {
		w := sums[g.QuestionID+"/"+g.Group]
		if g.N != w.N || !near(g.X, w.X) || !near(g.XX, w.XX) || !near(g.P, w.P) || !near(g.PP, w.PP) || !near(g.R, w.R) || !near(g.RR, w.RR) || !near(g.XR, w.XR) {
			t.Errorf("%s: sums %+v, want %+v", what, g, w)
		}
	}
	count := func(d *models.ItemData) map[string]int {
		out := map[string]int{}
		for _, s := range d.Strata {
			out[fmt.Sprintf("%s/%s/%d right", s.QuestionID, s.Group, s.Level)] += s.Right
			out[fmt.Sprintf("%s/%s/%d wrong", s.QuestionID, s.Group, s.Level)] += s.Wrong
		}
		for _, c := range d.Choices {
			out[c.QuestionID+" chose "+c.Choice] += c.N
		}
		for k, v := range out {
			if v == 0 {
				delete(out, k)
			}
		}
		return out
	}
	if g, w := fmt.Sprint(count(got)), fmt.Sprint(count(want)); g != w {
		t.Errorf("%s: strata and choices\n got %s\nwant %s", what, g, w)
	}
}

// compareScopes checks every platform-wide scope's kept sums against the responses.
func compareScopes(t *testing.T, store *models.Store) {
	t.Helper()
	ctx := context.Background()
	for _, sc := range []models.ResponseScope{{Attempts: models.AttemptsAll}, {Attempts: models.AttemptsFirst},
		{Attempts: models.AttemptsCounted}, {Attempts: models.AttemptsCounted, GradeLast: true}} {
		sc.Quiz = "q"
		kept, err := store.ItemData(ctx, sc)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := store.AggregatedItemData(ctx, sc)
		if err != nil {
			t.Fatal(err)
		}
		if kept.Totals.N == 0 {
			t.Errorf("%+v: no attempts", sc)
		}
		sameItemData(t, fmt.Sprintf("%s last=%v", sc.Attempts, sc.GradeLast), kept, fresh)
	}
}

// Thirty learners submit up to three attempts each, some out of order and each learner's
// attempts at the same time: the item sums kept as they submit equal what the responses add
// up to, for all, first, best and last attempts.
func TestKeptItemSumsEqualTheResponses(t *testing.T) {
	ctx := context.Background()
	store := storeAt(t, "202612059701_item_sums")
	if err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	itemQuiz(t, store)
	var wg sync.WaitGroup
	for u := range 30 {
		addLearner(t, store, u)
		for n := 1; n <= 1+u%3; n++ {
			sub := openAttempt(t, store, u, n)
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := store.SubmitAttempt(ctx, sub); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	// Part of what was submitted is still queued: readers count it all the same.
	if queued := queuedChanges(t, store); queued == 0 {
		t.Error("nothing was left queued for the readers to count")
	}
	compareScopes(t, store)
	// Two servers fold at once, while more attempts are submitted: each queued change is added
	// to the sums once.
	var folds, more sync.WaitGroup
	done := make(chan struct{})
	for range 2 {
		folds.Go(func() {
			for {
				n, err := store.FoldItemSums(ctx, 7)
				if err != nil {
					t.Error(err)
					return
				}
				if n > 0 {
					continue
				}
				select {
				case <-done:
					return
				case <-time.After(time.Millisecond):
				}
			}
		})
	}
	for u := range 30 {
		sub := openAttempt(t, store, u, 4)
		more.Go(func() {
			if _, err := store.SubmitAttempt(ctx, sub); err != nil {
				t.Error(err)
			}
		})
	}
	more.Wait()
	close(done)
	folds.Wait()
	compareScopes(t, store)
	if _, err := store.FoldItemSums(ctx, 1000); err != nil {
		t.Fatal(err)
	}
	if queued := queuedChanges(t, store); queued != 0 {
		t.Errorf("%d item-sum changes are still queued after a fold of everything", queued)
	}
	compareScopes(t, store)
	again, responses := gradedAttempt(0, 1, scoresOf(0, 1))
	if _, err := store.SubmitAttempt(ctx, models.GradedAttempt{Attempt: again, Responses: responses}); err == nil {
		t.Error("an attempt was submitted twice")
	}
	compareScopes(t, store)
}

// queuedChanges counts the item-sum changes waiting to be folded.
func queuedChanges(t testing.TB, store *models.Store) int64 {
	t.Helper()
	var n int64
	if err := store.DB().Model(&models.ItemSumChange{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Attempts submitted before the item sums existed are counted into them when they are made.
func TestItemSumsAreFilledFromPastResponses(t *testing.T) {
	ctx := context.Background()
	store := storeAt(t, "202612058501_lab_teamwork")
	itemQuiz(t, store)
	for u := range 12 {
		if err := store.DB().Exec("INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at) VALUES (?, ?, 'L', 'nursing', '', 'learner', '!', '{}', ?, ?)",
			fmt.Sprintf("u%03d", u), fmt.Sprintf("u%03d@tandem.test", u), time.Now(), time.Now()).Error; err != nil {
			t.Fatal(err)
		}
		for n := 1; n <= 1+u%3; n++ {
			a, responses := gradedAttempt(u, n, scoresOf(u, n))
			// Omit what later migrations add to attempts: this schema predates them.
			if err := store.DB().Omit("Draft", "DraftSavedAt", "Marking").Create(a).Error; err != nil {
				t.Fatal(err)
			}
			if err := store.DB().Create(&responses).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	compareScopes(t, store)
	var slotted int64
	if err := store.DB().Raw("SELECT (SELECT COUNT(*) FROM item_sums WHERE slot <> 0) + (SELECT COUNT(*) FROM item_choices WHERE slot <> 0) + (SELECT COUNT(*) FROM item_totals WHERE slot <> 0)").Scan(&slotted).Error; err != nil {
		t.Fatal(err)
	}
	if slotted != 0 {
		t.Errorf("%d rows kept before the sums had slots are in a slot other than 0", slotted)
	}
}
