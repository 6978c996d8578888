package handlers_test

import (
	"net/http"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// A cohort's instructors see its members' timed attempts under way, named by learner and
// quiz title, to extend one; a submitted attempt, an untimed one and a stranger's do not
// show, and no one else may read the list.
func TestOpenAttemptsListsTimedAttemptsUnderWay(t *testing.T) {
	env := testenv.New(t)
	instructor, otherInstructor := env.WithRole(auth.RoleInstructor, "medicine"), env.WithRole(auth.RoleInstructor, "nursing")
	member, peer, outsider := env.Learner("nursing"), env.Learner("data_science"), env.Learner("medicine")
	cohort := newCohort(t, env, instructor, member, peer)
	open, _ := deadlineOf(t, env, member)
	done, _ := deadlineOf(t, env, peer)
	if resp := submit(env, peer, done, nil); resp.Status != http.StatusOK {
		t.Fatalf("submit: %d %s", resp.Status, resp.Body)
	}
	start(t, env, peer, evalQuiz) // untimed
	deadlineOf(t, env, outsider)
	path := "/api/v1/cohorts/" + cohort + "/open-attempts"
	var list struct {
		Items []struct {
			ID, User, Name, Quiz string
			QuizTitle            string `json:"quiz_title"`
		} `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: path, Token: instructor.AccessToken}).Decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != open || list.Items[0].Name != member.Name || list.Items[0].QuizTitle != "Deployment check" {
		t.Fatalf("open attempts: %+v", list.Items)
	}
	for _, who := range []*testenv.User{otherInstructor, member} {
		if resp := env.Do(testenv.Request{Method: "GET", Path: path, Token: who.AccessToken}); resp.Status != http.StatusNotFound {
			t.Errorf("open attempts read by %s: %d", who.Email, resp.Status)
		}
	}
}
