package uitest

import (
	"context"
	"net/http"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// testExerciseGaps: on a cohort's Exercises tab the instructor sees which certificate
// programmes need each exercise, and is warned while the cohort's choice leaves out an exercise
// a programme over its tracks requires. It runs on the shipped curricula, which have several
// exercises.
func testExerciseGaps(t *testing.T, browser context.Context) {
	requireAxe(t)
	cfg := testenv.Config(t)
	cfg.CatalogDir = ""
	env := testenv.NewWith(t, cfg)
	all := env.App.Catalog.Exercises()
	required, other := all[0], all[1]

	admin := env.WithRole(auth.RoleAdmin, "other")
	org := call(t, env, admin, "POST", "/api/v1/organisations", map[string]any{"name": "Society of Perioperative Informatics", "kind": "society"}, http.StatusCreated).JSON(t)
	socAdmin := env.WithRole(auth.RoleLearner, "medicine")
	call(t, env, admin, "POST", "/api/v1/organisations/"+org["id"].(string)+"/members", map[string]string{"email": socAdmin.Email, "role": "society_admin"}, http.StatusCreated)
	env.Login(socAdmin)
	call(t, env, socAdmin, "POST", "/api/v1/organisations/"+org["id"].(string)+"/programmes", map[string]any{
		"title": "Perioperative AI teamwork", "tracks": []string{"clinicians"}, "exercises": []string{required.Slug}}, http.StatusCreated)

	instructor := env.WithRole(auth.RoleInstructor, "nursing")
	cohort := call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Exercise choice", "tracks": []string{"clinicians", "technologists"}}, http.StatusCreated).JSON(t)
	tb := newTab(t, browser, env.URL, 1280, 800)
	logIn(tb, instructor)
	tb.open("/teach/cohorts/"+cohort["id"].(string)+"/exercises", "Exercises of Exercise choice")
	tb.expectText(`.exercise-choice[data-exercise="`+required.Slug+`"] .hint`, "Required for “Perioperative AI teamwork” (Society of Perioperative Informatics)")
	if eval[bool](tb, `!document.querySelector('.programme-gaps').hidden`) {
		t.Error("with every exercise open, no certificate is out of reach, yet the page warns")
	}

	tb.click(`.exercise-choice[data-exercise="` + other.Slug + `"] input[type=checkbox]`)
	tb.click("#exercises-form button[type=submit]")
	tb.expectText(".programme-gaps", "“Perioperative AI teamwork” (Society of Perioperative Informatics) requires “"+required.Title+"”")
	checkPage(tb, "cohort-exercises-gap")

	tb.click(`.exercise-choice[data-exercise="` + required.Slug + `"] input[type=checkbox]`)
	tb.click("#exercises-form button[type=submit]")
	tb.expectText(".notice", "Teams work on 2 exercises")
	if eval[bool](tb, `!document.querySelector('.programme-gaps').hidden`) {
		t.Error("with the required exercise chosen, the page still warns")
	}
}
