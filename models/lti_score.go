package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// LTIScoreSuperseded is the status of an unsent score after a later score of the same learner
// and line item reached the platform: sending it would change nothing.
const LTIScoreSuperseded = "superseded"

// LTIScore is one score in the grade outbox: a learner's result on a quiz, module or exercise
// of a cohort, to publish to the linked platform course's line item. It is never deleted: it
// is sent, superseded, or failed and shown to the cohort's instructors until one retries it.
type LTIScore struct {
	ID               string  `gorm:"primaryKey;size:32"`
	EventID          string  `gorm:"size:32;not null;uniqueIndex:idx_lti_score_event,priority:1"`
	RegistrationID   string  `gorm:"size:32;not null;uniqueIndex:idx_lti_score_event,priority:2"`
	ContextID        string  `gorm:"size:255;not null;uniqueIndex:idx_lti_score_event,priority:3"`
	ResourceID       string  `gorm:"size:200;not null;uniqueIndex:idx_lti_score_event,priority:4"`
	CohortID         string  `gorm:"size:32;not null;index:idx_lti_score_cohort,priority:1"`
	UserID           string  `gorm:"size:32;not null"`
	Subject          string  `gorm:"size:255;not null"` // the learner's user id on the platform
	Label            string  `gorm:"size:200;not null"`
	ScoreGiven       float64 `gorm:"not null"`
	ScoreMaximum     float64 `gorm:"not null"`
	ActivityProgress string  `gorm:"size:32;not null"`
	GradingProgress  string  `gorm:"size:32;not null"`
	Comment          string  `gorm:"size:1000;not null;default:''"` // shown with the grade on the platform
	ScoredAt         time.Time
	Status           string    `gorm:"size:16;not null;index:idx_lti_score_due,priority:1;index:idx_lti_score_cohort,priority:2"`
	Attempts         int       `gorm:"not null;default:0"`
	NextAttemptAt    time.Time `gorm:"not null;index:idx_lti_score_due,priority:2"`
	LeaseOwner       string    `gorm:"size:100;not null;default:''"`
	LeaseUntil       *time.Time
	LastStatus       int    `gorm:"not null;default:0"`
	LastError        string `gorm:"type:text;not null;default:''"`
	SentAt           *time.Time
	CreatedAt        time.Time
}

// TableName names the table as its migration did.
func (LTIScore) TableName() string { return "lti_scores" }

// LTIPlace is a course a learner is in through a platform: the registration, the course and
// its cohort, and the learner's user id on the platform.
type LTIPlace struct {
	RegistrationID, ContextID, CohortID, Subject string
}

// LTIEventWindow is what one read of learning events for platform grades found: the events of
// it that may carry one, the id the reader's cursor moves to once they are queued, and whether
// it was full (more may follow at once).
type LTIEventWindow struct {
	Events []ProgressEvent
	Last   string
	Full   bool
}

// LTIGradeEvents reads the learning events after the event id after, recorded before before,
// a window of at most window events in id order at a time. It returns up to limit of them that
// may carry a grade (quizzes passed or failed, exercises scored, lessons completed) of learners
// linked to a platform, and how far the cursor may move: to the last of those when there are
// limit of them, else to the window's end, so that events of other learners and kinds are passed
// over and never read again, and a read costs a window, not every event since the last grade.
func (s *Store) LTIGradeEvents(ctx context.Context, after string, before time.Time, window, limit int) (LTIEventWindow, error) {
	db := s.db.WithContext(ctx)
	var span struct {
		N    int
		Last *string
	}
	if err := db.Raw("SELECT COUNT(*) AS n, MAX(id) AS last FROM (SELECT id FROM progress_events WHERE id > ? AND created_at < ? ORDER BY id LIMIT ?) w",
		after, before, window).Scan(&span).Error; err != nil {
		return LTIEventWindow{}, mapErr(err)
	}
	if span.Last == nil {
		return LTIEventWindow{Last: after}, nil
	}
	w := LTIEventWindow{Last: *span.Last, Full: span.N == window}
	err := db.Where("id > ? AND id <= ? AND created_at < ? AND user_id IN (SELECT user_id FROM lti_accounts)", after, w.Last, before).
		Where("(object_type = 'quiz' AND verb IN ('passed', 'failed')) OR (object_type = 'exercise' AND verb = 'scored') OR (object_type = 'lesson' AND verb = 'completed')").
		Order("id").Limit(limit).Find(&w.Events).Error
	if len(w.Events) == limit {
		w.Last, w.Full = w.Events[limit-1].ID, true
	}
	return w, mapErr(err)
}

// LTIPlacesOf returns the platform courses a learner is a member of, through the platform their
// account is linked to.
func (s *Store) LTIPlacesOf(ctx context.Context, userID string) ([]LTIPlace, error) {
	var out []LTIPlace
	err := s.db.WithContext(ctx).Raw(`SELECT a.registration_id, c.context_id, c.cohort_id, a.subject FROM lti_accounts a
JOIN lti_contexts c ON c.registration_id = a.registration_id
JOIN cohort_members m ON m.cohort_id = c.cohort_id AND m.user_id = a.user_id
WHERE a.user_id = ? ORDER BY c.cohort_id`, userID).Scan(&out).Error
	return out, mapErr(err)
}

