package handlers_test

import (
	"net/http"
	"reflect"
	"sync"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// keyChange makes Sensitivity, not PPV, the key of the test quiz's single-choice question.
const keyChangeOld = `      - id: ppv
        text: Positive predictive value
        correct: true
        explanation: PPV falls as the condition becomes rarer.
      - id: sens
        text: Sensitivity
`

const keyChangeNew = `      - id: ppv
        text: Positive predictive value
        explanation: PPV falls as the condition becomes rarer.
      - id: sens
        text: Sensitivity
        correct: true
`

type regradeBody struct {
	DryRun   bool `json:"dry_run"`
	Attempts int  `json:"attempts"`
	Changed  int  `json:"changed"`
	NowPass  int  `json:"now_pass"`
	NowFail  int  `json:"now_fail"`
	Learners []struct {
		User   string `json:"user"`
		Name   string `json:"name"`
		Before struct {
			Percent float64 `json:"percent"`
			Passed  bool    `json:"passed"`
		} `json:"before"`
		After struct {
			Percent float64 `json:"percent"`
			Passed  bool    `json:"passed"`
		} `json:"after"`
	} `json:"learners"`
}

// answersWith is the right answers but the single-choice pick and, when wrong is set, a
// wrong true/false and numeric answer (two points of nine).
func answersWith(single string, wrong bool) []map[string]any {
	answers := rightAnswers("wait")
	answers[0]["choice_ids"] = []string{single}
	if wrong {
		answers[2]["choice_ids"] = []string{"false"}
		answers[3]["value"] = 10.0
	}
	return answers
}

// regradeFixture has three learners submit the test quiz, then serves a catalogue in which
// the single-choice key moved from PPV to Sensitivity, on the same database.
type regradeFixture struct {
	before, after        *testenv.Env
	right, flips, drops  *testenv.User // 9/9 → 8/9; 6/9 fail → 7/9 pass; 7/9 pass → 6/9 fail
	admin, author, plain *testenv.User
}

func newRegradeFixture(t *testing.T) *regradeFixture {
	cfg := testenv.OwnDatabase(t, testenv.Config(t)) // the catalogue changes under this database only
	f := &regradeFixture{before: testenv.NewWith(t, cfg)}
	f.right, f.flips, f.drops = f.before.Learner("medicine"), f.before.Learner("computer_science"), f.before.Learner("nursing")
	for u, answers := range map[*testenv.User][]map[string]any{f.right: answersWith("ppv", false),
		f.flips: answersWith("sens", true), f.drops: answersWith("ppv", true)} {
		a := start(t, f.before, u, evalQuiz)
		if resp := submit(f.before, u, a.ID, answers); resp.Status != http.StatusOK {
			t.Fatalf("submit: %d %s", resp.Status, resp.Body)
		}
	}
	cfg.CatalogDir = testenv.CatalogWith(t, "tracks/clinicians/clin-evaluation/quiz.yaml", keyChangeOld, keyChangeNew)
	f.after = testenv.NewWith(t, cfg)
	f.admin, f.plain = f.after.WithRole(auth.RoleAdmin, "other"), f.after.WithRole(auth.RoleInstructor, "medicine")
	orgID, _, _ := society(t, f.after, f.admin, "Regrading society")
	f.author = f.after.Learner("engineering")
	if resp := f.after.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/members", Token: f.admin.AccessToken,
		Body: map[string]string{"email": f.author.Email, "role": "author"}}); resp.Status != http.StatusCreated {
		t.Fatalf("make an author: %d %s", resp.Status, resp.Body)
	}
	f.after.Login(f.author)
	for _, u := range []*testenv.User{f.right, f.flips, f.drops} {
		f.after.Login(u)
	}
	return f
}

func (f *regradeFixture) do(method string, by *testenv.User) *testenv.Response {
	return f.after.Do(testenv.Request{Method: method, Path: "/api/v1/quizzes/" + evalQuiz + "/regrade", Token: by.AccessToken})
}

