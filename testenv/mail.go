package testenv

import (
	"bytes"
	"context"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// Mail is a message an app without SMTP wrote to its log instead of sending it.
type Mail struct {
	Kind, To, Subject, Text string
}

// mailLogMessage starts the log record in which the outbox writes a mail when no mail server
// is configured (mail.LogSender).
const mailLogMessage = "mail not sent"

// sentMails holds every mail written to the log by any app of the test process. The apps of a
// package share one database and so one outbox, and any of them may be the one that sends a
// mail; the tests, which run one after another, tell mails apart by address and by when they
// were written: a test reads only the mails written since its app started, never those of an
// earlier run (go test -count) to the same address.
var sentMails struct {
	sync.Mutex
	mails   []Mail
	arrived chan struct{}
}

func init() { sentMails.arrived = make(chan struct{}, 1) }

// mailbox is a log handler that keeps the mails written to the log and passes every record on
// to the test's own log handler.
type mailbox struct {
	next slog.Handler
}

func (m *mailbox) Enabled(context.Context, slog.Level) bool { return true }

func (m *mailbox) Handle(ctx context.Context, r slog.Record) error {
	if strings.HasPrefix(r.Message, mailLogMessage) {
		var mail Mail
		r.Attrs(func(a slog.Attr) bool {
			switch a.Key {
			case "kind":
				mail.Kind = a.Value.String()
			case "to":
				mail.To = a.Value.String()
			case "subject":
				mail.Subject = a.Value.String()
			case "text":
				mail.Text = a.Value.String()
			}
			return true
		})
		sentMails.Lock()
		sentMails.mails = append(sentMails.mails, mail)
		sentMails.Unlock()
		select {
		case sentMails.arrived <- struct{}{}:
		default:
		}
	}
	if !m.next.Enabled(ctx, r.Level) {
		return nil
	}
	return m.next.Handle(ctx, r)
}

func (m *mailbox) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &mailbox{next: m.next.WithAttrs(attrs)}
}

func (m *mailbox) WithGroup(name string) slog.Handler {
	return &mailbox{next: m.next.WithGroup(name)}
}

// mailCount is how many mails have been written to the log so far.
func mailCount() int {
	sentMails.Lock()
	defer sentMails.Unlock()
	return len(sentMails.mails)
}

// mailsOf returns the mails of kind (any kind when empty) for the address to written to the log
// after the first from.
func mailsOf(to, kind string, from int) []Mail {
	sentMails.Lock()
	defer sentMails.Unlock()
	var out []Mail
	for _, m := range sentMails.mails[from:] {
		if m.To == to && (kind == "" || m.Kind == kind) {
			out = append(out, m)
		}
	}
	return out
}

// AwaitMails waits until n mails of kind (any kind when empty) to the address to have been
// written to the log by an app without SMTP (mail leaves through the outbox in the
// background) since e's app started, and returns them all.
func (e *Env) AwaitMails(t testing.TB, to, kind string, n int) []Mail {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		if mails := mailsOf(to, kind, e.mailsFrom); len(mails) >= n {
			return mails
		}
		select {
		case <-sentMails.arrived:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			t.Fatalf("testenv: %d of %d %q mails to %s were sent", len(mailsOf(to, kind, e.mailsFrom)), n, kind, to)
		}
	}
}

var linkToken = regexp.MustCompile(`/invitations#token=([A-Za-z0-9_-]+)`)

// InvitationToken waits for an invitation mailed to the address to and returns the token of
// its link (of the last one, when several were mailed).
func (e *Env) InvitationToken(t testing.TB, to string) string {
	t.Helper()
	mails := e.AwaitMails(t, to, "invitation", 1)
	if m := linkToken.FindStringSubmatch(mails[len(mails)-1].Text); m != nil {
		return m[1]
	}
	t.Fatalf("no invitation link was mailed to %s", to)
	return ""
}

// LogBuffer keeps every record an app logs, as text lines, for tests of what the logs hold.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends a log record written by the app's log handler.
func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything logged so far.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
