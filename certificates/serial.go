package certificates

import (
	"crypto/rand"
	"encoding/binary"
	"strings"
)

// crockford is Crockford's base32 alphabet: digits and upper-case letters without I, L, O and U,
// so a serial read aloud or copied from paper has no look-alike characters.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

const (
	serialPrefix = "TND"
	serialChars  = 12 // 12 × 5 bits = 60 random bits
	serialGroup  = 4
)

// NewSerial returns a new public certificate serial such as "TND-7KQ2-M9XD-4RHF": 60 bits from
// crypto/rand in Crockford base32, grouped in fours. At a million certificates the chance that a
// guessed serial exists is below one in a trillion, and the database's unique constraint catches
// the rare collision.
func NewSerial() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read does not fail (it crashes the program instead)
	v := binary.BigEndian.Uint64(b[:]) >> (64 - 5*serialChars)
	var body [serialChars]byte
	for i := serialChars - 1; i >= 0; i-- {
		body[i] = crockford[v&31]
		v >>= 5
	}
	return formatSerial(body[:])
}

// NormalizeSerial returns the canonical form of a serial typed by a person, accepting lower case,
// missing or extra dashes and spaces, a missing "TND" prefix, and Crockford's confusables
// (O for 0, I and L for 1). It reports false for anything that cannot be a serial.
func NormalizeSerial(s string) (string, bool) {
	body := make([]byte, 0, len(serialPrefix)+serialChars)
	for _, r := range s {
		switch {
		case r == '-' || r == ' ' || r == '\t':
			continue
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		switch r {
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		if r > 0x7f {
			return "", false
		}
		body = append(body, byte(r))
		if len(body) > len(serialPrefix)+serialChars {
			return "", false
		}
	}
	if len(body) == len(serialPrefix)+serialChars {
		if string(body[:len(serialPrefix)]) != serialPrefix {
			return "", false
		}
		body = body[len(serialPrefix):]
	}
	if len(body) != serialChars {
		return "", false
	}
	for _, c := range body {
		if strings.IndexByte(crockford, c) < 0 {
			return "", false
		}
	}
	return formatSerial(body), true
}

func formatSerial(body []byte) string {
	var sb strings.Builder
	sb.WriteString(serialPrefix)
	for i := 0; i < len(body); i += serialGroup {
		sb.WriteByte('-')
		sb.Write(body[i : i+serialGroup])
	}
	return sb.String()
}