// After the key of a question changes, authors and admins see the quiz among those with
// attempts graded by an earlier version; the preview shows who passes and who fails now and
// changes nothing; the regrade stores it, and progress, item analysis, the learning record
// and the audit log follow; a second regrade finds nothing to do.
func TestRegradeFollowsAKeyChange(t *testing.T) {
	f := newRegradeFixture(t)
	env := f.after
	stale := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/regrades", Token: f.author.AccessToken}).JSON(t)
	if items, _ := stale["items"].([]any); len(items) != 1 || items[0].(map[string]any)["attempts"] != float64(3) {
		t.Fatalf("stale quizzes: %v", stale)
	}
	for _, u := range []*testenv.User{f.plain, f.right} {
		for _, method := range []string{"GET", "POST"} {
			if resp := f.do(method, u); resp.Status != http.StatusForbidden {
				t.Fatalf("%s regrade by a non-author: %d", method, resp.Status)
			}
		}
	}
	env.FoldItemSums()
	rightBefore := env.Scalar("SELECT SUM(right_n) FROM item_sums WHERE quiz_slug = ? AND selection = 'all' AND question_id = 'single'", evalQuiz)
	dump := withoutMailDelivery(env.Dump())
	var preview regradeBody
	f.do("GET", f.author).Decode(t, &preview)
	if after := withoutMailDelivery(env.Dump()); !reflect.DeepEqual(dump, after) {
		t.Fatalf("the dry run changed the database: %d cells before, %d after; first difference %v", len(dump), len(after), firstDifference(dump, after))
	}
	if !preview.DryRun || preview.Attempts != 3 || preview.Changed != 3 || preview.NowPass != 1 || preview.NowFail != 1 {
		t.Fatalf("preview: %+v", preview)
	}
	if first := preview.Learners[0]; first.Name != "" || first.Before.Passed == first.After.Passed {
		t.Fatalf("the author sees a name, or the changed outcomes do not come first: %+v", preview.Learners)
	}
	var applied regradeBody
	resp := f.do("POST", f.admin)
	resp.Decode(t, &applied)
	if resp.Status != http.StatusOK || applied.DryRun || applied.NowPass != 1 || applied.NowFail != 1 || applied.Learners[0].Name == "" {
		t.Fatalf("regrade: %d %s", resp.Status, resp.Body)
	}
	if moduleOf(t, env, f.flips, "clin-evaluation")["quiz_passed"] != true || moduleOf(t, env, f.drops, "clin-evaluation")["quiz_passed"] != false {
		t.Fatal("progress does not follow the regrade")
	}
	if pct := moduleOf(t, env, f.right, "clin-evaluation")["quiz_best_percent"]; pct != 88.89 {
		t.Fatalf("the right learner's best percent: %v", pct)
	}
	env.FoldItemSums()
	if got := env.Scalar("SELECT SUM(right_n) FROM item_sums WHERE quiz_slug = ? AND selection = 'all' AND question_id = 'single'", evalQuiz); rightBefore != "2" || got != "1" {
		t.Fatalf("item sums of the changed question: %s before, %s after", rightBefore, got)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE object_id = ? AND result LIKE '%regraded%'", evalQuiz); n != "3" {
		t.Fatalf("%s regraded learning events, want 3", n)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'quiz.regraded' AND actor_id = ?", f.admin.ID); n != "1" {
		t.Fatalf("%s audit events", n)
	}
	for _, who := range []*testenv.User{f.flips, f.drops} {
		notices := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/notifications", Token: who.AccessToken}).JSON(t)["items"].([]any)
		if len(notices) != 1 || notices[0].(map[string]any)["kind"] != "quiz.regraded" || notices[0].(map[string]any)["link"] != "/quizzes/"+evalQuiz {
			t.Fatalf("the learner whose result changed is told: %v", notices)
		}
	}
	if resp := f.do("POST", f.author); resp.Status != http.StatusConflict || resp.ErrorCode() != "nothing_to_regrade" {
		t.Fatalf("a second regrade: %d %s", resp.Status, resp.Body)
	}
	if items := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/regrades", Token: f.admin.AccessToken}).JSON(t)["items"].([]any); len(items) != 0 {
		t.Fatalf("still stale after the regrade: %v", items)
	}
}

// Two regrades at once: one regrades, the other gets 409 and nothing is counted twice. A
// submission racing them is stored whole, graded by the current version.
func TestRegradesRacing(t *testing.T) {
	f := newRegradeFixture(t)
	env := f.after
	late := start(t, env, f.right, evalQuiz)
	statuses := make([]int, 3)
	var wg sync.WaitGroup
	for i, by := range []*testenv.User{f.admin, f.author} {
		wg.Go(func() { statuses[i] = f.do("POST", by).Status })
	}
	wg.Go(func() { statuses[2] = submit(env, f.right, late.ID, answersWith("sens", false)).Status })
	wg.Wait()
	ok, conflict := 0, 0
	for _, s := range statuses[:2] {
		switch s {
		case http.StatusOK:
			ok++
		case http.StatusConflict:
			conflict++
		}
	}
	if ok != 1 || conflict != 1 || statuses[2] != http.StatusOK {
		t.Fatalf("statuses %v: want one regrade, one 409 and the submission", statuses)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'quiz.regraded'"); n != "1" {
		t.Fatalf("%s regrades audited", n)
	}
	env.FoldItemSums()
	if n := env.Scalar("SELECT SUM(n) FROM item_totals WHERE quiz_slug = ? AND selection = 'all'", evalQuiz); n != "4" {
		t.Fatalf("item totals count %s attempts, want 4", n)
	}
	if pct := moduleOf(t, env, f.right, "clin-evaluation")["quiz_best_percent"]; pct != float64(100) {
		t.Fatalf("the late attempt, graded by the current key: %v", pct)
	}
}

// firstDifference is the first cell of a dump that the other does not hold.
// withoutMailDelivery leaves out the mail outbox's delivery columns, which the servers' mail
// senders change in the background (a mail sent loses its body); which mails are queued stays.
func withoutMailDelivery(cells []testenv.Cell) []testenv.Cell {
	out := cells[:0:0]
	for _, c := range cells {
		if c.Table != "mail_outbox" || c.Column == "id" {
			out = append(out, c)
		}
	}
	return out
}

func firstDifference(a, b []testenv.Cell) testenv.Cell {
	in := map[testenv.Cell]int{}
	for _, c := range b {
		in[c]++
	}
	for _, c := range a {
		if in[c] == 0 {
			return c
		}
		in[c]--
	}
	for _, c := range b {
		if in[c] > 0 {
			return c
		}
	}
	return testenv.Cell{}
}
