package uitest

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"tandem/disciplines"
	"tandem/testenv"
)

// testCrossTeamReview: an instructor sets an exercise to peer review between teams, with a
// calibration example they mark and which group marks each criterion, and pairs the two teams
// from a seed; a clinician (on a phone) and a technologist (on a desktop) of one team each
// calibrate on the example, see their accuracy and review the other team's version on their
// own criteria; the instructor reads the reviews with each reviewer's weight and decides in
// the review queue.
func testCrossTeamReview(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	instructor := env.WithRole("instructor", "medicine")
	learners := []*testenv.User{env.Learner("medicine"), env.Learner("computer_science"), env.Learner("nursing"), env.Learner("data_science")}
	cohort := call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Peer review, autumn", "tracks": []string{"clinicians", "technologists"}},
		http.StatusCreated).JSON(t)["id"].(string)
	invites := []map[string]string{}
	for _, l := range learners {
		invites = append(invites, map[string]string{"email": l.Email})
	}
	call(t, env, instructor, "POST", "/api/v1/cohorts/"+cohort+"/invitations", map[string]any{"invitations": invites}, http.StatusCreated)
	byID := map[string]*testenv.User{}
	for _, l := range learners {
		acceptInvitation(t, env, l, cohort)
		byID[l.ID] = l
	}
	var formed struct {
		Teams []struct {
			ID      string `json:"id"`
			Members []struct {
				UserID     string `json:"user_id"`
				Discipline string `json:"discipline"`
			} `json:"members"`
		} `json:"teams"`
	}
	call(t, env, instructor, "POST", "/api/v1/cohorts/"+cohort+"/teams/form", map[string]any{"team_size": 2, "seed": 4}, http.StatusCreated).Decode(t, &formed)
	for _, team := range formed.Teams {
		call(t, env, byID[team.Members[0].UserID], "POST", "/api/v1/teams/"+team.ID+"/submissions",
			map[string]any{"exercise": exerciseSlug, "body_markdown": "Our specification, in brief."}, http.StatusCreated)
	}
	ex, _ := env.App.Catalog.Exercise(exerciseSlug)
	group := func(i int) string { return []string{disciplines.Clinical, disciplines.Technical}[i%2] }

	teacher := newTab(t, browser, env.URL, 1280, 800)
	logIn(teacher, instructor)
	page := "/teach/cohorts/" + cohort + "/cross-reviews/" + exerciseSlug
	title := "Peer review between teams: " + exerciseTitle
	teacher.open(page, title)
	teacher.expectText(".cross-results", "The teams have not been paired yet.")
	teacher.fill("#cross-setup-form textarea", "An example specification with a vague outcome and no subgroup analysis.")
	for i, c := range ex.Rubric {
		teacher.fill(fmt.Sprintf(`#cross-setup-form input[data-criterion=%q]`, c.Criterion), strconv.Itoa(c.MaxPoints))
		teacher.selectByKeyboard(fmt.Sprintf(`select[data-group=%q]`, c.Criterion), group(i))
	}
	teacher.click("#cross-setup-form button[type=submit]")
	teacher.expectText("#cross-setup-form .form-status", "Calibration example saved.")
	teacher.fill("#cross-assign-form input", "42")
	teacher.click("#cross-assign-form button[type=submit]")
	teacher.expectText("#cross-assign-form .form-status", "2 pairs made from seed 42.")
	checkPage(teacher, "cross-review-setup")

	team := formed.Teams[0]
	for n, width := range []int64{360, 1280} {
		var reviewer *testenv.User
		var mine string
		for _, m := range team.Members {
			if g := disciplines.Group(m.Discipline); g == group(n) {
				reviewer, mine = byID[m.UserID], g
			}
		}
		tb := newTab(t, browser, env.URL, width, 800)
		logIn(tb, reviewer)
		tb.open("/teams/"+cohort+"/"+team.ID+"/"+exerciseSlug, exerciseTitle)
		tb.expectText(".cross-review", "Mark the example above first")
		for i, c := range ex.Rubric {
			if group(i) == mine {
				points := c.MaxPoints
				if n == 1 {
					points = 0
				}
				tb.fill(fmt.Sprintf(`#calibration-form input[data-criterion=%q]`, c.Criterion), strconv.Itoa(points))
			}
		}
		tb.click("#calibration-form button[type=submit]")
		tb.expectText(".calibration-done", []string{"Your calibration accuracy: 100%", "Your calibration accuracy: 0%"}[n])
		for i, c := range ex.Rubric {
			if group(i) == mine {
				tb.fill(fmt.Sprintf(`#cross-review-form input[data-criterion=%q]`, c.Criterion), "2")
			}
		}
		tb.fill("#cross-review-form textarea", "The outcome needs a definition.")
		tb.click("#cross-review-form button[type=submit]")
		tb.expectText("#cross-review-form .form-status", "Review saved.")
		checkPage(tb, fmt.Sprintf("cross-review-reviewer-%d", n))
	}

	teacher.open(page, title)
	teacher.expectText(".cross-result", "weight 100%")
	teacher.expectText(".cross-result", "weight 0%")
	teacher.expectText(".cross-results", "accuracy 100%")
	checkPage(teacher, "cross-review-results")
	teacher.clickLink(".cross-results", "Decide on each version in the review queue")
	teacher.waitPage("Review queue")
	teacher.fill(`.review-item input[data-criterion="clinical-need"]`, "4")
	teacher.fill(`.review-item input[data-criterion="evaluation-plan"]`, "2")
	teacher.fill(".review-item .review-form textarea", "The peers are right about the outcome.")
	teacher.click(`.review-item button[value="revise"]`)
	teacher.expectText(`[data-result="revise"]`, "")
}
