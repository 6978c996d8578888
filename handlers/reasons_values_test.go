package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// fieldReasons returns the field reasons of a 422, failing the test for any other answer.
func fieldReasons(t *testing.T, r *testenv.Response) map[string]string {
	t.Helper()
	var body struct {
		Error struct {
			Code    string
			Details struct{ Fields map[string]string }
		}
	}
	r.Decode(t, &body)
	if r.Status != http.StatusUnprocessableEntity || body.Error.Code != "validation_failed" {
		t.Fatalf("want a 422 with field reasons, got %d %s", r.Status, r.Body)
	}
	return body.Error.Details.Fields
}

// wantReasons checks that got gives each field of want its reason.
func wantReasons(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for field, reason := range want {
		if got[field] != reason {
			t.Errorf("%s, %s: got %q, want %q", what, field, got[field], reason)
		}
	}
}

// Reasons that carry values (an address, a row, a limit, the allowed choices) place them in
// the reader's language, numbers written as that language writes them; English reads as it
// always has.
func TestReasonsPlaceTheirValuesInTheReadersLanguage(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	id := newCohort(t, env, instructor)
	in := func(lang string) map[string]string { return map[string]string{"Accept-Language": lang} }

	csv := "email,name\nana@university.example,Ana\nnot-an-address,Ben\nANA@university.example,Ana\ncy@university.example," + strings.Repeat("n", 201) + "\n"
	importIn := func(lang, csv string) map[string]string {
		return fieldReasons(t, env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/invitations/import", Token: instructor.AccessToken,
			Body: csv, Header: map[string]string{"Content-Type": "text/csv", "Accept-Language": lang}}))
	}
	wantReasons(t, "invitees in French", importIn("fr", csv), map[string]string{
		"rows.3": "« not-an-address » n’est pas une adresse e-mail",
		"rows.4": "reprend l’adresse de rows.2",
		"rows.5": "a un nom de plus de 200 caractères",
	})
	wantReasons(t, "invitees in English", importIn("en", csv), map[string]string{
		"rows.3": `"not-an-address" is not an email address`,
		"rows.4": "repeats the address of rows.2",
	})
	wantReasons(t, "an unclosed quote in Italian", importIn("it", "email\n\"ana@university.example\n"), map[string]string{
		"rows.2": "non è un CSV valido: \" in eccesso o mancante in un campo tra virgolette",
	})

	grid := func(lang, query string) map[string]string {
		return fieldReasons(t, env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress?" + query,
			Token: instructor.AccessToken, Header: in(lang)}))
	}
	wantReasons(t, "the grid in German", grid("de", "per_page=501&page=0&sort=email"), map[string]string{
		"per_page": "muss eine ganze Zahl von 1 bis 500 sein",
		"page":     "muss eine ganze Zahl von 1 bis 1.000.000 sein",
		"sort":     "muss einer dieser Werte sein: name, discipline, progress, last_activity, team_status",
	})
	wantReasons(t, "the grid in English", grid("en", "per_page=501&page=0"), map[string]string{
		"per_page": "must be a whole number from 1 to 500",
		"page":     "must be a whole number from 1 to 1,000,000",
	})

	preview := func(lang string) map[string]string {
		return fieldReasons(t, env.Do(testenv.Request{Method: "POST", Path: "/api/v1/markdown/preview", Token: instructor.AccessToken,
			Header: in(lang), Body: map[string]string{"markdown": strings.Repeat("a", 200_001)}}))
	}
	wantReasons(t, "too much Markdown", preview("fr"), map[string]string{"markdown": "doit être un texte valide d’au plus 200\u00a0000 octets"})
	wantReasons(t, "too much Markdown", preview("it"), map[string]string{"markdown": "deve essere un testo valido di al massimo 200.000 byte"})
	wantReasons(t, "too much Markdown", preview("en"), map[string]string{"markdown": "must be valid text of at most 200,000 bytes"})
}

