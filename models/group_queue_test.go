package models_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"tandem/models"
)

// plainStatements builds an event's statement as its verb and object only.
type plainStatements struct{}

func (plainStatements) Statement(ev models.ProgressEvent) (string, error) {
	return fmt.Sprintf(`{"verb":%q,"object":%q}`, ev.Verb, ev.ObjectID), nil
}

// groupFixture is a cohort of ten learners taking quiz "q" (see itemQuiz), with a store that
// holds their starts and submissions until the test writes them together.
type groupFixture struct {
	store *models.Store
}

func newGroupFixture(t *testing.T) *groupFixture {
	t.Helper()
	ctx := context.Background()
	store := storeWith(t, "202612097001_rate_limit_milliseconds", models.Options{Statements: plainStatements{}})
	if err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	itemQuiz(t, store)
	now, joined := time.Now(), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	exec := func(stmt string, args ...any) {
		t.Helper()
		if err := store.DB().Exec(stmt, args...).Error; err != nil {
			t.Fatal(err)
		}
	}
	user := "INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at) VALUES (?, ?, ?, ?, '', ?, '!', '{}', ?, ?)"
	exec(user, "i000", "i000@tandem.test", "Instructor", "medicine", "instructor", now, now)
	exec("INSERT INTO cohorts (id, name, owner_id, created_at) VALUES ('c', 'Cohort', 'i000', ?)", now)
	exec("INSERT INTO cohort_tracks (cohort_id, track_slug) VALUES ('c', 't')")
	for u := range 10 {
		id := fmt.Sprintf("u%03d", u)
		exec(user, id, id+"@tandem.test", fmt.Sprintf("Learner %d", u), []string{"medicine", "computer_science"}[u%2], "learner", now, now)
		exec("INSERT INTO cohort_members (cohort_id, user_id, added_at) VALUES ('c', ?, ?)", id, joined)
	}
	if _, err := store.RebuildSummaries(ctx); err != nil { // the members' rows, as joining writes them
		t.Fatal(err)
	}
	return &groupFixture{store: store}
}

// submitHeld submits subs at once while the store holds them, then writes them; it returns each
// submission's error and the sizes of the groups they were written in.
func (f *groupFixture) submitHeld(t *testing.T, subs ...models.GradedAttempt) ([]error, []int) {
	t.Helper()
	waiting, release := f.store.HoldSubmissions()
	return runHeld(t, len(subs), waiting, release, func(i int) error {
		_, err := f.store.SubmitAttempt(context.Background(), subs[i])
		return err
	})
}

// runHeld runs write(0) to write(n-1) at once, waits until all n are held, releases them and
// returns their errors and the sizes of the groups they were written in.
func runHeld(t *testing.T, n int, waiting func() int, release func() []int, write func(int) error) ([]error, []int) {
	t.Helper()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = write(i) })
	}
	for deadline := time.Now().Add(10 * time.Second); waiting() < n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d writes waiting", waiting(), n)
		}
	}
	sizes := release()
	wg.Wait()
	return errs, sizes
}

// submitted reports whether the attempt is submitted and how many responses it has stored.
func (f *groupFixture) submitted(t *testing.T, attemptID string) (bool, int64) {
	t.Helper()
	var a models.QuizAttempt
	if err := f.store.DB().Where("id = ?", attemptID).Take(&a).Error; err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := f.store.DB().Model(&models.QuestionResponse{}).Where("attempt_id = ?", attemptID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return a.SubmittedAt != nil, n
}

// sameAsRebuilt checks the cohort's summaries against a rebuild from the records.
func (f *groupFixture) sameAsRebuilt(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	rows, cells, counts, err := f.store.SummaryRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || len(cells) == 0 {
		t.Fatalf("no summaries kept: %d rows, %d cells", len(rows), len(cells))
	}
	if _, err := f.store.RebuildSummaries(ctx); err != nil {
		t.Fatal(err)
	}
	rebuilt, rebuiltCells, rebuiltCounts, err := f.store.SummaryRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows, rebuilt) || !reflect.DeepEqual(cells, rebuiltCells) || !reflect.DeepEqual(counts, rebuiltCounts) {
		t.Errorf("summaries kept by grouped submissions differ from a rebuild:\nrows  %+v\nwant  %+v\ncells %+v\nwant  %+v\ncounts %+v\nwant   %+v",
			rows, rebuilt, cells, rebuiltCells, counts, rebuiltCounts)
	}
}

