package handlers_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"tandem/testenv"
)

// credentialClaims is the payload of a certificate's served VC-JWT, read without checking
// its signature (other tests check that).
func credentialClaims(t *testing.T, env *testenv.Env, serial string) map[string]any {
	t.Helper()
	token := string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/credential"}).Body)
	var claims map[string]any
	if err := json.Unmarshal(b64(t, strings.Split(token, ".")[1]), &claims); err != nil {
		t.Fatalf("credential payload: %v", err)
	}
	return claims
}

// A society admin translates a programme; a holder who reads Tandem in French gets a
// credential naming the achievement in French, with its language and the English edition as a
// related achievement, each served at its id; a viewer of the verification page reads the
// programme's French title; only the society's admins may write translations, and a bad one
// is refused whole.
func TestProgrammeTranslationsNameTheAchievementInTheHoldersLanguage(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole("admin", "other")
	_, programme, socAdmin := society(t, env, admin, "Société suisse d’anesthésiologie")
	path := "/api/v1/programmes/" + programme + "/translations/"
	french := map[string]string{"title": "Littératie en IA en anesthésiologie", "description": "Pour les anesthésistes qui travaillent avec l’IA."}

	stranger := env.Learner("medicine")
	if r := env.Do(testenv.Request{Method: "PUT", Path: path + "fr", Token: stranger.AccessToken, Body: french}); r.Status != http.StatusForbidden && r.Status != http.StatusNotFound {
		t.Fatalf("a learner translated a programme: %d %s", r.Status, r.Body)
	}
	for lang, body := range map[string]map[string]string{"en": french, "es": french, "fr": {"title": " ", "description": "x"}, "de": {"title": "Titel", "description": ""}} {
		if r := env.Do(testenv.Request{Method: "PUT", Path: path + lang, Token: socAdmin.AccessToken, Body: body}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("translation into %s %v: %d %s", lang, body, r.Status, r.Body)
		}
	}
	if n := env.Scalar("SELECT COUNT(*) FROM programme_translations WHERE programme_id = ?", programme); n != "0" {
		t.Fatalf("%s refused translations were stored", n)
	}
	if r := env.Do(testenv.Request{Method: "PUT", Path: path + "fr", Token: socAdmin.AccessToken, Body: french}); r.Status != http.StatusOK || r.JSON(t)["title"] != french["title"] {
		t.Fatalf("French translation: %d %s", r.Status, r.Body)
	}
	if r := env.Do(testenv.Request{Method: "PUT", Path: path + "de", Token: socAdmin.AccessToken,
		Body: map[string]string{"title": "KI-Kompetenz in der Anästhesiologie", "description": "Für Anästhesistinnen und Anästhesisten."}}); r.Status != http.StatusOK {
		t.Fatalf("German translation: %d %s", r.Status, r.Body)
	}
	list := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programme + "/translations"}).JSON(t)["items"].([]any)
	if len(list) != 2 || list[0].(map[string]any)["language"] != "de" || list[1].(map[string]any)["language"] != "fr" {
		t.Fatalf("translations: %v", list)
	}

	holder := env.Learner("medicine")
	env.SaveLanguage(holder, "fr")
	finishClinicians(t, env, holder)
	serial := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programme + "/claim", Token: holder.AccessToken}).JSON(t)["serial"].(string)
	claims := credentialClaims(t, env, serial)
	a := claims["credentialSubject"].(map[string]any)["achievement"].(map[string]any)
	base := env.Config.BaseURL + "/api/v1/programmes/" + programme + "/achievement"
	if a["name"] != french["title"] || a["description"] != french["description"] || a["inLanguage"] != "fr" || a["id"] != base+"?lang=fr" || claims["name"] != french["title"] {
		t.Errorf("French achievement: %v", a)
	}
	if narrative := a["criteria"].(map[string]any)["narrative"].(string); !strings.HasPrefix(narrative, "A terminé tous les modules de « ") {
		t.Errorf("French criteria: %s", narrative)
	}
	related, _ := json.Marshal(a["related"])
	if want := `[{"id":"` + base + `","inLanguage":"en","type":["Related"]},{"id":"` + base + `?lang=de","inLanguage":"de","type":["Related"]}]`; string(related) != want {
		t.Errorf("related editions %s, want %s", related, want)
	}
	for lang, name := range map[string]string{"": "AI literacy in anaesthesia", "?lang=fr": french["title"], "?lang=de": "KI-Kompetenz in der Anästhesiologie"} {
		doc := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programme + "/achievement" + lang})
		if doc.Status != http.StatusOK || doc.JSON(t)["name"] != name {
			t.Errorf("achievement%s: %d %s", lang, doc.Status, doc.Body)
		}
	}
	img, _ := a["image"].(map[string]any)
	if id, _ := img["id"].(string); !strings.HasSuffix(id, "/image?lang=fr") {
		t.Errorf("French badge image %v", img)
	} else if svg := string(env.Do(testenv.Request{Method: "GET", Path: strings.TrimPrefix(id, env.Config.BaseURL)}).Body); !hasAll(svg, "Littératie en IA", ">CERTIFICAT<", `xml:lang="fr"`) {
		t.Errorf("French badge: %s", svg)
	}
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programme + "/achievement?lang=it"}); r.Status != http.StatusNotFound {
		t.Errorf("an edition the programme lacks: %d", r.Status)
	}

	verify := func(lang string) map[string]any {
		return env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/verify", Header: map[string]string{"Accept-Language": lang}}).JSON(t)
	}
	if v := verify("de-CH"); v["programme"] != "KI-Kompetenz in der Anästhesiologie" || v["programme_language"] != "de" {
		t.Errorf("verification for a German reader: %v", v)
	}
	if v := verify("it"); v["programme"] != "AI literacy in anaesthesia" || v["programme_language"] != "en" {
		t.Errorf("verification for an Italian reader: %v", v)
	}

	if r := env.Do(testenv.Request{Method: "DELETE", Path: path + "fr", Token: socAdmin.AccessToken}); r.Status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	if a := credentialClaims(t, env, serial)["credentialSubject"].(map[string]any)["achievement"].(map[string]any); a["name"] != "AI literacy in anaesthesia" || a["inLanguage"] != "en" {
		t.Errorf("after the French translation was removed: %v", a)
	}
}
