package certificates

import (
	"testing"

	"tandem/i18n"
)

func TestCheckHours(t *testing.T) {
	for _, c := range []struct {
		credits float64
		unit    string
		minutes int
		want    string
	}{
		{3, "CME hours", 180, ""},
		{3.25, "CME hours", 180, "must be at most 3: the programme's lessons and exercises take 180 minutes"},
		{1, "CPD Hour", 50, "must be at most 0.83: the programme's lessons and exercises take 50 minutes"},
		{6.5, "hours of learning", 388, "must be at most 6.46: the programme's lessons and exercises take 388 minutes"},
		{6, "ECTS", 50, ""},
		{0, "CME hours", 0, ""},
	} {
		if got := i18n.Default().FieldReason("en", checkHours(c.credits, c.unit, c.minutes)); got != c.want {
			t.Errorf("checkHours(%v, %q, %d) = %q, want %q", c.credits, c.unit, c.minutes, got, c.want)
		}
	}
}
