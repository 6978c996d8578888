package handlers_test

import (
	"bytes"
	"math"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// A society certifying a joint workshop requires exercises only: such a programme, without a
// description, is valid; its learners become eligible once their team's work is accepted (with
// half points on the rubric); and the certificate they claim has a credential and a PDF, which
// prints a name with an emoji in it.
func TestProgrammeOfExercisesOnly(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.CatalogDir = "" // the shipped curricula, which have several exercises
	env := testenv.NewWith(t, cfg)
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID, _, socAdmin := society(t, env, admin, "Joint workshop society (test)")
	workshop := env.App.Catalog.Exercises()[0]
	create := func(body map[string]any) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/programmes", Token: socAdmin.AccessToken, Body: body})
	}
	if resp := create(map[string]any{"title": "Nothing required"}); resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), "at least one track or exercise") {
		t.Fatalf("a programme without requirements: %d %s", resp.Status, resp.Body)
	}
	if resp := create(map[string]any{"title": "Quizzes without tracks", "exercises": []string{workshop.Slug}, "min_quiz_percent": 50}); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a quiz average without tracks: %d %s", resp.Status, resp.Body)
	}
	prog := create(map[string]any{"title": "Joint workshop on clinical AI", "exercises": []string{workshop.Slug}, "credits": 1.5, "credit_unit": "CME hours"})
	if prog.Status != http.StatusCreated {
		t.Fatalf("a programme of exercises only: %d %s", prog.Status, prog.Body)
	}
	programmeID := prog.JSON(t)["id"].(string)

	nurse, coder := env.Learner("nursing"), env.Learner("data_science")
	if resp := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: nurse.AccessToken, Body: map[string]any{"name": "Ada 😀 Okafor"}}); resp.Status != http.StatusOK {
		t.Fatalf("a name with an emoji: %d %s", resp.Status, resp.Body)
	}
	eligible := func() (bool, string) {
		t.Helper()
		resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programmeID + "/eligibility", Token: nurse.AccessToken})
		return resp.JSON(t)["eligible"] == true, string(resp.Body)
	}
	if ok, body := eligible(); ok || !strings.Contains(body, "exercise:"+workshop.Slug) {
		t.Fatalf("before any teamwork: %s", body)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programmeID + "/claim", Token: nurse.AccessToken}); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("claim before eligible: %d %s", resp.Status, resp.Body)
	}
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	cohort := newCohort(t, env, instructor, nurse, coder)
	team := formPairs(t, env, instructor, cohort, 1).Teams[0].ID
	sub := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: coder.AccessToken,
		Body: map[string]any{"exercise": workshop.Slug, "body_markdown": "Our workshop report."}})
	if sub.Status != http.StatusCreated {
		t.Fatalf("submit: %d %s", sub.Status, sub.Body)
	}
	review := func(scores map[string]any) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/submissions/" + sub.JSON(t)["id"].(string) + "/reviews", Token: instructor.AccessToken,
			Body: map[string]any{"decision": "accept", "scores": scores}})
	}
	scores, want := map[string]any{}, 0.0
	for i, c := range workshop.Rubric {
		p := float64(c.MaxPoints) - 0.5
		if i == 0 {
			p = 0.1 // with 0.2 below, a sum that floating point would get wrong
		}
		if i == 1 {
			p = 0.2
		}
		scores[c.Criterion], want = p, want+p
	}
	first := workshop.Rubric[0].Criterion
	for _, bad := range []any{2.55, -0.5, float64(workshop.Rubric[0].MaxPoints) + 0.5, "2.5"} {
		wrong := map[string]any{}
		for k, v := range scores {
			wrong[k] = v
		}
		wrong[first] = bad
		if resp := review(wrong); resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), `"scores`) {
			t.Errorf("score %v: %d %s", bad, resp.Status, resp.Body)
		}
	}
	accepted := review(scores)
	if accepted.Status != http.StatusCreated {
		t.Fatalf("review with half points: %d %s", accepted.Status, accepted.Body)
	}
	total := strconv.FormatFloat(math.Round(want*10)/10, 'f', -1, 64)
	if !strings.Contains(string(accepted.Body), `"total":`+total+`,`) || accepted.JSON(t)["scores"].(map[string]any)[first] != 0.1 {
		t.Fatalf("review: want total %s: %s", total, accepted.Body)
	}
	// The team reads the review back as stored, and the instructor's dashboard sums it alike.
	listed := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team + "/submissions", Token: nurse.AccessToken})
	if !strings.Contains(string(listed.Body), `"total":`+total+`,`) {
		t.Fatalf("submissions: want total %s: %s", total, listed.Body)
	}
	dashboard := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + cohort + "/progress", Token: instructor.AccessToken})
	if !strings.Contains(string(dashboard.Body), `"points":`+total+`,`) {
		t.Fatalf("dashboard: want points %s: %.2000s", total, dashboard.Body)
	}
	if ok, body := eligible(); !ok {
		t.Fatalf("after the work was accepted: %s", body)
	}
	claim := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programmeID + "/claim", Token: nurse.AccessToken})
	if claim.Status != http.StatusCreated {
		t.Fatalf("claim: %d %s", claim.Status, claim.Body)
	}
	serial := claim.JSON(t)["serial"].(string)
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/credential"}); resp.Status != http.StatusOK || len(resp.Body) == 0 {
		t.Fatalf("credential of a programme without a description: %d %s", resp.Status, resp.Body)
	}
	achievement := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programmeID + "/achievement"})
	if achievement.Status != http.StatusOK || !strings.Contains(string(achievement.Body), workshop.Title) {
		t.Fatalf("achievement: %d %s", achievement.Status, achievement.Body)
	}
	pdf := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/pdf"})
	if pdf.Status != http.StatusOK {
		t.Fatalf("PDF of a name with an emoji: %d %s", pdf.Status, pdf.Body)
	}
	if text := pdfText(t, pdf.Body); !strings.Contains(text, "Ada \ufffd Okafor") || !strings.Contains(text, "Joint workshop on clinical AI") {
		t.Fatalf("PDF text: %s", text)
	}
}

// pdfText extracts a PDF's text with poppler's pdftotext, as a reader would, with runs of
// spaces folded. Without pdftotext the test is skipped, except under CI, where it fails.
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is required under CI")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	cmd := exec.Command(bin, "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(doc)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
