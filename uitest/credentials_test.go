package uitest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"tandem/certificates"
	"tandem/keys"
	"tandem/testenv"
)

// verifierReport is what testdata/verify-credentials.mjs finds out about one credential.
type verifierReport struct {
	SchemaValid  bool                `json:"schemaValid"`
	SchemaErrors []string            `json:"schemaErrors"`
	ID           string              `json:"id"`
	Sub          string              `json:"sub"`
	SubjectID    string              `json:"subjectId"`
	Name         *string             `json:"name"`
	Schema       []map[string]string `json:"credentialSchema"`
	Signature    struct {
		Alg            string `json:"alg"`
		Kid            string `json:"kid"`
		ViaJWKS        any    `json:"viaJwks"`
		ViaKid         any    `json:"viaKid"`
		KidIsOneKey    bool   `json:"kidIsOneKey"`
		KidUnderIssuer bool   `json:"kidUnderIssuer"`
	} `json:"signature"`
	Status struct {
		Method         string  `json:"method"`
		Revoked        bool    `json:"revoked"`
		ListAlg        string  `json:"listAlg"`
		ListEntries    int     `json:"listEntries"`
		ListValidUntil string  `json:"listValidUntil"`
		ListTTL        float64 `json:"listTTL"`
	} `json:"status"`
	Identity struct {
		HasIdentity     bool `json:"hasIdentity"`
		Hashed          bool `json:"hashed"`
		IdentityMatches bool `json:"identityMatches"`
	} `json:"identity"`
	Achievement struct {
		Type                string   `json:"type"`
		SchemaValid         bool     `json:"schemaValid"`
		SchemaErrors        []string `json:"schemaErrors"`
		SameName            bool     `json:"sameName"`
		ImageType           string   `json:"imageType"`
		ImageNamesSociety   bool     `json:"imageNamesSociety"`
		ImageNamesProgramme bool     `json:"imageNamesProgramme"`
	} `json:"achievement"`
}

// heldCredential is a VC-JWT as a holder hands it to a verifier, with the email a relying party
// knows them by.
type heldCredential struct {
	Token string `json:"token"`
	Email string `json:"email,omitempty"`
}

// verifyOutside runs the outside verifier (node, ajv, jose) over credentials issued by orgID and
// returns its reports in order.
func verifyOutside(t *testing.T, env *testenv.Env, orgID string, creds ...heldCredential) []verifierReport {
	t.Helper()
	requireTool(t, "node_modules/jose/package.json", "npm ci --prefix uitest")
	requireTool(t, "node_modules/ajv-formats/package.json", "npm ci --prefix uitest")
	node, err := exec.LookPath("node")
	if err != nil {
		node = "/usr/bin/node"
		requireTool(t, node, "apt-get install nodejs")
	}
	schema, _ := filepath.Abs("testdata/openbadges/ob_v3p0_achievementcredential_schema.json")
	in, _ := json.Marshal(map[string]any{"schema": schema, "jwks": env.URL + "/api/v1/issuers/" + orgID + "/jwks.json", "credentials": creds})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "testdata/verify-credentials.mjs")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("outside verifier: %v\n%s", err, stderr.String())
	}
	var reports []verifierReport
	if err := json.Unmarshal(out, &reports); err != nil || len(reports) != len(creds) {
		t.Fatalf("outside verifier said %s (%v)", out, err)
	}
	return reports
}

// checkSound fails unless the report shows a credential an outside verifier accepts: valid
// against 1EdTech's schema, naming it, with the learner named once, and signed by a key of the
// issuer found both in its JWKS and at the kid's URL.
func checkSound(t *testing.T, name string, r verifierReport, alg string) {
	t.Helper()
	if !r.SchemaValid {
		t.Errorf("%s: not valid against the Open Badges 3.0 schema: %v", name, r.SchemaErrors)
	}
	if len(r.Schema) != 1 || r.Schema[0]["id"] != certificates.SchemaOB || r.Schema[0]["type"] != "1EdTechJsonSchemaValidator2019" {
		t.Errorf("%s: credentialSchema %v", name, r.Schema)
	}
	if !strings.HasPrefix(r.Sub, "urn:tandem:learner:") || strings.Count(r.Sub, "urn:") != 1 || r.SubjectID != r.Sub {
		t.Errorf("%s: sub %q, credentialSubject.id %q", name, r.Sub, r.SubjectID)
	}
	s := r.Signature
	if s.Alg != alg || s.ViaJWKS != true || s.ViaKid != true || !s.KidIsOneKey || !s.KidUnderIssuer {
		t.Errorf("%s: signature %+v", name, s)
	}
	a := r.Achievement
	if !a.SchemaValid || a.Type != "application/ld+json" || !a.SameName || a.ImageType != "image/svg+xml" || !a.ImageNamesSociety || !a.ImageNamesProgramme {
		t.Errorf("%s: achievement %+v", name, a)
	}
}

