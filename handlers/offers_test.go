package handlers_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// The second reproduction of issue 16: a society admin asked for a certificate for any email
// and read the person's quiz average and unfinished modules in the 422. Now the request is an
// offer, answered alike for every address, and the admin sees a learner's eligibility only
// once the learner has claimed the certificate (a refused claim counts), as the learner sees.
func TestSocietySeesEligibilityOnlyOfApplicants(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	_, programme, socAdmin := society(t, env, admin, "Society of the test")
	learner := env.Learner("medicine")
	complete(t, env, learner, env.App.Catalog.Lessons()[0].Slug)
	offered := map[string]map[string]any{}
	for _, email := range []string{learner.Email, "nobody-" + learner.Email} {
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programme + "/certificates", Token: socAdmin.AccessToken,
			Body: map[string]string{"email": email}})
		if resp.Status != http.StatusCreated {
			t.Fatalf("offer to %s: %d %s", email, resp.Status, resp.Body)
		}
		for _, leak := range []string{"quiz", "unmet", "modules", learner.Name, "%"} {
			if strings.Contains(string(resp.Body), leak) {
				t.Fatalf("the offer's answer tells %q: %s", leak, resp.Body)
			}
		}
		offered[email] = resp.JSON(t)
	}
	if a, b := fieldNames(offered[learner.Email]), fieldNames(offered["nobody-"+learner.Email]); a != b || offered[learner.Email]["status"] != offered["nobody-"+learner.Email]["status"] {
		t.Fatalf("offers answer differently for an account (%s) and none (%s)", a, b)
	}
	applications := func() string {
		resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programme + "/applications", Token: socAdmin.AccessToken})
		if resp.Status != http.StatusOK {
			t.Fatalf("applications: %d %s", resp.Status, resp.Body)
		}
		return string(resp.Body)
	}
	if body := applications(); strings.Contains(body, learner.ID) {
		t.Fatalf("the society sees a learner who never applied: %s", body)
	}
	refused := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programme + "/claim", Token: learner.AccessToken})
	if refused.Status != http.StatusUnprocessableEntity {
		t.Fatalf("claim: %d %s", refused.Status, refused.Body)
	}
	shown := applications()
	if !strings.Contains(shown, learner.ID) || !strings.Contains(shown, `"eligible":false`) || !strings.Contains(shown, "quiz average") {
		t.Fatalf("a refused claim is not shown to the society with what was unmet: %s", shown)
	}
	mine := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/applications", Token: learner.AccessToken})
	var theirs, ours struct {
		Items []map[string]any `json:"items"`
	}
	mine.Decode(t, &ours)
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programme + "/applications", Token: socAdmin.AccessToken}).Decode(t, &theirs)
	if len(ours.Items) != 1 || string(mustJSON(t, ours.Items[0])) != string(mustJSON(t, theirs.Items[0])) {
		t.Fatalf("the learner sees %v, the society %v", ours.Items, theirs.Items)
	}
	// Another society sees none of it.
	_, _, otherAdmin := society(t, env, admin, "Another society")
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programme + "/applications", Token: otherAdmin.AccessToken}); resp.Status != http.StatusForbidden {
		t.Fatalf("another society reads the applications: %d", resp.Status)
	}
}

func fieldNames(m map[string]any) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// The other half: a society admin issued a public certificate to someone who never asked.
// Now nothing is public until the learner accepts the offer.
func TestOfferIsPublicOnlyOnceAccepted(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	_, programme, socAdmin := society(t, env, admin, "Society of offers")
	learner, decliner := env.Learner("medicine"), env.Learner("nursing")
	finishClinicians(t, env, learner)
	offer := func(u *testenv.User) string {
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programme + "/certificates", Token: socAdmin.AccessToken,
			Body: map[string]string{"user_id": u.ID}})
		if resp.Status != http.StatusCreated || resp.JSON(t)["status"] != "offered" {
			t.Fatalf("offer: %d %s", resp.Status, resp.Body)
		}
		return resp.JSON(t)["id"].(string)
	}
	id := offer(learner)
	// Nothing about the offer is public, nor listed as a certificate anywhere: verification, the
	// PDF, the credential and the status list all read certificates, and there is none.
	if n := env.Scalar("SELECT COUNT(*) FROM certificates WHERE user_id = ?", learner.ID); n != "0" {
		t.Fatalf("an offer stored %s certificates", n)
	}
	for _, who := range []*testenv.User{learner, socAdmin} {
		path := map[*testenv.User]string{learner: "/api/v1/me/certificates", socAdmin: "/api/v1/programmes/" + programme + "/certificates"}[who]
		if items := env.Do(testenv.Request{Method: "GET", Path: path, Token: who.AccessToken}).JSON(t)["items"].([]any); len(items) != 0 {
			t.Fatalf("%s lists %d certificates before the offer is accepted", path, len(items))
		}
	}
	// The learner sees it and accepts; then it is public.
	var open struct {
		Items []struct {
			ID        string `json:"id"`
			Programme struct {
				ID string `json:"id"`
			} `json:"programme"`
		} `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/offers", Token: learner.AccessToken}).Decode(t, &open)
	if len(open.Items) != 1 || open.Items[0].ID != id || open.Items[0].Programme.ID != programme {
		t.Fatalf("the learner's offers: %+v", open.Items)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/offers/" + id + "/accept", Token: decliner.AccessToken}); resp.Status != http.StatusNotFound {
		t.Fatalf("someone else accepts the offer: %d", resp.Status)
	}
	cert := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/offers/" + id + "/accept", Token: learner.AccessToken})
	if cert.Status != http.StatusCreated {
		t.Fatalf("accept: %d %s", cert.Status, cert.Body)
	}
	serial := cert.JSON(t)["serial"].(string)
	if v := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/verify"}).JSON(t); v["status"] != "valid" {
		t.Fatalf("verify after accepting: %v", v)
	}
	for _, verb := range []string{"accept", "decline"} {
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/offers/" + id + "/" + verb, Token: learner.AccessToken}); resp.Status != http.StatusGone || resp.ErrorCode() != "offer_answered" {
			t.Fatalf("%s a used offer: %d %s", verb, resp.Status, resp.Body)
		}
	}
	// Declined, an offer issues nothing; an ineligible learner who accepts is told why.
	declined := offer(decliner)
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/offers/" + declined + "/decline", Token: decliner.AccessToken}); resp.Status != http.StatusNoContent {
		t.Fatalf("decline: %d %s", resp.Status, resp.Body)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/offers/" + declined + "/accept", Token: decliner.AccessToken}); resp.Status != http.StatusGone {
		t.Fatalf("accept a declined offer: %d", resp.Status)
	}
	again := offer(decliner)
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/offers/" + again + "/accept", Token: decliner.AccessToken}); resp.Status != http.StatusUnprocessableEntity || resp.ErrorCode() != "not_eligible" {
		t.Fatalf("accept while not eligible: %d %s", resp.Status, resp.Body)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM certificates WHERE user_id = ?", decliner.ID); n != "0" {
		t.Fatalf("%s certificates for the learner who declined", n)
	}
	if n := env.Scalar("SELECT status FROM certificate_offers WHERE id = ?", again); n != "offered" {
		t.Fatalf("a refused acceptance left the offer %s", n)
	}
}
