package handlers_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"tandem/testenv"
)

// The language of a request is the user's saved choice, else the best of Accept-Language,
// else English; every response says it in Content-Language.
func TestLanguageNegotiationOrder(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("nursing")
	me := func(header string) *testenv.Response {
		t.Helper()
		r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken, Header: map[string]string{"Accept-Language": header}})
		if r.Status != http.StatusOK {
			t.Fatalf("GET /me: %d %s", r.Status, r.Body)
		}
		return r
	}
	for header, want := range map[string]string{"": "en", "fr-CH,fr;q=0.9": "fr", "ja, zh;q=0.8": "en", "de-AT": "de"} {
		if got := me(header).Header.Get("Content-Language"); got != want {
			t.Errorf("Accept-Language %q, nothing saved: Content-Language %q, want %q", header, got, want)
		}
	}
	r := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]string{"language": "it"}})
	if r.Status != http.StatusOK || r.JSON(t)["language"] != "it" {
		t.Fatalf("save Italian: %d %s", r.Status, r.Body)
	}
	if got := env.Scalar("SELECT language FROM users WHERE id = ?", u.ID); got != "it" {
		t.Fatalf("stored language %q", got)
	}
	for _, header := range []string{"", "fr-CH,fr;q=0.9"} {
		if got := me(header).Header.Get("Content-Language"); got != "it" {
			t.Errorf("saved it, Accept-Language %q: Content-Language %q", header, got)
		}
	}
	r = env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]string{"language": ""}})
	if r.Status != http.StatusOK || me("de").Header.Get("Content-Language") != "de" {
		t.Fatalf("forgetting the choice must bring back the browser's: %d %s", r.Status, r.Body)
	}
	anonymous := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/tracks", Header: map[string]string{"Accept-Language": "it-CH"}})
	if got := anonymous.Header.Get("Content-Language"); got != "it" {
		t.Fatalf("a visitor's request: Content-Language %q", got)
	}
}

// A language Tandem does not speak is refused with a reason in the caller's language, and
// nothing is stored.
func TestLanguageChoiceIsValidated(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]string{"language": "de"}})
	for _, bad := range []any{"es", "DE", "de-CH", 7} {
		r := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken,
			Body: map[string]any{"language": bad, "name": "Someone Else"}})
		if r.Status != http.StatusUnprocessableEntity || r.ErrorCode() != "validation_failed" {
			t.Fatalf("language %v: %d %s", bad, r.Status, r.Body)
		}
		if bad == "es" && !strings.Contains(string(r.Body), "muss einer dieser Werte sein: en, fr, de, it") {
			t.Fatalf("the reason must be in German for a German user: %s", r.Body)
		}
	}
	if got := env.Scalar("SELECT language || '/' || name FROM users WHERE id = ?", u.ID); got != "de/"+u.Name {
		t.Fatalf("a refused change must store nothing, stored %q", got)
	}
}

// Error messages follow the language; their codes do not.
func TestErrorMessagesInTheUsersLanguage(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("computer_science")
	env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]string{"language": "de"}})
	message := func(r *testenv.Response) string {
		var body struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatalf("error body: %v %s", err, r.Body)
		}
		return body.Error.Code + ": " + body.Error.Message
	}
	r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/no-such-attempt", Token: u.AccessToken, Header: map[string]string{"Accept-Language": "fr"}})
	if got := message(r); r.Status != http.StatusNotFound || got != "not_found: Versuch nicht gefunden." {
		t.Fatalf("a German user's 404: %d %q", r.Status, got)
	}
	r = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/password", Token: u.AccessToken, Body: map[string]string{"current_password": "wrong one", "new_password": "short"}})
	if !strings.Contains(string(r.Body), "Einige Felder sind ungültig.") {
		t.Fatalf("a German user's 422: %d %s", r.Status, r.Body)
	}
	login := func(lang string) string {
		return message(env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Header: map[string]string{"Accept-Language": lang},
			Body: map[string]string{"email": u.Email, "password": "not the password"}}))
	}
	if got := login("fr-CH"); got != "invalid_credentials: L’adresse e-mail ou le mot de passe est incorrect." {
		t.Fatalf("a visitor asking for French: %q", got)
	}
	if got := login(""); got != "invalid_credentials: The email or password is not correct." {
		t.Fatalf("a visitor naming no language: %q", got)
	}
	r = env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Header: map[string]string{"Accept-Language": "it"}})
	if got := message(r); r.Status != http.StatusUnauthorized || got != "unauthenticated: Questa operazione richiede un token di accesso valido." {
		t.Fatalf("an Italian visitor's 401: %d %q", r.Status, got)
	}
}

// The confirmation mail of an account registered from a French browser is written in French.
func TestRegistrationMailInFrench(t *testing.T) {
	env := testenv.New(t)
	email := testenv.UniqueEmail("Claire@tandem.test")
	r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Header: map[string]string{"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.5"},
		Body: map[string]string{"email": email, "password": "a ward round at dawn", "name": "Claire Dubois", "discipline": "nursing"}})
	if r.Status != http.StatusCreated {
		t.Fatalf("register: %d %s", r.Status, r.Body)
	}
	m := env.AwaitMails(t, strings.ToLower(email), "verify_email", 1)[0]
	if m.Subject != "Confirmez votre adresse e-mail pour Tandem" || !strings.HasPrefix(m.Text, "Bonjour Claire Dubois,") ||
		!strings.Contains(m.Text, "Confirmer mon adresse") || !strings.Contains(m.Text, "enseignée en binômes") {
		t.Fatalf("French confirmation mail: %q\n%s", m.Subject, m.Text)
	}
}

// The web UI's messages are served per language with an ETag, and 304 when current.
func TestMessagesForTheWebUI(t *testing.T) {
	env := testenv.New(t)
	r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/i18n/de"})
	etag := r.Header.Get("ETag")
	if r.Status != http.StatusOK || etag == "" {
		t.Fatalf("German messages: %d %q", r.Status, etag)
	}
	var doc struct {
		Lang     string
		Messages map[string]any
	}
	r.Decode(t, &doc)
	if doc.Lang != "de" || doc.Messages["header.log_in"] != "Anmelden" {
		t.Fatalf("German messages: %s %v", doc.Lang, doc.Messages["header.log_in"])
	}
	if forms, ok := doc.Messages["module.lesson_count"].(map[string]any); !ok || forms["one"] != "{{.Count}} Lektion" {
		t.Fatalf("a plural message must carry its forms: %v", doc.Messages["module.lesson_count"])
	}
	if again := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/i18n/de", Header: map[string]string{"If-None-Match": etag}}); again.Status != http.StatusNotModified || len(again.Body) != 0 {
		t.Fatalf("If-None-Match: %d", again.Status)
	}
	if other := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/i18n/fr"}); other.Header.Get("ETag") == etag {
		t.Fatal("each language needs its own ETag")
	}
	if es := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/i18n/es"}); es.Status != http.StatusNotFound || es.ErrorCode() != "not_found" {
		t.Fatalf("Spanish: %d %s", es.Status, es.Body)
	}
}
