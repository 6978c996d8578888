package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// How a notice is mailed, decided when it is written from its reader's preferences.
const (
	MailImmediate = "immediate"
	MailDigest    = "digest"
	MailOff       = "off"
)

// Notification is one notice to one user: what happened, a line or two more, and the page of
// the web UI to open. A notice with a OnceKey is written at most once per user and key (a due
// date is announced once, however many servers look). Email says how it is mailed: at once
// (queued in the same transaction), in the next daily digest, or not at all.
type Notification struct {
	ID         string     `gorm:"primaryKey;size:32;index:idx_notification_user,priority:2"`
	UserID     string     `gorm:"size:32;not null;index:idx_notification_user,priority:1;uniqueIndex:idx_notification_once,priority:1"`
	Kind       string     `gorm:"size:64;not null"`
	Title      string     `gorm:"size:300;not null"`
	Body       string     `gorm:"size:2000;not null;default:''"`
	Link       string     `gorm:"size:500;not null;default:''"`
	OnceKey    *string    `gorm:"size:200;uniqueIndex:idx_notification_once,priority:2"`
	Email      string     `gorm:"size:16;not null;default:'';index:idx_notification_digest,priority:1"`
	DigestedAt *time.Time `gorm:"index:idx_notification_digest,priority:2"`
	ReadAt     *time.Time
	CreatedAt  time.Time
}

// NotificationPreference is how a user wants notices of one kind mailed, when it is not the
// kind's default.
type NotificationPreference struct {
	UserID string `gorm:"primaryKey;size:32"`
	Kind   string `gorm:"primaryKey;size:64"`
	Email  string `gorm:"size:16;not null"`
}

// NotificationSetting is a user's time zone for the daily digest, the local day of the last
// digest, and the lease of the server writing the next one.
type NotificationSetting struct {
	UserID     string `gorm:"primaryKey;size:32"`
	TimeZone   string `gorm:"size:64;not null;default:''"` // IANA name; empty means UTC
	DigestedOn string `gorm:"size:10;not null;default:''"` // YYYY-MM-DD in TimeZone
	LeaseOwner string `gorm:"size:64;not null;default:''"`
	LeaseUntil *time.Time
}

// Recipient is a user who is sent notices, with their mail preferences.
type Recipient struct {
	UserID   string
	Email    string
	Name     string
	Verified bool              // only a verified address is mailed
	Language string            // the interface language the user chose; empty when none
	Prefs    map[string]string // kind -> email mode, where not the default
}

// Recipients returns the users of ids who still have an account, with their preferences;
// it joins the transaction ctx carries.
func (s *Store) Recipients(ctx context.Context, ids []string) (map[string]Recipient, error) {
	db := s.conn(ctx)
	var users []User
	if err := db.Where("id IN ? AND erased_at IS NULL", ids).Find(&users).Error; err != nil {
		return nil, mapErr(err)
	}
	var prefs []NotificationPreference
	if err := db.Where("user_id IN ?", ids).Find(&prefs).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make(map[string]Recipient, len(users))
	for _, u := range users {
		out[u.ID] = Recipient{UserID: u.ID, Email: u.Email, Name: u.Name, Verified: u.EmailVerifiedAt != nil, Language: u.Language, Prefs: map[string]string{}}
	}
	for _, p := range prefs {
		if r, ok := out[p.UserID]; ok {
			r.Prefs[p.Kind] = p.Email
		}
	}
	return out, nil
}

// AddNotifications writes notices in one transaction (or the one ctx carries), skipping any
// whose OnceKey its user has had already, and queues the mail mailFor makes of each written
// notice to be mailed at once. It returns how many it wrote.
func (s *Store) AddNotifications(ctx context.Context, rows []Notification, mailFor func(Notification) *OutboxMail) (int, error) {
	now := time.Now().UTC()
	added := 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var mails []*OutboxMail
		for _, n := range rows {
			n.ID, n.CreatedAt, n.ReadAt, n.DigestedAt = NewID(), now, nil, nil
			res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&n)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				continue
			}
			added++
			if n.Email == MailImmediate {
				mails = append(mails, mailFor(n))
			}
		}
		return enqueueMail(tx, mails...)
	})
	return added, err
}

