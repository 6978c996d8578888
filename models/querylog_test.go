package models_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/logs"
	"tandem/models"
	"tandem/testenv"
)

// A slow statement is logged with the id of the request that ran it, as SQL with its
// placeholders: an email looked up never reaches the log.
func TestSlowQueriesAreLoggedWithTheRequestAndWithoutParameters(t *testing.T) {
	var base, req bytes.Buffer
	cfg := testenv.Config(t)
	store, err := models.Open(context.Background(), models.Options{URL: cfg.DatabaseURL, SQLitePath: filepath.Join(t.TempDir(), "tandem.db"),
		MaxConns: 2, Logger: slog.New(slog.NewTextHandler(&base, nil)), SlowQuery: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := logs.With(context.Background(), slog.New(slog.NewTextHandler(&req, nil)).With("request_id", "r-7"))
	_, _ = store.UserByEmail(ctx, "someone.private@example.org")
	if out := req.String(); !strings.Contains(out, "slow query") || !strings.Contains(out, "request_id=r-7") ||
		strings.Contains(out, "someone.private") {
		t.Fatalf("the request's log: %s", out)
	}
	if strings.Contains(base.String(), "someone.private") {
		t.Fatalf("the base log: %s", base.String())
	}
}
