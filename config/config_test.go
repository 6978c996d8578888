package config

import (
	"strings"
	"testing"
	"time"
)

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
