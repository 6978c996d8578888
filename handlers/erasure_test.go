package handlers_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/mail/mailtest"
	"tandem/testenv"
)

// The person whose data the export gives and the erasure takes away. Every detail is
// distinctive, so a search of the whole database or the logs finds nothing else.
const (
	erasedName        = "Zelda Quillfeather-Øvergaard"
	erasedEmail       = "zelda.quillfeather@ermengild-hospital.test"
	erasedEmailTyped  = "Zelda.Quillfeather@Ermengild-Hospital.TEST"
	erasedInstitution = "Saint Ermengild Teaching Hospital"
)

// erasedNeedles are searched for, lower-cased, in lower-cased text: the name, the address and
// the institution whole, and their distinctive words, which also catch an address in any case
// and a name however it is quoted or escaped.
var erasedNeedles = []string{strings.ToLower(erasedName), erasedEmail, strings.ToLower(erasedInstitution), "quillfeather", "ermengild", "øvergaard"}

// lifeOf is what the person did, for the tests to find again.
type lifeOf struct {
	person, teammate, instructor, socAdmin *testenv.User
	cohort, team, submission, programme    string
	offerProgramme, serial, invitation     string
	org                                    string
	offerKey, labRun, labIssue             string
	offerRequest                           testenv.Request
}

// personEnv starts the app sending mail through a real SMTP server and keeping every log
// record it writes, on a database of its own: the person's details are fixed, so that a search
// of the whole database finds them, and must meet no copy another test or run left there.
func personEnv(t *testing.T) (*testenv.Env, *mailtest.Server, *testenv.LogBuffer) {
	t.Helper()
	srv := mailtest.Start(t, false)
	cfg := testenv.OwnDatabase(t, testenv.Config(t))
	cfg.SMTPURL, cfg.SMTPCAFile = srv.URL(), srv.CAFile
	env, logs := testenv.NewLogged(t, cfg)
	return env, srv, logs
}

// live registers the person and has them do everything Tandem records: verify their address,
// join a cohort by a mailed invitation, enrol, complete lessons, take quizzes (judgement
// questions included), work in a team (a submission, peer ratings both ways with comments),
// give lesson feedback that is answered, claim a certificate and be offered another, send
// requests with Idempotency-Key, hit rate-limited routes, and ask for a password reset.
func live(t *testing.T, env *testenv.Env, srv *mailtest.Server) *lifeOf {
	t.Helper()
	l := &lifeOf{instructor: env.WithRole(auth.RoleInstructor, "medicine"), teammate: env.Learner("engineering")}
	admin := env.WithRole(auth.RoleAdmin, "other")
	p := &testenv.User{Email: erasedEmail, Password: testenv.Password, Name: erasedName, Discipline: "nursing"}
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{"email": erasedEmailTyped,
		"password": p.Password, "name": erasedName, "discipline": "nursing", "institution": erasedInstitution}}); r.Status != http.StatusCreated {
		t.Fatalf("register: %d %s", r.Status, r.Body)
	}
	if r := verify(env, linkToken(t, srv.Await(t, erasedEmail, 1), "/verify-email")); r.Status != http.StatusOK {
		t.Fatalf("verify: %d %s", r.Status, r.Body)
	}
	env.Login(p)
	p.ID = env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: p.AccessToken}).JSON(t)["id"].(string)
	l.person = p

	l.cohort = newCohort(t, env, l.instructor, l.teammate)
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + l.cohort + "/invitations", Token: l.instructor.AccessToken,
		Body: map[string]any{"invitations": []map[string]string{{"email": erasedEmailTyped, "name": erasedName}}}}); r.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	l.invitation = invitationTo(t, env, p, l.cohort)
	accept(t, env, p, l.invitation, linkToken(t, srv.Await(t, erasedEmail, 2), "/invitations"))
	l.team = formPairs(t, env, l.instructor, l.cohort, 1).Teams[0].ID

	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/tracks/clinicians/enrol", Token: p.AccessToken})
	finishClinicians(t, env, p)
	l.teamWork(t, env)
	l.labWork(t, env)
	lesson := env.App.Catalog.Lessons()[0].Slug
	fb := giveFeedback(env, p, lesson, 2, "unclear", "On my ward at "+erasedInstitution+" we read this differently.")
	if r := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/feedback/" + fb.JSON(t)["id"].(string), Token: admin.AccessToken,
		Body: map[string]string{"status": "resolved", "response": "Thank you, " + erasedName + "."}}); r.Status != http.StatusOK {
		t.Fatalf("resolve feedback: %d %s", r.Status, r.Body)
	}
	l.certificates(t, env, admin)

	// Rate-limited routes: a mistyped password, and a password reset mailed to the address.
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": erasedEmailTyped, "password": "not the password"}}); r.Status != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d %s", r.Status, r.Body)
	}
	if r := resetRequest(env, erasedEmailTyped); r.Status != http.StatusAccepted {
		t.Fatalf("reset: %d %s", r.Status, r.Body)
	}
	srv.Await(t, erasedEmail, 3)
	return l
}

