package mail_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tandem/mail"
	"tandem/mail/mailtest"
	"tandem/models"
	"tandem/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// openStore opens this package's test database, migrated, with an empty outbox; the Env reads
// and writes it directly (no app runs).
func openStore(t *testing.T) (*models.Store, *testenv.Env) {
	t.Helper()
	ctx := context.Background()
	cfg := testenv.Config(t)
	st, err := models.Open(ctx, models.Options{URL: cfg.DatabaseURL, SQLitePath: filepath.Join(cfg.DataDir, "tandem.db"), MaxConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	env := &testenv.Env{T: t, Config: cfg}
	env.Exec("DELETE FROM mail_outbox") // the tests of this package share one database
	return st, env
}

func smtpSender(t *testing.T, srv *mailtest.Server) *mail.SMTP {
	t.Helper()
	cfg, err := mail.ParseSMTPURL(srv.URL(), "Tandem <no-reply@tandem.test>")
	if err != nil {
		t.Fatal(err)
	}
	cfg.RootCAs, cfg.Timeout = srv.Roots, 5*time.Second
	s, err := mail.NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func outbox(st *models.Store, sender mail.Sender, owner string) *mail.Outbox {
	return &mail.Outbox{Store: st, Sender: sender, Owner: owner, Log: slog.New(slog.DiscardHandler),
		Interval: 50 * time.Millisecond, Batch: 5, SendTimeout: 5 * time.Second, MaxAttempts: 3}
}

func message(to string) mail.Message {
	return mail.Message{Kind: "test", To: to, Subject: "Confirm your address", Greeting: "Hello Ada <& co>,",
		Paragraphs: []string{"Please confirm."}, Action: &mail.Action{Label: "Confirm", URL: "http://tandem.test/verify-email#token=abc"},
		Note: "Works for 48 hours."}
}

func enqueue(t *testing.T, st *models.Store, msgs ...mail.Message) []string {
	t.Helper()
	var rows []*models.OutboxMail
	for _, m := range msgs {
		rows = append(rows, m.Row())
	}
	if err := st.EnqueueMail(context.Background(), rows...); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids
}

// A mail goes out over STARTTLS with a log-in, or over TLS from the first byte, and reads back
// as a well-formed message: From, To, Subject, Date and Message-ID headers, a plain-text and an
// HTML body carrying the same link. Afterwards the outbox keeps no body.
func TestMailLeavesThroughSMTP(t *testing.T) {
	for _, implicit := range []bool{false, true} {
		t.Run(map[bool]string{false: "starttls", true: "smtps"}[implicit], func(t *testing.T) {
			st, env := openStore(t)
			srv := mailtest.Start(t, implicit)
			ids := enqueue(t, st, message("ada@example.org"))
			if n, err := outbox(st, smtpSender(t, srv), "a").Once(context.Background()); err != nil || n != 1 {
				t.Fatalf("once: %d %v", n, err)
			}
			got := srv.Wait(t, 1, 5*time.Second)[0]
			if !got.TLS || got.From != "no-reply@tandem.test" || len(got.To) != 1 || got.To[0] != "ada@example.org" {
				t.Fatalf("envelope: tls %v from %q to %v", got.TLS, got.From, got.To)
			}
			p, err := mailtest.Parse(got.Data)
			if err != nil {
				t.Fatal(err)
			}
			h := p.Header
			if from, err := h.AddressList("From"); err != nil || from[0].Address != "no-reply@tandem.test" || from[0].Name != "Tandem" {
				t.Errorf("From: %v %v", from, err)
			}
			if h.Get("Subject") != "Confirm your address" || h.Get("To") != "<ada@example.org>" {
				t.Errorf("Subject %q, To %q", h.Get("Subject"), h.Get("To"))
			}
			if date, err := h.Date(); err != nil || time.Since(date) > time.Minute {
				t.Errorf("Date: %v %v", date, err)
			}
			if h.Get("Message-Id") != "<"+ids[0]+"@tandem.test>" {
				t.Errorf("Message-ID %q, want <%s@tandem.test>", h.Get("Message-Id"), ids[0])
			}
			link := "http://tandem.test/verify-email#token=abc"
			if p.Link("verify-email") != link || !strings.Contains(p.HTML, `href="`+link+`"`) {
				t.Errorf("link missing:\ntext %s\nhtml %s", p.Text, p.HTML)
			}
			if !strings.Contains(p.Text, "Hello Ada <& co>,") || !strings.Contains(p.HTML, "Hello Ada &lt;&amp; co&gt;,") {
				t.Errorf("greeting not as written (text) and escaped (HTML):\n%s\n%s", p.Text, p.HTML)
			}
			if got := env.Scalar("SELECT COUNT(*) FROM mail_outbox WHERE id = ? AND sent_at IS NOT NULL AND text_body = '' AND html_body = '' AND attempts = 1", ids[0]); got != "1" {
				t.Error("after sending, the row is not marked sent with its bodies cleared")
			}
		})
	}
}

// A temporary refusal is tried again after a back-off; a permanent one, or too many tries,
// gives up for good and keeps no body.
func TestMailRetriesWithBackoff(t *testing.T) {
	st, env := openStore(t)
	srv := mailtest.Start(t, false)
	o := outbox(st, smtpSender(t, srv), "a")
	ctx := context.Background()
	ids := enqueue(t, st, message("temp@example.org"))
	srv.FailNext(451)
	if _, err := o.Once(ctx); err != nil {
		t.Fatal(err)
	}
	if got := env.Scalar(`SELECT COUNT(*) FROM mail_outbox WHERE id = ? AND attempts = 1 AND sent_at IS NULL AND failed_at IS NULL
  AND next_attempt_at > ? AND last_error <> ''`, ids[0], time.Now().UTC().Add(20*time.Second)); got != "1" {
		t.Fatal("after a temporary refusal the mail is not waiting for its next try")
	}
	if n, _ := o.Once(ctx); n != 0 {
		t.Fatal("a mail was tried again before its back-off ran out")
	}
	env.Exec("UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ?", time.Now().UTC().Add(-time.Second), ids[0])
	if _, err := o.Once(ctx); err != nil {
		t.Fatal(err)
	}
	srv.Wait(t, 1, 5*time.Second)

	ids = enqueue(t, st, message("gone@example.org"))
	srv.FailNext(550)
	if _, err := o.Once(ctx); err != nil {
		t.Fatal(err)
	}
	if got := env.Scalar("SELECT COUNT(*) FROM mail_outbox WHERE id = ? AND failed_at IS NOT NULL AND attempts = 1 AND text_body = ''", ids[0]); got != "1" {
		t.Fatal("after a permanent refusal the mail has not failed for good")
	}
	for i, want := range []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute} {
		if got := mail.Backoff(i + 1); got != want {
			t.Errorf("Backoff(%d) = %s, want %s", i+1, got, want)
		}
	}
	if mail.Backoff(40) != time.Hour {
		t.Error("back-off is not capped at an hour")
	}
}

// A mail server's refusal that repeats the recipient's address is logged and kept without it.
func TestRefusalsKeepNoAddress(t *testing.T) {
	st, env := openStore(t)
	srv := mailtest.Start(t, false)
	var logs bytes.Buffer
	o := outbox(st, smtpSender(t, srv), "a")
	o.Log = slog.New(slog.NewTextHandler(&logs, nil))
	ids := enqueue(t, st, message("gone.person@example.org"))
	srv.FailNextSaying(550, "<Gone.Person@Example.org>: recipient unknown")
	if _, err := o.Once(context.Background()); err != nil {
		t.Fatal(err)
	}
	reason := env.Scalar("SELECT last_error FROM mail_outbox WHERE id = ?", ids[0])
	if !strings.Contains(reason, "(recipient)") || !strings.Contains(logs.String(), "(recipient)") {
		t.Fatalf("the refusal was not recorded: %q\n%s", reason, logs.String())
	}
	for _, text := range []string{reason, logs.String()} {
		if strings.Contains(strings.ToLower(text), "gone.person@example.org") {
			t.Errorf("the refusal keeps the address: %s", text)
		}
	}
}

// Two servers draining one outbox at once send every mail exactly once.
func TestTwoServersNeverSendOneMailTwice(t *testing.T) {
	st, _ := openStore(t)
	srv := mailtest.Start(t, false)
	var msgs []mail.Message
	for i := range 30 {
		msgs = append(msgs, message(strings.Repeat("x", i+1)+"@example.org"))
	}
	enqueue(t, st, msgs...)
	var wg sync.WaitGroup
	for _, owner := range []string{"server-a", "server-b"} {
		o := outbox(st, smtpSender(t, srv), owner)
		wg.Go(func() {
			for {
				n, err := o.Once(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				if n == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
	seen := map[string]int{}
	for _, m := range srv.Messages() {
		seen[m.To[0]]++
	}
	for _, m := range msgs {
		if seen[m.To] != 1 {
			t.Errorf("%s received %d times", m.To, seen[m.To])
		}
	}
}

// A server that stopped after claiming mail leaves it to another once the lease runs out:
// nothing queued is lost.
func TestLeasedMailOfAStoppedServerIsSentByAnother(t *testing.T) {
	st, env := openStore(t)
	srv := mailtest.Start(t, false)
	ctx := context.Background()
	enqueue(t, st, message("late@example.org"))
	if rows, err := st.ClaimMail(ctx, "stopped", 5, time.Hour); err != nil || len(rows) != 1 {
		t.Fatalf("claim: %v %v", rows, err)
	}
	o := outbox(st, smtpSender(t, srv), "survivor")
	if n, _ := o.Once(ctx); n != 0 {
		t.Fatal("a mail leased by another server was taken before its lease ran out")
	}
	env.Exec("UPDATE mail_outbox SET lease_until = ? WHERE lease_owner = 'stopped'", time.Now().UTC().Add(-time.Second)) // the hour has passed
	if n, err := o.Once(ctx); err != nil || n != 1 {
		t.Fatalf("after the lease: %d %v", n, err)
	}
	srv.Wait(t, 1, 5*time.Second)
}

// Without a mail server, mails go to the log with their links, so a newcomer can still follow
// them.
func TestLogSenderWritesTheLink(t *testing.T) {
	var buf bytes.Buffer
	st, _ := openStore(t)
	enqueue(t, st, message("newcomer@example.org"))
	o := outbox(st, mail.LogSender{Log: slog.New(slog.NewTextHandler(&buf, nil))}, "a")
	if n, err := o.Once(context.Background()); err != nil || n != 1 {
		t.Fatalf("once: %d %v", n, err)
	}
	if !strings.Contains(buf.String(), "verify-email#token=abc") || !strings.Contains(buf.String(), "newcomer@example.org") {
		t.Fatalf("log: %s", buf.String())
	}
}

func TestParseSMTPURL(t *testing.T) {
	from := "Tandem <no-reply@tandem.test>"
	for _, c := range []struct {
		url, host     string
		port          int
		implicit      bool
		user, pass    string
		wantErr       bool
		opportunistic bool
	}{
		{url: "smtp://u:p@mail.example.org", host: "mail.example.org", port: 587, user: "u", pass: "p"},
		{url: "smtp://mail.example.org:2525", host: "mail.example.org", port: 2525},
		{url: "smtps://u:p%40ss@mail.example.org", host: "mail.example.org", port: 465, implicit: true, user: "u", pass: "p@ss"},
		{url: "smtp://relay:25?tls=opportunistic", host: "relay", port: 25, opportunistic: true},
		{url: "http://mail.example.org", wantErr: true},
		{url: "smtp://mail.example.org:99999", wantErr: true},
		{url: "smtp://mail.example.org?tls=maybe", wantErr: true},
		{url: "smtp://", wantErr: true},
	} {
		got, err := mail.ParseSMTPURL(c.url, from)
		if (err != nil) != c.wantErr {
			t.Errorf("%s: error %v", c.url, err)
			continue
		}
		if err == nil && (got.Host != c.host || got.Port != c.port || got.Implicit != c.implicit || got.Username != c.user ||
			got.Password != c.pass || (got.TLS.String() == "TLSOpportunistic") != c.opportunistic) {
			t.Errorf("%s: %+v", c.url, got)
		}
	}
	if _, err := mail.ParseSMTPURL("smtp://mail.example.org", "not an address"); err == nil {
		t.Error("a malformed From was accepted")
	}
}
