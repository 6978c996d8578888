package uitest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tandem/auth"
	"tandem/testenv"
	"tandem/testenv/ltiplatform"
)

// testLTIPlatformStorage: an instructor opens Tandem inside their course's page on a platform
// of another site (localhost framing Tandem's loopback address). The browser refuses Tandem's
// cookie in that frame, so the launch is confirmed through the platform's storage: Tandem's
// login page keeps its values there, its launch page reads them back, and the instructor lands
// signed in on the module the course linked to, still inside the platform's page.
func testLTIPlatformStorage(t *testing.T, browser context.Context) {
	env := testenv.NewAtOwnURL(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	p := ltiplatform.NewOnLocalhost(t, "tandem-ui-framed")
	registerPlatform(t, env, admin, p, "Framing Moodle")
	target := env.URL + "/modules/clin-evaluation"
	p.Expect("framed-teacher", ltiplatform.Launch{Subject: "framed-teacher", Name: "Fran Framed", Email: "fran@school.test",
		Roles: []string{ltiplatform.Instructor}, CourseID: "ward-ai-framed", Course: "Ward AI", TargetLinkURI: target,
		Custom: map[string]any{"discipline": "medicine"}})

	tb := newTab(t, browser, env.URL, 1280, 800)
	tb.do(chromedp.Navigate(p.CoursePage(env.URL+"/lti/login", "framed-teacher", target)))
	deadline := time.Now().Add(20 * time.Second)
	for toolFrame(tb, env.URL) != target {
		if time.Now().After(deadline) {
			t.Fatalf("the framed launch never reached the module; the frame shows %q; %v", toolFrame(tb, env.URL), eval[any](tb, `window.ltiMessages`))
		}
		time.Sleep(100 * time.Millisecond)
	}
	if n := env.Scalar(`SELECT COUNT(*) FROM refresh_tokens WHERE user_id = (SELECT id FROM users WHERE email = ?)`, "fran@school.test"); n == "0" {
		t.Error("the framed launch made no session")
	}
	// The platform answered the capabilities, kept the state's secret and the nonce, and gave
	// both back, refusing nothing.
	var answered []string
	for _, m := range eval[[]map[string]string](tb, `window.ltiMessages`) {
		kind, _, _ := strings.Cut(strings.TrimPrefix(m["key"], "tandem_"), "_")
		answered = append(answered, strings.TrimSuffix(m["subject"]+":"+kind, ":")+m["error"])
	}
	if got := strings.Join(answered, " "); got != "lti.capabilities lti.put_data:state lti.put_data:nonce lti.capabilities lti.get_data:state lti.get_data:nonce" {
		t.Errorf("the platform's storage answered %q", got)
	}
	if v := tb.cookie("tandem_lti"); v != "" {
		t.Error("the browser kept Tandem's cookie in the frame; the platform's storage was not needed")
	}
	if n := env.Scalar("SELECT COUNT(*) FROM lti_launch_states"); n != "0" {
		t.Errorf("%s launch states left unspent", n)
	}
}

// toolFrame is the address the platform page's frame of Tandem (under base) shows: a frame of
// another site runs apart from the page, as a target of its own.
func toolFrame(tb *tab, base string) string {
	tb.t.Helper()
	targets, err := chromedp.Targets(tb.ctx)
	if err != nil {
		tb.t.Fatalf("list targets: %v", err)
	}
	for _, info := range targets {
		if info.Type == "iframe" && strings.HasPrefix(info.URL, base+"/") {
			return info.URL
		}
	}
	return ""
}
