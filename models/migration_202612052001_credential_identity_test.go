package models_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"tandem/models"
)

// Certificates issued before credential identities get an opaque credential id and their
// holder's hashed email; a holder erased before loses the name; issuer keys keep their old kid.
func TestCredentialIdentityIsFilledIn(t *testing.T) {
	ctx := context.Background()
	store := storeAt(t, "202611250011_peer_score_totals")
	now := time.Now().UTC().Truncate(time.Second)
	db := store.DB()
	for _, stmt := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at)
VALUES ('u1', 'Ada@Tandem.test', 'Ada', 'medicine', '', 'learner', '!', '{}', ?, ?)`, []any{now, now}},
		{`INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at, erased_at)
VALUES ('u2', 'erased-u2@erased.invalid', 'Erased learner', 'nursing', '', 'learner', '!', '{}', ?, ?, ?)`, []any{now, now, now}},
		{"INSERT INTO organisations (id, name, kind, url, created_at) VALUES ('o1', 'Society', 'society', '', ?)", []any{now}},
		{`INSERT INTO programmes (id, organisation_id, title, description, tracks, min_quiz_percent, exercises, credits, credit_unit, validity_days, created_by, created_at)
VALUES ('p1', 'o1', 'AI', '', '["clinicians"]', 0, '[]', 0, '', 0, 'u0', ?)`, []any{now}},
		{`INSERT INTO certificates (id, serial, programme_id, user_id, organisation_id, status_list, status_index, holder_name, issued_by, issued_at, revoked_reason)
VALUES ('c1', 'TND-1', 'p1', 'u1', 'o1', '1', 1, 'Ada', 'u1', ?, ''), ('c2', 'TND-2', 'p1', 'u2', 'o1', '1', 2, 'Bea', 'u2', ?, '')`, []any{now, now}},
		{`INSERT INTO signing_keys (id, purpose, algorithm, public_key, private_key, active, created_at)
VALUES ('k1', 'issuer:o1:EdDSA', 'EdDSA', 'x', 'x', true, ?), ('k2', 'access', 'EdDSA', 'x', 'x', true, ?)`, []any{now, now}},
	} {
		if err := db.Exec(stmt.sql, stmt.args...).Error; err != nil {
			t.Fatalf("%s: %v", stmt.sql, err)
		}
	}
	if err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var certs []models.Certificate
	if err := db.Order("id").Find(&certs).Error; err != nil {
		t.Fatal(err)
	}
	ada, bea := certs[0], certs[1]
	sum := sha256.Sum256([]byte("ada@tandem.test" + ada.IdentitySalt))
	if ada.HolderName != "Ada" || ada.HolderErasedAt != nil || len(ada.IdentitySalt) != 32 || ada.IdentityHash != "sha256$"+hex.EncodeToString(sum[:]) {
		t.Errorf("a current holder's certificate: %+v", ada)
	}
	if bea.HolderName != "" || bea.HolderErasedAt == nil || bea.IdentityHash != "" {
		t.Errorf("an erased holder's certificate: %+v", bea)
	}
	if !strings.HasPrefix(ada.CredentialID, "urn:uuid:") || len(ada.CredentialID) != 45 || ada.CredentialID == bea.CredentialID {
		t.Errorf("credential ids %q and %q", ada.CredentialID, bea.CredentialID)
	}
	var keys []models.SigningKey
	if err := db.Order("id").Find(&keys).Error; err != nil {
		t.Fatal(err)
	}
	if !keys[0].FragmentKid || keys[1].FragmentKid {
		t.Errorf("fragment kids: issuer key %v, access key %v", keys[0].FragmentKid, keys[1].FragmentKid)
	}
	// Credential ids are unique, held by the database.
	if err := db.Exec("UPDATE certificates SET credential_id = ? WHERE id = 'c2'", ada.CredentialID).Error; err == nil {
		t.Error("two certificates share a credential id")
	}
}