// teamWork has the person send their team's work with an Idempotency-Key, the instructor
// review it, and the two teammates rate each other with comments.
func (l *lifeOf) teamWork(t *testing.T, env *testenv.Env) {
	t.Helper()
	ex := env.App.Catalog.Exercises()[0]
	sub := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + l.team + "/submissions", Token: l.person.AccessToken,
		Header: map[string]string{"Idempotency-Key": "erasure-work-1"},
		Body:   map[string]any{"exercise": ex.Slug, "body_markdown": "Our plan for the sepsis alert: who acts on it, and when."}})
	if sub.Status != http.StatusCreated {
		t.Fatalf("submit: %d %s", sub.Status, sub.Body)
	}
	l.submission = sub.JSON(t)["id"].(string)
	scores := map[string]int{}
	for _, c := range ex.Rubric {
		scores[c.Criterion] = c.MaxPoints
	}
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/submissions/" + l.submission + "/reviews", Token: l.instructor.AccessToken,
		Header: map[string]string{"Idempotency-Key": "erasure-review-1"},
		Body:   map[string]any{"decision": "accept", "scores": scores, "comment": "Clear roles."}}); r.Status != http.StatusCreated {
		t.Fatalf("review: %d %s", r.Status, r.Body)
	}
	rate := func(rater, ratee *testenv.User, comment string) {
		t.Helper()
		r := map[string]int{"contributing": 4, "interacting": 5, "keeping_on_track": 4, "expecting_quality": 5, "relevant_knowledge": 4}
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + l.team + "/peer-evaluations", Token: rater.AccessToken,
			Body: map[string]any{"exercise": ex.Slug, "ratee_id": ratee.ID, "ratings": r, "comment": comment}}); resp.Status >= 300 {
			t.Fatalf("rate: %d %s", resp.Status, resp.Body)
		}
	}
	rate(l.person, l.teammate, "Kept the model honest.")
	rate(l.teammate, l.person, erasedName+" explained the ward round to me.")
	// The person takes one role and gives another to their teammate.
	for i, holder := range []*testenv.User{l.person, l.teammate} {
		if r := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/teams/" + l.team + "/roles", Token: l.person.AccessToken,
			Body: map[string]any{"exercise": ex.Slug, "role": ex.Roles[i].Title, "user_id": holder.ID}}); r.Status != http.StatusOK {
			t.Fatalf("assign role: %d %s", r.Status, r.Body)
		}
	}
}

// certificates has the person claim a certificate (with an Idempotency-Key, so its answer,
// which names them, is kept) and a society offer them another by their address.
func (l *lifeOf) certificates(t *testing.T, env *testenv.Env, admin *testenv.User) {
	t.Helper()
	org, programme, socAdmin := society(t, env, admin, "Society of Perioperative Care")
	l.org, l.programme, l.socAdmin = org, programme, socAdmin
	claim := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programme + "/claim", Token: l.person.AccessToken,
		Header: map[string]string{"Idempotency-Key": "erasure-claim-1"}})
	if claim.Status != http.StatusCreated || claim.JSON(t)["holder_name"] != erasedName {
		t.Fatalf("claim: %d %s", claim.Status, claim.Body)
	}
	l.serial = claim.JSON(t)["serial"].(string)
	second := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + org + "/programmes", Token: socAdmin.AccessToken,
		Body: map[string]any{"title": "Sepsis alerts in practice", "description": "For ward teams.", "tracks": []string{"clinicians"},
			"min_quiz_percent": 60, "credits": 0.5, "credit_unit": "CME hours", "validity_days": 365}})
	if second.Status != http.StatusCreated {
		t.Fatalf("programme: %d %s", second.Status, second.Body)
	}
	l.offerProgramme = second.JSON(t)["id"].(string)
	l.offerKey = "erasure-offer-1"
	l.offerRequest = testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + l.offerProgramme + "/certificates", Token: socAdmin.AccessToken,
		Header: map[string]string{"Idempotency-Key": l.offerKey}, Body: map[string]string{"email": erasedEmailTyped}}
	if r := env.Do(l.offerRequest); r.Status != http.StatusCreated || !strings.Contains(string(r.Body), erasedEmail) {
		t.Fatalf("offer: %d %s", r.Status, r.Body)
	}
}

