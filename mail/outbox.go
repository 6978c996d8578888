package mail

import (
	"context"
	"log/slog"
	"regexp"
	"time"

	"tandem/models"
)

// Store is what the outbox worker needs from the database.
type Store interface {
	ClaimMail(ctx context.Context, owner string, limit int, lease time.Duration) ([]models.OutboxMail, error)
	MarkMailSent(ctx context.Context, owner, id string) error
	MarkMailFailed(ctx context.Context, owner, id, reason string, retryAt *time.Time) error
}

// Outbox sends queued mail in the background. Each server leases a batch before sending it, so
// servers sharing a database never send one mail at the same time, and a server that stops
// mid-batch leaves its mails to be taken again once the lease runs out. A mail the server
// refuses for good fails at once; any other failure is retried with exponential back-off, up
// to MaxAttempts tries.
type Outbox struct {
	Store       Store
	Sender      Sender
	Owner       string // this server's name, for leases
	Log         *slog.Logger
	Interval    time.Duration // how often to look for due mail
	Batch       int
	SendTimeout time.Duration // for one mail; a batch's lease covers all of its mails
	MaxAttempts int
}

// Backoff is how long to wait before the next try after attempts failed tries: 30 seconds,
// doubling, at most an hour.
func Backoff(attempts int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// Run sends due mail until ctx ends.
func (o *Outbox) Run(ctx context.Context) {
	if o.Interval <= 0 {
		o.Interval = 2 * time.Second
	}
	wait := o.Interval
	for {
		n, err := o.Once(ctx)
		switch {
		case err != nil:
			o.Log.Warn("mail outbox: reading due mail failed; will retry", "err", err, "retry_in", wait)
			wait = min(wait*2, time.Minute)
		case n == o.Batch:
			wait = 0 // more are due
		default:
			wait = o.Interval
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// Once claims one batch of due mail, sends it and records each outcome. It returns how many
// mails it claimed.
func (o *Outbox) Once(ctx context.Context) (int, error) {
	lease := time.Duration(o.Batch)*o.SendTimeout + time.Minute
	rows, err := o.Store.ClaimMail(ctx, o.Owner, o.Batch, lease)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	batch := make([]Outgoing, len(rows))
	for i, r := range rows {
		batch[i] = Outgoing{ID: r.ID, Kind: r.Kind, To: r.ToAddress, Subject: r.Subject, Text: r.TextBody, HTML: r.HTMLBody, Date: r.CreatedAt}
	}
	sendCtx, cancel := context.WithTimeout(ctx, lease-time.Minute)
	results := o.Sender.Send(sendCtx, batch)
	cancel()
	for i, r := range rows {
		if err := o.record(ctx, r, results[i]); err != nil {
			return len(rows), err
		}
	}
	return len(rows), nil
}

func (o *Outbox) record(ctx context.Context, r models.OutboxMail, sendErr error) error {
	if sendErr == nil {
		return o.Store.MarkMailSent(ctx, o.Owner, r.ID)
	}
	tries := r.Attempts + 1
	reason := withoutAddress(sendErr.Error(), r.ToAddress)
	if IsPermanent(sendErr) || tries >= o.MaxAttempts {
		o.Log.Error("mail could not be sent; giving up", "mail_id", r.ID, "kind", r.Kind, "attempts", tries, "err", reason)
		return o.Store.MarkMailFailed(ctx, o.Owner, r.ID, reason, nil)
	}
	next := time.Now().Add(Backoff(tries))
	o.Log.Warn("mail not sent yet; will retry", "mail_id", r.ID, "kind", r.Kind, "attempts", tries, "retry_at", next, "err", reason)
	return o.Store.MarkMailFailed(ctx, o.Owner, r.ID, reason, &next)
}

// withoutAddress is a mail server's refusal with the recipient's address, which servers
// often repeat ("550 <ada@example.org>: no such user"), taken out in any case: the logs and
// the outbox name a mail by id.
func withoutAddress(reason, address string) string {
	if address == "" {
		return reason
	}
	return regexp.MustCompile("(?i)"+regexp.QuoteMeta(address)).ReplaceAllLiteralString(reason, "(recipient)")
}
