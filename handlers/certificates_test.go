package handlers_test

import (
	"bytes"
	"compress/gzip"
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// society creates a society with an admin and a programme over the clinicians track.
func society(t *testing.T, env *testenv.Env, admin *testenv.User, name string) (orgID, programmeID string, socAdmin *testenv.User) {
	t.Helper()
	org := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations", Token: admin.AccessToken,
		Body: map[string]any{"name": name, "kind": "society", "url": "https://society.example.org"}})
	if org.Status != http.StatusCreated {
		t.Fatalf("organisation: %d %s", org.Status, org.Body)
	}
	orgID = org.JSON(t)["id"].(string)
	socAdmin = env.WithRole(auth.RoleLearner, "medicine")
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/members", Token: admin.AccessToken,
		Body: map[string]string{"email": socAdmin.Email, "role": "society_admin"}}); resp.Status != http.StatusCreated {
		t.Fatalf("member: %d %s", resp.Status, resp.Body)
	}
	env.Login(socAdmin)
	orgs := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/organisations", Token: socAdmin.AccessToken}).JSON(t)["items"].([]any)
	if len(orgs) != 1 || orgs[0].(map[string]any)["id"] != orgID || orgs[0].(map[string]any)["role"] != "society_admin" {
		t.Fatalf("the society admin's organisations: %v", orgs)
	}
	prog := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/programmes", Token: socAdmin.AccessToken,
		Body: map[string]any{"title": "AI literacy in anaesthesia", "description": "For anaesthesiologists.", "tracks": []string{"clinicians"},
			"min_quiz_percent": 60, "credits": 0.75, "credit_unit": "CME hours", "validity_days": 730}})
	if prog.Status != http.StatusCreated {
		t.Fatalf("programme: %d %s", prog.Status, prog.Body)
	}
	return orgID, prog.JSON(t)["id"].(string), socAdmin
}

// finishClinicians completes every lesson and passes every quiz of the test clinicians track.
func finishClinicians(t *testing.T, env *testenv.Env, u *testenv.User) {
	t.Helper()
	tr, _ := env.App.Catalog.Track("clinicians")
	for _, m := range tr.Modules {
		for _, l := range m.Lessons {
			complete(t, env, u, l.Slug)
		}
	}
	a := start(t, env, u, evalQuiz)
	submit(env, u, a.ID, rightAnswers("wait"))
	b := start(t, env, u, "clin-deployment-quiz")
	submit(env, u, b.ID, []map[string]any{
		{"question_id": "clin-deployment-quiz.q1", "choice_ids": []string{"false"}},
		{"question_id": "clin-deployment-quiz.q2", "value": 10},
	})
}

func b64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("base64url: %v", err)
	}
	return b
}

// verifyWithJWKS checks a compact JWS using only a JWKS document and the standard library.
func verifyWithJWKS(t *testing.T, token string, jwks []byte) (map[string]any, bool) {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, false
	}
	var header struct{ Alg, Kid, Typ string }
	if json.Unmarshal(b64(t, parts[0]), &header) != nil {
		return nil, false
	}
	var set struct {
		Keys []struct{ Kty, Kid, Alg, Crv, X, N, E string } `json:"keys"`
	}
	if err := json.Unmarshal(jwks, &set); err != nil {
		t.Fatal(err)
	}
	signed, sig := []byte(parts[0]+"."+parts[1]), b64(t, parts[2])
	for _, k := range set.Keys {
		if k.Kid != header.Kid || k.Alg != header.Alg {
			continue
		}
		ok := false
		switch k.Kty {
		case "OKP":
			ok = ed25519.Verify(ed25519.PublicKey(b64(t, k.X)), signed, sig)
		case "RSA":
			pub := &rsa.PublicKey{N: new(big.Int).SetBytes(b64(t, k.N)), E: int(new(big.Int).SetBytes(b64(t, k.E)).Int64())}
			sum := sha256.Sum256(signed)
			ok = rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig) == nil
		}
		var claims map[string]any
		_ = json.Unmarshal(b64(t, parts[1]), &claims)
		return claims, ok
	}
	return nil, false
}

