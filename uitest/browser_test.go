package uitest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	chromiumPath  = "/usr/bin/chromium"
	axePath       = "node_modules/axe-core/axe.min.js"
	screenshotDir = "../testoutput/screenshots"
	stepTimeout   = 15 * time.Second
)

// viewport is a window size pages are checked at.
type viewport struct {
	name          string
	width, height int64
}

// Widths at which every main page is checked: a small phone and a laptop.
var viewports = []viewport{
	{"phone", 360, 800},
	{"desktop", 1280, 800},
}

// requireTool skips the test locally when a tool is missing and fails it under CI.
func requireTool(t testing.TB, path, install string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing; under CI the UI tests need it (%s)", path, install)
	}
	t.Skipf("%s is missing (%s); skipping the UI tests", path, install)
}

// startBrowser starts one headless Chromium with a fresh profile for the whole test.
func startBrowser(t testing.TB) context.Context {
	t.Helper()
	requireTool(t, chromiumPath, "apt-get install chromium")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return browserCtx
}

// tab is one browser tab on a server. newTab gives each its own browser context (its own
// cookies, so its own signed-in user); sibling opens another tab beside it, sharing them.
type tab struct {
	t      testing.TB
	ctx    context.Context
	cancel context.CancelFunc
	base   string

	mu       sync.Mutex
	problems []string
}

// newTab opens a tab on base at the given width. Uncaught exceptions, console errors and
// Content-Security-Policy violations in it fail the test when it closes.
func newTab(t testing.TB, browser context.Context, base string, width, height int64) *tab {
	t.Helper()
	return openTab(t, browser, base, width, height, chromedp.WithNewBrowserContext())
}

// sibling opens another tab in tb's browser context: the same cookies, as a second tab of
// one browser window has.
func (tb *tab) sibling(width, height int64) *tab {
	tb.t.Helper()
	return openTab(tb.t, tb.ctx, tb.base, width, height)
}

func openTab(t testing.TB, parent context.Context, base string, width, height int64, opts ...chromedp.ContextOption) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, opts...)
	tb := &tab{t: t, ctx: ctx, cancel: cancel, base: base}
	exceptions := chromedp.Events(ctx, runtime.ExceptionThrown)
	console := chromedp.Events(ctx, runtime.ConsoleAPICalled)
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			tb.problem("uncaught exception: %s %s", ev.ExceptionDetails.Text, exceptionDescription(ev.ExceptionDetails))
		}
	}()
	go func() {
		for ev, err := range console {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				tb.problem("console.error: %s", strings.Join(parts, " "))
			}
		}
	}()
	t.Cleanup(func() {
		tb.checkCSP()
		cancel()
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, p := range tb.problems {
			t.Errorf("browser: %s", p)
		}
	})
	tb.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`,
		})
		return err
	}))
	tb.resize(width, height)
	return tb
}

func exceptionDescription(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

func (tb *tab) problem(format string, args ...any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.problems = append(tb.problems, fmt.Sprintf(format, args...))
}

func (tb *tab) checkCSP() {
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp || []`))
	if err == nil && len(violations) > 0 {
		tb.problem("Content-Security-Policy violations: %s", strings.Join(violations, "; "))
	}
}

// do runs actions with a time limit, failing the test (with a screenshot) on error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.fail(err)
	}
}

// doClick runs a click, trying again when the page re-rendered the element between finding and
// clicking it (the browser then reports that the node no longer exists); anything else fails.
func (tb *tab) doClick(action chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	for attempt := 0; ; attempt++ {
		ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
		err := chromedp.Do(ctx, action)
		cancel()
		if err == nil {
			return
		}
		if attempt < 3 && strings.Contains(err.Error(), "node with given id") {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		tb.fail(err)
	}
}

func (tb *tab) fail(err error) {
	tb.t.Helper()
	name := "failure-" + strings.NewReplacer("/", "-", " ", "-").Replace(tb.t.Name())
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main') ? document.querySelector('main').innerText.slice(0, 800) : ''`))
	cancel()
	if shot, e := tb.capture(); e == nil {
		_ = os.MkdirAll(screenshotDir, 0o755)
		_ = os.WriteFile(filepath.Join(screenshotDir, name+".png"), shot, 0o644)
	}
	tb.t.Fatalf("%v\nat %s (screenshot %s.png)\npage text: %s", err, loc, name, text)
}

// eval evaluates a JavaScript expression and decodes its value into T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.fail(fmt.Errorf("evaluate %s: %w", expr, err))
	}
	return v
}

// until waits for a JavaScript expression to become truthy.
func (tb *tab) until(expr string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)))
		if err == nil {
			return
		}
		// A page that was still loading when polling began replaces its execution context;
		// poll again in the new one.
		if !contextReplaced(err) || ctx.Err() != nil {
			tb.fail(fmt.Errorf("waiting for %s: %w", expr, err))
			return
		}
	}
}

// contextReplaced reports whether err says the page's JavaScript context went away under a
// running evaluation, as it does when a navigation lands.
func contextReplaced(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Cannot find context with specified id") || strings.Contains(msg, "Execution context was destroyed")
}

// resize sets the viewport.
func (tb *tab) resize(width, height int64) {
	tb.t.Helper()
	tb.do(chromedp.EmulateViewport(width, height))
	// Let layout settle before the next step measures where to click.
	eval[bool](tb, `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))`)
}

