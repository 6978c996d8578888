package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// DigestCandidate is a user with notices waiting for their daily digest.
type DigestCandidate struct {
	UserID     string
	TimeZone   string
	DigestedOn string
}

// DigestCandidates returns up to limit users with unread notices waiting for a digest, with
// their time zone and the local day of their last digest.
func (s *Store) DigestCandidates(ctx context.Context, limit int) ([]DigestCandidate, error) {
	var out []DigestCandidate
	err := s.db.WithContext(ctx).Table("notifications AS n").
		Select("DISTINCT n.user_id, COALESCE(ns.time_zone, '') AS time_zone, COALESCE(ns.digested_on, '') AS digested_on").
		Joins("LEFT JOIN notification_settings ns ON ns.user_id = n.user_id").
		Where("n.email = ? AND n.digested_at IS NULL AND n.read_at IS NULL", MailDigest).
		Order("n.user_id").Limit(limit).Scan(&out).Error
	return out, mapErr(err)
}

// ClaimDigest leases the digest of day (the user's local YYYY-MM-DD) to owner: it reports
// false when that day's digest was written already or another server holds an unexpired
// lease. The condition is checked on the row being updated, so of two servers claiming at
// once only one succeeds.
func (s *Store) ClaimDigest(ctx context.Context, owner, userID, day string, lease time.Duration) (bool, error) {
	now := time.Now().UTC()
	db := s.db.WithContext(ctx)
	if err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&NotificationSetting{UserID: userID}).Error; err != nil {
		return false, mapErr(err)
	}
	res := db.Model(&NotificationSetting{}).
		Where("user_id = ? AND digested_on < ? AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)", userID, day, now, owner).
		Updates(map[string]any{"lease_owner": owner, "lease_until": now.Add(lease)})
	return res.RowsAffected == 1, mapErr(res.Error)
}

// PendingDigest returns the unread notices waiting for a user's digest, oldest first.
func (s *Store) PendingDigest(ctx context.Context, userID string) ([]Notification, error) {
	var out []Notification
	err := s.db.WithContext(ctx).Where("user_id = ? AND email = ? AND digested_at IS NULL AND read_at IS NULL", userID, MailDigest).
		Order("id").Find(&out).Error
	return out, mapErr(err)
}

// FinishDigest ends owner's lease of a user's digest. With a mail, in one transaction, it
// queues the mail, marks the notices ids digested and records day as digested; ErrConflict
// when owner no longer holds the lease (nothing is queued then). Without a mail it only ends
// the lease.
func (s *Store) FinishDigest(ctx context.Context, owner, userID, day string, ids []string, mail *OutboxMail) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		updates := map[string]any{"lease_until": nil, "lease_owner": ""}
		if mail != nil {
			updates["digested_on"] = day
		}
		res := tx.Model(&NotificationSetting{}).Where("user_id = ? AND lease_owner = ? AND digested_on < ?", userID, owner, day).Updates(updates)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if mail == nil {
			return nil
		}
		if err := tx.Model(&Notification{}).Where("id IN ?", ids).Update("digested_at", time.Now().UTC()).Error; err != nil {
			return err
		}
		return enqueueMail(tx, mail)
	})
}

// DueExercise is an exercise a cohort's teams must submit by a due date.
type DueExercise struct {
	CohortID     string
	ExerciseSlug string
	DueOn        string
	TimeZone     string
}

// DueExercises returns the cohorts' exercises due from day from to day to (YYYY-MM-DD),
// with each cohort's time zone.
func (s *Store) DueExercises(ctx context.Context, from, to string) ([]DueExercise, error) {
	var out []DueExercise
	err := s.db.WithContext(ctx).Table("cohort_exercises AS ce").
		Select("ce.cohort_id, ce.exercise_slug, ce.due_on, c.time_zone").
		Joins("JOIN cohorts c ON c.id = ce.cohort_id").
		Where("ce.due_on >= ? AND ce.due_on <= ?", from, to).
		Order("ce.cohort_id, ce.position").Scan(&out).Error
	return out, mapErr(err)
}

// MembersYetToSubmit returns the team members of a cohort whose team has sent no version of
// exercise.
func (s *Store) MembersYetToSubmit(ctx context.Context, cohortID, exercise string) ([]TeamMember, error) {
	var out []TeamMember
	err := s.db.WithContext(ctx).Where("cohort_id = ? AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.team_id = team_members.team_id AND s.exercise_slug = ?)",
		cohortID, exercise).Order("team_id, user_id").Find(&out).Error
	return out, mapErr(err)
}
