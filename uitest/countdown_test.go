package uitest

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"tandem/testenv"
)

// testCountdown: an attempt with a time limit shows a countdown and, when it runs out,
// submits the answers given so far. The page's clock is moved on to four seconds before the
// deadline of clin-deployment-quiz (ten minutes), so the server still accepts the submission.
func testCountdown(t *testing.T, env *testenv.Env, browser context.Context) {
	learner := env.Learner("allied_health")
	tb := newTab(t, browser, env.URL, 360, 800)
	logIn(tb, learner)
	id := startAttempt(t, env, learner, "clin-deployment-quiz")
	const ahead = 10*60*1000 - 4000
	tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: fmt.Sprintf(`{ const real = Date.now.bind(Date); Date.now = () => real() + %d; }`, ahead),
		})
		return err
	}))
	tb.open("/attempts/"+id, "Deployment check")
	tb.expectText(".countdown-time", "0:0")
	tb.fill(`[data-question="clin-deployment-quiz.q2"] input`, "10")
	tb.waitPage("Results: Deployment check")
	tb.expectText(".score-detail", "1 of 2 points")
	tb.expectText(".results .notice", "once the attempt’s time limit has passed")
	tb.until(`document.getElementById('announcer').textContent.includes('Time is up')`)
}
