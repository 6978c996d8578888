package uitest

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"tandem/auth"
	"tandem/testenv"
)

// testLargeCohort: the progress grid of a cohort of 200 stays usable on a phone. Learners are
// listed a hundred at a time. The page never scrolls sideways; the grid scrolls inside its own
// frame, by keyboard too, with the learner column and the header row kept in view; the filter
// finds one learner among all of them, listed or not.
// Teams formed after a preview are the teams the preview showed.
func testLargeCohort(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	instructor := env.WithRole("instructor", "nursing")
	disciplines := []string{"medicine", "nursing", "computer_science", "data_science", "allied_health", "engineering", "other"}
	cohort := call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Large cohort", "tracks": []string{"clinicians", "technologists"}}, http.StatusCreated).JSON(t)
	id := cohort["id"].(string)
	// The learners join with the cohort's code, each with a token of their own.
	code := call(t, env, instructor, "POST", "/api/v1/cohorts/"+id+"/join-code", map[string]any{}, http.StatusCreated).JSON(t)["code"]
	for i := range 200 {
		u, err := env.App.Accounts.CreateUser(context.Background(), auth.Registration{
			Email:    fmt.Sprintf("cohort200-%03d-%s@tandem.test", i, instructor.ID[len(instructor.ID)-6:]),
			Password: testenv.Password, Name: fmt.Sprintf("Learner %03d of the large cohort", i),
			Discipline: disciplines[i%len(disciplines)], Institution: []string{"Charité", "UCL", "KU Leuven"}[i%3],
		}, auth.RoleLearner)
		if err != nil {
			t.Fatalf("create learner %d: %v", i, err)
		}
		token, err := env.App.Tokens.Issue(context.Background(), auth.Grant{UserID: u.ID, Roles: []string{auth.RoleLearner}})
		if err != nil {
			t.Fatal(err)
		}
		call(t, env, &testenv.User{AccessToken: token}, "POST", "/api/v1/join-codes/redeem", map[string]any{"code": code}, http.StatusOK)
	}
	busy := env.Learner("medicine")
	call(t, env, busy, "POST", "/api/v1/join-codes/redeem", map[string]any{"code": code}, http.StatusOK)
	finishClinicians(t, env, busy)

	tb := newTab(t, browser, env.URL, 360, 800)
	logIn(tb, instructor)
	tb.open("/teach/cohorts/"+id, "Large cohort")
	// Learners are listed a hundred at a time.
	rows := `document.querySelectorAll('.grid tbody tr[data-learner]').length`
	tb.until(rows + ` === 100`)
	tb.expectText(".progress-grid > .hint", "201 learners; the first 100 are listed")
	tb.click(".grid-more")
	tb.until(rows + ` === 200`)
	// Focus moves to the first learner just listed, here the 101st.
	tb.until(`document.activeElement === document.querySelectorAll('.grid tbody tr[data-learner]')[100].querySelector('th')`)
	tb.expectText(".grid-more", "List 1 more")
	tb.click(".grid-more")
	tb.until(rows + ` === 201 && document.querySelector('.grid-more').hidden`)
	tb.until(`document.activeElement === document.querySelectorAll('.grid tbody tr[data-learner]')[200].querySelector('th')`)
	tb.expectText(".progress-grid > .hint", "201 learners")
	if eval[bool](tb, `document.querySelector('.no-members') !== null`) {
		t.Error("with learners in the cohort, the page still says nobody has joined")
	}
	tb.expectText(`.grid tr[data-learner="`+busy.ID+`"]`, "Complete")
	tb.expectText(`.grid-summary tr[data-group="clinical"]`, "learners")

	frame := `document.querySelector('.grid-frame')`
	if !eval[bool](tb, frame+`.scrollWidth > `+frame+`.clientWidth && document.documentElement.scrollWidth <= window.innerWidth`) {
		t.Error("at 360 px the grid should scroll sideways inside its frame, and the page not at all")
	}
	// Scrolled right and down, the learner column and the header row stay at the frame's edges.
	stuck := eval[map[string]float64](tb, `(() => {
		const f = document.querySelector('.grid-frame');
		f.scrollLeft = f.scrollWidth; f.scrollTop = f.scrollHeight;
		const box = f.getBoundingClientRect();
		const row = [...document.querySelectorAll('.grid tbody tr[data-learner]')].find((r) => { const b = r.getBoundingClientRect(); return b.top > box.top + 80 && b.bottom < box.bottom; });
		return {
			scrolledLeft: f.scrollLeft, scrolledTop: f.scrollTop,
			learnerLeft: row.querySelector('th').getBoundingClientRect().left - box.left,
			headerTop: document.querySelector('.grid thead th:nth-child(3)').getBoundingClientRect().top - box.top,
		};
	})()`)
	if stuck["scrolledLeft"] < 100 || stuck["scrolledTop"] < 1000 || stuck["learnerLeft"] > 2 || stuck["headerTop"] > 2 {
		t.Errorf("scrolled to the bottom right, the learner column or the header row moved away: %v", stuck)
	}
	checkPage(tb, "cohort-200")
	// A keyboard user scrolls the focused frame with the arrow keys.
	eval[bool](tb, `(() => { document.querySelector('.grid-frame').scrollTo(0, 0); return true; })()`)
	tb.press(".grid-frame", kb.ArrowRight)
	tb.key(kb.ArrowRight)
	tb.until(frame + `.scrollLeft > 0`)

	// A fresh page lists the first hundred again; the filter searches all 201.
	tb.open("/teach/cohorts/"+id, "Large cohort")
	tb.until(rows + ` === 100`)
	tb.fill(".grid-tools input[type=search]", "Learner 137")
	tb.expectText(".progress-grid > .hint", "Showing 1 of 201 learners")
	if shown := eval[[]string](tb, `[...document.querySelectorAll('.grid tbody tr[data-learner]:not([hidden]) .grid-name')].map((n) => n.textContent)`); fmt.Sprint(shown) != "[Learner 137 of the large cohort]" {
		t.Errorf("the filter shows %v", shown)
	}

	// The teams stored are the teams previewed.
	tb.open("/teach/cohorts/"+id+"/teams", "Teams of Large cohort")
	tb.fill("#team-size", "4")
	tb.click("#formation-form button[type=submit]")
	tb.expectText(".formation-preview", "50 teams of 4 or 5 members")
	previewed := teamsOnPage(tb, ".formation-preview")
	tb.click(".formation-preview .preview-actions .button:not(.button-quiet)")
	tb.expectText(`[data-result="formed"]`, "50 teams are formed")
	var stored struct {
		Items []struct {
			Name    string
			Members []struct {
				Name string `json:"name"`
			}
		} `json:"items"`
	}
	call(t, env, instructor, "GET", "/api/v1/cohorts/"+id+"/teams", nil, http.StatusOK).Decode(t, &stored)
	var got []string
	for _, team := range stored.Items {
		var names []string
		for _, m := range team.Members {
			names = append(names, m.Name)
		}
		slices.Sort(names)
		got = append(got, team.Name+": "+strings.Join(names, ", "))
	}
	slices.Sort(got)
	if fmt.Sprint(got) != fmt.Sprint(previewed) {
		t.Errorf("the stored teams differ from the preview:\nstored  %.300v\npreview %.300v", got, previewed)
	}
}

// teamsOnPage reads the team cards within css as "Team N: member, member", sorted.
func teamsOnPage(tb *tab, css string) []string {
	tb.t.Helper()
	teams := eval[[]string](tb, fmt.Sprintf(`[...document.querySelectorAll(%s)].map((card) =>
		card.querySelector('.card-title').textContent + ': ' +
		[...card.querySelectorAll('.member-name')].map((n) => n.textContent.replace(/ \(you\)$/, '')).sort().join(', '))`, jsString(css+" .team-card")))
	slices.Sort(teams)
	return teams
}
