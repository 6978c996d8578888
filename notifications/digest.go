package notifications

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"tandem/i18n"
	"tandem/mail"
	"tandem/models"
)

// DigestStore is what the daily digest needs from the database.
type DigestStore interface {
	DigestCandidates(ctx context.Context, limit int) ([]models.DigestCandidate, error)
	ClaimDigest(ctx context.Context, owner, userID, day string, lease time.Duration) (bool, error)
	PendingDigest(ctx context.Context, userID string) ([]models.Notification, error)
	Recipients(ctx context.Context, ids []string) (map[string]models.Recipient, error)
	FinishDigest(ctx context.Context, owner, userID, day string, ids []string, mail *models.OutboxMail) error
}

// Digest mails each user who wants one a daily list of their unread notices, once per day of
// their time zone, from DigestHour there. A server leases a user's digest before writing it,
// and the day is recorded in the transaction that queues the mail, so servers sharing a
// database never mail one day's digest twice; a server that stops mid-way leaves the digest
// to the next once its lease runs out.
type Digest struct {
	Store    DigestStore
	Owner    string
	BaseURL  string
	Log      *slog.Logger
	Lease    time.Duration
	Interval time.Duration    // how often Run looks for due digests
	Now      func() time.Time // the clock, for tests; time.Now when nil
}

// Once writes the digests due now and returns how many it queued.
func (d *Digest) Once(ctx context.Context) (int, error) {
	now := time.Now
	if d.Now != nil {
		now = d.Now
	}
	users, err := d.Store.DigestCandidates(ctx, 500)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, u := range users {
		local := now().In(location(u.TimeZone))
		day := local.Format(time.DateOnly)
		if local.Hour() < DigestHour || u.DigestedOn >= day {
			continue
		}
		ok, err := d.one(ctx, u.UserID, day)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// one leases and writes the digest of one user for day; false when another server has it or
// nothing is left to say.
func (d *Digest) one(ctx context.Context, userID, day string) (bool, error) {
	claimed, err := d.Store.ClaimDigest(ctx, d.Owner, userID, day, d.Lease)
	if err != nil || !claimed {
		return false, err
	}
	pending, err := d.Store.PendingDigest(ctx, userID)
	if err != nil {
		return false, err
	}
	who, err := d.Store.Recipients(ctx, []string{userID})
	if err != nil {
		return false, err
	}
	r, ok := who[userID]
	var row *models.OutboxMail
	ids := make([]string, len(pending))
	if ok && r.Verified && len(pending) > 0 {
		row = digestMail(r, pending, d.BaseURL).Row()
		for i, n := range pending {
			ids[i] = n.ID
		}
	}
	err = d.Store.FinishDigest(ctx, d.Owner, userID, day, ids, row)
	if errors.Is(err, models.ErrConflict) {
		d.Log.Warn("notification digest: lease lost before the digest was queued; another server writes it", "user_id", userID)
		return false, nil
	}
	return err == nil && row != nil, err
}

// digestMail lists a user's unread notices in one mail, in their language; each notice reads
// as it was written for them.
func digestMail(r models.Recipient, pending []models.Notification, baseURL string) mail.Message {
	lang, cat := languageOf(r), i18n.Default()
	lines := make([]string, 0, len(pending)+1)
	lines = append(lines, cat.Text(lang, "notice.digest.intro", map[string]any{"Count": len(pending)}))
	for _, n := range pending {
		line := "• " + n.Title
		if n.Link != "" {
			line += " (" + baseURL + n.Link + ")"
		}
		lines = append(lines, line)
	}
	return mail.Message{Kind: "notice.digest", To: r.Email, UserID: r.UserID, Lang: lang, Subject: cat.Text(lang, "notice.digest.subject", nil),
		Greeting: cat.Text(lang, "notice.mail.greeting", map[string]any{"Name": r.Name}), Paragraphs: lines,
		Action: &mail.Action{Label: cat.Text(lang, "notice.digest.open", nil), URL: baseURL + "/notifications"},
		Note:   cat.Text(lang, "notice.digest.settings_note", map[string]any{"URL": baseURL + "/account#notifications"})}
}

// location is the time zone named name, UTC when empty or unknown.
func location(name string) *time.Location {
	if loc, err := time.LoadLocation(name); err == nil && name != "" {
		return loc
	}
	return time.UTC
}

// Run writes due digests every Interval until ctx ends.
func (d *Digest) Run(ctx context.Context) {
	every(ctx, d.Interval, func() {
		if n, err := d.Once(ctx); err != nil {
			d.Log.Warn("notification digest failed; will retry", "err", err)
		} else if n > 0 {
			d.Log.Info("notification digests queued", "mails", n)
		}
	})
}

// every calls fn every interval until ctx ends.
func every(ctx context.Context, interval time.Duration, fn func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn()
		}
	}
}
