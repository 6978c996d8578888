package uitest

import (
	"context"
	"net/http"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// adminViewports are the widths the administration pages are checked at: a common phone and
// a common laptop.
var adminViewports = []viewport{{"phone", 390, 844}, {"desktop", 1366, 768}}

// testAdmin: a platform admin reaches the administration pages from the header, creates a
// society (a missing name is named next to the field), gives a member a role by email,
// changes it and removes it, promotes one instructor and creates another, and reads the audit
// log filtered to that society. A learner finds none of it.
func testAdmin(t *testing.T, env *testenv.Env, browser context.Context) {
	admin := env.WithRole(auth.RoleAdmin, "other")
	member, promoted := env.Learner("nursing"), env.Learner("computer_science")
	tb := newTab(t, browser, env.URL, 1366, 768)
	logIn(tb, admin)
	tb.clickLink(".main-nav", "Admin")
	tb.waitPage("Administration")
	checkPageAt(tb, "admin", adminViewports)

	tb.clickLink(".admin-parts", "Organisations")
	tb.waitPage("Organisations")
	tb.click("#organisation-form button[type=submit]")
	tb.expectText(`#organisation-form [data-field="name"] .field-error`, "Give the organisation its name.")
	tb.fill("#organisation-name", "College of Anaesthetists (UI test)")
	tb.fill("#organisation-url", "https://college.example.org")
	tb.click("#organisation-form button[type=submit]")
	tb.waitPage("College of Anaesthetists (UI test)")
	orgID := pathParam(tb, "/admin/organisations/")

	tb.fill("#member-email", "nobody-here@tandem.test")
	tb.click("#member-add button[type=submit]")
	tb.expectText(`#member-add [data-field="email"] .field-error`, "belongs to no account")
	tb.fill("#member-email", member.Email)
	tb.selectByKeyboard("#member-role", "society_admin")
	tb.click("#member-add button[type=submit]")
	row := `tr[data-member="` + member.ID + `"]`
	tb.expectText(row, member.Name)
	checkPageAt(tb, "admin-organisation", adminViewports)
	tb.selectByKeyboard(row+" select", "author")
	tb.click(row + " button[type=submit]")
	tb.until(`!document.querySelector('` + row + ` button[type=submit]').disabled`)
	if role := env.Scalar("SELECT role FROM memberships WHERE organisation_id = ? AND user_id = ?", orgID, member.ID); role != "author" {
		t.Errorf("the member's role is %q", role)
	}
	// Removing asks first; keeping changes nothing.
	tb.click(row + " .button-danger")
	tb.expectText(row+" .confirm-remove", "Remove "+member.Name+" from College of Anaesthetists (UI test)?")
	checkPageAt(tb, "admin-organisation-confirm-remove", adminViewports)
	tb.click(row + ` [data-confirm="keep"]`)
	tb.until(`!document.querySelector('` + row + ` .confirm-remove') && document.activeElement.textContent.startsWith('Remove')`)
	if n := env.Scalar("SELECT COUNT(*) FROM memberships WHERE organisation_id = ? AND user_id = ?", orgID, member.ID); n != "1" {
		t.Fatalf("keeping the member removed them: %s roles left", n)
	}
	tb.click(row + " .button-danger")
	tb.click(row + ` [data-confirm="remove"]`)
	tb.until(`!document.querySelector('` + row + `')`)
	tb.open("/admin/organisations", "Organisations")
	tb.expectText(`tr[data-organisation="`+orgID+`"]`, "College of Anaesthetists (UI test)")
	checkPageAt(tb, "admin-organisations", adminViewports)

	tb.open("/admin/instructors", "Instructors")
	tb.fill("#instructor-email", promoted.Email)
	tb.click("#instructor-form button[type=submit]")
	tb.expectText(`[data-result="promoted"]`, promoted.Name+" is an instructor")
	tb.fill("#instructor-email", "ines.new@tandem.test")
	tb.click("#instructor-form button[type=submit]")
	tb.expectText(`#instructor-form [data-field="name"] .field-error`, "is required")
	tb.expectText(`#instructor-form [data-field="discipline"] .field-error`, "must be one of")
	tb.fill("#instructor-name", "Ines Newcomer")
	tb.selectByKeyboard("#instructor-discipline", "nursing")
	tb.click("#instructor-form button[type=submit]")
	tb.expectText(`[data-result="created"]`, "Account created for Ines Newcomer")
	tb.expectText(".admin-table", "ines.new@tandem.test")
	env.AwaitMails(t, "ines.new@tandem.test", "instructor_welcome", 1)
	checkPageAt(tb, "admin-instructors", adminViewports)

	tb.open("/admin/audit?target="+orgID, "Audit log")
	tb.expectText(".audit-table", "membership.removed")
	tb.selectByKeyboard("#audit-action", "organisation.")
	tb.click("#audit-filters button[type=submit]")
	tb.until(`location.search.includes('action=organisation.') && document.querySelectorAll('.audit-table tbody tr').length === 1`)
	tb.expectText(".audit-table", "organisation.created")
	tb.expectText(".audit-table", admin.Email)
	checkPageAt(tb, "admin-audit", adminViewports)
	tb.open("/admin/audit?actor=nobody-here@tandem.test", "Audit log")
	tb.expectText(".audit-empty", "No event matches these filters.")

	learner := newTab(t, browser, env.URL, 390, 844)
	logIn(learner, member)
	for _, path := range []string{"/admin", "/admin/organisations", "/admin/audit", "/admin/instructors"} {
		learner.open(path, "Not available to your account")
	}
	if n := eval[int](learner, `[...document.querySelectorAll('.main-nav a')].filter((a) => a.textContent === 'Admin').length`); n != 0 {
		t.Error("a learner's header links to the administration")
	}
}

// testSocietyAdmin: a society admin lists the certificates the society issued, finds one by
// email, narrows to the revoked ones and re-issues one under a new serial; edits a programme
// that has issued (only its description) and one that has not (a missing title is named next
// to the field); and retires a programme, reading first what that does.
func testSocietyAdmin(t *testing.T, env *testenv.Env, browser context.Context) {
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID := call(t, env, admin, "POST", "/api/v1/organisations", map[string]any{"name": "Society of Critical Care (UI test)", "kind": "society"}, http.StatusCreated).JSON(t)["id"].(string)
	officer := env.Learner("medicine")
	call(t, env, admin, "POST", "/api/v1/organisations/"+orgID+"/members", map[string]string{"email": officer.Email, "role": "society_admin"}, http.StatusCreated)
	env.Login(officer)
	newProgramme := func(title string) string {
		return call(t, env, officer, "POST", "/api/v1/organisations/"+orgID+"/programmes", map[string]any{"title": title, "tracks": []string{"clinicians"},
			"description": "For intensivists."}, http.StatusCreated).JSON(t)["id"].(string)
	}
	issuing, empty := newProgramme("AI in the intensive care unit"), newProgramme("AI for ward rounds")
	holders := []*testenv.User{env.Learner("medicine"), env.Learner("nursing")}
	var serials []string
	for _, l := range holders {
		finishClinicians(t, env, l)
		serials = append(serials, call(t, env, l, "POST", "/api/v1/programmes/"+issuing+"/claim", nil, http.StatusCreated).JSON(t)["serial"].(string))
	}
	call(t, env, officer, "POST", "/api/v1/certificates/"+serials[0]+"/revoke", map[string]string{"reason": "The name was misspelt."}, http.StatusOK)

	tb := newTab(t, browser, env.URL, 1366, 768)
	logIn(tb, officer)
	tb.open("/society/"+orgID, "Society of Critical Care (UI test)")
	tb.clickLink(".staff-links", "Certificates issued")
	tb.waitPage("Certificates issued")
	tb.expectText(`tr[data-serial="`+serials[1]+`"]`, holders[1].Email)
	checkPageAt(tb, "society-certificates", adminViewports)
	tb.fill("#certificates-q", holders[1].Email)
	tb.click("#certificate-filters button[type=submit]")
	tb.until(`document.querySelectorAll('.certificates-table tbody tr').length === 1 && !!document.querySelector('tr[data-serial="` + serials[1] + `"]')`)
	tb.fill("#certificates-q", "")
	tb.selectByKeyboard("#certificates-status", "revoked")
	tb.click("#certificate-filters button[type=submit]")
	revoked := `tr[data-serial="` + serials[0] + `"]`
	tb.until(`document.querySelectorAll('.certificates-table tbody tr').length === 1 && !!document.querySelector('` + revoked + `')`)
	tb.expectText(revoked, "The name was misspelt.")
	tb.click(revoked + " .certificate-action button")
	tb.expectText(revoked+` [data-result="reissued"]`, "Re-issued as TND-")
	fresh := eval[string](tb, `document.querySelector('`+revoked+` [data-result="reissued"] a').textContent`)
	checkPageAt(tb, "society-certificates-reissued", adminViewports)
	if v := call(t, env, nil, "GET", "/api/v1/certificates/"+fresh+"/verify", nil, http.StatusOK).JSON(t); v["status"] != "valid" || v["holder_name"] != holders[0].Name {
		t.Errorf("the re-issued certificate: %v", v)
	}
	if v := call(t, env, nil, "GET", "/api/v1/certificates/"+serials[0]+"/verify", nil, http.StatusOK).JSON(t); v["status"] != "revoked" {
		t.Errorf("the revoked certificate now: %v", v)
	}

	tb.open("/society/"+orgID+"/programmes/"+empty, "AI for ward rounds")
	eval[bool](tb, `(() => { document.querySelector('#edit-title').value = ''; return true; })()`)
	tb.click("#edit-form button[type=submit]")
	tb.expectText(`#edit-form [data-field="title"] .field-error`, "Give the programme a title.")
	tb.fill("#edit-title", "AI on ward rounds")
	tb.click("#edit-form button[type=submit]")
	tb.expectText("#edit-form .form-status", "Saved.")
	checkPageAt(tb, "society-programme", adminViewports)

	tb.open("/society/"+orgID+"/programmes/"+issuing, "AI in the intensive care unit")
	tb.expectText("#edit-form .notice", "only the description can change")
	tb.fill("#edit-description", "For intensivists and ICU nurses.")
	tb.click("#edit-form button[type=submit]")
	tb.expectText("#edit-form .form-status", "Saved.")
	tb.expectText("section[aria-labelledby=retire-heading]", "stays verifiable")
	checkPageAt(tb, "society-programme-issued", adminViewports)
	tb.click("#retire-button")
	tb.expectText(".retire-status", "Tick the box first")
	tb.click("#retire-confirm")
	tb.click("#retire-button")
	tb.expectText(`[data-result="retired"]`, "Retired on")
	checkPageAt(tb, "society-programme-retired", adminViewports)
	if d := env.Scalar("SELECT description FROM programmes WHERE id = ?", issuing); d != "For intensivists and ICU nurses." {
		t.Errorf("the description stored: %q", d)
	}
	tb.open("/society/"+orgID, "Society of Critical Care (UI test)")
	tb.expectText(`.programme[data-programme="`+issuing+`"]`, "Retired")
	checkPageAt(tb, "society-org", adminViewports)
	if v := call(t, env, nil, "GET", "/api/v1/certificates/"+serials[1]+"/verify", nil, http.StatusOK).JSON(t); v["status"] != "valid" {
		t.Errorf("a certificate of the retired programme: %v", v)
	}

	// Anyone verifying a certificate of the retired programme reads that it is retired.
	verifier := newTab(t, browser, env.URL, 390, 800)
	verifier.open("/verify/"+serials[1], "Verify "+serials[1])
	verifier.expectText(".certificate-facts", "Retired on")
	verifier.expectText(".verification", "This certificate is valid")
	checkPageAt(verifier, "verify-retired-programme", adminViewports)

	// The society's own administrator renames it.
	tb.open("/admin/organisations/"+orgID, "Society of Critical Care (UI test)")
	tb.fill("#edit-name", "Society of Critical Care Medicine (UI test)")
	tb.click("#organisation-edit button[type=submit]")
	tb.expectText("#organisation-edit .form-status", "Saved.")
	tb.expectText("h1", "Society of Critical Care Medicine (UI test)")
	checkPageAt(tb, "society-rename", adminViewports)
	if name := env.Scalar("SELECT name FROM organisations WHERE id = ?", orgID); name != "Society of Critical Care Medicine (UI test)" {
		t.Errorf("the stored name: %q", name)
	}
}
