package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// OutboxMail is one message waiting in (or sent from) the mail outbox. Rows are written in the
// same transaction as the change they announce, and sent in the background by package mail, so
// a slow mail server never slows a request and a restart loses nothing. Once sent, the bodies
// are cleared: the links they carried are secrets, and what was said is not kept.
type OutboxMail struct {
	ID            string    `gorm:"primaryKey;size:32"`
	Kind          string    `gorm:"size:64;not null"`
	UserID        *string   `gorm:"size:32;index"` // the account the mail is about, when there is one
	ToAddress     string    `gorm:"size:254;not null"`
	Subject       string    `gorm:"size:300;not null"`
	TextBody      string    `gorm:"type:text;not null"`
	HTMLBody      string    `gorm:"type:text;not null"`
	Attempts      int       `gorm:"not null;default:0"`
	NextAttemptAt time.Time `gorm:"not null"`
	LeaseOwner    string    `gorm:"size:64;not null;default:''"`
	LeaseUntil    *time.Time
	LastError     string `gorm:"size:500;not null;default:''"`
	SentAt        *time.Time
	FailedAt      *time.Time
	CreatedAt     time.Time
}

// TableName is the outbox's table.
func (OutboxMail) TableName() string { return "mail_outbox" }

// EnqueueMail queues mails on their own, in one transaction. A store method whose change
// announces itself by mail queues it inside its own transaction with enqueueMail instead.
func (s *Store) EnqueueMail(ctx context.Context, mails ...*OutboxMail) error {
	return s.tx(ctx, func(tx *gorm.DB) error { return enqueueMail(tx, mails...) })
}

// enqueueMail inserts mails into the outbox inside tx, due now, a hundred rows to a statement
// (a class's invitations are one request); nil mails are skipped.
func enqueueMail(tx *gorm.DB, mails ...*OutboxMail) error {
	now := time.Now().UTC()
	rows := make([]*OutboxMail, 0, len(mails))
	for _, m := range mails {
		if m == nil {
			continue
		}
		m.ID, m.NextAttemptAt, m.CreatedAt = NewID(), now, now
		m.Attempts, m.SentAt, m.FailedAt, m.LeaseUntil, m.LeaseOwner = 0, nil, nil, nil, ""
		rows = append(rows, m)
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.CreateInBatches(rows, 100).Error
}

// ClaimMail leases up to limit due mails to owner until lease runs out. A mail leased by any
// server whose lease has not run out is skipped, so two servers never send one mail at once;
// on PostgreSQL rows another claim is locking are skipped too (SKIP LOCKED), and the lease is
// checked again on the row itself, so concurrent claims never take the same mail.
func (s *Store) ClaimMail(ctx context.Context, owner string, limit int, lease time.Duration) ([]OutboxMail, error) {
	now := time.Now().UTC()
	lock := ""
	if s.postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	const due = "sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)"
	var out []OutboxMail
	err := s.db.WithContext(ctx).Raw(`UPDATE mail_outbox SET lease_owner = ?, lease_until = ?
WHERE id IN (SELECT id FROM mail_outbox WHERE `+due+` ORDER BY next_attempt_at, id LIMIT ?`+lock+`)
  AND `+due+`
RETURNING *`, owner, now.Add(lease), now, now, limit, now, now).Scan(&out).Error
	return out, mapErr(err)
}

// MarkMailSent records that the mail left, clears its bodies and ends owner's lease.
func (s *Store) MarkMailSent(ctx context.Context, owner, id string) error {
	return mapErr(s.db.WithContext(ctx).Model(&OutboxMail{}).Where("id = ? AND lease_owner = ?", id, owner).
		Updates(map[string]any{"sent_at": time.Now().UTC(), "text_body": "", "html_body": "", "lease_until": nil,
			"attempts": gorm.Expr("attempts + 1"), "last_error": ""}).Error)
}

// MarkMailFailed records a failed try with its reason and ends owner's lease. With retryAt the
// mail is tried again then; without it the mail has failed for good and its bodies are cleared.
func (s *Store) MarkMailFailed(ctx context.Context, owner, id, reason string, retryAt *time.Time) error {
	if len(reason) > 500 {
		reason = reason[:500]
	}
	updates := map[string]any{"attempts": gorm.Expr("attempts + 1"), "last_error": reason, "lease_until": nil}
	if retryAt != nil {
		updates["next_attempt_at"] = retryAt.UTC()
	} else {
		updates["failed_at"], updates["text_body"], updates["html_body"] = time.Now().UTC(), "", ""
	}
	return mapErr(s.db.WithContext(ctx).Model(&OutboxMail{}).Where("id = ? AND lease_owner = ?", id, owner).
		Updates(updates).Error)
}
