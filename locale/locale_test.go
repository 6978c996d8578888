package locale

import (
	"context"
	"testing"
)

func TestNegotiate(t *testing.T) {
	cases := []struct {
		saved, header, want string
	}{
		{"", "", "en"},
		{"de", "fr-CH,fr;q=0.9", "de"},
		{"", "fr-CH,fr;q=0.9,en;q=0.8", "fr"},
		{"", "de-AT", "de"},
		{"", "it-CH, de;q=0.5", "it"},
		{"", "ja, zh;q=0.8", "en"},
		{"", "not a header;;;", "en"},
		{"es", "pt-BR", "en"},
		{"", "en-GB,fr;q=0.2", "en"},
	}
	for _, c := range cases {
		if got := Negotiate(c.saved, c.header); got != c.want {
			t.Errorf("Negotiate(%q, %q) = %q, want %q", c.saved, c.header, got, c.want)
		}
	}
}

func TestContextCarriesTheLanguage(t *testing.T) {
	ctx := context.Background()
	if got := From(ctx); got != English {
		t.Fatalf("From(empty) = %q, want en", got)
	}
	if got := From(With(ctx, German)); got != German {
		t.Fatalf("From(With(de)) = %q", got)
	}
	if got := From(With(ctx, "xx")); got != English {
		t.Fatalf("an unsupported language must read as English, got %q", got)
	}
}