// An outside verifier accepts Tandem's credentials from what Tandem publishes alone: RS256 by
// default and EdDSA on request, and a credential held from before kids became key URLs; finds a
// revocation in both the 1EdTech Revocation List and the Bitstring status list; and, after the
// holder erases their account, finds no name in the credential but can still match the email
// they know, while the credential the holder downloaded before still verifies. It needs no
// browser, but runs last in TestUI: its learners answer the judgement question that the
// journeys count answers of, in the package's one database.
func testOutsideVerifier(t *testing.T) {
	env := testenv.NewAtOwnURL(t)
	admin := env.WithRole("admin", "other")
	orgID := call(t, env, admin, "POST", "/api/v1/organisations", map[string]any{"name": "Société d'anesthésie & de réanimation", "kind": "society"}, http.StatusCreated).JSON(t)["id"].(string)
	officer := env.Learner("medicine")
	call(t, env, admin, "POST", "/api/v1/organisations/"+orgID+"/members", map[string]string{"email": officer.Email, "role": "society_admin"}, http.StatusCreated)
	env.Login(officer)
	programme := call(t, env, officer, "POST", "/api/v1/organisations/"+orgID+"/programmes", map[string]any{"title": "AI literacy in anaesthesia",
		"description": "For anaesthesiologists who work beside AI.", "tracks": []string{"clinicians"}, "credits": 0.5, "credit_unit": "CME hours", "validity_days": 730},
		http.StatusCreated).JSON(t)["id"].(string)
	// A holder who reads Tandem in French holds a credential naming the programme in French.
	frenchTitle := "Littératie en IA en anesthésiologie"
	call(t, env, officer, "PUT", "/api/v1/programmes/"+programme+"/translations/fr", map[string]string{"title": frenchTitle,
		"description": "Pour les anesthésistes qui travaillent avec l’IA."}, http.StatusOK)
	revoked, erased, francophone := env.Learner("medicine"), env.Learner("nursing"), env.Learner("medicine")
	env.SaveLanguage(francophone, "fr")
	serials := map[*testenv.User]string{}
	for _, u := range []*testenv.User{revoked, erased, francophone} {
		finishClinicians(t, env, u)
		serials[u] = call(t, env, u, "POST", "/api/v1/programmes/"+programme+"/claim", nil, http.StatusCreated).JSON(t)["serial"].(string)
	}
	get := func(serial, query string) string {
		return string(call(t, env, nil, "GET", "/api/v1/certificates/"+serial+"/credential"+query, nil, http.StatusOK).Body)
	}
	legacy := fragmentKidCredential(t, env, orgID, get(serials[erased], "?alg=EdDSA&status=BitstringStatusListEntry"))
	held := []heldCredential{
		{Token: get(serials[revoked], ""), Email: revoked.Email},
		{Token: get(serials[revoked], "?alg=EdDSA&status=BitstringStatusListEntry"), Email: revoked.Email},
		{Token: get(serials[erased], "?alg=EdDSA"), Email: erased.Email},
	}
	inFrench := get(serials[francophone], "")
	before := verifyOutside(t, env, orgID, append(held, heldCredential{Token: legacy}, heldCredential{Token: inFrench, Email: francophone.Email})...)
	checkSound(t, "RS256, 1EdTech list", before[0], "RS256")
	checkSound(t, "EdDSA, Bitstring list", before[1], "EdDSA")
	checkSound(t, "in French", before[4], "RS256")
	checkFrenchAchievement(t, inFrench, frenchTitle)
	for i, r := range before[:3] {
		if r.Status.Revoked || !r.Identity.IdentityMatches || r.Name == nil {
			t.Errorf("credential %d before revocation: status %+v, identity %+v, name %v", i, r.Status, r.Identity, r.Name)
		}
	}
	if st := before[1].Status; st.ListAlg != "RS256" || st.ListEntries < certificates.MinStatusListBits || st.ListTTL != 300000 || !listValidFor(st.ListValidUntil, 23*time.Hour) {
		t.Errorf("the Bitstring status list: %+v", st)
	}
	if r := before[3]; r.Signature.ViaJWKS != true || r.Signature.Alg != "EdDSA" || r.Status.Revoked {
		t.Errorf("a credential held from before key URLs: %+v", r)
	}

	call(t, env, officer, "POST", "/api/v1/certificates/"+serials[revoked]+"/revoke", map[string]string{"reason": "Issued in error."}, http.StatusOK)
	call(t, env, erased, "DELETE", "/api/v1/me", map[string]string{"password": erased.Password}, http.StatusNoContent)
	after := verifyOutside(t, env, orgID, held[0], held[1], heldCredential{Token: get(serials[erased], ""), Email: erased.Email}, held[2])
	for i, method := range []string{"1EdTechRevocationList", "BitstringStatusListEntry"} {
		if st := after[i].Status; st.Method != method || !st.Revoked {
			t.Errorf("after revocation the %s verifier finds %+v", method, st)
		}
	}
	checkSound(t, "served after erasure", after[2], "RS256")
	if r := after[2]; r.Name != nil || !r.Identity.IdentityMatches || !r.Identity.Hashed || r.Status.Revoked {
		t.Errorf("served after erasure: name %v, identity %+v, status %+v", r.Name, r.Identity, r.Status)
	}
	if r := after[3]; r.Signature.ViaJWKS != true || r.Signature.ViaKid != true || r.Name == nil || r.Status.Revoked {
		t.Errorf("downloaded before erasure: %+v", r)
	}
}

