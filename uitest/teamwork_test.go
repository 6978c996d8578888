package uitest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"tandem/testenv"
)

const (
	exerciseSlug  = "early-warning-spec"
	exerciseTitle = "From clinical need to model specification"
	cohortName    = "Anaesthesia and informatics, spring"
)

// firstDraft is what the team writes first: headings, emphasis, lists, code, a table, and HTML
// that must never reach the page as markup, in the preview or once stored.
const firstDraft = "# Clinical need\n" +
	"Hypoxaemia is *missed* until it is **late**.\n\n" +
	"- Alarm `SpO2 < 90`\n" +
	"- Name the harm\n\n" +
	"| Signal | Threshold |\n| --- | --- |\n| SpO2 | 90 % |\n\n" +
	"<img src=x onerror=\"window.__xss=1\"> <script>window.__xss=2</script>\n"

// testTeamwork: an instructor creates a cohort through the UI, invites a clinical and a
// technical learner by pasting their addresses (and one unknown), who accept (through the
// API; the invitations' own pages are tested in testConsent), reads the progress grid and downloads
// it as CSV, previews and forms the teams; the clinical learner writes in the team workspace
// with the live preview and sends a version; the instructor asks for a revision, the learner
// sends a second version and rates the teammate, the instructor accepts it with rubric points
// and reads the peer ratings; finally the instructor answers a learner's lesson report.
func testTeamwork(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	clin := env.Learner("medicine")
	tech := env.Learner("computer_science")
	instructor := env.WithRole("instructor", "medicine")
	teacher := newTab(t, browser, env.URL, 1280, 800)
	logIn(teacher, instructor)
	teacher.clickLink(".main-nav", "Teaching")
	teacher.waitPage("Teaching")
	teacher.expectText("#cohorts-heading + p", "You do not teach a cohort yet")
	teacher.click("#cohort-form button[type=submit]")
	teacher.until(`document.activeElement.matches('.error-summary')`)
	teacher.expectText(".error-summary", "Give the cohort a name.")
	teacher.fill("#cohort-name", cohortName)
	teacher.click("#cohort-form button[type=submit]")
	teacher.waitPage(cohortName)
	cohortID := pathParam(teacher, "/teach/cohorts/")
	// The cohort's time zone can be changed afterwards; due dates end at midnight there.
	teacher.click("details.cohort-settings summary")
	eval[string](teacher, `document.querySelector('#settings-zone').value = 'Pacific/Auckland'`)
	teacher.click("#cohort-settings button[type=submit]")
	teacher.expectText("#cohort-settings .form-status", "Saved.")
	checkPage(teacher, "cohort-settings")
	var stored struct {
		TimeZone string `json:"time_zone"`
	}
	call(t, env, instructor, "GET", "/api/v1/cohorts/"+cohortID, nil, http.StatusOK).Decode(t, &stored)
	if stored.TimeZone != "Pacific/Auckland" {
		t.Errorf("the cohort's time zone is %q after saving Pacific/Auckland", stored.TimeZone)
	}

	teacher.expectText(".no-members", "No learner has joined yet")
	teacher.clickLink(".no-members", "Invite learners or share a join code")
	teacher.waitPage("Members of " + cohortName)
	teacher.fill("#invite-emails", fmt.Sprintf("%s, Theo <%s>\nnobody-here@tandem.test", clin.Email, strings.ToUpper(tech.Email)))
	teacher.click("#invite-form button[type=submit]")
	teacher.expectText(`[data-result="invited"]`, "3 invitations sent")
	teacher.expectText(".member-counts", "0 joined · 3 invited")
	// Until they accept, the list shows each address as typed and nothing else.
	teacher.expectText(`.member[data-status="invited"]`, strings.ToUpper(tech.Email))
	if list := teacher.text(".member-list"); strings.Contains(list, clin.Name) || strings.Contains(list, tech.Name) {
		t.Errorf("the member list names learners who have not accepted: %q", list)
	}
	acceptInvitation(t, env, clin, cohortID)
	acceptInvitation(t, env, tech, cohortID)
	// Some progress since joining, so that the grid has something to show.
	call(t, env, clin, "POST", "/api/v1/tracks/clinicians/enrol", nil, http.StatusCreated)
	call(t, env, clin, "POST", "/api/v1/lessons/clin-evaluation-part-1/complete", nil, http.StatusOK)
	call(t, env, tech, "POST", "/api/v1/tracks/technologists/enrol", nil, http.StatusCreated)
	call(t, env, tech, "POST", "/api/v1/lessons/tech-utility-part-1/complete", nil, http.StatusOK)
	passEvaluationQuiz(t, env, clin)
	teacher.clickLink(".subnav", "Progress")
	teacher.waitPage(cohortName)
	teacher.until(`document.querySelectorAll('.grid tbody tr[data-learner]').length === 2`)
	teacher.expectText(`.grid tr[data-learner="`+clin.ID+`"]`, "1/2 lessons")
	teacher.expectText(`.grid tr[data-learner="`+clin.ID+`"]`, "quiz 100% passed")
	teacher.expectText(`.grid-summary tr[data-group="clinical"]`, "Clinical learners")
	teacher.expectText(`.grid-summary tr[data-group="technical"]`, "Technical learners")
	checkPage(teacher, "cohort-progress")

	saved := downloads(teacher)
	teacher.click(".csv-download")
	csv := string(saved("cohort-progress.csv"))
	if !strings.Contains(csv, clin.Email) || !strings.Contains(csv, tech.Email) || !strings.Contains(csv, "clin-evaluation quiz percent") {
		t.Errorf("the CSV download lacks a learner or a column:\n%.400s", csv)
	}
	teacher.expectText(".section-actions .form-status", "Downloaded cohort-progress.csv")

	// The instructor chooses the cohort's exercise and its due date.
	teacher.clickLink(".subnav", "Exercises")
	teacher.waitPage("Exercises of " + cohortName)
	teacher.expectText(".notice", "No exercises chosen yet")
	teacher.click(`.exercise-choice[data-exercise="` + exerciseSlug + `"] input[type=checkbox]`)
	eval[string](teacher, `document.querySelector('input[data-due="`+exerciseSlug+`"]').value = '2027-03-31'`)
	teacher.click("#exercises-form button[type=submit]")
	teacher.expectText(".notice", "Teams work on 1 exercise: "+exerciseTitle)
	checkPage(teacher, "cohort-exercises")

	teacher.clickLink(".subnav", "Teams")
	teacher.waitPage("Teams of " + cohortName)
	teacher.fill("#team-size", "2")
	teacher.click("#formation-form button[type=submit]")
	teacher.expectText(".formation-preview", "1 team of 2 members")
	teacher.expectText(".formation-preview", "every team mixed")
	if n := eval[int](teacher, `document.querySelectorAll('.team-list .team-card').length`); n != 0 {
		t.Errorf("a preview stored %d teams", n)
	}
	checkPage(teacher, "cohort-teams-preview")
	teacher.click(".formation-preview .preview-actions .button:not(.button-quiet)")
	teacher.expectText(`[data-result="formed"]`, "1 team is formed")
	teacher.until(`document.querySelectorAll('.team-list .team-card').length === 1`)
	var teams struct {
		Items []struct {
			ID, Name string
		} `json:"items"`
	}
	call(t, env, instructor, "GET", "/api/v1/cohorts/"+cohortID+"/teams", nil, http.StatusOK).Decode(t, &teams)
	if len(teams.Items) != 1 {
		t.Fatalf("teams stored: %+v", teams.Items)
	}
	team := teams.Items[0]

	// The clinical learner, on a phone, finds the team and writes the first version.
	learner := newTab(t, browser, env.URL, 360, 800)
	logIn(learner, clin)
	learner.expectText(".widget-team_activity", team.Name)
	learner.expectText(".widget-team_activity", cohortName)
	learner.clickLink(".main-nav", "Teams")
	learner.waitPage("Your teams")
	learner.expectText(".cohort-teams", cohortName)
	checkPage(learner, "teams")
	learner.click(".cohort-teams a.button")
	learner.waitPage(team.Name)
	learner.expectText(`[data-exercise="`+exerciseSlug+`"] .exercise-standing`, "Not started")
	learner.expectText(`[data-exercise="`+exerciseSlug+`"] .card-meta`, "Due on")
	checkPage(learner, "team")
	learner.clickLink(".card-list", exerciseTitle)
	learner.waitPage(exerciseTitle)
	learner.expectText(".role.clinical .role-members", clin.Name)
	learner.expectText(".role.technical .role-members", tech.Name)
	learner.fill("textarea.editor-input", firstDraft)
	learner.expectText(".preview-body td", "90 %") // the server's rendering, once typing pauses
	learner.expectText(".preview-body h3", "Clinical need")
	preview := eval[map[string]any](learner, `(() => { const p = document.querySelector('.preview-body'); return {
		em: p.querySelector('em')?.textContent, strong: p.querySelector('strong')?.textContent,
		items: p.querySelectorAll('ul > li').length, code: p.querySelector('li code')?.textContent,
		cells: p.querySelectorAll('table th, table td').length,
		markup: p.querySelectorAll('img, script').length, text: p.textContent.includes('__xss') || p.textContent.includes('|'),
	}; })()`)
	if fmt.Sprint(preview) != "map[cells:4 code:SpO2 < 90 em:missed items:2 markup:0 strong:late text:false]" {
		t.Errorf("preview = %v", preview)
	}
	previewHTML := eval[string](learner, `document.querySelector('.preview-body').innerHTML`)
	checkPage(learner, "workspace-draft")
	learner.click("#work-form button[type=submit]")
	learner.expectText(".versions .version[data-version=\"1\"]", "Waiting for review")
	learner.expectText(".version-body", "Hypoxaemia is missed")
	if stored := eval[string](learner, `document.querySelector('.version[data-version="1"] .version-body').innerHTML`); stored != previewHTML {
		t.Errorf("the preview differs from the stored version:\npreview %s\nstored  %s", previewHTML, stored)
	}
	if eval[bool](learner, `Boolean(window.__xss) || document.querySelectorAll('.version-body img, .version-body script, main [onerror]').length > 0`) {
		t.Error("HTML from the team's Markdown reached the page")
	}
	learner.expectText("#write-heading", "Write version 2")

	// The instructor asks for a revision.
	teacher.clickLink(".subnav", "Review queue")
	teacher.waitPage("Review queue")
	teacher.expectText(".queue-count", "1 version waits for review")
	teacher.expectText(".review-item", "Hypoxaemia is missed")
	checkPage(teacher, "review-queue")
	teacher.fill(`.review-item input[data-criterion="clinical-need"]`, "7")
	teacher.fill(`.review-item input[data-criterion="evaluation-plan"]`, "1")
	teacher.click(`.review-item button[value="revise"]`)
	teacher.expectText(".review-item .error-summary", "from 0 to 5")
	teacher.expectText(".review-item .error-summary", "Say what the revision should change.")
	teacher.fill(`.review-item input[data-criterion="clinical-need"]`, "2.5")
	teacher.fill(".review-item .review-form textarea", "Name the measures you will report.")
	teacher.click(`.review-item button[value="revise"]`)
	teacher.expectText(`[data-result="revise"]`, "revision requested with 3.5 of 8 points")
	teacher.expectText(".queue-count", "Nothing waits for review")

	// The learner reads the review, sends version 2 and rates the teammate.
	learner.open(teamExerciseHref(cohortID, team.ID), exerciseTitle)
	learner.expectText(".standing-line", "Revision requested")
	learner.expectText(".version[data-version=\"1\"] .review", "Name the measures you will report.")
	learner.expectText(".version[data-version=\"1\"] .review", "Clinical need: 2.5 of 5")
	learner.fill("textarea.editor-input", "# Clinical need\nSpecific.\n\n# Evaluation\n1. Sensitivity at 90% specificity\n2. Calibration slope\n")
	learner.click("#work-form button[type=submit]")
	learner.expectText(".versions .version[data-version=\"2\"]", "Waiting for review")
	learner.expectText(".versions details.version-older", "Version 1")
	learner.click(".peer-form button[type=submit]")
	learner.expectText(".peer-form .error-summary", "Rate “contributing to the team’s work” from 1 to 5.")
	if eval[bool](learner, `[...document.querySelectorAll('.peer-form select option')].some((o) => o.value === `+jsString(clin.ID)+`)`) {
		t.Error("the peer-evaluation form offers the learner as their own ratee")
	}
	for i, dim := range []string{"contributing", "interacting", "keeping_on_track", "expecting_quality", "relevant_knowledge"} {
		learner.click(fmt.Sprintf(`.peer-form fieldset[data-field="ratings.%s"] input[value="%d"]`, dim, 3+i%3))
	}
	learner.fill(".peer-form textarea", "Turned the need into a task quickly.")
	learner.click(".peer-form button[type=submit]")
	learner.expectText(".peer-form .form-status", "Your rating of "+tech.Name+" is saved")
	checkPage(learner, "workspace-reviewed")
	// Back on the page later, the rating given is there to read and change.
	learner.open(teamExerciseHref(cohortID, team.ID), exerciseTitle)
	learner.expectText(".peer-form select", tech.Name+" (rated)")
	if !eval[bool](learner, `document.querySelector('.peer-form fieldset[data-field="ratings.interacting"] input[value="4"]').checked`) ||
		eval[string](learner, `document.querySelector('.peer-form textarea').value`) != "Turned the need into a task quickly." {
		t.Error("the peer-evaluation form does not show the rating the learner gave")
	}

	// The instructor accepts version 2 with rubric points.
	teacher.open("/teach/cohorts/"+cohortID+"/reviews", "Review queue")
	teacher.expectText(".review-item", "version 2")
	teacher.expectText(".review-item details.earlier-review", "Your review of version 1")
	teacher.fill(`.review-item input[data-criterion="clinical-need"]`, "5")
	teacher.fill(`.review-item input[data-criterion="evaluation-plan"]`, "3")
	teacher.fill(".review-item .review-form textarea", "Clear and measurable.")
	teacher.click(`.review-item button[value="accept"]`)
	teacher.expectText(`[data-result="accept"]`, "accepted with 8 of 8 points")
	var work struct {
		Items []struct {
			Version int
			Status  string
			Reviews []struct {
				Decision string
				Scores   map[string]float64
			}
		} `json:"items"`
	}
	call(t, env, instructor, "GET", "/api/v1/teams/"+team.ID+"/submissions", nil, http.StatusOK).Decode(t, &work)
	got := map[int]string{}
	for _, s := range work.Items {
		for _, r := range s.Reviews {
			got[s.Version] += fmt.Sprintf("%s %s %g/%g ", s.Status, r.Decision, r.Scores["clinical-need"], r.Scores["evaluation-plan"])
		}
	}
	if got[1] != "revision_requested revise 2.5/1 " || got[2] != "accepted accept 5/3 " {
		t.Errorf("stored reviews = %v", got)
	}

	// The progress grid shows the team's accepted work, with its points, in both members' rows.
	teacher.clickLink(".subnav", "Progress")
	teacher.waitPage(cohortName)
	for _, u := range []*testenv.User{clin, tech} {
		row := `.grid tr[data-learner="` + u.ID + `"]`
		teacher.expectText(row+" .grid-team", team.Name)
		teacher.expectText(row+` td[data-status="accepted"]`, "Accepted")
		teacher.expectText(row+` td[data-status="accepted"]`, "version 2 · 8/8 points")
	}
	teacher.expectText(`.grid tr[data-learner="`+tech.ID+`"] td[data-status="accepted"]`, "peer factor 1.00")
	teacher.expectText(`.grid-summary tr[data-group="all"]`, "2 of 2 accepted")
	teacher.expectText(`.grid thead th[data-exercise="`+exerciseSlug+`"]`, "due 2027-03-31")
	checkPage(teacher, "cohort-progress-team-work")

	// The peer-evaluation summary shows the teammate's rating, never who gave it.
	teacher.clickLink(".subnav", "Teams")
	teacher.waitPage("Teams of " + cohortName)
	teacher.click("#peer-summary-form button[type=submit]")
	teacher.expectText(`.peer-summary tr[data-member="`+tech.ID+`"]`, "3.80")
	teacher.expectText(`.peer-summary tr[data-member="`+clin.ID+`"]`, "Everyone")
	teacher.expectText(`.peer-summary tr[data-member="`+tech.ID+`"]`, "Not yet: "+clin.Name)
	checkPage(teacher, "cohort-teams")

	teacher.clickLink(".main-nav", "Teaching")
	teacher.waitPage("Teaching")
	teacher.expectText(`[data-cohort="`+cohortID+`"]`, "AI for clinicians and Healthcare for computer scientists")
	checkPage(teacher, "teach")

	testFeedbackReports(t, env, teacher, tech)
	testFormerMember(t, env, browser, cohortID, team.ID, clin, tech)
}