// Submissions that arrive together are written in one group: each learner's grade, responses,
// summaries and item sums as if written alone, and an attempt submitted before is refused
// without costing the others theirs.
func TestSubmissionsArrivingTogetherShareATransaction(t *testing.T) {
	f := newGroupFixture(t)
	var subs []models.GradedAttempt
	for u := range 8 {
		subs = append(subs, openAttempt(t, f.store, u, 1))
	}
	early := openAttempt(t, f.store, 8, 1)
	if _, err := f.store.SubmitAttempt(context.Background(), early); err != nil {
		t.Fatal(err)
	}
	errs, sizes := f.submitHeld(t, append(subs, early)...)
	if !slices.Equal(sizes, []int{9}) {
		t.Errorf("written in groups of %v, want one group of 9", sizes)
	}
	for i, err := range errs[:8] {
		if err != nil {
			t.Errorf("learner %d: %v", i, err)
		}
		if done, n := f.submitted(t, subs[i].Attempt.ID); !done || n != 4 {
			t.Errorf("learner %d: submitted %v with %d responses, want 4", i, done, n)
		}
	}
	if !errors.Is(errs[8], models.ErrConflict) {
		t.Errorf("an attempt submitted before: %v, want a conflict", errs[8])
	}
	if _, n := f.submitted(t, early.Attempt.ID); n != 4 {
		t.Errorf("an attempt submitted twice has %d responses, want 4", n)
	}
	compareScopes(t, f.store)
	f.sameAsRebuilt(t)
}

// A group one submission of which fails is written again one submission at a time: the
// others are stored, the failing one is not, not even in part.
func TestOneFailingSubmissionDoesNotFailItsGroup(t *testing.T) {
	f := newGroupFixture(t)
	good, other := openAttempt(t, f.store, 0, 1), openAttempt(t, f.store, 1, 1)
	bad := openAttempt(t, f.store, 2, 1)
	bad.Responses = append(bad.Responses, bad.Responses[0]) // the same question twice
	errs, sizes := f.submitHeld(t, good, bad, other)
	if !slices.Equal(sizes, []int{3}) {
		t.Errorf("written in groups of %v, want one group of 3", sizes)
	}
	if errs[0] != nil || errs[2] != nil {
		t.Errorf("the good submissions: %v, %v", errs[0], errs[2])
	}
	if errs[1] == nil {
		t.Error("a submission storing one question's response twice was accepted")
	}
	for _, sub := range []models.GradedAttempt{good, other} {
		if done, n := f.submitted(t, sub.Attempt.ID); !done || n != 4 {
			t.Errorf("%s: submitted %v with %d responses, want 4", sub.Attempt.ID, done, n)
		}
	}
	if done, n := f.submitted(t, bad.Attempt.ID); done || n != 0 {
		t.Errorf("the failing submission left its attempt submitted %v with %d responses", done, n)
	}
	f.sameAsRebuilt(t)
}

// A learner's second submission waits for the next group, so the learner's attempts are
// counted in turn.
func TestALearnersSubmissionsGoInTurn(t *testing.T) {
	f := newGroupFixture(t)
	first, second, other := openAttempt(t, f.store, 1, 1), openAttempt(t, f.store, 1, 2), openAttempt(t, f.store, 2, 1)
	errs, sizes := f.submitHeld(t, first, second, other)
	if !slices.Equal(sizes, []int{2, 1}) {
		t.Errorf("written in groups of %v, want 2 then 1", sizes)
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("submission %d: %v", i, err)
		}
	}
	compareScopes(t, f.store)
	f.sameAsRebuilt(t)
}

// startLimit is the limit of starts in these tests.
var startLimit = models.Limit{Max: 5, Window: time.Hour}

// start is learner u's start at "q", with a start key when key is not empty; plan allows
// allowed attempts (0: any number).
type start struct {
	a       *models.QuizAttempt
	allowed int
}

func newStart(u int, key string, allowed int) start {
	a := &models.QuizAttempt{UserID: fmt.Sprintf("u%03d", u), QuizSlug: "q", QuizHash: "h", StartedAt: time.Now().UTC()}
	if key != "" {
		a.StartKey = &key
	}
	return start{a: a, allowed: allowed}
}

