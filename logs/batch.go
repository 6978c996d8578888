package logs

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// batchSize is how many bytes of waiting lines make a write at once.
const batchSize = 32 << 10

// Batch gathers log lines and writes them to its writer together, within an interval of the
// first waiting line or once batchSize bytes wait: a busy server then pays one write for many
// access-log lines instead of one per request. Handler sends warnings and errors at once.
type Batch struct {
	mu       sync.Mutex
	w        io.Writer
	interval time.Duration
	buf      []byte
	timer    *time.Timer
}

// NewBatch returns a batch writing to w at most interval after a line arrives.
func NewBatch(w io.Writer, interval time.Duration) *Batch {
	return &Batch{w: w, interval: interval, buf: make([]byte, 0, batchSize)}
}

// Write adds p, one log line, to the batch.
func (b *Batch) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	switch {
	case len(b.buf) >= batchSize:
		return len(p), b.flushLocked()
	case b.timer == nil:
		b.timer = time.AfterFunc(b.interval, func() { _ = b.Flush() })
	}
	return len(p), nil
}

// Flush writes every waiting line now; call it before the process exits.
func (b *Batch) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked()
}

func (b *Batch) flushLocked() error {
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	if len(b.buf) == 0 {
		return nil
	}
	_, err := b.w.Write(b.buf)
	b.buf = b.buf[:0]
	return err
}

// Handler wraps h, which writes to b, so that a warning or an error is written at once, with
// every line before it.
func (b *Batch) Handler(h slog.Handler) slog.Handler { return urgent{h, b} }

type urgent struct {
	slog.Handler
	b *Batch
}

func (u urgent) Handle(ctx context.Context, r slog.Record) error {
	err := u.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn {
		if ferr := u.b.Flush(); err == nil {
			err = ferr
		}
	}
	return err
}

func (u urgent) WithAttrs(attrs []slog.Attr) slog.Handler {
	return urgent{u.Handler.WithAttrs(attrs), u.b}
}

func (u urgent) WithGroup(name string) slog.Handler { return urgent{u.Handler.WithGroup(name), u.b} }
