package handlers_test

import "testing"

// BenchmarkOIDCSignIn measures a whole returning sign-in as a browser goes through it: Tandem's
// start, the provider's log-in page and code, Tandem's return (code exchange, id_token check,
// the linked account found, the handoff stored) and the code traded for a session.
func BenchmarkOIDCSignIn(b *testing.B) {
	s := newOIDCSite(b)
	s.person("ada", "Ada", "Lovelace", "uni.example", true)
	s.session(b, s.browser(b).through("uni", "ada"))
	for b.Loop() {
		s.session(b, s.browser(b).through("uni", "ada"))
	}
}