func TestCertificateLifecycle(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID, programmeID, socAdmin := society(t, env, admin, "European Society of Anaesthesiology (test)")
	learner := env.Learner("medicine")

	el := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programmeID + "/eligibility", Token: learner.AccessToken}).JSON(t)
	if el["eligible"] != false || len(el["unmet"].([]any)) == 0 {
		t.Fatalf("eligibility before any work: %v", el)
	}
	// The learner sees how far they are: the test clinicians track has two modules, none done.
	if first := el["unmet"].([]any)[0].(map[string]any); first["requirement"] != "track:clinicians" || first["done"] != 0.0 || first["total"] != 2.0 {
		t.Errorf("the track requirement before any work: %v", first)
	}
	refused := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programmeID + "/claim", Token: learner.AccessToken})
	if refused.Status != http.StatusUnprocessableEntity || refused.ErrorCode() != "not_eligible" || !strings.Contains(string(refused.Body), "unmet") {
		t.Fatalf("claim before eligible: %d %s", refused.Status, refused.Body)
	}
	finishClinicians(t, env, learner)

	const n = 6
	statuses := make([]int, n)
	serials := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programmeID + "/claim", Token: learner.AccessToken})
			statuses[i] = resp.Status
			var c struct{ Serial string }
			_ = json.Unmarshal(resp.Body, &c)
			serials[i] = c.Serial
		})
	}
	wg.Wait()
	created := 0
	for i, s := range statuses {
		if s == http.StatusCreated {
			created++
		} else if s != http.StatusOK {
			t.Fatalf("claim: %v", statuses)
		}
		if serials[i] != serials[0] {
			t.Fatalf("concurrent claims gave different certificates: %v", serials)
		}
	}
	if created != 1 || env.Scalar("SELECT COUNT(*) FROM certificates WHERE user_id = ?", learner.ID) != "1" {
		t.Fatalf("%d created of %v", created, statuses)
	}
	serial := serials[0]

	// Anyone can verify, with the serial typed loosely.
	loose := strings.ToLower(strings.ReplaceAll(serial, "-", " "))
	v := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + strings.ReplaceAll(loose, " ", "") + "/verify"}).JSON(t)
	if v["status"] != "valid" || v["holder_name"] != learner.Name || v["credits"] != 0.75 {
		t.Fatalf("verify: %v", v)
	}
	// The credential verifies with the published keys alone, RS256 by default and EdDSA on request.
	jwks := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/issuers/" + orgID + "/jwks.json"}).Body
	for query, alg := range map[string]string{"": "RS256", "?alg=EdDSA": "EdDSA"} {
		resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/credential" + query})
		if resp.Header.Get("Content-Type") != "application/vc+jwt" {
			t.Fatalf("content type %q", resp.Header.Get("Content-Type"))
		}
		token := string(resp.Body)
		claims, ok := verifyWithJWKS(t, token, jwks)
		if !ok {
			t.Fatalf("credential %s does not verify against the issuer's JWKS", query)
		}
		var header struct{ Alg string }
		if json.Unmarshal(b64(t, strings.Split(token, ".")[0]), &header); header.Alg != alg {
			t.Fatalf("credential %s is signed %s, want %s", query, header.Alg, alg)
		}
		subject := claims["credentialSubject"].(map[string]any)
		if claims["sub"] != "urn:tandem:learner:"+learner.ID || subject["id"] != claims["sub"] {
			t.Fatalf("sub %v, credentialSubject.id %v", claims["sub"], subject["id"])
		}
		types, _ := claims["type"].([]any)
		if len(types) != 2 || types[1] != "OpenBadgeCredential" || claims["iss"] == nil || claims["jti"] != claims["id"] || claims["exp"] == nil {
			t.Fatalf("claims: %v", claims)
		}
		achievement := subject["achievement"].(map[string]any)
		checkAlignment(t, achievement)
		// The achievement's id serves the same achievement, alignments and all.
		doc := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programmeID + "/achievement"}).JSON(t)
		checkAlignment(t, doc)
		parts := strings.Split(token, ".")
		forged := strings.Replace(string(b64(t, parts[1])), learner.Name, "Someone Else", 1)
		tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(forged)) + "." + parts[2]
		if _, ok := verifyWithJWKS(t, tampered, jwks); ok {
			t.Fatal("a tampered credential verifies")
		}
	}
	// The PDF is there for anyone with the serial.
	pdf := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/pdf"})
	if pdf.Status != http.StatusOK || !bytes.HasPrefix(pdf.Body, []byte("%PDF-")) {
		t.Fatalf("pdf: %d %.20q", pdf.Status, pdf.Body)
	}
	mine := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/certificates", Token: learner.AccessToken}).JSON(t)
	if items := mine["items"].([]any); len(items) != 1 {
		t.Fatalf("my certificates: %v", mine)
	}

	// Only the issuing society's admins revoke.
	_, _, otherAdmin := society(t, env, admin, "Another society")
	for _, u := range []*testenv.User{learner, otherAdmin} {
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/certificates/" + serial + "/revoke", Token: u.AccessToken,
			Body: map[string]string{"reason": "no"}}); resp.Status != http.StatusForbidden {
			t.Fatalf("revoke by an outsider: %d", resp.Status)
		}
	}
	rev := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/certificates/" + serial + "/revoke", Token: socAdmin.AccessToken,
		Body: map[string]string{"reason": "Issued in error: exam misconduct found."}})
	if rev.Status != http.StatusOK {
		t.Fatalf("revoke: %d %s", rev.Status, rev.Body)
	}
	if again := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/certificates/" + serial + "/revoke", Token: socAdmin.AccessToken,
		Body: map[string]string{"reason": "twice"}}); again.Status != http.StatusConflict {
		t.Fatalf("revoke twice: %d", again.Status)
	}
	v = env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/verify"}).JSON(t)
	if v["status"] != "revoked" || !strings.Contains(v["revoked_reason"].(string), "misconduct") {
		t.Fatalf("verify after revocation: %v", v)
	}
	// The 1EdTech Revocation List the credential points to names it.
	claims, _ := verifyWithJWKS(t, string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/credential"}).Body), jwks)
	status := claims["credentialStatus"].(map[string]any)
	if status["type"] != "1EdTechRevocationList" {
		t.Fatalf("credentialStatus %v", status)
	}
	revocations := env.Do(testenv.Request{Method: "GET", Path: strings.TrimPrefix(status["id"].(string), env.Config.BaseURL)}).JSON(t)
	if listed, _ := json.Marshal(revocations["revokedCredential"]); !strings.Contains(string(listed), `{"id":"`+claims["id"].(string)+`","revoked":true}`) {
		t.Fatalf("revocation list %v does not name %v", revocations, claims["id"])
	}
	// The Bitstring status list, checked offline, says revoked too.
	claims, _ = verifyWithJWKS(t, string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/credential?status=BitstringStatusListEntry"}).Body), jwks)
	status = claims["credentialStatus"].(map[string]any)
	index, _ := strconv.Atoi(status["statusListIndex"].(string))
	listJWT := env.Do(testenv.Request{Method: "GET", Path: strings.TrimPrefix(status["statusListCredential"].(string), env.Config.BaseURL)})
	list, ok := verifyWithJWKS(t, string(listJWT.Body), jwks)
	if !ok {
		t.Fatal("the status list does not verify")
	}
	encoded := list["credentialSubject"].(map[string]any)["encodedList"].(string)
	zr, err := gzip.NewReader(bytes.NewReader(b64(t, strings.TrimPrefix(encoded, "u"))))
	if err != nil {
		t.Fatal(err)
	}
	bits, _ := io.ReadAll(zr)
	if bits[index/8]&(0x80>>(index%8)) == 0 {
		t.Fatalf("bit %d is not set in the status list", index)
	}

	// Expired certificates say so.
	other := env.Learner("nursing")
	finishClinicians(t, env, other)
	offer := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programmeID + "/certificates", Token: socAdmin.AccessToken,
		Body: map[string]string{"email": strings.ToUpper(other.Email)}}).JSON(t)
	if offer["status"] != "offered" || offer["email"] != other.Email {
		t.Fatalf("offered by email: %v", offer)
	}
	second := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/offers/" + offer["id"].(string) + "/accept", Token: other.AccessToken}).JSON(t)
	if second["holder_name"] != other.Name {
		t.Fatalf("the accepted offer: %v", second)
	}
	listed := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programmeID + "/certificates", Token: socAdmin.AccessToken}).JSON(t)
	if items := listed["items"].([]any); len(items) != 2 {
		t.Fatalf("programme certificates: %v", listed)
	}
	env.Exec("UPDATE certificates SET expires_at = ? WHERE serial = ?", mustPast(), second["serial"])
	if v := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + second["serial"].(string) + "/verify"}).JSON(t); v["status"] != "expired" {
		t.Fatalf("expired: %v", v)
	}

	// Issue, revoke and role changes are audited, for admins only.
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/audit", Token: socAdmin.AccessToken}); resp.Status != http.StatusForbidden {
		t.Fatalf("society admin reads the platform audit log: %d", resp.Status)
	}
	audit := string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/audit?limit=500", Token: admin.AccessToken}).Body)
	for _, action := range []string{"certificate.issued", "certificate.revoked", "membership.role_changed", "programme.created"} {
		if !strings.Contains(audit, action) {
			t.Errorf("audit log lacks %s", action)
		}
	}
}

