// Package auth holds accounts and credentials: password hashing, the signing keyring, access
// tokens and the register, login, refresh and logout rules.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Hasher hashes passwords with argon2id. The parameters travel inside each hash, so changing
// them affects new hashes only. Slots, when set, bounds how many hashes run at once: each one
// holds MemoryKiB of memory, and on a small machine more than one per core only interleaves, so
// a cohort signing in together would otherwise need a gigabyte or two.
type Hasher struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
	Slots     chan struct{}
}

// key computes an argon2id key, first waiting for a free slot when Slots is set and the caller
// does not hold one already.
func (h Hasher) key(password, salt []byte, tm, mem uint32, threads uint8, n uint32, held bool) []byte {
	if h.Slots != nil && !held {
		h.Slots <- struct{}{}
		defer func() { <-h.Slots }()
	}
	return argon2.IDKey(password, salt, tm, mem, threads, n)
}

// WithSlot runs fn while holding a hashing slot; fn verifies with VerifyHeld. Login keeps its
// rate-limit bookkeeping inside, so only the few logins being verified at one moment are in
// flight, however many wait behind them.
func (h Hasher) WithSlot(fn func() error) error {
	if h.Slots != nil {
		h.Slots <- struct{}{}
		defer func() { <-h.Slots }()
	}
	return fn()
}

const (
	saltLen = 16
	keyLen  = 32
)

// Hash returns the PHC-format argon2id hash of password.
func (h Hasher) Hash(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	threads := max(h.Threads, 1)
	key := h.key([]byte(password), salt, h.Time, h.MemoryKiB, threads, keyLen, false)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, h.MemoryKiB, h.Time, threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var errBadHash = errors.New("malformed password hash")

// Verify reports whether password matches encoded, in constant time.
func (h Hasher) Verify(encoded, password string) (bool, error) {
	return h.verify(encoded, password, false)
}

// VerifyHeld is Verify inside WithSlot.
func (h Hasher) VerifyHeld(encoded, password string) (bool, error) {
	return h.verify(encoded, password, true)
}

func (h Hasher) verify(encoded, password string, held bool) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var (
		version int
		mem, tm uint32
		threads uint8
	)
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &tm, &threads); err != nil {
		return false, errBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, errBadHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, errBadHash
	}
	got := h.key([]byte(password), salt, tm, mem, threads, uint32(len(want)), held)
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
