package config

import (
	"testing"
	"time"
)

// Every rate limit has a setting whose default is the limit Tandem always had.
func TestRateLimitSettings(t *testing.T) {
	c, err := FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	defaults := []struct {
		name      string
		got, want any
	}{
		{"TANDEM_PASSWORD_RESETS_PER_IP", c.ResetsPerIP, 20},
		{"TANDEM_MAILS_PER_ADDRESS", c.MailsPerAddress, 5},
		{"TANDEM_ACCOUNT_MAIL_WINDOW", c.MailWindow, time.Hour},
		{"TANDEM_ATTEMPT_STARTS_MAX", c.StartsMax, 30},
		{"TANDEM_ATTEMPT_STARTS_WINDOW", c.StartsWindow, 10 * time.Minute},
		{"TANDEM_FEEDBACK_MAX", c.FeedbackMax, 30},
		{"TANDEM_FEEDBACK_WINDOW", c.FeedbackWindow, time.Hour},
		{"TANDEM_JOIN_CODE_MAX_TRIES", c.JoinCodeMax, 30},
		{"TANDEM_JOIN_CODE_WINDOW", c.JoinCodeWindow, time.Hour},
	}
	for _, d := range defaults {
		if d.got != d.want {
			t.Errorf("%s defaults to %v, want %v", d.name, d.got, d.want)
		}
	}
	t.Setenv("TANDEM_ATTEMPT_STARTS_MAX", "3")
	t.Setenv("TANDEM_ATTEMPT_STARTS_WINDOW", "90s")
	if c, err = FromEnv(); err != nil || c.StartsMax != 3 || c.StartsWindow != 90*time.Second {
		t.Errorf("set: %d per %v, %v", c.StartsMax, c.StartsWindow, err)
	}
	t.Setenv("TANDEM_FEEDBACK_WINDOW", "soon")
	if _, err := FromEnv(); err == nil {
		t.Error("a window that is not a duration was accepted")
	}
}