// testFormerMember: the member who sent the team's work erases their account; the team keeps
// the work, shown as sent by a former member.
func testFormerMember(t *testing.T, env *testenv.Env, browser context.Context, cohortID, teamID string, author, teammate *testenv.User) {
	t.Helper()
	tb := newTab(t, browser, env.URL, 390, 844)
	logIn(tb, teammate)
	tb.open(teamExerciseHref(cohortID, teamID), exerciseTitle)
	tb.expectText(`.version[data-version="2"] .card-meta`, "Sent by "+author.Name)
	call(t, env, author, "DELETE", "/api/v1/me", map[string]string{"password": author.Password}, http.StatusNoContent)
	tb.open(teamExerciseHref(cohortID, teamID), exerciseTitle)
	tb.expectText(`.version[data-version="2"] .card-meta`, "Sent by a former member")
	tb.expectText(`.version[data-version="2"] .version-body`, "Calibration slope")
	if strings.Contains(tb.text("main"), author.Name) {
		t.Errorf("the team's page still names the erased member %q", author.Name)
	}
}

func teamExerciseHref(cohortID, teamID string) string {
	return "/teams/" + cohortID + "/" + teamID + "/" + exerciseSlug
}

// testFeedbackReports: a learner reports an error in a lesson; the instructor reads it among
// the lesson feedback and resolves it with a reply that the learner then sees.
func testFeedbackReports(t *testing.T, env *testenv.Env, teacher *tab, reporter *testenv.User) {
	t.Helper()
	call(t, env, reporter, "POST", "/api/v1/lessons/tech-utility-part-1/feedback",
		map[string]any{"rating": 2, "kind": "error", "comment": "The NNT example divides the wrong way round."}, http.StatusCreated)
	teacher.clickLink("main", "read and answer the feedback")
	teacher.waitPage("Lesson feedback")
	report := `.report:has(.report-comment)`
	teacher.expectText(report, "The NNT example divides the wrong way round.")
	teacher.expectText(".feedback-table", "Evaluating clinical utility, part 1")
	checkPage(teacher, "teach-feedback")
	id := eval[string](teacher, `[...document.querySelectorAll('.report')].find((r) => r.innerText.includes('NNT example')).dataset.report`)
	sel := `.report[data-report="` + id + `"]`
	teacher.fill(sel+" textarea", "Fixed: thank you.")
	teacher.click(sel + " button[type=submit]")
	teacher.expectText(sel, "Resolved. The learner sees your reply.")
	var mine struct {
		Items []struct {
			Status, Response string
		} `json:"items"`
	}
	raw := call(t, env, reporter, "GET", "/api/v1/lessons/tech-utility-part-1/feedback", nil, http.StatusOK).Body
	if err := json.Unmarshal(raw, &mine); err != nil || len(mine.Items) != 1 || mine.Items[0].Status != "resolved" || mine.Items[0].Response != "Fixed: thank you." {
		t.Errorf("the learner's report after resolving: %s", raw)
	}
}
