package uitest

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"tandem/testenv"
)

// testGridSortSearch: the instructor sorts the cohort grid from its column headers (which say
// how they sort) and from the order list, and searches it by name or institution, in any case,
// with the count of learners found; the heat map still works on what was found; axe-clean.
func testGridSortSearch(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	instructor := env.WithRole("instructor", "medicine")
	cohort := call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Sorted cohort", "tracks": []string{"clinicians", "technologists"}}, http.StatusCreated).JSON(t)
	id := cohort["id"].(string)
	code := call(t, env, instructor, "POST", "/api/v1/cohorts/"+id+"/join-code", map[string]any{}, http.StatusCreated).JSON(t)["code"]
	people := []struct{ name, discipline, institution string }{
		{"Émile Zola", "medicine", "Hôpital Nord"}, {"bruno Ypsilon", "computer_science", "ETH Zürich"},
		{"Chloé Xavier", "nursing", "HÔPITAL SUD"}, {"Ada Vance", "data_science", "Universität Bern"},
	}
	var learners []*testenv.User
	for _, p := range people {
		u := env.Learner(p.discipline)
		env.Exec("UPDATE users SET name = ?, institution = ? WHERE id = ?", p.name, p.institution, u.ID)
		call(t, env, u, "POST", "/api/v1/join-codes/redeem", map[string]any{"code": code}, http.StatusOK)
		learners = append(learners, u)
	}
	finishClinicians(t, env, learners[2])

	tb := newTab(t, browser, env.URL, 1280, 800)
	logIn(tb, instructor)
	tb.open("/teach/cohorts/"+id, "Sorted cohort")
	names := `[...document.querySelectorAll('.grid tbody tr[data-learner] .grid-name')].map((n) => n.textContent).join(', ')`
	order := func(want string) {
		t.Helper()
		tb.until(names + ` === ` + jsString(want))
	}
	sorted := func(column, how string) {
		t.Helper()
		tb.until(fmt.Sprintf(`document.querySelector('.grid thead th[data-sort=%q]').getAttribute('aria-sort') === %q`, column, how))
	}
	order("Ada Vance, bruno Ypsilon, Chloé Xavier, Émile Zola")
	sorted("name", "ascending")
	sorted("progress", "none")
	tb.expectText(".progress-grid > .hint", "4 learners")

	tb.click(`.grid thead th[data-sort="name"] button`)
	order("Émile Zola, Chloé Xavier, bruno Ypsilon, Ada Vance")
	sorted("name", "descending")
	tb.click(`.grid thead th[data-sort="progress"] button`)
	sorted("progress", "ascending")
	sorted("name", "none")
	tb.click(`.grid thead th[data-sort="progress"] button`)
	sorted("progress", "descending")
	tb.until(names + `.startsWith('Chloé Xavier, ')`)
	// The order list offers every order; those never active come last, by name.
	tb.selectByKeyboard(".grid-tools select", "last_activity desc")
	order("Chloé Xavier, Ada Vance, bruno Ypsilon, Émile Zola")
	sorted("progress", "none")

	tb.fill(".grid-tools input[type=search]", "hôpital")
	tb.expectText(".progress-grid > .hint", "Showing 2 of 4 learners")
	order("Chloé Xavier, Émile Zola")
	tb.expectText(`.grid-summary tr[data-group="all"] th`, "All learners")
	tb.expectText(`.grid-summary tr[data-group="all"] .grid-sub`, "4")
	tb.clickLabel(".grid-view", "Compact heat map")
	tb.expectText(`.grid tr[data-learner="`+learners[2].ID+`"] td.cell-done .cell-short`, "✓")
	checkPage(tb, "cohort-grid-search")
}
