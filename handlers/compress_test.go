package handlers

import (
	"strings"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"":                          false,
		"gzip":                      true,
		"GZIP":                      true,
		"deflate, gzip;q=1.0, br":   true,
		"gzip;q=0.5":                true,
		"gzip; q=0.001":             true,
		"gzip;q=0":                  false,
		"gzip;q=0.000":              false,
		"*":                         true,
		"identity":                  false,
		"br;q=1.0, *;q=0":           false,
		"x-gzip":                    false,
		"deflate,  gzip ;q=0.8 ,br": true,
	} {
		if got := acceptsGzip(header); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", header, got, want)
		}
	}
}

// FuzzAcceptsGzip: any Accept-Encoding a client sends is read without panicking, and a header
// that does not mention gzip or * is never taken to accept gzip.
func FuzzAcceptsGzip(f *testing.F) {
	for _, seed := range []string{"gzip", "gzip;q=0", "deflate, gzip;q=0.5", "*;q=0.1", ";;,,q=", "gzip;q=0."} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		lower := strings.ToLower(header)
		if acceptsGzip(header) && !strings.Contains(lower, "gzip") && !strings.Contains(lower, "*") {
			t.Fatalf("acceptsGzip(%q) without gzip or *", header)
		}
	})
}