func TestKeyRotationKeepsOldCredentialsVerifiable(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID, programmeID, socAdmin := society(t, env, admin, "Rotating society")
	learner := env.Learner("medicine")
	finishClinicians(t, env, learner)
	cert := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programmeID + "/claim", Token: learner.AccessToken}).JSON(t)
	serial := cert["serial"].(string)
	before := string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/credential"}).Body)
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/keys/rotate", Token: learner.AccessToken}); resp.Status != http.StatusForbidden {
		t.Fatalf("a learner rotates keys: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/keys/rotate", Token: socAdmin.AccessToken}); resp.Status != http.StatusNoContent {
		t.Fatalf("rotate: %d %s", resp.Status, resp.Body)
	}
	after := string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/credential"}).Body)
	jwks := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/issuers/" + orgID + "/jwks.json"}).Body
	if strings.Split(before, ".")[0] == strings.Split(after, ".")[0] {
		t.Fatal("the new key did not sign the credential")
	}
	for name, tok := range map[string]string{"before": before, "after": after} {
		if _, ok := verifyWithJWKS(t, tok, jwks); !ok {
			t.Errorf("credential signed %s rotation does not verify", name)
		}
		// The kid returns that one key, retired or current.
		var header struct{ Kid, Alg string }
		_ = json.Unmarshal(b64(t, strings.Split(tok, ".")[0]), &header)
		jwk := env.Do(testenv.Request{Method: "GET", Path: strings.TrimPrefix(header.Kid, env.Config.BaseURL)})
		if got := jwk.JSON(t); jwk.Status != http.StatusOK || got["kid"] != header.Kid || got["alg"] != header.Alg || got["keys"] != nil {
			t.Errorf("the kid of the credential signed %s rotation returns %d %v", name, jwk.Status, got)
		}
	}
	otherOrg, _, _ := society(t, env, admin, "Another society")
	otherKey := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/issuers/" + otherOrg + "/jwks.json"}).JSON(t)["keys"].([]any)[0].(map[string]any)["kid"].(string)
	for _, path := range []string{"/api/v1/issuers/" + orgID + "/keys/nope", "/api/v1/issuers/" + orgID + "/keys/" + otherKey[strings.LastIndex(otherKey, "/")+1:]} {
		if resp := env.Do(testenv.Request{Method: "GET", Path: path}); resp.Status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, resp.Status)
		}
	}
}