// LTIGradeCursorAt returns the event id the publisher named name has read up to ("" at first).
func (s *Store) LTIGradeCursorAt(ctx context.Context, name string) (string, error) {
	var c LTIGradeCursor
	err := s.db.WithContext(ctx).Where("name = ?", name).Limit(1).Find(&c).Error
	return c.EventID, mapErr(err)
}

// QueueLTIScores adds scores to the outbox and moves the cursor to eventID (the position read
// up to), in one transaction; a score already queued for the same event and line item is not
// queued twice.
func (s *Store) QueueLTIScores(ctx context.Context, cursor, eventID string, scores []LTIScore) error {
	now := time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		for i := range scores {
			sc := &scores[i]
			sc.ID, sc.Status, sc.NextAttemptAt, sc.CreatedAt = NewID(), LTIScorePending, now, now
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(sc).Error; err != nil {
				return err
			}
		}
		return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "name"}}, DoUpdates: clause.AssignmentColumns([]string{"event_id"})}).
			Create(&LTIGradeCursor{Name: cursor, EventID: eventID}).Error
	})
}

// ClaimLTIScores leases up to limit pending scores that are due, oldest first; scores leased by
// another server whose lease has not run out are skipped, as for learning events.
func (s *Store) ClaimLTIScores(ctx context.Context, owner string, limit int, lease time.Duration) ([]LTIScore, error) {
	now := time.Now().UTC()
	db := s.db.WithContext(ctx)
	const claimable = `status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)`
	res := db.Exec(`UPDATE lti_scores SET lease_owner = ?, lease_until = ?
WHERE id IN (SELECT id FROM lti_scores WHERE `+claimable+` ORDER BY next_attempt_at, id LIMIT ?) AND `+claimable,
		owner, now.Add(lease), now, now, owner, limit, now, now, owner)
	if res.Error != nil {
		return nil, mapErr(res.Error)
	}
	var out []LTIScore
	if res.RowsAffected == 0 {
		return out, nil
	}
	err := db.Where("lease_owner = ? AND status = 'pending' AND lease_until > ?", owner, now).Order("id").Limit(limit).Find(&out).Error
	return out, mapErr(err)
}

// MarkLTIScoreSent records that the platform stored a score; earlier unsent scores of the same
// learner and line item are superseded by it.
func (s *Store) MarkLTIScoreSent(ctx context.Context, sc *LTIScore) error {
	now := time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		err := tx.Model(&LTIScore{}).Where("id = ?", sc.ID).Updates(map[string]any{"status": LTIScoreSent, "sent_at": now,
			"lease_until": nil, "attempts": gorm.Expr("attempts + 1"), "last_status": 0, "last_error": ""}).Error
		if err != nil {
			return err
		}
		return tx.Model(&LTIScore{}).Where("registration_id = ? AND context_id = ? AND resource_id = ? AND user_id = ? AND status IN ? AND id < ?",
			sc.RegistrationID, sc.ContextID, sc.ResourceID, sc.UserID, []string{LTIScorePending, LTIScoreFailed}, sc.ID).
			Updates(map[string]any{"status": LTIScoreSuperseded, "lease_until": nil}).Error
	})
}

// MarkLTIScoreTried records a failed try: the score waits until next, or has failed for good
// when next is nil.
func (s *Store) MarkLTIScoreTried(ctx context.Context, id string, status int, reason string, next *time.Time) error {
	up := map[string]any{"attempts": gorm.Expr("attempts + 1"), "last_status": status, "last_error": reason, "lease_until": nil}
	if next != nil {
		up["next_attempt_at"] = next.UTC()
	} else {
		up["status"] = LTIScoreFailed
	}
	return mapErr(s.db.WithContext(ctx).Model(&LTIScore{}).Where("id = ? AND status = ?", id, LTIScorePending).Updates(up).Error)
}

// LTIScoresOfCohort returns a cohort's scores with a status (every status when empty), newest
// first, at most limit.
func (s *Store) LTIScoresOfCohort(ctx context.Context, cohortID, status string, limit int) ([]LTIScore, error) {
	q := s.db.WithContext(ctx).Where("cohort_id = ?", cohortID)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	var out []LTIScore
	return out, mapErr(q.Order("id DESC").Limit(limit).Find(&out).Error)
}

// RetryLTIScores makes a cohort's failed scores pending again, due now, with fresh tries; ids
// limits it to those scores (all failed ones when empty). It returns how many it retried.
func (s *Store) RetryLTIScores(ctx context.Context, cohortID string, ids []string) (int64, error) {
	q := s.db.WithContext(ctx).Model(&LTIScore{}).Where("cohort_id = ? AND status = ?", cohortID, LTIScoreFailed)
	if len(ids) > 0 {
		q = q.Where("id IN ?", ids)
	}
	res := q.Updates(map[string]any{"status": LTIScorePending, "attempts": 0, "next_attempt_at": time.Now().UTC(), "lease_until": nil})
	return res.RowsAffected, mapErr(res.Error)
}
