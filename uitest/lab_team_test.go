package uitest

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"tandem/testenv"
)

// testLabTeam: a clinical and a technical learner of one team open the threshold lab; the
// clinician moves the threshold, logs an issue (a missing cause is refused in place) and
// confirms its severity; the technologist sees it, confirms with another severity and both
// see the disagreement; the technologist proposes a per-group recalibration and reads the
// hidden test set's figures beside the original's, as the API stored them; the clinician sends
// the work for review from the phone and the instructor accepts it on a laptop; axe finds
// nothing serious on a phone or a laptop.
func testLabTeam(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	instructor, clin, tech := env.WithRole("instructor", "medicine"), env.Learner("nursing"), env.Learner("data_science")
	cohort, team := labCohort(t, env, "Lab cohort", instructor, clin, tech)

	nurse := newTab(t, browser, env.URL, 390, 844)
	logIn(nurse, clin)
	nurse.open("/labs/threshold-lab", "Where should the alert fire?")
	nurse.until(`!!document.querySelector('#lab-issue-form')`)
	nurse.press("#lab-threshold", kb.ArrowRight)
	nurse.expectText("#lab-threshold-value", "11%")
	nurse.fill("#lab-issue-form input", "Older patients are under-predicted")
	nurse.click("#lab-issue-form button[type=submit]")
	nurse.expectText("#lab-issue-form .error-summary", "Suspected cause")
	nurse.fill("#lab-issue-form textarea", "Few patients over 70 in development.")
	eval[string](nurse, `(() => { const s = document.querySelectorAll('#lab-issue-form select'); s[2].value = '3'; s[3].value = 'group_recalibration'; return ''; })()`)
	nurse.click("#lab-issue-form button[type=submit]")
	nurse.expectText(".lab-issue h4", "Older patients are under-predicted")
	nurse.expectText(".lab-issue", "threshold 11.0%")
	nurse.click(".lab-confirm button[type=submit]")
	nurse.expectText(".lab-confirmations", "Clinical rating: 3")
	checkPage(nurse, "lab-team-clinical")

	analyst := newTab(t, browser, env.URL, 1366, 768)
	logIn(analyst, tech)
	analyst.open("/labs/threshold-lab", "Where should the alert fire?")
	analyst.until(`!!document.querySelector('.lab-confirm')`)
	eval[string](analyst, `(() => { document.querySelector('.lab-confirm select').value = '1'; return ''; })()`)
	analyst.click(".lab-confirm button[type=submit]")
	analyst.expectText(".lab-confirmations", "The two sides disagree.")
	eval[string](analyst, `(() => { const f = document.querySelectorAll('#lab-proposal-form select'); f[0].value = 'group_recalibration'; f[0].dispatchEvent(new Event('change')); f[1].value = 'age_band'; return ''; })()`)
	analyst.click("#lab-proposal-form button[type=submit]")
	analyst.expectText(".lab-proposal summary", "Recalibrate each group of a subgroup")
	var stored struct {
		Items []struct {
			Outcome struct {
				Original, Fixed struct {
					AUROC float64 `json:"auroc"`
				}
			} `json:"outcome"`
		} `json:"items"`
	}
	call(t, env, tech, "GET", "/api/v1/teams/"+team+"/labs/threshold-lab/proposals", nil, http.StatusOK).Decode(t, &stored)
	if len(stored.Items) != 1 {
		t.Fatalf("%d proposals stored", len(stored.Items))
	}
	o := stored.Items[0].Outcome
	analyst.expectText(".lab-outcome tbody tr:first-child td:nth-of-type(1)", fmt.Sprintf("%.3f", o.Original.AUROC))
	analyst.expectText(".lab-outcome tbody tr:first-child td:nth-of-type(2)", fmt.Sprintf("%.3f", o.Fixed.AUROC))
	checkPage(analyst, "lab-team-technical")
	nurse.open("/labs/threshold-lab", "Where should the alert fire?")
	nurse.expectText(".lab-confirmations", "Technical rating: 1")
	nurse.expectText(".lab-proposal summary", "proposed by "+tech.Name)

	// The nurse sends the team's work for review from the phone; the instructor accepts it.
	nurse.click(".lab-submit")
	nurse.expectText(".lab-proposal .form-status", "Sent as version 1")
	acceptLabWork(t, env, browser, instructor, cohort, team)
}

// labCohort makes a cohort of both tracks named name, taught by instructor, which clin and
// tech join by invitation, and forms them into one team; it returns the cohort's and the
// team's ids.
func labCohort(t *testing.T, env *testenv.Env, name string, instructor, clin, tech *testenv.User) (cohort, team string) {
	t.Helper()
	cohort = call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": name, "tracks": []string{"clinicians", "technologists"}},
		http.StatusCreated).JSON(t)["id"].(string)
	call(t, env, instructor, "POST", "/api/v1/cohorts/"+cohort+"/invitations",
		map[string]any{"invitations": []map[string]string{{"email": clin.Email}, {"email": tech.Email}}}, http.StatusCreated)
	acceptInvitation(t, env, clin, cohort)
	acceptInvitation(t, env, tech, cohort)
	team = call(t, env, instructor, "POST", "/api/v1/cohorts/"+cohort+"/teams/form", map[string]any{"team_size": 2, "seed": 3},
		http.StatusCreated).JSON(t)["teams"].([]any)[0].(map[string]any)["id"].(string)
	return cohort, team
}