// After erasure the certificate stays valid without the name: the verify answer says the holder
// erased their account, the credential served carries no name but still the hashed email, and
// the credential the holder downloaded before still verifies against the published keys.
func TestErasedHolderStaysVerifiable(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID, programmeID, socAdmin := society(t, env, admin, "Erasure society")
	learner := env.Learner("medicine")
	finishClinicians(t, env, learner)
	serial := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programmeID + "/claim", Token: learner.AccessToken}).JSON(t)["serial"].(string)
	downloaded := string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/credential?alg=EdDSA"}).Body)
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: learner.AccessToken, Body: map[string]string{"password": learner.Password}}); resp.Status != http.StatusNoContent {
		t.Fatalf("erase: %d %s", resp.Status, resp.Body)
	}
	v := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/verify"}).JSON(t)
	if v["status"] != "valid" || v["holder_name"] != "" || v["holder_erased"] != true {
		t.Fatalf("after erasure: %v", v)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM certificates WHERE holder_name <> '' AND user_id = ?", learner.ID); n != "0" {
		t.Fatalf("%s certificates keep the name", n)
	}
	listed := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programmeID + "/certificates", Token: socAdmin.AccessToken})
	if strings.Contains(string(listed.Body), learner.Name) || !strings.Contains(string(listed.Body), `"holder_erased":true`) {
		t.Fatalf("the society's list after erasure: %s", listed.Body)
	}
	jwks := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/issuers/" + orgID + "/jwks.json"}).Body
	served := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/credential"})
	claims, ok := verifyWithJWKS(t, string(served.Body), jwks)
	if !ok || strings.Contains(string(b64(t, strings.Split(string(served.Body), ".")[1])), learner.Name) {
		t.Fatalf("credential after erasure: verifies %v, %v", ok, claims)
	}
	ids := claims["credentialSubject"].(map[string]any)["identifier"].([]any)
	id := ids[0].(map[string]any)
	sum := sha256.Sum256([]byte(learner.Email + id["salt"].(string)))
	if id["identityHash"] != "sha256$"+hex.EncodeToString(sum[:]) || id["hashed"] != true || id["identityType"] != "emailAddress" {
		t.Fatalf("identity %v does not match the holder's email", id)
	}
	if old, ok := verifyWithJWKS(t, downloaded, jwks); !ok || old["credentialSubject"].(map[string]any)["name"] != learner.Name {
		t.Fatal("the credential downloaded before erasure no longer verifies")
	}
	if pdf := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/pdf"}); pdf.Status != http.StatusOK {
		t.Fatalf("pdf after erasure: %d %s", pdf.Status, pdf.Body)
	}
}

