package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// join invites learners to a cohort as its instructor does, and has each accept the invitation
// from their list of invitations.
func join(t *testing.T, env *testenv.Env, instructor *testenv.User, cohortID string, learners ...*testenv.User) {
	t.Helper()
	if len(learners) == 0 {
		return
	}
	var list []map[string]string
	for _, l := range learners {
		list = append(list, map[string]string{"email": l.Email})
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + cohortID + "/invitations", Token: instructor.AccessToken,
		Body: map[string]any{"invitations": list}}); resp.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", resp.Status, resp.Body)
	}
	for _, l := range learners {
		accept(t, env, l, invitationTo(t, env, l, cohortID), "")
	}
}

// invitationTo returns the id of u's open invitation to a cohort.
func invitationTo(t *testing.T, env *testenv.Env, u *testenv.User, cohortID string) string {
	t.Helper()
	var mine struct {
		Items []struct {
			ID     string `json:"id"`
			Cohort struct {
				ID string `json:"id"`
			} `json:"cohort"`
		} `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/invitations", Token: u.AccessToken}).Decode(t, &mine)
	for _, it := range mine.Items {
		if it.Cohort.ID == cohortID {
			return it.ID
		}
	}
	t.Fatalf("%s has no invitation to cohort %s: %+v", u.Email, cohortID, mine.Items)
	return ""
}

// accept accepts an invitation as u, with the link's token when given.
func accept(t *testing.T, env *testenv.Env, u *testenv.User, invitationID, token string) {
	t.Helper()
	req := testenv.Request{Method: "POST", Path: "/api/v1/invitations/" + invitationID + "/accept", Token: u.AccessToken}
	if token != "" {
		req.Body = map[string]string{"token": token}
	}
	if resp := env.Do(req); resp.Status != http.StatusOK || resp.JSON(t)["role"] != "member" {
		t.Fatalf("accept invitation: %d %s", resp.Status, resp.Body)
	}
}

// memberList is the instructors' view of who is in a cohort.
type memberList struct {
	Members []struct {
		UserID string `json:"user_id"`
		Name   string `json:"name"`
		Email  string `json:"email"`
	} `json:"members"`
	Invitations []struct {
		ID     string `json:"id"`
		Email  string `json:"email"`
		Status string `json:"status"`
	} `json:"invitations"`
	JoinCode *struct {
		Expired bool `json:"expired"`
	} `json:"join_code"`
}

func members(t *testing.T, env *testenv.Env, instructor *testenv.User, cohortID string) memberList {
	t.Helper()
	var out memberList
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + cohortID + "/members", Token: instructor.AccessToken})
	if resp.Status != http.StatusOK {
		t.Fatalf("members: %d %s", resp.Status, resp.Body)
	}
	resp.Decode(t, &out)
	return out
}

// The first reproduction of issue 16: adding an existing account by email made it a member at
// once and the answer said which addresses had accounts. Now the answer is the same for a
// known and an unknown address, both get a mail, and nobody is a member before accepting.
func TestInvitingRevealsNoAccountAndAddsNobody(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	learner := env.Learner("nursing")
	id := newCohort(t, env, instructor)
	unknown := "Nobody-" + strings.ToUpper(learner.Email[len("learner-"):])
	answers := map[string]*testenv.Response{}
	for _, email := range []string{learner.Email, unknown} {
		for _, route := range []string{"/members", "/invitations"} {
			body := map[string]any{"emails": []string{email}}
			if route == "/invitations" {
				body = map[string]any{"invitations": []map[string]string{{"email": email}}}
			}
			answers[route+" "+email] = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + route, Token: instructor.AccessToken, Body: body})
		}
	}
	for _, route := range []string{"/members", "/invitations"} {
		known, other := answers[route+" "+learner.Email], answers[route+" "+unknown]
		if known.Status != other.Status || known.Status >= 300 {
			t.Fatalf("%s: %d for an account, %d for no account", route, known.Status, other.Status)
		}
		if shape(t, known, learner.Email) != shape(t, other, unknown) {
			t.Fatalf("%s answers differ:\n%s\n%s", route, known.Body, other.Body)
		}
	}
	if a := answers["/members "+learner.Email].JSON(t); len(a["added"].([]any)) != 0 || len(a["unknown"].([]any)) != 0 {
		t.Fatalf("POST /members still sorts addresses: %s", answers["/members "+learner.Email].Body)
	}
	if n := len(env.AwaitMails(t, learner.Email, "invitation", 2)); n != 2 {
		t.Fatalf("%d mails to the learner, want one per invitation", n)
	}
	if n := len(env.AwaitMails(t, strings.ToLower(unknown), "invitation", 2)); n != 2 {
		t.Fatalf("%d mails to the address without an account, want 2", n)
	}
	// Nothing is shared before the learner accepts.
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id, Token: learner.AccessToken}); resp.Status != http.StatusNotFound {
		t.Fatalf("an invited learner reads the cohort: %d", resp.Status)
	}
	complete(t, env, learner, env.App.Catalog.Lessons()[0].Slug)
	if rows := dashboardOf(t, env, instructor, id).Learners; len(rows) != 0 {
		t.Fatalf("the dashboard shows %d learners who never accepted", len(rows))
	}
	if st := statementsOf(t, env, instructor, id); len(st) != 0 {
		t.Fatalf("the cohort's statements show %d events of learners who never accepted", len(st))
	}
	list := members(t, env, instructor, id)
	if len(list.Members) != 0 || len(list.Invitations) != 2 {
		t.Fatalf("members before anyone accepted: %+v", list)
	}
	for _, inv := range list.Invitations {
		if inv.Status != "invited" || (inv.Email != learner.Email && inv.Email != unknown) {
			t.Fatalf("an invitation shows %+v, want the address as typed and invited", inv)
		}
	}
	if strings.Contains(string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/members", Token: instructor.AccessToken}).Body), learner.Name) {
		t.Fatal("the member list names a learner who has not accepted")
	}
}

// shape is a response body with the address given and the expiry taken out, to compare the
// answers for different addresses.
func shape(t *testing.T, r *testenv.Response, email string) string {
	t.Helper()
	body := r.JSON(t)
	if body["expires_at"] == nil {
		t.Fatalf("no expiry in %s", r.Body)
	}
	body["expires_at"] = "EXPIRY"
	if inv := body["invited"].([]any); len(inv) != 1 || inv[0] != email {
		t.Fatalf("invited %v, want [%s]", inv, email)
	}
	body["invited"] = []any{"EMAIL"}
	return strings.Join(strings.Fields(string(mustJSON(t, body))), "")
}

func TestInvitationIsAnsweredOnce(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	accepter, decliner, late := env.Learner("nursing"), env.Learner("computer_science"), env.Learner("medicine")
	id := newCohort(t, env, instructor)
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/invitations", Token: instructor.AccessToken,
		Body: map[string]any{"invitations": []map[string]string{{"email": accepter.Email}, {"email": decliner.Email}, {"email": late.Email}}}})
	acc, dec, exp := invitationTo(t, env, accepter, id), invitationTo(t, env, decliner, id), invitationTo(t, env, late, id)
	// Nobody answers an invitation addressed to someone else without its link.
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/invitations/" + acc + "/accept", Token: decliner.AccessToken}); resp.Status != http.StatusNotFound {
		t.Fatalf("accepting someone else's invitation: %d", resp.Status)
	}
	accept(t, env, accepter, acc, "")
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/invitations/" + dec + "/decline", Token: decliner.AccessToken}); resp.Status != http.StatusNoContent {
		t.Fatalf("decline: %d %s", resp.Status, resp.Body)
	}
	env.Exec("UPDATE cohort_invitations SET expires_at = ? WHERE id = ?", "2000-01-01 00:00:00+00:00", exp)
	for _, tc := range []struct {
		who      *testenv.User
		id, verb string
		code     string
	}{
		{accepter, acc, "accept", "invitation_answered"},
		{accepter, acc, "decline", "invitation_answered"},
		{decliner, dec, "accept", "invitation_answered"},
		{late, exp, "accept", "invitation_expired"},
	} {
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/invitations/" + tc.id + "/" + tc.verb, Token: tc.who.AccessToken})
		if resp.Status != http.StatusGone || resp.ErrorCode() != tc.code {
			t.Errorf("%s again: %d %s, want 410 %s", tc.verb, resp.Status, resp.Body, tc.code)
		}
	}
	list := members(t, env, instructor, id)
	if len(list.Members) != 1 || list.Members[0].UserID != accepter.ID {
		t.Fatalf("members: %+v, want the accepter only", list.Members)
	}
	got := map[string]string{}
	for _, inv := range list.Invitations {
		got[inv.Email] = inv.Status
	}
	// A declined invitation looks like any other until it expires.
	if len(got) != 2 || got[decliner.Email] != "invited" || got[late.Email] != "expired" {
		t.Fatalf("invitations as the instructor sees them: %v", got)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM cohort_members WHERE cohort_id = ?", id); n != "1" {
		t.Fatalf("%s members stored", n)
	}
}

// An invitation link works for the account its holder signs in with, whatever its address;
// withdrawn, it stops working.
func TestInvitationLinkToken(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	holder := env.Learner("data_science")
	id := newCohort(t, env, instructor)
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/invitations", Token: instructor.AccessToken,
		Body: map[string]any{"invitations": []map[string]string{{"email": "work-address@hospital.example", "name": "Dr Example"}}}})
	token := env.InvitationToken(t, "work-address@hospital.example")
	if mail := env.AwaitMails(t, "work-address@hospital.example", "invitation", 1)[0]; !strings.HasPrefix(mail.Text, "Hello Dr Example,") {
		t.Fatalf("the mail does not greet by the name given: %q", mail.Text)
	}
	look := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/invitations/lookup", Body: map[string]string{"token": token}})
	if look.Status != http.StatusOK || look.JSON(t)["invited_by"] != "Test instructor" {
		t.Fatalf("lookup without signing in: %d %s", look.Status, look.Body)
	}
	invID := look.JSON(t)["id"].(string)
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/invitations/lookup", Body: map[string]string{"token": token + "x"}}); resp.Status != http.StatusNotFound {
		t.Fatalf("lookup of a wrong token: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/invitations/" + invID + "/accept", Token: holder.AccessToken,
		Body: map[string]string{"token": "not-the-token"}}); resp.Status != http.StatusNotFound {
		t.Fatalf("accept with a wrong token: %d", resp.Status)
	}
	accept(t, env, holder, invID, token)
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/invitations/lookup", Body: map[string]string{"token": token}}); resp.Status != http.StatusGone || resp.ErrorCode() != "invitation_answered" {
		t.Fatalf("lookup of a used token: %d %s", resp.Status, resp.Body)
	}
	// A withdrawn invitation's link says so.
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/invitations", Token: instructor.AccessToken,
		Body: map[string]any{"invitations": []map[string]string{{"email": "typo@hospital.example"}}}})
	typo := env.InvitationToken(t, "typo@hospital.example")
	list := members(t, env, instructor, id)
	if len(list.Invitations) != 1 {
		t.Fatalf("invitations: %+v", list.Invitations)
	}
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/cohorts/" + id + "/invitations/" + list.Invitations[0].ID, Token: instructor.AccessToken}); resp.Status != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", resp.Status, resp.Body)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/invitations/lookup", Body: map[string]string{"token": typo}}); resp.Status != http.StatusGone || resp.ErrorCode() != "invitation_revoked" {
		t.Fatalf("lookup of a withdrawn invitation: %d %s", resp.Status, resp.Body)
	}
	if list := members(t, env, instructor, id); len(list.Invitations) != 0 || len(list.Members) != 1 {
		t.Fatalf("after withdrawing: %+v", list)
	}
}
