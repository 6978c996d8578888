package app

import (
	"context"
	"log/slog"
	"time"

	"tandem/attempts"
	"tandem/notifications"
)

// How often the daily digests and the due-date reminders are looked for.
const (
	DigestEvery = 5 * time.Minute
	DueEvery    = 15 * time.Minute
)

// Digest is the daily digest of notices as the server named owner writes it.
func (a *App) Digest(owner, baseURL string, log *slog.Logger) *notifications.Digest {
	return &notifications.Digest{Store: a.Store, Owner: owner, BaseURL: baseURL, Log: log, Lease: 5 * time.Minute, Interval: DigestEvery}
}

// DueReminder is the reminder of due dates near.
func (a *App) DueReminder(log *slog.Logger) *notifications.DueReminder {
	return &notifications.DueReminder{Store: a.Store, Notices: a.Notices, Catalog: a.Catalog, Log: log, Interval: DueEvery,
		MaxExtraDays: attempts.MaxExtraDays}
}

// startNotices starts the daily digest and the due-date reminders until ctx ends.
func (a *App) startNotices(ctx context.Context, owner, baseURL string, log *slog.Logger) {
	digest, due := a.Digest(owner, baseURL, log), a.DueReminder(log)
	a.running.Go(func() { digest.Run(ctx) })
	a.running.Go(func() { due.Run(ctx) })
}