// open loads path as a fresh page (the session comes back from the refresh cookie) and waits
// until the page titled title is drawn.
func (tb *tab) open(path, title string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.base + path))
	tb.waitPage(title)
}

// waitPage waits until the router has drawn the page titled title.
func (tb *tab) waitPage(title string) {
	tb.t.Helper()
	want, _ := json.Marshal(title + " · Tandem")
	tb.until(fmt.Sprintf(`document.title === %s && !document.querySelector('main[aria-busy]')`, want))
}

// click clicks the first element matching a CSS selector.
func (tb *tab) click(css string) {
	tb.t.Helper()
	tb.doClick(chromedp.Click(chromedp.CSS(css), chromedp.NodeVisible))
}

// clickLink clicks, with the mouse, the link whose text is exactly text inside the element
// matching within.
func (tb *tab) clickLink(within, text string) {
	tb.t.Helper()
	tb.doClick(chromedp.Click(chromedp.JSPath(fmt.Sprintf(
		`[...document.querySelectorAll(%s)].find((a) => a.textContent.trim() === %s)`, jsString(within+" a"), jsString(text))), chromedp.NodeVisible))
}

// clickLabel clicks, with the mouse, the label whose text is exactly text inside within.
func (tb *tab) clickLabel(within, text string) {
	tb.t.Helper()
	tb.doClick(chromedp.Click(chromedp.JSPath(fmt.Sprintf(
		`[...document.querySelectorAll(%s)].find((l) => l.textContent.trim() === %s)`, jsString(within+" label"), jsString(text))), chromedp.NodeVisible))
}

// selectByKeyboard focuses a select and presses the down arrow until it shows value.
func (tb *tab) selectByKeyboard(css, value string) {
	tb.t.Helper()
	read := fmt.Sprintf(`document.querySelector(%s).value`, jsString(css))
	tb.do(chromedp.Focus(chromedp.CSS(css)))
	for range 12 {
		if eval[string](tb, read) == value {
			return
		}
		tb.do(chromedp.KeyEvent(kb.ArrowDown))
	}
	tb.t.Fatalf("the down arrow never reached %q in %s (at %q)", value, css, eval[string](tb, read))
}

// key presses keys on the focused element.
func (tb *tab) key(keys string) {
	tb.t.Helper()
	tb.do(chromedp.KeyEvent(keys))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// fill types text into the field matching css, after clearing it.
func (tb *tab) fill(css, text string) {
	tb.t.Helper()
	eval[bool](tb, fmt.Sprintf(`(() => { document.querySelector(%s).value = ''; return true; })()`, jsString(css)))
	tb.do(chromedp.SendKeys(chromedp.CSS(css), text))
}

// press focuses the element matching css and presses keys, as a keyboard user would.
func (tb *tab) press(css, keys string) {
	tb.t.Helper()
	tb.do(chromedp.Focus(chromedp.CSS(css)), chromedp.KeyEvent(keys))
}

// text returns the visible text of the first element matching css.
func (tb *tab) text(css string) string {
	tb.t.Helper()
	sel, _ := json.Marshal(css)
	return eval[string](tb, fmt.Sprintf(`(document.querySelector(%s) || {}).innerText || ''`, sel))
}

// expectText fails unless the element matching css contains want.
func (tb *tab) expectText(css, want string) {
	tb.t.Helper()
	sel, _ := json.Marshal(css)
	w, _ := json.Marshal(want)
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](
		fmt.Sprintf(`[...document.querySelectorAll(%s)].some((el) => el.innerText.includes(%s))`, sel, w),
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)))
	if err != nil {
		tb.fail(fmt.Errorf("expected %q in %s, found %q", want, css, tb.text(css)))
	}
}

// focused describes the focused element: its tag, classes and accessible text.
func (tb *tab) focused() string {
	tb.t.Helper()
	return eval[string](tb, `(() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + '.' + e.className + ' ' + (e.getAttribute('aria-label') || e.textContent.trim()) : ''; })()`)
}

// screenshot saves a full-page PNG as testoutput/screenshots/<name>.png.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	shot, err := tb.capture()
	if err != nil {
		tb.fail(fmt.Errorf("screenshot %s: %w", name, err))
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		tb.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir, name+".png"), shot, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// capture takes a full-page PNG. Chromium copies the picture from the compositor's next frame,
// and a compositor that has gone idle (nothing on the page changed for a while, on a busy
// machine) may not draw one for a long time: the capture then waits. So each try is bounded, and
// before the second one a short screencast makes the compositor draw again.
func (tb *tab) capture() ([]byte, error) {
	try := func() ([]byte, error) {
		ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout/2)
		defer cancel()
		return chromedp.Run(ctx, chromedp.FullScreenshot(100))
	}
	shot, err := try()
	if !errors.Is(err, context.DeadlineExceeded) {
		return shot, err
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	_ = chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, page.StartScreencast, page.StartScreencastParams{Format: page.StartScreencastFormatJpeg, MaxWidth: 64})
			return err
		}),
		chromedp.Sleep(250*time.Millisecond),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, page.StopScreencast, cdp.Empty{})
			return err
		}),
	)
	cancel()
	return try()
}

// Keys used by keyboard steps.
const (
	keyEnter = kb.Enter
	keyEsc   = kb.Escape
)