// A reader's own language, chosen in their profile, words the limits of their profile's
// fields and of their feedback on a lesson.
func TestProfileLimitsInTheUsersLanguage(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("nursing")
	env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]string{"language": "it"}})
	got := fieldReasons(t, env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken,
		Body: map[string]string{"name": " ", "institution": strings.Repeat("i", 201), "discipline": "surgery"}}))
	wantReasons(t, "a profile in Italian", got, map[string]string{
		"name":        "deve contenere da 1 a 200 caratteri",
		"institution": "deve contenere al massimo 200 caratteri",
		"discipline":  "deve essere uno dei seguenti valori: medicine, nursing, allied_health, computer_science, data_science, engineering, other",
	})
	if name := env.Scalar("SELECT name FROM users WHERE id = ?", u.ID); name != u.Name {
		t.Errorf("a refused change stored the name %q", name)
	}
	lesson := env.App.Catalog.Lessons()[0].Slug
	wantReasons(t, "lesson feedback in Italian", fieldReasons(t, giveFeedback(env, u, lesson, 9, "rant", strings.Repeat("c", 2001))), map[string]string{
		"rating":  "deve essere un numero intero da 1 a 5",
		"kind":    "deve essere uno dei seguenti valori: unclear, error, suggestion, praise",
		"comment": "deve contenere al massimo 2000 caratteri",
	})
}

// A lab's choices and an accommodation's bounds are named in the reader's language; English
// reads as it always has.
func TestLabChoicesAndBoundsInTheReadersLanguage(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	nurse := env.Learner("nursing")
	cohort := newCohort(t, env, instructor, nurse)
	in := func(lang string) map[string]string { return map[string]string{"Accept-Language": lang} }

	metrics := func(lang, query string) map[string]string {
		return fieldReasons(t, env.Do(testenv.Request{Method: "GET", Path: "/api/v1/labs/" + testLab + "/metrics?" + query, Header: in(lang)}))
	}
	wantReasons(t, "a lab's models in French", metrics("fr", "model=forest"), map[string]string{"model": "doit être l’un des modèles du laboratoire : base, shortcut"})
	wantReasons(t, "a lab's subgroups in German", metrics("de", "subgroup=height"), map[string]string{"subgroup": "muss eine der Untergruppen des Labors sein: age_band, sex, skin_tone, ethnicity"})
	wantReasons(t, "a lab's models in English", metrics("en", "model=forest"), map[string]string{"model": "must be one of the lab's models: base, shortcut"})
	wantReasons(t, "a risk in French", metrics("fr", "threshold=1.5"), map[string]string{"threshold": "doit être un risque compris entre 0 et 1"})
	wantReasons(t, "a risk in English", metrics("en", "threshold=1.5"), map[string]string{"threshold": "must be a risk from 0 to 1"})

	accommodate := func(lang string) map[string]string {
		return fieldReasons(t, env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/accommodations", Token: instructor.AccessToken, Header: in(lang),
			Body: map[string]any{"cohort": cohort, "user": nurse.ID, "extra_minutes": 1441, "extra_attempts": -1}}))
	}
	wantReasons(t, "bounds in French", accommodate("fr"), map[string]string{"extra_minutes": "doit être compris entre 0 et 1440", "extra_attempts": "doit être compris entre 0 et 20"})
	wantReasons(t, "bounds in German", accommodate("de"), map[string]string{"extra_minutes": "muss zwischen 0 und 1440 liegen", "extra_attempts": "muss zwischen 0 und 20 liegen"})
	wantReasons(t, "bounds in English", accommodate("en"), map[string]string{"extra_minutes": "must be between 0 and 1440"})
	wantReasons(t, "an unknown quiz in German", fieldReasons(t, env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/accommodations", Token: instructor.AccessToken,
		Header: in("de"), Body: map[string]any{"cohort": cohort, "user": nurse.ID, "quiz": "no-such-quiz", "extra_minutes": 10}})),
		map[string]string{"quiz": "ist kein Quiz des Katalogs"})
}
