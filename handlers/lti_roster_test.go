package handlers_test

import (
	"net/http"
	"testing"

	"tandem/lti"
	"tandem/testenv"
	"tandem/testenv/ltiplatform"
)

// The instructor syncs the platform course's roster: people who opened Tandem from the
// platform join the cohort in their role, people who never did wait for their first launch
// (no account is made for them), and a member the roster no longer lists is reported, not
// removed.
func TestLTIRosterSync(t *testing.T) {
	s := newLTISite(t)
	env, p := s.env, s.platform
	p.TrustTool(t, env.URL+"/api/v1/lti/jwks.json")
	sess, _ := s.launch(t, "hint-teacher", withEmail(teacher))
	teacherToken := sess["access_token"].(string)
	cohortID := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts", Token: teacherToken}).JSON(t)["items"].([]any)[0].(map[string]any)["id"].(string)
	learner := s.learnerOf(t, student)
	gone := student
	gone.Subject = "u-gone"
	leaver := s.learnerOf(t, gone)
	// An assistant and a learner who opened Tandem from another course of the platform.
	other := func(l ltiplatform.Launch, subject, name string) ltiplatform.Launch {
		l.Subject, l.Name, l.CourseID, l.Course = subject, name, "course-7", "Statistics"
		return l
	}
	s.launch(t, "hint-ta", withEmail(other(teacher, "u-ta", "Tom Assistant")))
	elsewhere := s.learnerOf(t, other(student, "u-elsewhere", "Elsa Where"))
	p.SetRoster("course-42", []ltiplatform.Member{
		{UserID: "u-teacher", Name: "Grace Teacher", Roles: []string{ltiplatform.Instructor}, Status: "Active"},
		{UserID: "u-ta", Name: "Tom Assistant", Roles: []string{"http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"}},
		{UserID: "u-student", Name: "Sam Student", Roles: []string{ltiplatform.Learner}},
		{UserID: "u-elsewhere", Name: "Elsa Where", Roles: []string{ltiplatform.Learner}},
		{UserID: "u-new", Name: "Nina New", Email: "nina@school.test", Roles: []string{ltiplatform.Learner}},
		{UserID: "u-dropped", Name: "Dan Dropped", Roles: []string{ltiplatform.Learner}, Status: "Inactive"},
		{UserID: "u-guest", Name: "Gus Guest", Roles: []string{"http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"}},
	})
	path := "/api/v1/lti/cohorts/" + cohortID + "/roster-sync"
	if got := env.Do(testenv.Request{Method: "POST", Path: path, Token: learner.AccessToken}); got.Status != http.StatusNotFound {
		t.Errorf("a learner syncs the roster: %d", got.Status)
	}
	resp := env.Do(testenv.Request{Method: "POST", Path: path, Token: teacherToken})
	var rep lti.RosterReport
	resp.Decode(t, &rep)
	if resp.Status != http.StatusOK || rep.OnRoster != 5 || rep.Ignored != 2 {
		t.Fatalf("sync: %d %s", resp.Status, resp.Body)
	}
	if len(rep.Joined) != 1 || rep.Joined[0].UserID != elsewhere.ID || len(rep.InstructorsAdded) != 1 || rep.InstructorsAdded[0].Name != "Tom Assistant" {
		t.Errorf("joined %+v, instructors added %+v", rep.Joined, rep.InstructorsAdded)
	}
	if len(rep.Waiting) != 1 || rep.Waiting[0].Name != "Nina New" || rep.Waiting[0].UserID != "" {
		t.Errorf("waiting: %+v", rep.Waiting)
	}
	if len(rep.NoLongerOnRoster) != 1 || rep.NoLongerOnRoster[0].UserID != leaver.ID {
		t.Errorf("no longer on the roster: %+v", rep.NoLongerOnRoster)
	}
	if n := s.count(t, "SELECT COUNT(*) FROM users WHERE email = ?", "nina@school.test"); n != "0" {
		t.Errorf("an account was made for someone who never opened Tandem")
	}
	if n := s.count(t, "SELECT COUNT(*) FROM cohort_members WHERE cohort_id = ? AND user_id = ?", cohortID, leaver.ID); n != "1" {
		t.Errorf("the member no longer on the roster was removed")
	}
	again := env.Do(testenv.Request{Method: "POST", Path: path, Token: teacherToken})
	again.Decode(t, &rep)
	if len(rep.Joined) != 0 || len(rep.InstructorsAdded) != 0 {
		t.Errorf("a second sync placed people again: %s", again.Body)
	}
}
