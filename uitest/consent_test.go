package uitest

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tandem/testenv"
)

// consentViewports are the widths the cohort membership pages are checked at: a common phone
// and a common laptop.
var consentViewports = []viewport{{"phone-390", 390, 844}, {"laptop-1366", 1366, 768}}

// acceptInvitation has u accept their invitation to a cohort through the API.
func acceptInvitation(t *testing.T, env *testenv.Env, u *testenv.User, cohortID string) {
	t.Helper()
	var mine struct {
		Items []struct {
			ID     string              `json:"id"`
			Cohort struct{ ID string } `json:"cohort"`
		} `json:"items"`
	}
	call(t, env, u, "GET", "/api/v1/me/invitations", nil, http.StatusOK).Decode(t, &mine)
	for _, inv := range mine.Items {
		if inv.Cohort.ID == cohortID {
			call(t, env, u, "POST", "/api/v1/invitations/"+inv.ID+"/accept", nil, http.StatusOK)
			return
		}
	}
	t.Fatalf("%s has no invitation to %s", u.Email, cohortID)
}

// testConsent: an instructor invites by pasting addresses, then from a CSV file (refused
// whole for a bad row, then accepted), and makes a join code; the list shows only invited
// addresses. One learner accepts from their invitations page, another opens an invitation
// link signed out, logs in and accepts it, a third joins with the code; the first leaves; the
// instructor then sees who joined and who left.
func testConsent(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	instructor := env.WithRole("instructor", "medicine")
	invited, holder, coder := env.Learner("nursing"), env.Learner("data_science"), env.Learner("engineering")
	id := call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Consent cohort", "tracks": []string{"clinicians"}}, http.StatusCreated).JSON(t)["id"].(string)

	teacher := newTab(t, browser, env.URL, 1366, 768)
	logIn(teacher, instructor)
	teacher.open("/teach/cohorts/"+id+"/members", "Members of Consent cohort")
	teacher.expectText(".member-area", "Nobody is invited yet")
	teacher.fill("#invite-emails", invited.Email+"\nWork.Address@Hospital.example")
	teacher.click("#invite-form button[type=submit]")
	teacher.expectText(`[data-result="invited"]`, "2 invitations sent")
	teacher.expectText(".member-counts", "0 joined · 2 invited")
	teacher.expectText(".member-list", "Work.Address@Hospital.example")
	dir := t.TempDir()
	upload := func(name, content string) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		teacher.do(chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{path}))
		teacher.click("#import-form button[type=submit]")
	}
	upload("bad.csv", "email,name\nana@university.example,Ana\nnot an address,Ben\n")
	teacher.expectText(`[data-result="rows"]`, `Row 3: "not an address" is not an email address.`)
	teacher.expectText(".member-counts", "0 joined · 2 invited")
	checkPageAt(teacher, "cohort-members-refused-file", consentViewports)
	upload("class.csv", "Name;Email\nAna;ana@university.example\nBen;ben@university.example\nCy;cy@university.example\n")
	teacher.expectText(`#import-form [data-result="invited"]`, "3 invitations sent")
	teacher.expectText(".member-counts", "0 joined · 5 invited")
	teacher.click("#join-code-form button[type=submit]")
	teacher.expectText(`[data-result="code"]`, "shown only this once")
	code := teacher.text(".join-code-value")
	teacher.expectText(".join-code-state", "A code works until")
	checkPageAt(teacher, "cohort-members", consentViewports)

	// The invited learner answers from their invitations page, reached from the dashboard.
	first := newTab(t, browser, env.URL, 390, 844)
	logIn(first, invited)
	first.clickLink(".waiting", "1 invitation to a cohort")
	first.waitPage("Cohort invitations")
	first.expectText(".invitations .invitation", "Consent cohort")
	first.expectText(".invitations .invitation .shares", "from the day you join")
	checkPageAt(first, "invitations", consentViewports)
	first.click(".invitations .invitation .answer-actions .button:not(.button-secondary)")
	first.expectText(`[data-result="accept"]`, "You joined Consent cohort")
	first.expectText(".my-cohorts", "Consent cohort")

	// A link sent to a work address: opened signed out, it keeps its token out of the address
	// and through the log-in.
	second := newTab(t, browser, env.URL, 1366, 768)
	second.open("/invitations#token="+env.InvitationToken(t, "work.address@hospital.example"), "Cohort invitations")
	second.expectText(".invitation", "Test instructor invites you to join Consent cohort")
	if hash := eval[string](second, `location.hash`); hash != "" {
		t.Errorf("the invitation token stays in the address: %q", hash)
	}
	checkPageAt(second, "invitation-link-signed-out", consentViewports)
	second.clickLink(".answer-actions", "Log in")
	second.waitPage("Log in")
	second.fill("#field-email", holder.Email)
	second.fill("#field-password", holder.Password)
	second.click("#login-form button[type=submit]")
	second.waitPage("Cohort invitations")
	second.expectText("#linked-heading + .invitation", "Consent cohort")
	second.click("#linked-heading + .invitation .answer-actions .button:not(.button-secondary)")
	second.expectText(`[data-result="accept"]`, "You joined Consent cohort")

	// A third learner joins with the code, typed loosely.
	third := newTab(t, browser, env.URL, 390, 844)
	logIn(third, coder)
	third.open("/invitations", "Cohort invitations")
	third.fill("#join-code", strings.ToLower(strings.ReplaceAll(code, "-", " ")))
	third.click("#join-form button[type=submit]")
	third.expectText(".join-cohort", "Consent cohort")
	third.click(".join-cohort .button")
	third.expectText(`[data-result="joined"]`, "You joined Consent cohort")
	checkPageAt(third, "invitations-joined", consentViewports)

	// The first learner leaves.
	first.open("/invitations", "Cohort invitations")
	first.click(`.my-cohort[data-cohort="` + id + `"] .button`)
	first.click(".leave-confirm .button:not(.button-quiet)")
	first.expectText(`[data-result="left"]`, "You left Consent cohort")

	teacher.open("/teach/cohorts/"+id+"/members", "Members of Consent cohort")
	teacher.expectText(".member-counts", "2 joined · 3 invited")
	teacher.expectText(`.member[data-user="`+holder.ID+`"]`, holder.Name)
	teacher.expectText(`.member[data-user="`+coder.ID+`"]`, "Joined")
	teacher.expectText(`.member[data-status="left"]`, invited.Email)
}
