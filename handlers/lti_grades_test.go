package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"tandem/lti"
	"tandem/testenv"
	"tandem/testenv/ltiplatform"
)

// publisher is the score publisher of the test's app, without waits: events are read at once
// and a failed score is tried again on the next round, twice in all. Its window takes in every
// event the package's tests wrote before, on the cursor they share.
func publisher(s *ltiSite, t *testing.T) *lti.Publisher {
	p := s.env.App.ScorePublisher("test-"+t.Name(), testenv.Logger())
	p.Lag, p.FirstRetry, p.MaxAttempts, p.Window = 0, 0, 2, 1_000_000
	return p
}

func publish(t *testing.T, p *lti.Publisher) {
	t.Helper()
	if _, err := p.Once(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// deepLink has the instructor pick items in a deep-linking launch and posts the signed answer
// to the platform, which makes the line items it asks for. It returns the instructor's token
// and cohort.
func (s *ltiSite) deepLink(t *testing.T, tl ltiplatform.Launch, items ...map[string]string) (string, string) {
	t.Helper()
	tl.DeepLinkReturn = s.platform.Issuer + "/deep-link-return"
	sess, landing := s.launch(t, "hint-dl-"+tl.Subject, tl)
	token := sess["access_token"].(string)
	id := strings.TrimPrefix(landing.Get("next"), "/lti/deep-links/")
	answer := s.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lti/deep-links/" + id + "/response", Token: token, Body: map[string]any{"items": items}})
	if answer.Status != http.StatusOK {
		t.Fatalf("deep-link answer: %d %s", answer.Status, answer.Body)
	}
	resp, err := http.PostForm(s.platform.Issuer+"/deep-link-return", url.Values{"JWT": {answer.JSON(t)["jwt"].(string)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cohorts := s.env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts", Token: token}).JSON(t)["items"].([]any)
	return token, cohorts[0].(map[string]any)["id"].(string)
}

// learnerOf launches l and returns the learner's account.
func (s *ltiSite) learnerOf(t *testing.T, l ltiplatform.Launch) *testenv.User {
	t.Helper()
	sess, _ := s.launch(t, "hint-"+l.Subject, withEmail(l))
	return &testenv.User{ID: sess["user"].(map[string]any)["id"].(string), AccessToken: sess["access_token"].(string)}
}

func passQuiz(t *testing.T, env *testenv.Env, u *testenv.User) {
	t.Helper()
	a := start(t, env, u, evalQuiz)
	if resp := submit(env, u, a.ID, rightAnswers("reject")); resp.Status != http.StatusOK {
		t.Fatalf("submit: %d %s", resp.Status, resp.Body)
	}
}

// A learner passes a deep-linked quiz; the platform's gradebook is down twice, the instructor
// sees the failed scores, retries them, and the counted percent and the module's completion
// arrive for the learner's platform user id. A cohort member who did not come from the
// platform gets no score sent.
func TestLTIScoresReachThePlatformAfterRetry(t *testing.T) {
	s := newLTISite(t)
	env, p := s.env, s.platform
	p.TrustTool(t, env.URL+"/api/v1/lti/jwks.json")
	teacherToken, cohortID := s.deepLink(t, withEmail(teacher),
		map[string]string{"kind": "quiz", "slug": evalQuiz}, map[string]string{"kind": "module", "slug": "clin-evaluation"})
	if items := p.LineItems("course-42"); len(items) != 2 || items[0].ResourceID != "quiz:"+evalQuiz || items[0].ScoreMaximum != 100 {
		t.Fatalf("line items the platform made: %+v", items)
	}
	learner := s.learnerOf(t, student)
	outsider := env.Learner("nursing")
	join(t, env, &testenv.User{AccessToken: teacherToken}, cohortID, outsider)
	passQuiz(t, env, learner)
	passQuiz(t, env, outsider)

	pub := publisher(s, t)
	p.FailScores(4)
	publish(t, pub)
	publish(t, pub)
	scoresPath := "/api/v1/lti/cohorts/" + cohortID + "/scores"
	failed := env.Do(testenv.Request{Method: "GET", Path: scoresPath + "?status=failed", Token: teacherToken})
	var list struct {
		Items []lti.ScoreView `json:"items"`
	}
	failed.Decode(t, &list)
	if failed.Status != http.StatusOK || len(list.Items) != 2 || list.Items[0].Attempts != 2 || !strings.Contains(list.Items[0].LastError, "503") ||
		list.Items[0].UserID != learner.ID {
		t.Fatalf("failed scores: %d %s", failed.Status, failed.Body)
	}
	if len(p.Scores()) != 0 {
		t.Fatalf("scores arrived while the gradebook was down: %+v", p.Scores())
	}
	if got := env.Do(testenv.Request{Method: "GET", Path: scoresPath, Token: learner.AccessToken}); got.Status != http.StatusNotFound {
		t.Errorf("a learner reads the cohort's scores: %d", got.Status)
	}
	if got := env.Do(testenv.Request{Method: "GET", Path: scoresPath + "?status=lost", Token: teacherToken}); got.Status != http.StatusUnprocessableEntity {
		t.Errorf("an unknown status: %d", got.Status)
	}

	retry := env.Do(testenv.Request{Method: "POST", Path: scoresPath + "/retry", Token: teacherToken, Body: map[string]any{}})
	if retry.Status != http.StatusOK || retry.JSON(t)["retried"] != float64(2) {
		t.Fatalf("retry: %d %s", retry.Status, retry.Body)
	}
	publish(t, pub)
	got := map[string]ltiplatform.Score{}
	for _, sc := range p.Scores() {
		got[sc.Resource] = sc
	}
	quiz, module := got["quiz:"+evalQuiz], got["module:clin-evaluation"]
	if len(p.Scores()) != 2 || quiz.UserID != "u-student" || quiz.ScoreGiven != 100 || quiz.ScoreMaximum != 100 ||
		quiz.ActivityProgress != "Completed" || quiz.GradingProgress != "FullyGraded" {
		t.Fatalf("scores at the platform: %+v", p.Scores())
	}
	if module.UserID != "u-student" || module.ActivityProgress != "InProgress" || module.ScoreGiven <= 0 || module.ScoreGiven >= 100 {
		t.Errorf("module completion at the platform: %+v", module)
	}
	if n := p.TokensIssued(); n != 1 {
		t.Errorf("%d access tokens asked for; one is cached until it expires", n)
	}
	sent := env.Do(testenv.Request{Method: "GET", Path: scoresPath + "?status=sent", Token: teacherToken})
	sent.Decode(t, &list)
	if len(list.Items) != 2 || list.Items[0].SentAt == nil {
		t.Errorf("sent scores: %s", sent.Body)
	}
	if n := s.count(t, "SELECT COUNT(*) FROM lti_scores WHERE user_id = ?", outsider.ID); n != "0" {
		t.Errorf("%s scores queued for a member not linked to the platform", n)
	}
	publish(t, pub)
	if len(p.Scores()) != 2 {
		t.Errorf("scores sent twice: %+v", p.Scores())
	}
}

// Learning events of learners who did not come from a platform, more than a window of them,
// come before and after a platform learner's passed quiz: the publisher reads them a window at a
// time, passes over them with its cursor (so no later round reads them again), and the learner's
// score still reaches the platform.
func TestLTIPublisherPassesOverOtherLearnersEvents(t *testing.T) {
	s := newLTISite(t)
	env, p := s.env, s.platform
	p.TrustTool(t, env.URL+"/api/v1/lti/jwks.json")
	teacherToken, cohortID := s.deepLink(t, withEmail(teacher), map[string]string{"kind": "quiz", "slug": evalQuiz})
	learner := s.learnerOf(t, student)
	for range 3 {
		outsider := env.Learner("nursing")
		join(t, env, &testenv.User{AccessToken: teacherToken}, cohortID, outsider)
		passQuiz(t, env, outsider)
	}
	passQuiz(t, env, learner)
	passQuiz(t, env, env.Learner("medicine"))
	// Other tests' publishers share the database and the cursor: count what lies after it.
	events, _ := strconv.Atoi(s.count(t, "SELECT COUNT(*) FROM progress_events WHERE id > COALESCE((SELECT event_id FROM lti_grade_cursors WHERE name = 'lti-scores'), '')"))
	pub := publisher(s, t)
	pub.Window = 4
	rounds := 0
	for busy := true; busy; rounds++ {
		if rounds > events/pub.Window+2 {
			t.Fatalf("the publisher is still busy after %d rounds of %d over %d events", rounds, pub.Window, events)
		}
		var err error
		if busy, err = pub.Once(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if scores := p.Scores(); len(scores) != 1 || scores[0].UserID != "u-student" || scores[0].ScoreGiven != 100 {
		t.Fatalf("scores at the platform: %+v", scores)
	}
	last := s.count(t, "SELECT MAX(id) FROM progress_events")
	if cursor := s.count(t, "SELECT event_id FROM lti_grade_cursors WHERE name = 'lti-scores'"); cursor != last {
		t.Errorf("the cursor is at %q after the publisher read every event; the last is %q", cursor, last)
	}
	if rounds < events/pub.Window {
		t.Errorf("%d events read in %d rounds of %d", events, rounds, pub.Window)
	}
}

// A platform whose token endpoint does not take Tandem's assertion (it checks it against
// another key set) gets no score; the score fails at once, visibly, with the platform's reason.
func TestLTIScoresRefusedTokenFailsVisibly(t *testing.T) {
	s := newLTISite(t)
	env, p := s.env, s.platform
	p.TrustTool(t, p.Issuer+"/jwks")
	teacherToken, cohortID := s.deepLink(t, withEmail(teacher), map[string]string{"kind": "quiz", "slug": evalQuiz})
	learner := s.learnerOf(t, student)
	passQuiz(t, env, learner)
	publish(t, publisher(s, t))
	var list struct {
		Items []lti.ScoreView `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lti/cohorts/" + cohortID + "/scores?status=failed", Token: teacherToken}).Decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].Attempts != 1 || !strings.Contains(list.Items[0].LastError, "invalid_client") {
		t.Fatalf("failed scores: %+v", list.Items)
	}
	if len(p.Scores()) != 0 || len(p.TokenRefusals()) != 1 || !strings.Contains(p.TokenRefusals()[0], "assertion") {
		t.Errorf("the platform issued a token or got a score: %v %+v", p.TokenRefusals(), p.Scores())
	}
}

// Team work reaches the gradebook per member: the team's review points times each member's
// peer adjustment factor (at most the rubric's maximum), in a line item Tandem makes.
func TestLTIExerciseScoresCarryPeerAdjustment(t *testing.T) {
	s := newLTISite(t)
	env, p := s.env, s.platform
	p.TrustTool(t, env.URL+"/api/v1/lti/jwks.json")
	sess, _ := s.launch(t, "hint-teacher", withEmail(teacher))
	instructor := &testenv.User{ID: sess["user"].(map[string]any)["id"].(string), AccessToken: sess["access_token"].(string)}
	nurseLaunch, coderLaunch := student, student
	nurseLaunch.Subject, nurseLaunch.Custom = "u-nurse", map[string]any{"discipline": "nursing"}
	coderLaunch.Subject, coderLaunch.Custom = "u-coder", map[string]any{"discipline": "data_science"}
	nurse, coder := s.learnerOf(t, nurseLaunch), s.learnerOf(t, coderLaunch)
	cohorts := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts", Token: instructor.AccessToken}).JSON(t)["items"].([]any)
	cohort := cohorts[0].(map[string]any)["id"].(string)
	team := formPairs(t, env, instructor, cohort, 1).Teams[0].ID
	ex := env.App.Catalog.Exercises()[0]
	rate := func(rater, ratee *testenv.User, score int) {
		r := map[string]int{"contributing": score, "interacting": score, "keeping_on_track": score, "expecting_quality": score, "relevant_knowledge": score}
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/peer-evaluations", Token: rater.AccessToken,
			Body: map[string]any{"exercise": ex.Slug, "ratee_id": ratee.ID, "ratings": r}}); resp.Status != http.StatusCreated {
			t.Fatalf("rate: %d %s", resp.Status, resp.Body)
		}
	}
	rate(nurse, coder, 5)
	rate(coder, nurse, 3)
	acceptTeamWork(t, env, instructor, nurse, team, ex)
	publish(t, publisher(s, t))

	maximum := 0.0
	for _, c := range ex.Rubric {
		maximum += float64(c.MaxPoints)
	}
	items := p.LineItems("course-42")
	if len(items) != 1 || items[0].ResourceID != "exercise:"+ex.Slug || items[0].ScoreMaximum != maximum {
		t.Fatalf("line items: %+v", items)
	}
	got := map[string]float64{}
	for _, sc := range p.Scores() {
		got[sc.UserID] = sc.ScoreGiven
	}
	// The nurse was rated 3 against a team mean of 4 (factor 0.75); the coder's 1.25 is capped
	// at 1.05, and the points at the maximum.
	if len(got) != 2 || got["u-nurse"] != maximum*0.75 || got["u-coder"] != maximum {
		t.Errorf("exercise scores at the platform (maximum %g): %v", maximum, got)
	}

	// After the review the coder rates the nurse 5 too: both factors become 1. The nurse's
	// points change and reach the gradebook again; the coder's stay at the maximum, so
	// nothing new is sent for them.
	before := len(p.Scores())
	rate(coder, nurse, 5)
	publish(t, publisher(s, t))
	fresh := p.Scores()[before:]
	if len(fresh) != 1 || fresh[0].UserID != "u-nurse" || fresh[0].ScoreGiven != maximum || !strings.Contains(fresh[0].Comment, "factor 1.00") {
		t.Fatalf("scores after the ratings changed: %+v", fresh)
	}
	// The same marks again change no factor: nothing is queued or sent.
	rate(coder, nurse, 5)
	publish(t, publisher(s, t))
	if n := len(p.Scores()); n != before+1 {
		t.Errorf("the platform got %d scores after an unchanged rating, want %d", n, before+1)
	}
	if n := s.count(t, "SELECT COUNT(*) FROM lti_scores WHERE resource_id = ? AND cohort_id = ?", "exercise:"+ex.Slug, cohort); n != "3" {
		t.Errorf("exercise scores in the outbox: %s, want 3", n)
	}
}
