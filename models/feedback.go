package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// LessonFeedback is a learner's rating of a lesson and, for kinds other than praise, a report
// that an author resolves with a response. One per learner and lesson: a new one replaces it.
type LessonFeedback struct {
	ID         string `gorm:"primaryKey;size:32"`
	UserID     string `gorm:"size:32;not null;uniqueIndex:idx_feedback,priority:1"`
	LessonSlug string `gorm:"size:100;not null;uniqueIndex:idx_feedback,priority:2;index"`
	LessonHash string `gorm:"size:64;not null"`
	Rating     int    `gorm:"not null"`
	Kind       string `gorm:"size:16;not null"`
	Comment    string `gorm:"type:text;not null;default:''"`
	Group      string `gorm:"column:discipline_group;size:16;not null"`
	Status     string `gorm:"size:16;not null;default:open;index"`
	Response   string `gorm:"type:text;not null;default:''"`
	ResolvedBy *string
	ResolvedAt *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// SaveFeedback stores f as the learner's feedback on its lesson, replacing an earlier one (which
// reopens it), and appends ev, in one transaction. Concurrent saves leave one row.
func (s *Store) SaveFeedback(ctx context.Context, f *LessonFeedback, ev ProgressEvent) (*LessonFeedback, error) {
	now := time.Now().UTC()
	f.ID, f.Status, f.CreatedAt, f.UpdatedAt = NewID(), "open", now, now
	var saved LessonFeedback
	err := s.tx(ctx, func(tx *gorm.DB) error {
		err := tx.Clauses(clause.OnConflict{
			Columns: []clause.Column{{Name: "user_id"}, {Name: "lesson_slug"}},
			DoUpdates: clause.Assignments(map[string]any{
				"lesson_hash": f.LessonHash, "rating": f.Rating, "kind": f.Kind, "comment": f.Comment,
				"discipline_group": f.Group, "status": "open", "response": "", "resolved_by": nil, "resolved_at": nil,
				"updated_at": now,
			}),
		}).Create(f).Error
		if err != nil {
			return err
		}
		if err := tx.Where("user_id = ? AND lesson_slug = ?", f.UserID, f.LessonSlug).Take(&saved).Error; err != nil {
			return err
		}
		ev.ObjectID = saved.ID
		return s.insertEvents(tx, ev)
	})
	return &saved, err
}

// FeedbackByID returns one learner's feedback on a lesson.
func (s *Store) FeedbackByID(ctx context.Context, id string) (*LessonFeedback, error) {
	var f LessonFeedback
	return &f, mapErr(s.db.WithContext(ctx).Where("id = ?", id).Take(&f).Error)
}

// FeedbackByUser returns a learner's feedback, newest first; lessonSlug narrows it to one lesson.
func (s *Store) FeedbackByUser(ctx context.Context, userID, lessonSlug string) ([]LessonFeedback, error) {
	q := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("updated_at DESC")
	if lessonSlug != "" {
		q = q.Where("lesson_slug = ?", lessonSlug)
	}
	var out []LessonFeedback
	return out, mapErr(q.Find(&out).Error)
}

// FeedbackStat aggregates the feedback on one lesson from one discipline group.
type FeedbackStat struct {
	LessonSlug  string
	Group       string `gorm:"column:discipline_group"`
	N           int
	RatingSum   int
	Unclear     int
	Errors      int `gorm:"column:errors"`
	Suggestions int
	Praise      int
	Open        int
}

// FeedbackStats aggregates all feedback in the database by lesson and discipline group.
func (s *Store) FeedbackStats(ctx context.Context) ([]FeedbackStat, error) {
	var out []FeedbackStat
	err := s.db.WithContext(ctx).Model(&LessonFeedback{}).Select(`lesson_slug, discipline_group, COUNT(*) AS n,
		SUM(rating) AS rating_sum,
		SUM(CASE WHEN kind = 'unclear' THEN 1 ELSE 0 END) AS unclear,
		SUM(CASE WHEN kind = 'error' THEN 1 ELSE 0 END) AS errors,
		SUM(CASE WHEN kind = 'suggestion' THEN 1 ELSE 0 END) AS suggestions,
		SUM(CASE WHEN kind = 'praise' THEN 1 ELSE 0 END) AS praise,
		SUM(CASE WHEN status = 'open' AND kind <> 'praise' THEN 1 ELSE 0 END) AS open`).
		Group("lesson_slug, discipline_group").Scan(&out).Error
	return out, mapErr(err)
}

// OpenReports returns the open reports (feedback other than praise), oldest first.
func (s *Store) OpenReports(ctx context.Context) ([]LessonFeedback, error) {
	var out []LessonFeedback
	err := s.db.WithContext(ctx).Where("status = 'open' AND kind <> 'praise'").Order("created_at").Find(&out).Error
	return out, mapErr(err)
}

// seenByInstructor holds for feedback an instructor may read: from a learner of a cohort they
// teach, on a lesson of that cohort's tracks, given or changed since the learner joined it.
const seenByInstructor = `EXISTS (SELECT 1 FROM cohort_instructors ci
	JOIN cohort_members cm ON cm.cohort_id = ci.cohort_id
	JOIN cohort_tracks ct ON ct.cohort_id = ci.cohort_id
	JOIN lessons l ON l.slug = lesson_feedbacks.lesson_slug
	JOIN modules mo ON mo.slug = l.module_slug AND mo.track_slug = ct.track_slug
	WHERE ci.user_id = ? AND cm.user_id = lesson_feedbacks.user_id AND lesson_feedbacks.updated_at >= cm.added_at)`

// OpenReportsSeenBy returns the open reports an instructor may read (see seenByInstructor),
// oldest first.
func (s *Store) OpenReportsSeenBy(ctx context.Context, instructorID string) ([]LessonFeedback, error) {
	var out []LessonFeedback
	err := s.db.WithContext(ctx).Where("status = 'open' AND kind <> 'praise'").Where(seenByInstructor, instructorID).
		Order("created_at").Find(&out).Error
	return out, mapErr(err)
}

// FeedbackSeenBy reports whether an instructor may read the feedback with this id.
func (s *Store) FeedbackSeenBy(ctx context.Context, id, instructorID string) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&LessonFeedback{}).Where("id = ?", id).Where(seenByInstructor, instructorID).Count(&n).Error
	return n > 0, mapErr(err)
}

// ResolveFeedback closes a report with a response and appends ev, in one transaction.
func (s *Store) ResolveFeedback(ctx context.Context, id, resolverID, response string, ev ProgressEvent) (*LessonFeedback, error) {
	now := time.Now().UTC()
	var f LessonFeedback
	err := s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&LessonFeedback{}).Where("id = ?", id).Updates(map[string]any{
			"status": "resolved", "response": response, "resolved_by": resolverID, "resolved_at": now, "updated_at": now,
		})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		if err := tx.Where("id = ?", id).Take(&f).Error; err != nil {
			return err
		}
		ev.ObjectID = f.ID
		return s.insertEvents(tx, ev)
	})
	return &f, err
}
