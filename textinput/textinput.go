// Package textinput holds the rules every text a client sends must follow before any other
// code sees it: no NUL characters (PostgreSQL cannot store them), valid UTF-8 (never silently
// replaced), and, in names and titles that certificates print, no bidirectional or invisible
// format controls (a right-to-left override would print a name reversed).
package textinput

import (
	"unicode"
	"unicode/utf8"
)

// Problems a text can have, as the sentence an error message ends with.
const (
	HasNUL      = "contains a NUL character"
	InvalidUTF8 = "is not valid UTF-8"
	HasFormat   = "must not contain bidirectional or invisible formatting characters"
)

// Problem says what makes s unacceptable anywhere, or "" when nothing does.
func Problem(s string) string {
	if !utf8.ValidString(s) {
		return InvalidUTF8
	}
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return HasNUL
		}
	}
	return ""
}

// NameProblem says what makes s unacceptable as a name or a title, or "" when nothing does.
func NameProblem(s string) string {
	if p := Problem(s); p != "" {
		return p
	}
	for _, r := range s {
		if isFormatControl(r) {
			return HasFormat
		}
	}
	return ""
}

// Printable is s as a certificate prints it: without control characters and without format
// controls, whatever older data holds, so that nothing is drawn reversed or hidden.
// Invalid UTF-8 becomes U+FFFD.
func Printable(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if isFormatControl(r) || unicode.IsControl(r) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// isFormatControl reports the format characters (Unicode category Cf) that a name has no
// use for: the bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E,
// U+2066–U+2069, U+200E, U+200F, U+061C), zero-width spaces, the byte-order mark, tags and the
// like. The zero-width non-joiner and joiner (U+200C, U+200D) stay: Persian and Indic names
// and emoji sequences need them.
func isFormatControl(r rune) bool {
	return r != 0x200C && r != 0x200D && unicode.Is(unicode.Cf, r)
}
