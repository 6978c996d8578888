package cohorts

import "testing"

func TestCSVNumbersAreRoundedForReaders(t *testing.T) {
	for _, c := range []struct {
		in           float64
		percent, fac string
	}{
		{1.0095238095238097, "1", "1.01"},
		{66.66666666666667, "66.7", "66.67"},
		{100, "100", "100.00"},
		{0, "0", "0.00"},
		{0.8888888888888888, "0.9", "0.89"},
		{12.25, "12.2", "12.25"},
	} {
		if got := csvPercent(c.in); got != c.percent {
			t.Errorf("csvPercent(%v) = %q, want %q", c.in, got, c.percent)
		}
		if got := csvFactor(c.in); got != c.fac {
			t.Errorf("csvFactor(%v) = %q, want %q", c.in, got, c.fac)
		}
	}
}
