package uitest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"tandem/testenv"
)

// testLab: a visitor on a phone and on a laptop opens the threshold lab, moves the threshold
// with the keyboard, sees the confusion matrix and the metrics follow the server's numbers,
// switches to patients, and finds every chart with its data table; axe finds nothing serious.
func testLab(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	var m struct {
		Sweep struct {
			TP []int `json:"tp"`
			FP []int `json:"fp"`
		} `json:"sweep"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/labs/threshold-lab/metrics"}).Decode(t, &m)
	for _, vp := range []struct {
		name          string
		width, height int64
	}{{"phone", 390, 844}, {"desktop", 1366, 768}} {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTab(t, browser, env.URL, vp.width, vp.height)
			tb.open("/labs", "Labs")
			tb.clickLink(".card-list", "Where should the alert fire?")
			tb.waitPage("Where should the alert fire?")
			tb.expectText("#lab-threshold-value", "10%")
			tb.press("#lab-threshold", kb.ArrowRight)
			tb.press("#lab-threshold", kb.ArrowRight)
			tb.expectText("#lab-threshold-value", "12%")
			if got := tb.text(".confusion tbody tr:first-child td"); got != fmt.Sprint(m.Sweep.TP[12]) {
				t.Errorf("flagged and deteriorated at 12%%: the page shows %q, the server %d", got, m.Sweep.TP[12])
			}
			if got := tb.text(".confusion tbody tr:nth-child(2) td"); got != fmt.Sprint(m.Sweep.FP[12]) {
				t.Errorf("flagged without deteriorating at 12%%: %q, want %d", got, m.Sweep.FP[12])
			}
			if got := eval[string](tb, `document.querySelector('#lab-threshold').getAttribute('aria-valuetext')`); got != "12% predicted risk" {
				t.Errorf("aria-valuetext %q", got)
			}
			tb.clickLabel(".lab-toggle", "Patients")
			tb.expectText(".lab-patients", "Of 100 patients like these")
			if eval[bool](tb, `!document.querySelector('.lab-metrics').hidden`) {
				t.Error("the metrics still show beside the patients")
			}
			if n := eval[int](tb, `document.querySelectorAll('figure.lab-chart svg[role=img] + .chart-legend, figure.lab-chart .chart-data table').length`); n != 8 {
				t.Errorf("%d charts and data tables, want 4 of each", n)
			}
			if text := tb.text("main"); strings.Contains(text, "planted flaw:") {
				t.Error("the lab page shows the instructor guide")
			}
			noHorizontalScroll(tb, "lab")
			noJunkText(tb, "lab")
			tb.audit("lab (" + vp.name + ")")
			tb.screenshot("lab-" + vp.name)
		})
	}
}
