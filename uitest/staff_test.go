package uitest

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"tandem/testenv"
)

// checkPage checks the page as it stands at every viewport (no sideways scroll, no leaked
// "undefined", no serious or critical axe-core violation) and keeps a screenshot of each; the
// tab then returns to its own width.
func checkPage(tb *tab, name string) {
	tb.t.Helper()
	checkPageAt(tb, name, viewports)
}

// checkPageAt is checkPage at the viewports given.
func checkPageAt(tb *tab, name string, at []viewport) {
	tb.t.Helper()
	width, height := eval[int64](tb, `window.innerWidth`), eval[int64](tb, `window.innerHeight`)
	for _, vp := range at {
		tb.resize(vp.width, vp.height)
		noHorizontalScroll(tb, name)
		noJunkText(tb, name)
		tb.audit(name + " (" + vp.name + ")")
		tb.screenshot(name + "-" + vp.name)
	}
	tb.resize(width, height)
}

// call sends a request as u (nil for nobody) and fails the test unless it answers want.
func call(t *testing.T, env *testenv.Env, u *testenv.User, method, path string, body any, want int) *testenv.Response {
	t.Helper()
	req := testenv.Request{Method: method, Path: path, Body: body}
	if u != nil {
		req.Token = u.AccessToken
	}
	r := env.Do(req)
	if r.Status != want {
		t.Fatalf("%s %s: %d, want %d: %s", method, path, r.Status, want, r.Body)
	}
	return r
}

// finishClinicians has u enrol in the clinicians track of the test catalogue, complete every
// lesson and pass both quizzes, through the API.
func finishClinicians(t *testing.T, env *testenv.Env, u *testenv.User) {
	t.Helper()
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/tracks/clinicians/enrol", Token: u.AccessToken}); r.Status >= 300 {
		t.Fatalf("enrol: %d %s", r.Status, r.Body)
	}
	tr, _ := env.App.Catalog.Track("clinicians")
	for _, m := range tr.Modules {
		for _, l := range m.Lessons {
			call(t, env, u, "POST", "/api/v1/lessons/"+l.Slug+"/complete", nil, http.StatusOK)
		}
	}
	passEvaluationQuiz(t, env, u)
	id := startAttempt(t, env, u, "clin-deployment-quiz")
	call(t, env, u, "POST", "/api/v1/attempts/"+id+"/submit", map[string]any{"answers": env.InAttempt(u, id, []map[string]any{
		{"question_id": "clin-deployment-quiz.q1", "choice_ids": []string{"false"}},
		{"question_id": "clin-deployment-quiz.q2", "value": 10},
	})}, http.StatusOK)
}

// downloads lets the browser save files into a fresh directory and returns a function that
// waits for the file named name there and returns its content.
func downloads(tb *tab) func(name string) []byte {
	tb.t.Helper()
	dir := tb.t.TempDir()
	if _, err := chromedp.CallBrowser(tb.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
		BrowserContextID: chromedp.FromContext(tb.ctx).BrowserContextID,
	}); err != nil {
		tb.t.Fatalf("allow downloads: %v", err)
	}
	return func(name string) []byte {
		tb.t.Helper()
		deadline := time.Now().Add(stepTimeout)
		for time.Now().Before(deadline) {
			if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil && len(b) > 0 {
				return b
			}
			time.Sleep(50 * time.Millisecond)
		}
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		tb.t.Fatalf("no download %s; the folder holds [%s]", name, strings.Join(names, ", "))
		return nil
	}
}

// pathParam returns the part of the tab's path after prefix, up to the next slash.
func pathParam(tb *tab, prefix string) string {
	tb.t.Helper()
	p := eval[string](tb, `location.pathname`)
	rest, ok := strings.CutPrefix(p, prefix)
	if !ok {
		tb.t.Fatalf("path %s does not start with %s", p, prefix)
	}
	id, _, _ := strings.Cut(rest, "/")
	return id
}
