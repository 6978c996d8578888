package uitest

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"tandem/testenv"
)

const (
	societyName    = "Society of Anaesthesiology (UI test)"
	programmeTitle = "AI literacy in anaesthesia"
)

// testCertificates: a platform admin creates a society and makes one of its members its
// administrator (through the API). The society administrator opens the society in the UI,
// defines a programme and offers its certificate to a learner who has finished, who accepts
// it on their offers page and sees what the society was shown; the holder finds it on the
// dashboard and downloads its PDF; anyone sees it valid on the public verification page;
// another learner sees what is still to do, finishes and claims a certificate from the
// dashboard, and the society sees that application; the society revokes the first
// certificate with a reason, which the verification page then shows, and rotates its keys.
func testCertificates(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	admin := env.WithRole("admin", "other")
	org := call(t, env, admin, "POST", "/api/v1/organisations",
		map[string]any{"name": societyName, "kind": "society", "url": "https://society.example.org"}, http.StatusCreated).JSON(t)
	orgID := org["id"].(string)
	officer := env.WithRole("learner", "medicine")
	call(t, env, admin, "POST", "/api/v1/organisations/"+orgID+"/members", map[string]string{"email": officer.Email, "role": "society_admin"}, http.StatusCreated)
	holder := env.Learner("medicine")
	finishClinicians(t, env, holder)
	claimer := env.Learner("nursing")
	call(t, env, claimer, "POST", "/api/v1/tracks/clinicians/enrol", nil, http.StatusCreated)

	society := newTab(t, browser, env.URL, 1280, 800)
	logIn(society, officer)
	society.clickLink(".staff-links", "Society: programmes and certificates")
	society.waitPage("Society")
	checkPage(society, "society")
	society.fill("#society-id", orgID)
	society.click("#society-form button[type=submit]")
	society.waitPage(societyName)
	society.expectText(".programme-list", "no programme yet")

	society.fill("#programme-title", programmeTitle)
	society.fill("#programme-description", "For anaesthesiologists who work beside AI.")
	society.click(`#programme-form input[name="tracks"][value="clinicians"]`)
	society.fill("#programme-min", "60")
	society.fill("#programme-validity", "730")
	society.fill("#programme-credits", "6")
	society.click("#programme-form button[type=submit]")
	society.expectText("#programme-form .error-summary", "Name the unit of the credits")
	society.fill("#programme-unit", "CME hours")
	society.click("#programme-form button[type=submit]")
	// Six hours are more than the test track's four lessons take.
	society.expectText("#programme-form .error-summary", "must be at most 0.83: the programme's lessons and exercises take 50 minutes.")
	society.fill("#programme-credits", "0.5")
	society.click("#programme-form button[type=submit]")
	society.expectText(".programmes .programme", programmeTitle)
	society.expectText(".programmes .programme", "0.5 CME hours · valid 730 days")
	programmeID := eval[string](society, `document.querySelector('.programmes .programme').dataset.programme`)
	issue := `[data-programme="` + programmeID + `"]`
	society.click(issue + " details.issue > summary")
	society.fill(issue+" .issue-form input", strings.ToUpper(holder.Email))
	society.click(issue + " .issue-form button[type=submit]")
	society.expectText(issue+` [data-result="offered"]`, "Offer sent to "+strings.ToUpper(holder.Email))
	checkPage(society, "society-programmes")

	// The holder accepts the offer on their offers page; only then is anything issued.
	accepter := newTab(t, browser, env.URL, 1280, 800)
	logIn(accepter, holder)
	accepter.clickLink(".waiting", "1 certificate offer to answer")
	accepter.waitPage("Certificate offers")
	accepter.expectText(".offer", programmeTitle)
	checkPage(accepter, "offers")
	accepter.click(".offer .answer-actions .button:not(.button-secondary)")
	accepter.expectText(`[data-result="accepted"]`, "Your certificate of "+programmeTitle+" is issued")
	serial := eval[string](accepter, `document.querySelector('[data-result="accepted"]').dataset.serial`)
	accepter.open("/offers", "Certificate offers")
	accepter.expectText(".application", "met the programme")
	checkPage(accepter, "offers-shared")

	// Anyone verifies it, typing the serial loosely.
	visitor := newTab(t, browser, env.URL, 360, 800)
	visitor.open("/verify", "Verify a certificate")
	checkPage(visitor, "verify-form")
	visitor.fill("#verify-serial", strings.ToLower(strings.ReplaceAll(serial, "-", " ")))
	visitor.click("#verify-form button[type=submit]")
	visitor.waitPage("Verify " + serial)
	visitor.expectText(`.verification[data-status="valid"]`, "This certificate is valid")
	for _, want := range []string{holder.Name, programmeTitle, societyName, "0.5 CME hours", serial} {
		visitor.expectText(".certificate-facts", want)
	}
	checkPage(visitor, "verify-valid")
	pdf := visitor.text(`a[href$="/pdf"]`)
	if pdf != "Download the PDF" {
		t.Errorf("the verification page's PDF link reads %q", pdf)
	}
	if r := env.Do(testenv.Request{Method: "GET", Path: eval[string](visitor, `new URL(document.querySelector('a[href$="/credential"]').href).pathname`)}); r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/vc+jwt" {
		t.Errorf("the credential link answers %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	visitor.open("/verify/TND-0000-0000-0000", "No certificate with this serial")
	visitor.expectText(".verification-bad", "no certificate with the serial TND-0000-0000-0000")

	// The holder finds the certificate on the dashboard and downloads its PDF.
	learner := newTab(t, browser, env.URL, 360, 800)
	logIn(learner, holder)
	card := `.widget-certificates .certificate[data-serial="` + serial + `"]`
	learner.expectText(card, programmeTitle)
	learner.expectText(card, "Valid")
	learner.expectText(card, "0.5 CME hours")
	saved := downloads(learner)
	learner.click(card + " .certificate-actions button")
	if b := saved("tandem-certificate-" + serial + ".pdf"); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("the downloaded PDF starts %q", b[:min(len(b), 16)])
	}
	checkPage(learner, "dashboard-certificates")

	// Another learner sees what is still to do, finishes, and claims from the dashboard.
	second := newTab(t, browser, env.URL, 1280, 800)
	logIn(second, claimer)
	reach := `.widget-certificates .reach[data-programme="` + programmeID + `"]`
	second.expectText(reach, "Still to do")
	second.expectText(reach, "Complete \"AI for clinicians\": 2 of 2 modules still to finish")
	checkPage(second, "dashboard-within-reach")
	finishClinicians(t, env, claimer)
	second.open("/dashboard", "Dashboard")
	second.expectText(reach, "You meet every requirement.")
	second.click(reach + " button")
	second.expectText(".widget-certificates .notice", "Your certificate of "+programmeTitle+" is issued")
	second.expectText(".widget-certificates .certificate-list", programmeTitle)
	var claimed struct {
		Items []struct{ Serial, Status string } `json:"items"`
	}
	call(t, env, claimer, "GET", "/api/v1/me/certificates", nil, http.StatusOK).Decode(t, &claimed)
	if len(claimed.Items) != 1 || claimed.Items[0].Status != "valid" {
		t.Errorf("the claimer's certificates: %+v", claimed.Items)
	}
	// The claim is an application: the society now sees the claimer's standing.
	society.click(issue + " details.applications > summary")
	society.expectText(issue+` .application[data-user="`+claimer.ID+`"]`, "met the programme")

	// The society revokes the holder's certificate; the verification page says so.
	society.fill("#revoke-serial", serial)
	society.click("#revoke-lookup button[type=submit]")
	society.expectText(".revoke-found", holder.Name)
	society.click("#revoke-form button[type=submit]")
	society.expectText("#revoke-form .error-summary", "Give the reason")
	society.fill("#revoke-reason", "Issued in error: the course was taken by someone else.")
	checkPage(society, "society-revoke")
	society.click("#revoke-form button[type=submit]")
	society.expectText(`[data-result="revoked"]`, "Certificate "+serial+" is revoked")
	visitor.open("/verify/"+serial, "Verify "+serial)
	visitor.expectText(`.verification[data-status="revoked"]`, "This certificate has been revoked")
	visitor.expectText(".verification", "Issued in error: the course was taken by someone else.")
	visitor.expectText(".certificate-facts", "Reason for revocation")
	checkPage(visitor, "verify-revoked")

	// Key rotation publishes new keys beside the old ones.
	countKeys := func() int {
		var set struct {
			Keys []map[string]any `json:"keys"`
		}
		call(t, env, nil, "GET", "/api/v1/issuers/"+orgID+"/jwks.json", nil, http.StatusOK).Decode(t, &set)
		return len(set.Keys)
	}
	before := countKeys()
	society.click("#keys-heading ~ div button")
	society.expectText(".keys-status", "Tick the box first")
	society.click("#rotate-confirm")
	society.click("#keys-heading ~ div button")
	society.expectText(`[data-result="rotated"]`, "New keys are in use")
	if after := countKeys(); after <= before {
		t.Errorf("the JWKS holds %d keys after rotation, %d before", after, before)
	}
}