// holding returns, for each table and column, where any needle is found.
func holding(cells []testenv.Cell) []string {
	found := map[string]bool{}
	for _, c := range cells {
		v := strings.ToLower(c.Value)
		for _, n := range erasedNeedles {
			if strings.Contains(v, n) {
				found[c.Table+"."+c.Column] = true
			}
		}
	}
	var out []string
	for k := range found {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// After DELETE /me nothing personal remains: not in any column of any table (listed from the
// database's catalogue), not in the responses kept for retries, not in rate-limit keys, and
// never in the logs. The team keeps its work without an author, the certificate stays valid
// without the name, and a society retrying its offer gets its answer without the address.
func TestErasureLeavesNothingPersonal(t *testing.T) {
	env, srv, logs := personEnv(t)
	l := live(t, env, srv)

	// Before: the search finds the person where they should be, so it can find them at all.
	before := strings.Join(holding(env.Dump()), " ")
	for _, where := range []string{"users.email", "users.name", "users.institution", "cohort_invitations.email", "cohort_invitations.name",
		"certificates.holder_name", "certificate_offers.email", "idempotent_requests.body", "mail_outbox.to_address",
		"lesson_feedbacks.comment", "lesson_feedbacks.response", "peer_evaluations.comment", "account_tokens.email"} {
		if !strings.Contains(before, where) {
			t.Errorf("before erasure, %s does not hold the person; found in: %s", where, before)
		}
	}
	if strings.Contains(before, "rate_limits") {
		t.Errorf("rate-limit keys hold the address in clear: %s", before)
	}

	if r := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: l.person.AccessToken, Body: map[string]string{"password": "wrong password"}}); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("erase with a wrong password: %d %s", r.Status, r.Body)
	}
	mailCounters := "SELECT COUNT(*) FROM rate_limits WHERE key LIKE 'mail:%'"
	countersBefore := env.Scalar(mailCounters)
	if r := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: l.person.AccessToken, Body: map[string]string{"password": testenv.Password}}); r.Status != http.StatusNoContent {
		t.Fatalf("erase: %d %s", r.Status, r.Body)
	}
	if before, after := countersBefore, env.Scalar(mailCounters); before == "0" || after == before {
		t.Errorf("the counter of mails to the person's address stays: %s before, %s after", before, after)
	}
	if after := holding(env.Dump()); len(after) > 0 {
		t.Errorf("after erasure the person remains in: %v", after)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM team_roles WHERE user_id = '" + l.person.ID + "' OR assigned_by = '" + l.person.ID + "'"); n != "0" {
		t.Errorf("after erasure %s exercise roles still name the person", n)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM team_roles WHERE user_id = '" + l.teammate.ID + "'"); n != "1" {
		t.Errorf("the role the person gave their teammate: %s rows", n)
	}

	// What stays, stays without them.
	var list struct {
		Items []map[string]any `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + l.team + "/submissions", Token: l.teammate.AccessToken}).Decode(t, &list)
	if work := list.Items; len(work) != 1 || work[0]["id"] != l.submission || work[0]["author_id"] != "" || !strings.Contains(work[0]["body_markdown"].(string), "sepsis alert") {
		t.Errorf("the team's work after its author erased their account: %v", list.Items)
	}
	l.labAfterErasure(t, env)
	v := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + l.serial + "/verify"}).JSON(t)
	if v["status"] != "valid" || v["holder_name"] != "" || v["holder_erased"] != true {
		t.Errorf("the certificate after erasure: %v", v)
	}
	replay := env.Do(l.offerRequest)
	if replay.Status != http.StatusCreated || replay.Header.Get("Idempotent-Replayed") != "true" || len(holding([]testenv.Cell{{Value: string(replay.Body)}})) > 0 {
		t.Errorf("the society's retried offer: %d %v %s", replay.Status, replay.Header, replay.Body)
	}
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": erasedEmail, "password": testenv.Password}}); r.Status != http.StatusUnauthorized {
		t.Errorf("the erased account signs in: %d %s", r.Status, r.Body)
	}

	logged := strings.ToLower(logs.String())
	if !strings.Contains(logged, `route=/api/v1/me`) {
		t.Fatalf("the log capture holds no request lines:\n%.2000s", logged)
	}
	for _, n := range erasedNeedles {
		if i := strings.Index(logged, n); i >= 0 {
			t.Errorf("the log holds %q: …%s…", n, logged[max(0, i-200):min(len(logged), i+200)])
		}
	}
}

// GET /me/export gives everything Tandem holds about the person, each part after they did
// the thing it records.
func TestExportGivesEverythingHeld(t *testing.T) {
	env, srv, _ := personEnv(t)
	l := live(t, env, srv)
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/export", Token: l.person.AccessToken})
	if resp.Status != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %v", resp.Status, resp.Header)
	}
	var x map[string]any
	resp.Decode(t, &x)
	user := x["user"].(map[string]any)
	if user["email"] != erasedEmail || user["name"] != erasedName || user["institution"] != erasedInstitution {
		t.Errorf("account: %v", user)
	}
	if strings.Contains(string(resp.Body), "password_hash") || strings.Contains(string(resp.Body), "token_hash") {
		t.Error("the export holds secrets")
	}
	has := func(part string, ok func(map[string]any) bool) {
		t.Helper()
		items, _ := x[part].([]any)
		for _, it := range items {
			if ok(it.(map[string]any)) {
				return
			}
		}
		t.Errorf("%s lacks what the person did: %v", part, x[part])
	}
	is := func(key string, want any) func(map[string]any) bool {
		return func(m map[string]any) bool { return m[key] == want }
	}
	has("enrolments", is("track", "clinicians"))
	has("lesson_completions", is("lesson", env.App.Catalog.Lessons()[0].Slug))
	has("quiz_attempts", func(m map[string]any) bool { a, _ := m["answers"].([]any); return m["quiz"] == evalQuiz && len(a) == 8 })
	has("judgement_answers", is("question", evalQuiz+".judge"))
	has("lesson_feedback", func(m map[string]any) bool {
		return strings.Contains(m["comment"].(string), erasedInstitution) && m["response"] == "Thank you, "+erasedName+"."
	})
	has("learning_events", is("verb", "shared"))
	has("sessions", func(m map[string]any) bool { return m["revoked_at"] == nil })
	has("team_submissions", func(m map[string]any) bool { return m["id"] == l.submission && m["status"] == "accepted" })
	has("peer_ratings_given", func(m map[string]any) bool {
		return m["ratee"] == l.teammate.ID && m["comment"] == "Kept the model honest."
	})
	has("lab_runs", func(m map[string]any) bool { d, _ := m["decisions"].([]any); return m["id"] == l.labRun && len(d) == 8 })
	has("lab_issues", is("id", l.labIssue))
	has("lab_confirmations", is("issue", l.labIssue))
	has("lab_proposals", is("fix", "recalibration"))
	has("lab_displays", is("lab", testLab))
	has("cohort_memberships", is("cohort", l.cohort))
	has("team_memberships", is("team", l.team))
	has("team_roles", func(m map[string]any) bool { return m["team"] == l.team && m["holder"] == l.person.ID })
	has("team_roles", func(m map[string]any) bool { return m["holder"] == l.teammate.ID && m["assigned_by"] == l.person.ID })
	has("invitations", func(m map[string]any) bool {
		return m["id"] == l.invitation && m["status"] == "accepted" && m["email"] == erasedEmailTyped && m["name"] == erasedName
	})
	has("certificate_offers", func(m map[string]any) bool { return m["programme_id"] == l.offerProgramme && m["status"] == "offered" })
	has("programme_applications", func(m map[string]any) bool { return m["programme_id"] == l.programme && m["eligible"] == true })
	has("certificates", func(m map[string]any) bool {
		vc, _ := m["credential"].(string)
		return m["serial"] == l.serial && m["holder_name"] == erasedName && strings.Count(vc, ".") == 2
	})
	has("audit_entries", is("action", "certificate.issued"))
	has("audit_entries", is("action", "cohort.joined"))
	if roles, _ := x["organisation_roles"].([]any); roles == nil {
		t.Errorf("organisation_roles is not a list: %v", x["organisation_roles"])
	}

	// The credential in the export is the one the certificate serves, and it verifies with the
	// society's published keys.
	for _, c := range x["certificates"].([]any) {
		vc := c.(map[string]any)["credential"].(string)
		payload, ok := verifyWithJWKS(t, vc, env.Do(testenv.Request{Method: "GET", Path: "/api/v1/issuers/" + l.org + "/jwks.json"}).Body)
		if !ok || payload["credentialSubject"] == nil {
			t.Errorf("the exported credential does not verify: %v", payload)
		}
	}

	// A society admin's roles show in their own export.
	var soc map[string]any
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/export", Token: l.socAdmin.AccessToken}).Decode(t, &soc)
	if roles := soc["organisation_roles"].([]any); len(roles) != 1 || roles[0].(map[string]any)["role"] != "society_admin" {
		t.Errorf("the society admin's roles: %v", soc["organisation_roles"])
	}
}
