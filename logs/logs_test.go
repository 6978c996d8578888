package logs

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

func TestTheRequestLoggerTravelsOnTheContext(t *testing.T) {
	var buf bytes.Buffer
	base := slog.New(slog.NewTextHandler(&buf, nil))
	req := base.With("request_id", "r-42")
	ctx := With(context.Background(), req)
	From(ctx, base).Info("in the store")
	From(context.Background(), base).Info("in a background job")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "request_id=r-42") || strings.Contains(lines[1], "request_id") {
		t.Fatalf("log lines: %q", lines)
	}
}

func TestARequestLoggerNamesItsRequest(t *testing.T) {
	var buf bytes.Buffer
	base := slog.New(slog.NewTextHandler(&buf, nil))
	ctx := WithRequest(context.Background(), base, "r-9")
	From(ctx, nil).Info("in a handler")
	From(ctx, nil).Info("in the store")
	if got := strings.Count(buf.String(), "request_id=r-9"); got != 2 {
		t.Fatalf("lines naming the request: %d in %q", got, buf.String())
	}
}