// A programme's required exercise tells the learner what stands between them and it: joining a
// cohort, their cohort running the exercise, or their team's work being accepted.
func TestRequiredExerciseFollowsTheCohortsChoice(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.CatalogDir = "" // the shipped curricula, which have several exercises
	env := testenv.NewWith(t, cfg)
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID, _, socAdmin := society(t, env, admin, "Society requiring teamwork (test)")
	all := env.App.Catalog.Exercises()
	required, other := all[0], all[1]
	prog := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/programmes", Token: socAdmin.AccessToken,
		Body: map[string]any{"title": "Clinical AI teamwork", "tracks": []string{"clinicians"}, "exercises": []string{required.Slug}}})
	if prog.Status != http.StatusCreated {
		t.Fatalf("programme: %d %s", prog.Status, prog.Body)
	}
	programmeID := prog.JSON(t)["id"].(string)
	nurse, coder := env.Learner("nursing"), env.Learner("data_science")
	exerciseDetail := func() string {
		t.Helper()
		var el struct {
			Unmet []struct{ Requirement, Detail string } `json:"unmet"`
		}
		env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programmeID + "/eligibility", Token: nurse.AccessToken}).Decode(t, &el)
		for _, u := range el.Unmet {
			if u.Requirement == "exercise:"+required.Slug {
				return u.Detail
			}
		}
		return ""
	}
	if d := exerciseDetail(); !strings.Contains(d, "join a cohort that runs it") || !strings.Contains(d, required.Title) {
		t.Fatalf("outside any cohort: %q", d)
	}
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	id := newCohort(t, env, instructor, nurse, coder)
	if d := exerciseDetail(); !strings.Contains(d, "must be accepted by an instructor") {
		t.Fatalf("in a cohort that has not chosen, so runs every exercise: %q", d)
	}
	choose := func(slugs ...string) {
		t.Helper()
		items := []map[string]string{}
		for _, s := range slugs {
			items = append(items, map[string]string{"slug": s})
		}
		if resp := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/cohorts/" + id + "/exercises", Token: instructor.AccessToken,
			Body: map[string]any{"exercises": items}}); resp.Status != http.StatusOK {
			t.Fatalf("choose %v: %d %s", slugs, resp.Status, resp.Body)
		}
	}
	choose(other.Slug)
	if d := exerciseDetail(); !strings.Contains(d, "None of your cohorts runs") {
		t.Fatalf("in a cohort that runs another exercise: %q", d)
	}
	choose(other.Slug, required.Slug)
	if d := exerciseDetail(); !strings.Contains(d, "must be accepted by an instructor") {
		t.Fatalf("in a cohort that runs it: %q", d)
	}
	team := formPairs(t, env, instructor, id, 1).Teams[0].ID
	acceptTeamWork(t, env, instructor, coder, team, required)
	if d := exerciseDetail(); d != "" {
		t.Fatalf("after the work was accepted the exercise is still unmet: %q", d)
	}
}