// Notifications returns up to limit of a user's notices, newest first, before the notice id
// before (all when empty); with unread, only those not read.
func (s *Store) Notifications(ctx context.Context, userID string, unread bool, before string, limit int) ([]Notification, error) {
	q := s.db.WithContext(ctx).Where("user_id = ?", userID)
	if unread {
		q = q.Where("read_at IS NULL")
	}
	if before != "" {
		q = q.Where("id < ?", before)
	}
	var out []Notification
	return out, mapErr(q.Order("id DESC").Limit(limit).Find(&out).Error)
}

// UnreadNotifications counts a user's unread notices.
func (s *Store) UnreadNotifications(ctx context.Context, userID string) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", userID).Count(&n).Error
	return n, mapErr(err)
}

// MarkNotificationRead marks one of a user's notices read; ErrNotFound when the user has no
// notice id. Marking a read notice again changes nothing.
func (s *Store) MarkNotificationRead(ctx context.Context, userID, id string) error {
	db := s.db.WithContext(ctx)
	res := db.Model(&Notification{}).Where("id = ? AND user_id = ? AND read_at IS NULL", id, userID).Update("read_at", time.Now().UTC())
	if res.Error != nil || res.RowsAffected == 1 {
		return mapErr(res.Error)
	}
	var n int64
	if err := db.Model(&Notification{}).Where("id = ? AND user_id = ?", id, userID).Count(&n).Error; err != nil {
		return mapErr(err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// MarkAllNotificationsRead marks every unread notice of a user read and returns how many.
func (s *Store) MarkAllNotificationsRead(ctx context.Context, userID string) (int64, error) {
	res := s.db.WithContext(ctx).Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", userID).Update("read_at", time.Now().UTC())
	return res.RowsAffected, mapErr(res.Error)
}

// NotificationSettings returns a user's digest settings (zero when never saved) and the
// preferences that differ from each kind's default.
func (s *Store) NotificationSettings(ctx context.Context, userID string) (NotificationSetting, []NotificationPreference, error) {
	db := s.db.WithContext(ctx)
	var set []NotificationSetting
	if err := db.Where("user_id = ?", userID).Limit(1).Find(&set).Error; err != nil {
		return NotificationSetting{}, nil, mapErr(err)
	}
	var prefs []NotificationPreference
	if err := db.Where("user_id = ?", userID).Order("kind").Find(&prefs).Error; err != nil {
		return NotificationSetting{}, nil, mapErr(err)
	}
	if len(set) == 0 {
		return NotificationSetting{UserID: userID}, prefs, nil
	}
	return set[0], prefs, nil
}

// SaveNotificationSettings replaces a user's preferences with prefs and sets their time zone,
// in one transaction.
func (s *Store) SaveNotificationSettings(ctx context.Context, userID, timeZone string, prefs []NotificationPreference) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "user_id"}},
			DoUpdates: clause.Assignments(map[string]any{"time_zone": timeZone})}).
			Create(&NotificationSetting{UserID: userID, TimeZone: timeZone}).Error; err != nil {
			return err
		}
		if err := tx.Where("user_id = ?", userID).Delete(&NotificationPreference{}).Error; err != nil {
			return err
		}
		for i := range prefs {
			prefs[i].UserID = userID
		}
		if len(prefs) == 0 {
			return nil
		}
		return tx.Create(&prefs).Error
	})
}

// eraseNotifications deletes a user's notices, preferences and digest settings.
func eraseNotifications(tx *gorm.DB, u *User) error {
	for _, table := range []any{&Notification{}, &NotificationPreference{}, &NotificationSetting{}} {
		if err := tx.Where("user_id = ?", u.ID).Delete(table).Error; err != nil {
			return err
		}
	}
	return nil
}
