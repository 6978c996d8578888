package mail_test

import (
	"strings"
	"testing"

	"tandem/mail"
)

// A mail says its language in the HTML and writes its footer and button help in it.
func TestMessageInItsLanguage(t *testing.T) {
	m := mail.Message{Kind: "test", To: "a@tandem.test", Subject: "Sujet", Greeting: "Bonjour,", Lang: "fr",
		Action: &mail.Action{Label: "Ouvrir", URL: "https://tandem.test/x"}}
	row := m.Row()
	if !strings.Contains(row.HTMLBody, `<html lang="fr">`) || !strings.Contains(row.HTMLBody, "copiez cette adresse") {
		t.Fatalf("French HTML mail: %s", row.HTMLBody)
	}
	if !strings.HasSuffix(row.TextBody, "-- \nTandem : la littératie en IA dans la santé, enseignée en binômes\n") {
		t.Fatalf("French text footer: %q", row.TextBody)
	}
	m.Lang = ""
	if row := m.Row(); !strings.Contains(row.HTMLBody, `<html lang="en">`) || !strings.Contains(row.TextBody, "taught in pairs") {
		t.Fatalf("a mail without a language is English: %s", row.TextBody)
	}
}