// With TANDEM_CERTIFICATE_FONT set, a certificate's PDF prints a Japanese name in that font.
func TestCertificateFontPrintsOtherScripts(t *testing.T) {
	const font = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"
	if _, err := os.Stat(font); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI (apt-get install fonts-ipafont-gothic)", font)
		}
		t.Skipf("%s is not installed", font)
	}
	cfg := testenv.Config(t)
	cfg.CertificateFont = font
	env := testenv.NewWith(t, cfg)
	admin := env.WithRole(auth.RoleAdmin, "other")
	_, programmeID, _ := society(t, env, admin, "Japanese Society of Anesthesiologists (test)")
	learner := env.Learner("medicine")
	if resp := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: learner.AccessToken, Body: map[string]any{"name": "山田 花子"}}); resp.Status != http.StatusOK {
		t.Fatalf("rename: %d %s", resp.Status, resp.Body)
	}
	finishClinicians(t, env, learner)
	serial := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programmeID + "/claim", Token: learner.AccessToken}).JSON(t)["serial"].(string)
	pdf := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/pdf"})
	if pdf.Status != http.StatusOK || !bytes.Contains(pdf.Body, []byte("/BaseFont /utf8fallback")) {
		t.Fatalf("the PDF of a Japanese name: %d, fallback font embedded %v", pdf.Status, bytes.Contains(pdf.Body, []byte("/BaseFont /utf8fallback")))
	}
}

// checkAlignment wants the achievement aligned, as Open Badges 3.0 writes it, with the one
// competency domain the test catalogue's clinician modules map their objectives to.
func checkAlignment(t *testing.T, achievement map[string]any) {
	t.Helper()
	al, _ := achievement["alignment"].([]any)
	if len(al) != 1 {
		t.Fatalf("alignment: %v", achievement["alignment"])
	}
	a := al[0].(map[string]any)
	want := map[string]any{"type": []any{"Alignment"}, "targetName": "Evidence-based evaluation of AI-based tools",
		"targetUrl": "https://doi.org/10.1097/ACM.0000000000004963", "targetCode": "4", "targetType": "ceasn:Competency",
		"targetFramework":   "Competencies for the Use of Artificial Intelligence-Based Tools by Health Care Professionals",
		"targetDescription": "Evaluate the quality, accuracy, safety, contextual appropriateness, and biases of AI-based tools and their underlying data sets in providing care to patients and populations."}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("alignment:\n%v\nwant\n%v", a, want)
	}
}
