package uitest

import (
	"context"
	"net/http"
	"testing"

	"tandem/testenv"
)

// testHeatMap: the instructor switches the cohort grid to the compact heat map, which fits
// far more modules in the frame, says each cell's state in a short text beside its colour
// and keeps the full words for screen readers; at phone and laptop width, axe-clean.
func testHeatMap(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	instructor := env.WithRole("instructor", "medicine")
	cohort := call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Heat map cohort", "tracks": []string{"clinicians", "technologists"}}, http.StatusCreated).JSON(t)
	id := cohort["id"].(string)
	code := call(t, env, instructor, "POST", "/api/v1/cohorts/"+id+"/join-code", map[string]any{}, http.StatusCreated).JSON(t)["code"]
	done, fresh := env.Learner("nursing"), env.Learner("data_science")
	for _, u := range []*testenv.User{done, fresh} {
		call(t, env, u, "POST", "/api/v1/join-codes/redeem", map[string]any{"code": code}, http.StatusOK)
	}
	finishClinicians(t, env, done)

	for _, vp := range []viewport{{"phone", 390, 800}, {"desktop", 1366, 800}} {
		tb := newTab(t, browser, env.URL, vp.width, vp.height)
		logIn(tb, instructor)
		tb.open("/teach/cohorts/"+id, "Heat map cohort")
		columns := `(() => { const ths = document.querySelectorAll('.grid thead .grid-module'); return Math.round(ths[ths.length - 1].getBoundingClientRect().right - ths[0].getBoundingClientRect().left); })()`
		detailed := eval[int](tb, columns)
		tb.clickLabel(".grid-view", "Compact heat map")
		tb.until(`document.querySelector('table.grid.grid-compact') && !document.querySelector('.grid-legend').hidden`)
		compact := eval[int](tb, columns)
		// The heat map fits the frame, or (on a phone) takes at most half the detailed width.
		fits := eval[bool](tb, `(() => { const f = document.querySelector('.grid-frame'); return f.scrollWidth <= f.clientWidth + 1; })()`)
		if compact*2 > detailed && !fits {
			t.Errorf("%s: the heat map's module columns take %d px, the detailed grid's %d, and it overflows its frame", vp.name, compact, detailed)
		}
		row := `.grid tr[data-learner="` + done.ID + `"]`
		tb.expectText(row+` td.cell-done .cell-short`, "✓")
		// Seen: the short text; read: the full words, still in the cell.
		if got := eval[string](tb, `document.querySelector('`+row+` td.cell-done').textContent`); got != "✓✓ Completequiz 100%" {
			t.Errorf("%s: a complete cell's text is %q", vp.name, got)
		}
		tb.expectText(`.grid tr[data-learner="`+fresh.ID+`"] td.cell-none .cell-short`, "–")
		if !eval[bool](tb, `getComputedStyle(document.querySelector('.grid thead th')).position === 'sticky' && getComputedStyle(document.querySelector('.grid tbody .grid-learner')).position === 'sticky'`) {
			t.Errorf("%s: the header row or the learner column does not stay in view", vp.name)
		}
		noHorizontalScroll(tb, "the heat map")
		tb.screenshot("cohort-heatmap-" + vp.name)
		tb.audit("the cohort heat map at " + vp.name + " width")
		tb.clickLabel(".grid-view", "Detailed")
		tb.until(`!document.querySelector('table.grid.grid-compact') && document.querySelector('.grid-legend').hidden`)

		// Drill down: the learner's name opens their modules and team work in words.
		tb.click(row + ` .grid-name`)
		tb.until(`document.activeElement.id === 'learner-detail-heading'`)
		tb.expectText(`.learner-detail[data-learner="`+done.ID+`"]`, "complete (quiz 100%, passed)")
		tb.expectText(".learner-detail", "Not in a team.")
		tb.screenshot("cohort-learner-detail-" + vp.name)
		tb.audit("a learner's details at " + vp.name + " width")
		tb.click(".learner-detail .section-head button")
		tb.until(`!document.querySelector('.learner-detail') && document.activeElement.classList.contains('grid-name')`)
	}
}
