package config

import (
	"strings"
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

// Replica URLs are read as a comma-separated list beside a PostgreSQL primary; the embedded
// SQLite has no replicas, so asking for them stops the start with a message that says so.
func TestReplicaSettings(t *testing.T) {
	for _, c := range []struct {
		name, primary, replicas, maxLag string
		want                            []string
		wantLag                         time.Duration
		wantErr                         string
	}{
		{name: "none", primary: "postgres://db/tandem", wantLag: 5 * time.Second},
		{name: "two", primary: "postgres://db/tandem", replicas: " postgres://r1/tandem, postgresql://r2/tandem ,", maxLag: "2s",
			want: []string{"postgres://r1/tandem", "postgresql://r2/tandem"}, wantLag: 2 * time.Second},
		{name: "sqlite", replicas: "postgres://r1/tandem", wantErr: "the embedded SQLite has no replicas"},
		{name: "not postgres", primary: "postgres://db/tandem", replicas: "mysql://r1/tandem", wantErr: "TANDEM_DATABASE_REPLICA_URLS must list"},
		{name: "bad lag", primary: "postgres://db/tandem", maxLag: "soon", wantErr: "TANDEM_DATABASE_REPLICA_MAX_LAG"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("TANDEM_DATABASE_URL", c.primary)
			t.Setenv("TANDEM_DATABASE_REPLICA_URLS", c.replicas)
			t.Setenv("TANDEM_DATABASE_REPLICA_MAX_LAG", c.maxLag)
			cfg, err := FromEnv()
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want one saying %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(cfg.ReplicaURLs, " ") != strings.Join(c.want, " ") || cfg.ReplicaMaxLag != c.wantLag {
				t.Fatalf("replicas %q, max lag %v; want %q, %v", cfg.ReplicaURLs, cfg.ReplicaMaxLag, c.want, c.wantLag)
			}
		})
	}
}
