package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// What a learner still has to do for a certificate reads in the request's language, with
// catalogue titles and numbers as that language writes them.
func TestUnmetRequirementsReadInTheLearnersLanguage(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	_, programme, _ := society(t, env, admin, "Société suisse d’anesthésiologie")
	learner := env.Learner("medicine")
	track, _ := env.App.Catalog.Track("clinicians")
	fr, _ := track.In("fr")
	cases := []struct {
		lang, header string
		want         []string
	}{
		{"", "", []string{`Complete "` + track.Title + `": `, " modules still to finish (", "quiz average over this programme's tracks is 0%", "quizzes not yet taken count as 0%."}},
		{"", "fr-CH", []string{"Terminez « " + fr.Title + " » : il reste ", "Votre moyenne aux quiz", "est de 0 %", "quiz pas encore passés comptent pour 0 %."}},
		{"de", "fr", []string{"Schließen Sie „", "Modulen sind noch offen", "Ihr Quiz-Durchschnitt", "mindestens 60 %"}},
	}
	for _, c := range cases {
		if c.lang != "" {
			env.SaveLanguage(learner, c.lang)
		}
		r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programme + "/eligibility", Token: learner.AccessToken,
			Header: map[string]string{"Accept-Language": c.header}})
		if r.Status != http.StatusOK {
			t.Fatalf("eligibility: %d %s", r.Status, r.Body)
		}
		var el struct {
			Eligible bool `json:"eligible"`
			Unmet    []struct {
				Requirement, Detail string
			} `json:"unmet"`
		}
		r.Decode(t, &el)
		var details []string
		for _, u := range el.Unmet {
			details = append(details, u.Detail)
		}
		if text := strings.Join(details, "\n"); el.Eligible || !hasAll(text, c.want...) {
			t.Errorf("language %q / %q: %s", c.lang, c.header, text)
		}
	}
}
