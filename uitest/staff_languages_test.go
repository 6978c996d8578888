package uitest

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/i18n"
	"tandem/testenv"
)

// testStaffLanguages: a platform admin and a society administrator who chose French, then
// German, read an organisation's administration page and their society's page in that
// language: every heading and control is the language's own message, no English interface
// message is left on the page, numbers, dates and lists are written the language's way, and
// both pages pass axe.
func testStaffLanguages(t *testing.T, env *testenv.Env, browser context.Context) {
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID := call(t, env, admin, "POST", "/api/v1/organisations", map[string]any{"name": "Société d’anesthésie (UI test)", "kind": "society"}, http.StatusCreated).JSON(t)["id"].(string)
	officer := env.Learner("medicine")
	call(t, env, admin, "POST", "/api/v1/organisations/"+orgID+"/members", map[string]string{"email": officer.Email, "role": "society_admin"}, http.StatusCreated)
	env.Login(officer)
	call(t, env, officer, "POST", "/api/v1/organisations/"+orgID+"/programmes", map[string]any{"title": "AI in anaesthesia", "tracks": []string{"clinicians"},
		"description": "For anaesthetists.", "min_quiz_percent": 80, "validity_days": 730, "credits": 1.5, "credit_unit": "CME"}, http.StatusCreated)

	adminTab := newTab(t, browser, env.URL, 1366, 768)
	logIn(adminTab, admin)
	officerTab := newTab(t, browser, env.URL, 390, 844)
	logIn(officerTab, officer)
	for _, lang := range []string{"fr", "de"} {
		t.Run(lang, func(t *testing.T) {
			msg := func(id string, data map[string]any) string { return i18n.Default().Text(lang, id, data) }
			for _, u := range []*testenv.User{admin, officer} {
				call(t, env, u, "PATCH", "/api/v1/me", map[string]string{"language": lang}, http.StatusOK)
			}

			adminTab.open("/admin/organisations/"+orgID, "Société d’anesthésie (UI test)")
			checkLanguage(adminTab, lang)
			adminTab.expectText("#edit-heading", msg("admin.organisation.edit", nil))
			adminTab.expectText("#members-heading", msg("admin.organisation.members", nil))
			adminTab.expectText(".admin-table caption", msg("admin.organisation.count", map[string]any{"Count": 1}))
			adminTab.expectText(`tr[data-member="`+officer.ID+`"] select option[value="society_admin"]`, msg("admin.role.society_admin", nil))
			adminTab.expectText(".subnav", msg("admin.audit_log", nil))
			noEnglishMessage(adminTab, lang)
			adminTab.audit(lang + " admin organisation")

			officerTab.open("/society/"+orgID, "Société d’anesthésie (UI test)")
			checkLanguage(officerTab, lang)
			officerTab.expectText("#define-heading", msg("society.org.define", nil))
			// Percentages are the language's own ("80 %" with its own space, written by Intl).
			eighty := eval[string](officerTab, `new Intl.NumberFormat(document.documentElement.lang, { style: 'percent' }).format(0.8)`)
			officerTab.expectText(".programme .requirements", msg("society.org.req_quiz", map[string]any{"Percent": eighty}))
			officerTab.expectText(".programme .card-meta", msg("society.org.valid_days", map[string]any{"Count": 730}))
			officerTab.expectText(".programme .card-meta", "1,5 CME")
			officerTab.expectText("#keys-heading", msg("admin.audit.keys", nil))
			noEnglishMessage(officerTab, lang)
			officerTab.audit(lang + " society")
		})
	}
}

// noEnglishMessage fails when the page's main content shows an English interface message that
// lang does not use: as the whole text of an element, as an accessible name, or, for a
// sentence, anywhere in the text.
func noEnglishMessage(tb *tab, lang string) {
	tb.t.Helper()
	catalog := i18n.Default()
	texts := eval[[]string](tb, `(() => {
		const main = document.querySelector('main');
		const out = [main.innerText];
		for (const el of main.querySelectorAll('*')) {
			const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
			if (own) out.push(own);
			for (const name of ['aria-label', 'placeholder', 'title']) if (el.getAttribute(name)) out.push(el.getAttribute(name));
			if (el.tagName === 'OPTION') out.push(el.textContent.trim());
		}
		return out;
	})()`)
	whole := map[string]bool{}
	for _, s := range texts[1:] {
		whole[strings.TrimSpace(s)] = true
	}
	// A word can be both English and the language's own ("Programme" is German for
	// programmes): a text the language uses anywhere is not taken for English.
	own := map[string]bool{}
	for _, id := range catalog.IDs(lang) {
		own[catalog.Text(lang, id, nil)] = true
	}
	for _, id := range catalog.IDs("en") {
		en := catalog.Text("en", id, nil)
		if strings.Contains(en, "{{") || own[en] || len(en) < 3 {
			continue
		}
		if whole[en] || (len(en) >= 24 && strings.Contains(texts[0], en)) {
			tb.t.Errorf("%s page %s still shows the English %q (%s)", lang, eval[string](tb, `location.pathname`), en, id)
		}
	}
}
