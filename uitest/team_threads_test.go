package uitest

import (
	"context"
	"net/http"
	"testing"

	"tandem/testenv"
)

// threadViewports are the widths the team's thread, comparison and review form are checked at.
var threadViewports = []viewport{{"phone", 390, 800}, {"desktop", 1366, 800}}

// testTeamThreads: a team has sent two versions; on a phone a member opens the workspace,
// finds the brief's case study linked by its title, takes a role, compares version 2 with
// version 1 (changed words marked in text as well as colour) and comments on version 2; the
// instructor, on a laptop, reads in the review queue the comment and who holds which role,
// compares the versions there too, watches the running total while scoring, and answers; the
// member sees the answer.
func testTeamThreads(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	clin, tech := env.Learner("nursing"), env.Learner("data_science")
	instructor := env.WithRole("instructor", "medicine")
	cohort := call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Threads cohort", "tracks": []string{"clinicians", "technologists"}}, http.StatusCreated).JSON(t)["id"].(string)
	call(t, env, instructor, "POST", "/api/v1/cohorts/"+cohort+"/members", map[string]any{"emails": []string{clin.Email, tech.Email}}, http.StatusOK)
	acceptInvitation(t, env, clin, cohort)
	acceptInvitation(t, env, tech, cohort)
	call(t, env, instructor, "PUT", "/api/v1/cohorts/"+cohort+"/exercises", map[string]any{"exercises": []map[string]string{{"slug": exerciseSlug}}}, http.StatusOK)
	var formed struct {
		Teams []struct{ ID, Name string } `json:"teams"`
	}
	call(t, env, instructor, "POST", "/api/v1/cohorts/"+cohort+"/teams/form", map[string]any{"team_size": 2, "seed": 1}, http.StatusCreated).Decode(t, &formed)
	team := formed.Teams[0]
	work := func(text string) string {
		return call(t, env, clin, "POST", "/api/v1/teams/"+team.ID+"/submissions", map[string]any{"exercise": exerciseSlug, "body_markdown": text}, http.StatusCreated).JSON(t)["id"].(string)
	}
	first := work("# Need\nAlarm when SpO2 falls below 90.\n\nKeep this line.\n")
	call(t, env, instructor, "POST", "/api/v1/submissions/"+first+"/reviews", map[string]any{"decision": "revise", "scores": map[string]float64{"clinical-need": 2, "evaluation-plan": 1}, "comment": "Sharper threshold."}, http.StatusCreated)
	work("# Need\nAlarm when SpO2 falls below 92.\n\nKeep this line.\nName the harm.\n")

	member := newTab(t, browser, env.URL, 390, 800)
	logIn(member, clin)
	member.open(teamExerciseHref(cohort, team.ID), exerciseTitle)
	member.expectText(`.prose a.case-link[href="/case-studies/sepsis-model"]`, "A proprietary sepsis model meets external validation")
	if eval[bool](member, `document.querySelector('main').textContent.includes('sepsis-model')`) {
		t.Error("the brief still shows the case study's slug")
	}
	// The member takes the clinical role; the technical one stays open for now.
	clinical := `.role.clinical`
	member.expectText(clinical+" .role-holder", "Nobody has taken this role yet.")
	member.expectText(clinical+" .role-members", "Suits "+clin.Name+".")
	member.selectByKeyboard(clinical+" select", clin.ID)
	member.click(clinical + " .role-form button[type=submit]")
	member.expectText(clinical+" .role-holder", "Taken by "+clin.Name+".")
	if held := env.Scalar("SELECT user_id FROM team_roles WHERE team_id = ? AND role = 'Clinical lead'", team.ID); held != clin.ID {
		t.Errorf("the clinical role is held by %q", held)
	}
	member.click(`.version[data-version="2"] details.version-compare summary`)
	member.expectText(`.version[data-version="2"] .diff-summary`, "From version 1 to 2: 1 line changed, 1 line added, 0 lines removed.")
	member.expectText(`.version[data-version="2"] .diff-changed del`, "90.")
	member.expectText(`.version[data-version="2"] .diff-changed ins`, "92.")
	member.expectText(`.version[data-version="2"] .diff-added`, "Name the harm.")
	if got := eval[string](member, `[...document.querySelectorAll('.version[data-version="2"] .diff-line:not(.diff-same)')].map((l) => l.querySelector('.diff-sign').textContent + l.querySelector('.diff-text').textContent).join('|')`); got != "~Changed line: Alarm when SpO2 falls below  [removed: 90.]  [added: 92.] |+Added line: Name the harm." {
		t.Errorf("the changes are not told in words as well as colour: %q", got)
	}
	thread := `.version[data-version="2"] .comment-thread`
	member.expectText(thread+" .comment-heading", "Comments on version 2 (0)")
	member.fill(thread+" textarea", "Is **92** too high for COPD patients?")
	member.click(thread + " button[type=submit]")
	member.expectText(thread+" .comment-body", "Is 92 too high")
	member.expectText(thread+" .comment-body strong", "92")
	member.expectText(thread+" .comment-head", clin.Name+" · team member")
	checkPageAt(member, "team-thread", threadViewports)

	teacher := newTab(t, browser, env.URL, 1366, 800)
	logIn(teacher, instructor)
	teacher.open("/teach/cohorts/"+cohort+"/reviews", "Review queue")
	item := `.review-item[data-team="` + team.ID + `"]`
	teacher.expectText(item+" .comment", "Is 92 too high for COPD patients?")
	teacher.expectText(item+` .team-roles li[data-role="Clinical lead"]`, "Clinical lead: "+clin.Name)
	teacher.expectText(item+` .team-roles li[data-role="Data science lead"]`, "Data science lead: nobody yet")
	teacher.click(item + " details.version-compare summary")
	teacher.expectText(item+" .diff-changed ins", "92.")
	teacher.expectText(item+" .points-total", "Points so far: 0 of 8 · 2 of 2 criteria still to score")
	teacher.fill(item+` input[data-criterion="clinical-need"]`, "4.5")
	teacher.expectText(item+" .points-total", "Points so far: 4.5 of 8 · 1 of 2 criteria still to score")
	teacher.fill(item+` input[data-criterion="evaluation-plan"]`, "2")
	teacher.expectText(item+" .points-total", "Points so far: 6.5 of 8")
	teacher.fill(item+" .comment-thread textarea", "Use 92 and say how COPD patients are handled.")
	teacher.click(item + " .comment-thread button[type=submit]")
	teacher.expectText(item+" .comment-thread .comment-heading", "(2)")
	checkPageAt(teacher, "review-thread", threadViewports)

	member.open(teamExerciseHref(cohort, team.ID), exerciseTitle)
	member.expectText(thread+` .comment[data-role="instructor"]`, "Use 92 and say how COPD patients are handled.")
	member.expectText(thread+` .comment[data-role="instructor"] .comment-head`, "instructor")
}
