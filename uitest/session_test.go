package uitest

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tandem/testenv"
)

// testSession: the session survives a reload (refresh token in an HttpOnly cookie), a request
// the server refuses with 401 is retried once after a refresh, and logging out forgets it all.
func testSession(t *testing.T, env *testenv.Env, browser context.Context) {
	learner := env.Learner("computer_science")
	tb := newTab(t, browser, env.URL, 1280, 800)
	logIn(tb, learner)
	tb.open("/dashboard", "Dashboard") // a fresh page load: the session comes back
	tb.expectText(".account-name", learner.Name)

	// The first Tab reaches the skip link; Enter on it moves focus to the main content.
	tb.key(kb.Tab)
	if !eval[bool](tb, `document.activeElement.matches('a.skip-link') && document.activeElement.getBoundingClientRect().top >= 0`) {
		t.Errorf("the first Tab focuses %s, not a visible skip link", tb.focused())
	}
	eval[bool](tb, `(document.querySelector('main h1').dataset.drawn = 'before the skip link', true)`)
	tb.key(keyEnter)
	tb.until(`document.activeElement.id === 'main'`)
	// The page is not drawn again for an in-page anchor: focus stays on the content.
	if !eval[bool](tb, `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(
		document.activeElement.id === 'main' && !document.querySelector('main[aria-busy]') &&
		document.querySelector('main h1').dataset.drawn === 'before the skip link'), 200))))`) {
		t.Errorf("after the skip link the page was drawn again, and focus is on %s", tb.focused())
	}

	before := tb.cookie("tandem_refresh")
	if before == "" || eval[bool](tb, `document.cookie.includes('tandem_refresh')`) {
		t.Error("the refresh token is not in an HttpOnly cookie")
	}

	// The next GET /api/v1/me carries a bad access token, as an expired one would be.
	var seen, spoiled atomic.Int32
	paused := chromedp.Events(tb.ctx, fetch.RequestPaused)
	tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/api/v1/me"}}})
		return err
	}))
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			p := fetch.ContinueRequestParams{RequestID: ev.RequestID}
			if seen.Add(1) == 1 {
				spoiled.Add(1)
				for name, value := range ev.Request.Headers {
					v, _ := value.(string)
					if name == "Authorization" {
						v = "Bearer not-a-valid-token"
					}
					p.Headers = append(p.Headers, &fetch.HeaderEntry{Name: name, Value: v})
				}
			}
			_, _ = chromedp.Call(tb.ctx, fetch.ContinueRequest, p)
		}
	}()
	tb.clickLink(".main-nav", "Courses")
	tb.waitPage("Courses")
	tb.clickLink(".main-nav", "Dashboard")
	tb.waitPage("Dashboard")
	tb.expectText(".lede", "Welcome back, "+learner.Name)
	if spoiled.Load() != 1 || seen.Load() < 2 {
		t.Errorf("GET /me was sent %d times (%d spoiled); want the refused one retried once", seen.Load(), spoiled.Load())
	}
	if after := tb.cookie("tandem_refresh"); after == before || after == "" {
		t.Error("the refresh token was not rotated by the refresh")
	}
	tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, fetch.Disable, struct{}{})
		return err
	}))

	tb.click(".account button")
	tb.until(`location.pathname === '/login' && !document.cookie.includes('tandem_signed_in')`)
	tb.expectText(".account", "Log in")
	if tb.cookie("tandem_refresh") != "" {
		t.Error("the refresh cookie outlives logging out")
	}
	tb.open("/dashboard", "Log in") // a private page sends a visitor to the login page
}
