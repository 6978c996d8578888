package uitest

import (
	"context"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"tandem/testenv"
)

// testLabCards: a nurse on a 390 px phone and a data scientist on a 1,366 px laptop, in one
// team, each choose what their patient cards show (the nurse hides the predicted risk and
// moves the vital signs to the top, by keyboard), run the eight cards by keyboard, see what
// happened after each decision, and rate the workload; the server keeps each display and run
// as chosen, and axe finds nothing serious on the card, the outcome or the rating form.
func testLabCards(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	instructor, clin, tech := env.WithRole("instructor", "medicine"), env.Learner("nursing"), env.Learner("data_science")
	_, team := labCohort(t, env, "Card cohort", instructor, clin, tech)

	nurse := newTab(t, browser, env.URL, 390, 844)
	logIn(nurse, clin)
	nurse.open("/labs/threshold-lab", "Where should the alert fire?")
	nurse.until(`!!document.querySelector('#lab-display-form')`)
	nurse.press("#lab-part-risk", " ")
	nurse.press(`[data-move="vitals:-1"]`, kb.Enter)
	if f := nurse.focused(); f != "button.button-secondary Move Vital signs up" {
		t.Errorf("after moving by keyboard the focus is on %.80q", f)
	}
	nurse.key(kb.Enter)
	if f := nurse.focused(); f != "button.button-secondary Move Vital signs down" {
		t.Errorf("at the top the focus is on %.80q", f)
	}
	nurse.press("#lab-display-form button[type=submit]", kb.Enter)
	nurse.expectText("#lab-display-form .form-status", "Saved")
	if got := call(t, env, clin, "GET", "/api/v1/labs/threshold-lab/display", nil, http.StatusOK).JSON(t)["items"]; len(got.([]any)) != 5 || got.([]any)[0] != "vitals" {
		t.Errorf("the nurse's display as stored: %v", got)
	}
	runCards(t, nurse, "lab-cards-phone", viewports[0])

	analyst := newTab(t, browser, env.URL, 1366, 768)
	logIn(analyst, tech)
	analyst.open("/labs/threshold-lab", "Where should the alert fire?")
	analyst.until(`!!document.querySelector('#lab-run-start')`)
	runCards(t, analyst, "lab-cards-laptop", viewports[1])

	var runs struct {
		Items []struct {
			Display   []string `json:"display"`
			Decisions []struct {
				Milliseconds int `json:"milliseconds"`
			} `json:"decisions"`
			Workload *struct {
				RawTLX float64 `json:"raw_tlx"`
			} `json:"workload"`
		} `json:"items"`
	}
	call(t, env, instructor, "GET", "/api/v1/teams/"+team+"/labs/threshold-lab/runs", nil, http.StatusOK).Decode(t, &runs)
	if len(runs.Items) != 2 || runs.Items[0].Display[0] != "vitals" || len(runs.Items[1].Display) != 6 {
		t.Fatalf("runs as stored: %+v", runs.Items)
	}
	for _, r := range runs.Items {
		if len(r.Decisions) != 8 || r.Workload == nil || r.Workload.RawTLX != 50 || r.Decisions[0].Milliseconds <= 0 {
			t.Errorf("a run as stored: %+v", r)
		}
	}
}

// runCards starts a run and decides its eight cards by keyboard, acting on every other one,
// checks the page at vp on the first card, its outcome and the rating form, and saves the
// ratings.
func runCards(t *testing.T, tb *tab, name string, vp viewport) {
	t.Helper()
	tb.press("#lab-run-start", kb.Enter)
	for i := range 8 {
		tb.until(`!!document.querySelector('#lab-act')`)
		if tb.text(".lab-card") == "" || eval[bool](tb, `document.querySelector('.lab-card').innerText.includes('Recorded deterioration')`) {
			t.Fatalf("card %d shows what happened before the decision: %q", i, tb.text(".lab-card"))
		}
		if i == 0 {
			checkPageAt(tb, name+"-card", []viewport{vp})
		}
		decision := "#lab-wait"
		if i%2 == 0 {
			decision = "#lab-act"
		}
		tb.press(decision, kb.Enter)
		tb.expectText(".lab-outcome-view h3", "What happened")
		if i == 0 {
			checkPageAt(tb, name+"-outcome", []viewport{vp})
		}
		tb.press("#lab-next", kb.Enter)
	}
	tb.until(`!!document.querySelector('#lab-tlx-form')`)
	checkPageAt(tb, name+"-workload", []viewport{vp})
	tb.press("#lab-tlx-form button[type=submit]", kb.Enter)
	tb.expectText(".lab-run-summary", "Raw TLX 50.0 of 100")
}
