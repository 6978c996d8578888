package certificates

import (
	"regexp"
	"testing"
)

var serialForm = regexp.MustCompile(`^TND-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$`)

func TestNewSerial(t *testing.T) {
	seen := map[string]bool{}
	used := map[rune]bool{}
	for range 2000 {
		s := NewSerial()
		if !serialForm.MatchString(s) {
			t.Fatalf("serial %q has the wrong form", s)
		}
		if seen[s] {
			t.Fatalf("serial %q twice in 2000", s)
		}
		seen[s] = true
		for _, r := range s[4:] {
			used[r] = true
		}
		if n, ok := NormalizeSerial(s); !ok || n != s {
			t.Fatalf("NormalizeSerial(%q) = %q, %v", s, n, ok)
		}
	}
	// 24,000 random characters reach every one of the 32 symbols (and the dash).
	if len(used) != len(crockford)+1 {
		t.Errorf("only %d distinct characters in 2000 serials", len(used))
	}
}

func TestNormalizeSerial(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"TND-7KQ2-M9XD-4RHF", "TND-7KQ2-M9XD-4RHF", true},
		{"tnd-7kq2-m9xd-4rhf", "TND-7KQ2-M9XD-4RHF", true},
		{"TND7KQ2M9XD4RHF", "TND-7KQ2-M9XD-4RHF", true},
		{"  tnd 7kq2 m9xd 4rhf\t", "TND-7KQ2-M9XD-4RHF", true},
		{"7KQ2-M9XD-4RHF", "TND-7KQ2-M9XD-4RHF", true},
		{"TND-OKQ2-M9XD-4RHF", "TND-0KQ2-M9XD-4RHF", true},
		{"TND-IKQ2-LlXD-4RHo", "TND-1KQ2-11XD-4RH0", true},
		{"TND--7KQ2--M9XD-4RHF-", "TND-7KQ2-M9XD-4RHF", true},
		{"TND-7KQ2-M9XD-4RHU", "", false}, // U is not in Crockford's alphabet
		{"TND-7KQ2-M9XD-4RH", "", false},
		{"TND-7KQ2-M9XD-4RHFF", "", false},
		{"ABC-7KQ2-M9XD-4RHF", "", false},
		{"TND-7KQ2-M9XD-4RH!", "", false},
		{"TND-7KQ2-M9XD-4RHÉ", "", false},
		{"", "", false},
		{"../../etc/passwd", "", false},
	} {
		got, ok := NormalizeSerial(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeSerial(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func FuzzNormalizeSerial(f *testing.F) {
	for _, s := range []string{"TND-7KQ2-M9XD-4RHF", "tnd7kq2m9xd4rhf", "7KQ2M9XD4RHF", "TND-OIL0-0000-0000", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := NormalizeSerial(s)
		if !ok {
			if got != "" {
				t.Fatalf("rejected %q but returned %q", s, got)
			}
			return
		}
		if !serialForm.MatchString(got) {
			t.Fatalf("NormalizeSerial(%q) = %q, not a serial", s, got)
		}
		if again, ok := NormalizeSerial(got); !ok || again != got {
			t.Fatalf("not idempotent: %q then %q", got, again)
		}
	})
}
