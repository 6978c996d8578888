package certificates

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// HashEmail salts and hashes a holder's email for an Open Badges IdentityObject (§B.1.12): the
// hash is "sha256$" and the hexadecimal SHA-256 of the normalised (trimmed, lower-case) email
// followed by the salt, a fresh random string per certificate so that equal emails give unequal
// hashes.
func HashEmail(email string) (salt, hash string) {
	salt = randomHex(16)
	return salt, EmailHash(email, salt)
}

// EmailHash is the identityHash of email with salt, as a relying party computes it to check a
// credential's holder.
func EmailHash(email, salt string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(email)) + salt))
	return "sha256$" + hex.EncodeToString(sum[:])
}

// NewCredentialID is a fresh opaque credential id: a random (version 4) UUID as a URN. Unlike the
// serial it says nothing a revocation list should not reveal.
func NewCredentialID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	h := hex.EncodeToString(b)
	return "urn:uuid:" + h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
