package models

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"tandem/logs"
)

// queryLog writes statements slower than slow, and failures other than not-found, to the
// logger of the request that ran them (package logs), or to base outside requests. Only the
// statement's shape is logged: parameters, which may hold personal data, never are.
type queryLog struct {
	base *slog.Logger
	slow time.Duration
}

var _ logger.Interface = queryLog{}

// LogMode keeps the log's own rules whatever gorm asks.
func (q queryLog) LogMode(logger.LogLevel) logger.Interface { return q }

// Info logs gorm's own messages at debug level.
func (q queryLog) Info(ctx context.Context, msg string, args ...any) {
	logs.From(ctx, q.base).Debug("gorm: "+msg, "args", args)
}

// Warn logs gorm's own warnings.
func (q queryLog) Warn(ctx context.Context, msg string, args ...any) {
	logs.From(ctx, q.base).Warn("gorm: "+msg, "args", args)
}

// Error logs gorm's own errors.
func (q queryLog) Error(ctx context.Context, msg string, args ...any) {
	logs.From(ctx, q.base).Error("gorm: "+msg, "args", args)
}

// Trace logs one statement when it was slow or failed. The failure is logged at debug level:
// the caller decides what an error means and the HTTP layer logs it once.
func (q queryLog) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	elapsed := time.Since(begin)
	slow := q.slow > 0 && elapsed >= q.slow
	failed := err != nil && !errors.Is(err, gorm.ErrRecordNotFound)
	if !slow && !failed {
		return
	}
	log := logs.From(ctx, q.base)
	level := slog.LevelWarn
	if !slow {
		level = slog.LevelDebug
	}
	if !log.Enabled(ctx, level) {
		return
	}
	sql, rows := fc()
	attrs := []slog.Attr{slog.String("sql", sql), slog.Int64("rows", rows), slog.Duration("duration", elapsed)}
	if err != nil {
		attrs = append(attrs, slog.String("err", err.Error()))
	}
	msg := "slow query"
	if !slow {
		msg = "query failed"
	}
	log.LogAttrs(ctx, level, msg, attrs...)
}

// ParamsFilter leaves the parameters out of logged statements.
func (queryLog) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}
