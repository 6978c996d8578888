package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"tandem/auth"
	"tandem/i18n"
	"tandem/testenv"
)

// Invitations, certificate offers and new instructors' mails are written in the language the
// account at the address chose, else in the language of the staff member who sent them.
func TestStaffMailsAreWrittenInTheReadersLanguage(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	german := env.Learner("nursing")
	env.SaveLanguage(german, "de")
	french := map[string]string{"Accept-Language": "fr-CH,fr;q=0.9"}
	nouvelle, someone, docente := testenv.UniqueEmail("nouvelle@hopital.example"), testenv.UniqueEmail("someone@ospedale.example"),
		testenv.UniqueEmail("docente@ospedale.example")

	r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: instructor.AccessToken,
		Body: map[string]any{"name": "Anästhesie und KI", "tracks": []string{"clinicians"}}})
	if r.Status != http.StatusCreated {
		t.Fatalf("cohort: %d %s", r.Status, r.Body)
	}
	cohort := r.JSON(t)["id"].(string)
	r = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + cohort + "/invitations", Token: instructor.AccessToken, Header: french,
		Body: map[string]any{"invitations": []map[string]string{{"email": german.Email}, {"email": nouvelle, "name": "Dre Martin"}}}})
	if r.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	until, _ := time.Parse(time.RFC3339, r.JSON(t)["expires_at"].(string))
	de := env.AwaitMails(t, german.Email, "invitation", 1)[0]
	if de.Subject != "Treten Sie Anästhesie und KI auf Tandem bei" || !strings.HasPrefix(de.Text, "Guten Tag,") ||
		!hasAll(de.Text, "der Kohorte „Anästhesie und KI“", "Annehmen oder ablehnen", "bis zum "+i18n.Date("de", until)) {
		t.Errorf("German invitation: %s\n%s", de.Subject, de.Text)
	}
	fr := env.AwaitMails(t, nouvelle, "invitation", 1)[0]
	if fr.Subject != "Rejoignez Anästhesie und KI sur Tandem" || !strings.HasPrefix(fr.Text, "Bonjour Dre Martin,") ||
		!hasAll(fr.Text, "jusqu’au "+i18n.Date("fr", until), "Tandem : la littératie en IA") {
		t.Errorf("French invitation: %s\n%s", fr.Subject, fr.Text)
	}

	_, programme, socAdmin := society(t, env, admin, "Società di prova")
	italian := env.Learner("medicine")
	env.SaveLanguage(italian, "it")
	for _, body := range []map[string]string{{"user_id": italian.ID}, {"email": someone}} {
		if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programme + "/certificates", Token: socAdmin.AccessToken,
			Header: map[string]string{"Accept-Language": "de"}, Body: body}); r.Status != http.StatusCreated {
			t.Fatalf("offer: %d %s", r.Status, r.Body)
		}
	}
	it := env.AwaitMails(t, italian.Email, "certificate_offer", 1)[0]
	if it.Subject != "Società di prova Le offre un certificato su Tandem" || !strings.HasPrefix(it.Text, "Gentile "+italian.Name+",") ||
		!hasAll(it.Text, "«AI literacy in anaesthesia»", "Accetta o rifiuta") {
		t.Errorf("Italian offer: %s\n%s", it.Subject, it.Text)
	}
	if m := env.AwaitMails(t, someone, "certificate_offer", 1)[0]; m.Subject != "Società di prova bietet Ihnen ein Zertifikat auf Tandem an" {
		t.Errorf("offer by address, in the society admin's language: %s", m.Subject)
	}

	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/instructors", Token: admin.AccessToken, Header: map[string]string{"Accept-Language": "it"},
		Body: map[string]string{"email": docente, "name": "Lucia Bianchi", "discipline": "medicine"}}); r.Status != http.StatusCreated {
		t.Fatalf("instructor: %d %s", r.Status, r.Body)
	}
	if m := env.AwaitMails(t, docente, "instructor_welcome", 1)[0]; m.Subject != "Il Suo account docente Tandem" ||
		!hasAll(m.Text, "Gentile Lucia Bianchi,", "Scegli la mia password", "/reset-password#token=") {
		t.Errorf("Italian instructor welcome: %s\n%s", m.Subject, m.Text)
	}
}

// hasAll reports whether s contains every one of parts.
func hasAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
