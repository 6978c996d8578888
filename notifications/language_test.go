package notifications_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"tandem/auth"
	"tandem/i18n"
	"tandem/locale"
	"tandem/notifications"
	"tandem/testenv"
)

// Every kind of notice is named, and its notices titled, in every language. A kind added
// without messages still works with its English title; this lists what is left to translate.
func TestEveryKindHasMessagesInEveryLanguage(t *testing.T) {
	cat := i18n.Default()
	for _, k := range notifications.Kinds {
		for _, lang := range locale.Supported() {
			for _, part := range []string{"label", "title"} {
				if id := "notice." + k.Key + "." + part; !cat.Has(lang, id) {
					t.Errorf("kind %s has no %s message %q", k.Key, lang, id)
				}
			}
		}
	}
}

// A learner who reads Tandem in French gets notices, their mail, the digest and the names of
// the settings page in French, dates written as French writes them; a learner without a
// choice gets them in English.
func TestNoticesAreWrittenInTheirReadersLanguage(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	french, english := env.Learner("medicine"), env.Learner("computer_science")
	env.SaveLanguage(french, "fr")
	cohort := cohortOf(t, env, instructor, []*testenv.User{french, english})
	ex := env.App.Catalog.Exercises()[0]
	due := time.Now().UTC().Add(24 * time.Hour)
	if r := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/cohorts/" + cohort + "/exercises", Token: instructor.AccessToken,
		Body: map[string]any{"exercises": []map[string]string{{"slug": ex.Slug, "due_on": due.Format(time.DateOnly)}}}}); r.Status != http.StatusOK {
		t.Fatalf("due date: %d %s", r.Status, r.Body)
	}
	formTeams(t, env, instructor, cohort)
	if _, err := env.App.DueReminder(testenv.Logger()).Once(ctx); err != nil {
		t.Fatal(err)
	}
	title := func(u *testenv.User, kind string) string {
		return count(env, "SELECT title FROM notifications WHERE user_id = ? AND kind = ?", u.ID, kind)
	}
	if got, want := title(french, "due.soon"), "« "+ex.Title+" » est à rendre le "+i18n.Weekday("fr", due); got != want {
		t.Errorf("French due-date notice %q, want %q", got, want)
	}
	if got := title(english, "due.soon"); !strings.HasPrefix(got, "“"+ex.Title+"” is due "+due.Format("Monday")) {
		t.Errorf("English due-date notice %q", got)
	}
	if got := title(french, "team.formed"); !strings.HasPrefix(got, "Vous faites désormais partie de Team ") {
		t.Errorf("French team notice %q", got)
	}
	m := env.AwaitMails(t, french.Email, "notice.due.soon", 1)[0]
	if !strings.HasPrefix(m.Subject, "« ") || !contains(m.Text, "Bonjour", "Ouvrir dans Tandem", "réglages de notification", "n’a encore envoyé aucun travail") {
		t.Errorf("French due-date mail: %s\n%s", m.Subject, m.Text)
	}

	var prefs notifications.Preferences
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/notification-preferences", Token: french.AccessToken}).Decode(t, &prefs)
	if prefs.Kinds[0].Label != "Le travail de votre équipe a été évalué" {
		t.Errorf("French label of %s: %q", prefs.Kinds[0].Key, prefs.Kinds[0].Label)
	}

	d := env.App.Digest("server-a", env.URL, testenv.Logger())
	d.Now = func() time.Time { return time.Now().Add(24 * time.Hour).Truncate(24 * time.Hour).Add(9 * time.Hour) }
	if _, err := d.Once(ctx); err != nil {
		t.Fatal(err)
	}
	digest := env.AwaitMails(t, french.Email, "notice.digest", 1)[0]
	if digest.Subject != "Votre récapitulatif Tandem" || !contains(digest.Text, "1 notification depuis votre dernier récapitulatif", "Vous faites désormais partie de Team ") {
		t.Errorf("French digest: %s\n%s", digest.Subject, digest.Text)
	}
}

// A kind that has no messages yet is written with the title and body its notice gives.
func TestKindWithoutMessagesKeepsItsTitle(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("nursing")
	env.SaveLanguage(u, "de")
	kinds := notifications.Kinds
	t.Cleanup(func() { notifications.Kinds = kinds })
	notifications.Kinds = append(append([]notifications.Kind(nil), kinds...), notifications.Kind{Key: "test.untranslated", Label: "Untranslated", DefaultEmail: "off"})
	err := env.App.Notices.Notify(context.Background(), notifications.Notice{UserID: u.ID, Kind: "test.untranslated", Title: "Only in English",
		Body: "As given.", Data: map[string]any{"Ignored": "x"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := count(env, "SELECT title || ' ' || body FROM notifications WHERE user_id = ?", u.ID); got != "Only in English As given." {
		t.Errorf("stored %q", got)
	}
}
