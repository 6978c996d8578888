package testenv

import (
	"context"
	"log/slog"
	"regexp"
	"sync"
	"testing"
)

// Mail is a message the app wrote to its log instead of sending it.
type Mail struct {
	To, Subject, Text string
}

// mailbox is a log handler that keeps the app's "mail" records, as the log mailer writes them,
// and passes every record on to the test's own log handler.
type mailbox struct {
	next  slog.Handler
	mu    *sync.Mutex
	mails *[]Mail
	attrs []slog.Attr
}

func newMailbox(next slog.Handler) *mailbox {
	return &mailbox{next: next, mu: &sync.Mutex{}, mails: &[]Mail{}}
}

func (m *mailbox) Enabled(context.Context, slog.Level) bool { return true }

func (m *mailbox) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "mail" {
		var mail Mail
		r.Attrs(func(a slog.Attr) bool {
			switch a.Key {
			case "to":
				mail.To = a.Value.String()
			case "subject":
				mail.Subject = a.Value.String()
			case "text":
				mail.Text = a.Value.String()
			}
			return true
		})
		m.mu.Lock()
		*m.mails = append(*m.mails, mail)
		m.mu.Unlock()
	}
	if !m.next.Enabled(ctx, r.Level) {
		return nil
	}
	return m.next.Handle(ctx, r)
}

func (m *mailbox) WithAttrs(attrs []slog.Attr) slog.Handler {
	c := *m
	c.next = m.next.WithAttrs(attrs)
	return &c
}

func (m *mailbox) WithGroup(name string) slog.Handler {
	c := *m
	c.next = m.next.WithGroup(name)
	return &c
}

// Mails returns the messages written to the log so far for the address to.
func (e *Env) Mails(to string) []Mail {
	e.mailbox.mu.Lock()
	defer e.mailbox.mu.Unlock()
	var out []Mail
	for _, m := range *e.mailbox.mails {
		if m.To == to {
			out = append(out, m)
		}
	}
	return out
}

var linkToken = regexp.MustCompile(`/invitations#token=([A-Za-z0-9_-]+)`)

// InvitationToken returns the token of the last invitation link mailed to the address to.
func (e *Env) InvitationToken(t testing.TB, to string) string {
	t.Helper()
	mails := e.Mails(to)
	for i := len(mails) - 1; i >= 0; i-- {
		if m := linkToken.FindStringSubmatch(mails[i].Text); m != nil {
			return m[1]
		}
	}
	t.Fatalf("no invitation link was mailed to %s", to)
	return ""
}
