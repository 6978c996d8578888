// Package logs carries a request's logger on its context.Context, so that domain and store
// code log with the request's id without knowing about HTTP.
package logs

import (
	"context"
	"log/slog"
	"sync"
)

type key struct{}

// request is a request's logger, made from base and the request's id when first asked for:
// most requests log only their access line, which names the id itself.
type request struct {
	base *slog.Logger
	id   string
	once sync.Once
	log  *slog.Logger
}

// WithRequest returns ctx carrying the logger of the request with id: base with a request_id
// attribute, made only when something logs through it.
func WithRequest(ctx context.Context, base *slog.Logger, id string) context.Context {
	return context.WithValue(ctx, key{}, &request{base: base, id: id})
}

// With returns ctx carrying l.
func With(ctx context.Context, l *slog.Logger) context.Context {
	return context.WithValue(ctx, key{}, l)
}

// From returns the logger ctx carries, or fallback when it carries none (work that no request
// started, such as the background jobs).
func From(ctx context.Context, fallback *slog.Logger) *slog.Logger {
	switch v := ctx.Value(key{}).(type) {
	case *slog.Logger:
		return v
	case *request:
		v.once.Do(func() { v.log = v.base.With(slog.String("request_id", v.id)) })
		return v.log
	}
	return fallback
}