// fragmentKidCredential re-signs a served EdDSA credential as Tandem wrote them before kids were
// key URLs: the id the credential's URL, the kid the JWKS URL with the key id as fragment. The
// society's EdDSA key is marked as the migration marks keys that did so.
func fragmentKidCredential(t *testing.T, env *testenv.Env, orgID, served string) string {
	t.Helper()
	purpose := "issuer:" + orgID + ":" + keys.EdDSA
	key, err := env.App.Keys.Signing(context.Background(), purpose, keys.EdDSA)
	if err != nil {
		t.Fatal(err)
	}
	env.Exec("UPDATE signing_keys SET fragment_kid = ? WHERE id = ?", true, key.ID)
	if _, err := env.App.Keys.Reload(context.Background(), purpose); err != nil {
		t.Fatal(err)
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.Split(served, ".")[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims jwt.MapClaims
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSuffix(claims["issuer"].(map[string]any)["id"].(string), "/issuers/"+orgID) + "/certificates/TND-OLD/credential"
	claims["id"], claims["jti"] = id, id
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	tok.Header["kid"] = certificates.FragmentKeyURL(claims["iss"].(string), key.ID)
	signed, err := tok.SignedString(key.Private)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func listValidFor(until string, d time.Duration) bool {
	at, err := time.Parse(time.RFC3339, until)
	return err == nil && time.Until(at) > d
}

// checkFrenchAchievement fails unless the credential names its achievement in French, says
// so, and relates the English edition (Open Badges 3.0 Achievement inLanguage and related).
func checkFrenchAchievement(t *testing.T, token, title string) {
	t.Helper()
	payload, err := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[1])
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		CredentialSubject struct {
			Achievement struct {
				ID, Name, InLanguage string
				Related              []struct{ ID, InLanguage string }
			}
		}
	}
	if err := json.Unmarshal(payload, &c); err != nil {
		t.Fatal(err)
	}
	a := c.CredentialSubject.Achievement
	if a.Name != title || a.InLanguage != "fr" || !strings.HasSuffix(a.ID, "/achievement?lang=fr") ||
		len(a.Related) != 1 || a.Related[0].InLanguage != "en" || !strings.HasSuffix(a.Related[0].ID, "/achievement") {
		t.Errorf("the French credential's achievement: %+v", a)
	}
}
