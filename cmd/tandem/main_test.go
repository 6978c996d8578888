package main

import (
	"errors"
	"strings"
	"testing"

	"tandem/errs"
)

// A refused account says which field is wrong and why, as the web form does.
func TestDescribeGivesEachFieldItsReason(t *testing.T) {
	refused := errs.Invalid(map[string]string{"password": errs.Reason("reason.chars_at_least", map[string]any{"Min": 10}), "email": "is not an email address"})
	t.Setenv("LC_ALL", "C")
	want := "tandem: Some fields are not valid.\n  email: is not an email address\n  password: must be at least 10 characters\n"
	if got := describe(refused); got != want {
		t.Errorf("describe = %q, want %q", got, want)
	}
	t.Setenv("LC_ALL", "fr_FR.UTF-8")
	if got := describe(refused); !strings.HasSuffix(got, "  password: doit comporter au moins 10 caractères\n") {
		t.Errorf("describe in French = %q", got)
	}
	if got := describe(errors.New("no password")); got != "tandem: no password\n" {
		t.Errorf("describe = %q", got)
	}
}
