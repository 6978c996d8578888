package mail

import (
	"context"
	"log/slog"
	"time"
)

// Outgoing is a queued mail on its way out.
type Outgoing struct {
	ID      string // the outbox id; also the left part of the Message-ID, so a retried send keeps its identity
	Kind    string
	To      string
	Subject string
	Text    string
	HTML    string
	Date    time.Time // when the mail was queued
}

// Sender hands a batch of mails on. It returns one error per mail, nil for each that left.
type Sender interface {
	Send(ctx context.Context, batch []Outgoing) []error
}

// LogSender writes each mail, links included, to the log instead of sending it: the default
// without TANDEM_SMTP_URL, so a newcomer can still verify an address or reset a password.
type LogSender struct {
	Log *slog.Logger
}

// Send logs every mail of batch; it never fails.
func (l LogSender) Send(ctx context.Context, batch []Outgoing) []error {
	for _, o := range batch {
		l.Log.LogAttrs(ctx, slog.LevelInfo, "mail not sent (TANDEM_SMTP_URL is not set); here it is",
			slog.String("mail_id", o.ID), slog.String("kind", o.Kind), slog.String("to", o.To),
			slog.String("subject", o.Subject), slog.String("text", o.Text))
	}
	return make([]error, len(batch))
}
