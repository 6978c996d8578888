package main

import (
	"errors"
	"testing"

	"tandem/errs"
)

// A refused account says which field is wrong and why, as the web form does.
func TestDescribeGivesEachFieldItsReason(t *testing.T) {
	got := describe(errs.Invalid(map[string]string{"password": "must be at least 10 characters", "email": "is not an email address"}))
	want := "tandem: Some fields are not valid.\n  email: is not an email address\n  password: must be at least 10 characters\n"
	if got != want {
		t.Errorf("describe = %q, want %q", got, want)
	}
	if got := describe(errors.New("no password")); got != "tandem: no password\n" {
		t.Errorf("describe = %q", got)
	}
}