func (f *groupFixture) startNow(st start) error {
	ev := models.NewEvent(st.a.UserID, "attempted", "quiz", "q", "t", nil)
	plan := func([]models.Accommodation) (*time.Time, int) { return nil, st.allowed }
	return f.store.StartAttempt(context.Background(), st.a, startLimit, plan, ev, nil)
}

// startHeld is submitHeld for starts.
func (f *groupFixture) startHeld(t *testing.T, starts ...start) ([]error, []int) {
	t.Helper()
	waiting, release := f.store.HoldStarts()
	return runHeld(t, len(starts), waiting, release, func(i int) error { return f.startNow(starts[i]) })
}

// hits counts one more hit on learner u's limit of starts and returns the hits counted.
func (f *groupFixture) hits(t *testing.T, u int) int {
	t.Helper()
	n, _, err := f.store.HitRateLimit(context.Background(), fmt.Sprintf("attempts:u%03d", u), startLimit.Window)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Starts that arrive together are stored in one group: each learner's attempt numbered and
// stored with its event, each start counted once on the learner's limit.
func TestStartsArrivingTogetherShareATransaction(t *testing.T) {
	f := newGroupFixture(t)
	var starts []start
	for u := range 6 {
		starts = append(starts, newStart(u, "", 0))
	}
	errs, sizes := f.startHeld(t, starts...)
	if !slices.Equal(sizes, []int{6}) {
		t.Errorf("stored in groups of %v, want one group of 6", sizes)
	}
	for u, st := range starts {
		if errs[u] != nil || st.a.ID == "" || st.a.Number != 1 {
			t.Errorf("learner %d: %v, attempt %q number %d", u, errs[u], st.a.ID, st.a.Number)
		}
		var events int64
		if err := f.store.DB().Model(&models.ProgressEvent{}).Where("user_id = ? AND verb = 'attempted'", st.a.UserID).Count(&events).Error; err != nil {
			t.Fatal(err)
		}
		if events != 1 {
			t.Errorf("learner %d: %d events, want 1", u, events)
		}
		if n := f.hits(t, u); n != 2 {
			t.Errorf("learner %d: the start counted %d hits, want 1", u, n-1)
		}
	}
}

// A start refused in a group (every attempt used, a start key used before) is refused as if
// alone, without counting its hit, and the others are stored, each hit counted once.
func TestARefusedStartDoesNotFailItsGroup(t *testing.T) {
	f := newGroupFixture(t)
	used, keyed := newStart(0, "", 1), newStart(3, "key-3", 0)
	for _, st := range []start{used, keyed} {
		if err := f.startNow(st); err != nil {
			t.Fatal(err)
		}
	}
	again, retried := newStart(0, "", 1), newStart(3, "key-3", 0)
	fine, other := newStart(1, "", 1), newStart(2, "", 0)
	errs, sizes := f.startHeld(t, fine, again, retried, other)
	if !slices.Equal(sizes, []int{4}) {
		t.Errorf("stored in groups of %v, want one group of 4", sizes)
	}
	if !errors.Is(errs[1], models.ErrLimitReached) {
		t.Errorf("a start past the attempts allowed: %v, want ErrLimitReached", errs[1])
	}
	if !errors.Is(errs[2], models.ErrKeyUsed) || retried.a.ID != keyed.a.ID {
		t.Errorf("a start key used before: %v, attempt %q, want ErrKeyUsed and %q", errs[2], retried.a.ID, keyed.a.ID)
	}
	for _, i := range []int{0, 3} {
		if errs[i] != nil {
			t.Errorf("start %d: %v", i, errs[i])
		}
	}
	for u, want := range map[int]int{0: 2, 1: 2, 2: 2, 3: 2} {
		if n := f.hits(t, u); n != want {
			t.Errorf("learner %d: %d hits counted, want %d", u, n-1, want-1)
		}
	}
}

// A group writes each table in one statement (on PostgreSQL, of arrays); what it stores reads
// back as what was given, as a lone write stores it: an attempt's columns left zero get their
// defaults, a start key and a missing deadline stay what they were, and scores keep every digit.
func TestAGroupStoresWhatLoneWritesStore(t *testing.T) {
	f := newGroupFixture(t)
	db := f.store.DB()
	if err := f.startNow(newStart(0, "", 0)); err != nil {
		t.Fatal(err)
	}
	starts := []start{newStart(1, "", 0), newStart(2, "key-2", 0), newStart(3, "", 0)}
	if errs, sizes := f.startHeld(t, starts...); !slices.Equal(sizes, []int{3}) || errors.Join(errs...) != nil {
		t.Fatalf("starts stored in groups of %v: %v", sizes, errs)
	}
	var attempts []models.QuizAttempt
	if err := db.Where("quiz_slug = 'q'").Order("user_id").Find(&attempts).Error; err != nil {
		t.Fatal(err)
	}
	if len(attempts) != 4 {
		t.Fatalf("%d attempts stored, want 4", len(attempts))
	}
	normalised := func(a models.QuizAttempt) models.QuizAttempt {
		a.ID, a.UserID, a.Seed, a.StartKey, a.StartedAt = "", "", 0, nil, time.Time{}
		return a
	}
	for i, a := range attempts[1:] {
		if got, want := normalised(a), normalised(attempts[0]); !reflect.DeepEqual(got, want) {
			t.Errorf("an attempt started in a group:\n%+v\nalone:\n%+v", got, want)
		}
		if a.StartedAt.Sub(starts[i].a.StartedAt).Abs() >= time.Microsecond {
			t.Errorf("started at %v, want %v", a.StartedAt, starts[i].a.StartedAt)
		}
	}
	if a := attempts[0]; a.Answers != "[]" || a.Results != "[]" || a.Deadline != nil || a.SubmittedAt != nil {
		t.Errorf("a started attempt: answers %q, results %q, deadline %v, submitted %v", a.Answers, a.Results, a.Deadline, a.SubmittedAt)
	}
	if k := attempts[2].StartKey; k == nil || *k != "key-2" || attempts[1].StartKey != nil {
		t.Errorf("start keys %v and %v, want key-2 and none", attempts[2].StartKey, attempts[1].StartKey)
	}
	var events []models.ProgressEvent
	if err := db.Where("verb = 'attempted'").Order("user_id").Find(&events).Error; err != nil {
		t.Fatal(err)
	}
	if len(events) != 4 {
		t.Fatalf("%d events stored, want 4", len(events))
	}
	for _, e := range events {
		if e.Result != "{}" || e.Statement != `{"verb":"attempted","object":"q"}` || e.CreatedAt.IsZero() || e.ObjectID != "q" || e.TrackSlug != "t" {
			t.Errorf("an event stored as %+v", e)
		}
	}

	var subs []models.GradedAttempt
	for u := 4; u < 7; u++ {
		sub := openAttempt(t, f.store, u, 1)
		sub.Responses[3].Score, sub.Responses[3].Rest = 1.0/3, 2.0/3 // every digit of a float64 kept
		key := fmt.Sprintf("submit-%d", u)
		sub.Attempt.SubmitKey = &key
		subs = append(subs, sub)
	}
	if errs, sizes := f.submitHeld(t, subs...); !slices.Equal(sizes, []int{3}) || errors.Join(errs...) != nil {
		t.Fatalf("submissions stored in groups of %v: %v", sizes, errs)
	}
	for _, sub := range subs {
		var a models.QuizAttempt
		if err := db.Where("id = ?", sub.Attempt.ID).Take(&a).Error; err != nil {
			t.Fatal(err)
		}
		want := sub.Attempt
		if a.Score != want.Score || a.Percent != want.Percent || a.Passed != want.Passed || a.SubmittedAt == nil ||
			!a.SubmittedAt.Equal(*want.SubmittedAt) || a.SubmitKey == nil || *a.SubmitKey != *want.SubmitKey {
			t.Errorf("attempt %s graded as %+v, want %+v", a.ID, a, *want)
		}
		var stored []models.QuestionResponse
		if err := db.Where("attempt_id = ?", sub.Attempt.ID).Order("question_id").Find(&stored).Error; err != nil {
			t.Fatal(err)
		}
		if len(stored) != len(sub.Responses) {
			t.Fatalf("attempt %s: %d responses stored, want %d", sub.Attempt.ID, len(stored), len(sub.Responses))
		}
		for i, r := range stored {
			w := sub.Responses[i]
			r.SubmittedAt, w.SubmittedAt = r.SubmittedAt.UTC(), w.SubmittedAt.UTC()
			if !reflect.DeepEqual(r, w) {
				t.Errorf("a response stored as\n%+v\nwant\n%+v", r, w)
			}
		}
	}
	compareScopes(t, f.store)
	f.sameAsRebuilt(t)
}
