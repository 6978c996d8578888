package logs

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer the batch's timer and the test may use at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// Lines wait for their batch, but no longer than its interval; a warning goes out at once with
// the lines before it, and Flush sends whatever still waits.
func TestBatchedLinesGoOutTogether(t *testing.T) {
	var out lockedBuffer
	b := NewBatch(&out, time.Hour)
	log := slog.New(b.Handler(slog.NewTextHandler(b, nil))).With("request_id", "r-1")
	log.Info("request", "route", "/a")
	if out.String() != "" {
		t.Fatalf("an info line went out before its batch: %q", out.String())
	}
	log.Warn("slow query")
	if got := out.String(); !strings.Contains(got, "route=/a") || !strings.Contains(got, "slow query") || !strings.Contains(got, "request_id=r-1") {
		t.Fatalf("a warning did not take the waiting lines with it: %q", got)
	}
	log.Info("request", "route", "/b")
	if err := b.Flush(); err != nil || !strings.Contains(out.String(), "route=/b") {
		t.Fatalf("Flush left a line behind: %q, %v", out.String(), err)
	}

	quick := NewBatch(&out, 10*time.Millisecond)
	slog.New(slog.NewTextHandler(quick, nil)).Info("request", "route", "/c")
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), "route=/c") {
		if time.Now().After(deadline) {
			t.Fatal("a waiting line never went out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
