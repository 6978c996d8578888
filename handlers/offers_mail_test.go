package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// A certificate offer is mailed through the outbox by SMTP, to the address named or to the
// named account's address, with a link to the page that answers it; an offer still open is not
// mailed again, and one the learner declined is, once offered again.
func TestOffersAreMailed(t *testing.T) {
	env, srv := mailEnv(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	_, programme, socAdmin := society(t, env, admin, "Society of Mailed Offers")
	learner := env.Learner("medicine")
	offer := func(body map[string]string) string {
		t.Helper()
		r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programme + "/certificates", Token: socAdmin.AccessToken, Body: body})
		if r.Status != http.StatusCreated {
			t.Fatalf("offer: %d %s", r.Status, r.Body)
		}
		return r.JSON(t)["id"].(string)
	}
	offer(map[string]string{"email": "Someone.Else@Hospital.example"})
	m := srv.Await(t, "someone.else@hospital.example", 1)
	if m.Header.Get("Subject") != "Society of Mailed Offers offers you a certificate on Tandem" || !strings.HasPrefix(m.Text, "Hello,") ||
		!strings.Contains(m.Text, `"AI literacy in anaesthesia"`) || m.Link("/offers") != "http://tandem.test/offers" {
		t.Fatalf("offer by address: %v\n%s", m.Header, m.Text)
	}
	id := offer(map[string]string{"user_id": learner.ID})
	m = srv.Await(t, learner.Email, 2) // after the mail that verifies the address
	if !strings.HasPrefix(m.Text, "Hello "+learner.Name+",") || m.Header.Get("Subject") != "Society of Mailed Offers offers you a certificate on Tandem" {
		t.Fatalf("offer to an account: %v\n%s", m.Header, m.Text)
	}
	offer(map[string]string{"user_id": learner.ID})
	offer(map[string]string{"user_id": "no-such-account"})
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/offers/" + id + "/decline", Token: learner.AccessToken}); r.Status >= 300 {
		t.Fatalf("decline: %d %s", r.Status, r.Body)
	}
	offer(map[string]string{"user_id": learner.ID})
	srv.Await(t, learner.Email, 3)
	if n := env.Scalar("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'certificate_offer' AND user_id = ?", learner.ID); n != "2" {
		t.Fatalf("%s offer mails to the learner, want the first offer and the one reopened", n)
	}
}
