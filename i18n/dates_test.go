package i18n

import (
	"testing"
	"time"
)

func TestDatesInEachLanguage(t *testing.T) {
	d := time.Date(2027, time.March, 2, 12, 0, 0, 0, time.UTC)
	first := time.Date(2027, time.January, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct{ lang, date, weekday, first string }{
		{"en", "2 March 2027", "Tuesday 2 March", "1 January 2027"},
		{"fr", "2 mars 2027", "mardi 2 mars", "1er janvier 2027"},
		{"de", "2. März 2027", "Dienstag, 2. März", "1. Januar 2027"},
		{"it", "2 marzo 2027", "martedì 2 marzo", "1 gennaio 2027"},
		{"es", "2 March 2027", "Tuesday 2 March", "1 January 2027"},
	}
	for _, c := range cases {
		if got := Date(c.lang, d); got != c.date {
			t.Errorf("Date(%s) = %q, want %q", c.lang, got, c.date)
		}
		if got := Weekday(c.lang, d); got != c.weekday {
			t.Errorf("Weekday(%s) = %q, want %q", c.lang, got, c.weekday)
		}
		if got := Date(c.lang, first); got != c.first {
			t.Errorf("Date(%s, 1 January) = %q, want %q", c.lang, got, c.first)
		}
	}
}

func TestDecimalsInEachLanguage(t *testing.T) {
	for lang, want := range map[string]string{"en": "72.5", "fr": "72,5", "de": "72,5", "it": "72,5", "xx": "72.5"} {
		if got := Decimal(lang, 72.54, 1); got != want {
			t.Errorf("Decimal(%s) = %q, want %q", lang, got, want)
		}
	}
	if got := Decimal("de", 60, 1); got != "60" {
		t.Errorf("a whole number: %q", got)
	}
}
