package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"tandem/auth"
	"tandem/testenv"
)

// Invitations leave through the mail outbox by SMTP: the mail read back from a real server
// greets the person by the name given, says who invites them to which cohort, and carries a
// link that answers the invitation. A stalled mail server holds no invitation request, and
// every mail of a class's invitations arrives once it answers again.
func TestInvitationsLeaveBySMTP(t *testing.T) {
	env, srv := mailEnv(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	learner := env.Learner("nursing")
	id := newCohort(t, env, instructor)
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/invitations", Token: instructor.AccessToken,
		Body: map[string]any{"invitations": []map[string]string{{"email": strings.ToUpper(learner.Email), "name": "Dr Nightingale"}}}}); r.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	m := srv.Await(t, learner.Email, 2) // after the mail that verifies the address
	if m.Header.Get("Subject") != "Join Perioperative AI, spring on Tandem" || !strings.HasPrefix(m.Text, "Hello Dr Nightingale,") ||
		!strings.Contains(m.Text, "Test instructor invites you to join the cohort \"Perioperative AI, spring\"") ||
		!strings.Contains(m.HTML, "/invitations#token=") {
		t.Fatalf("invitation mail: %v\n%s", m.Header, m.Text)
	}
	token := linkToken(t, m, "/invitations")
	look := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/invitations/lookup", Body: map[string]string{"token": token}})
	if look.Status != http.StatusOK {
		t.Fatalf("the mailed link: %d %s", look.Status, look.Body)
	}
	accept(t, env, learner, look.JSON(t)["id"].(string), token)
	// The outbox records a mail as sent just after the server took it: wait for that write.
	sent := func() string {
		return env.Scalar("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'invitation' AND sent_at IS NOT NULL AND text_body = '' AND to_address = ?", learner.Email)
	}
	for deadline := time.Now().Add(10 * time.Second); sent() != "1" && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if n := sent(); n != "1" {
		t.Fatalf("%s sent invitation rows without their bodies", n)
	}

	srv.Hold()
	var csv strings.Builder
	for i := range 30 {
		fmt.Fprintf(&csv, "student%02d@stalled.example,Student %d\n", i, i)
	}
	began := time.Now()
	if r := importCSV(env, instructor, id, csv.String()); r.Status != http.StatusCreated {
		t.Fatalf("import while the server stalls: %d %s", r.Status, r.Body)
	}
	if took := time.Since(began); took > 5*time.Second {
		t.Fatalf("the import waited for the mail server: %s", took)
	}
	srv.Release()
	for i := range 30 {
		if m := srv.Await(t, fmt.Sprintf("student%02d@stalled.example", i), 1); !strings.HasPrefix(m.Text, fmt.Sprintf("Hello Student %d,", i)) {
			t.Fatalf("mail to student %d: %s", i, m.Text)
		}
	}
}
