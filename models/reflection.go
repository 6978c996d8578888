package models

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The marking states of an attempt (QuizAttempt.Marking) and of a reflection answer.
const (
	MarkingAwaited    = "awaiting_marking"
	MarkingModeration = "awaiting_moderation"
	MarkingDone       = "marked"
)

// ReflectionAnswer is a learner's answer to a reflection question in a submitted attempt, as
// markers read it (the Markdown rendered and sanitised once), with its marking state and, once
// marked, the points it earned.
type ReflectionAnswer struct {
	AttemptID   string  `gorm:"primaryKey;size:32"`
	QuestionID  string  `gorm:"primaryKey;size:100"`
	UserID      string  `gorm:"size:32;not null;index:idx_reflection_answers_user_id"`
	QuizSlug    string  `gorm:"size:100;not null"`
	BodyHTML    string  `gorm:"type:text;not null;default:''"`
	MaxPoints   float64 `gorm:"not null"`
	Status      string  `gorm:"size:24;not null;index:idx_reflection_answers_status"`
	Points      *float64
	SubmittedAt time.Time
	MarkedAt    *time.Time
}

// ReflectionMark is one marker's mark of a reflection answer: as its clinical or technical
// marker, or as the moderator when those two disagree. One per answer and role.
type ReflectionMark struct {
	ID         string  `gorm:"primaryKey;size:32"`
	AttemptID  string  `gorm:"size:32;not null;uniqueIndex:idx_reflection_mark_role,priority:1"`
	QuestionID string  `gorm:"size:100;not null;uniqueIndex:idx_reflection_mark_role,priority:2"`
	Role       string  `gorm:"size:16;not null;uniqueIndex:idx_reflection_mark_role,priority:3"`
	MarkerID   string  `gorm:"size:32;not null;index:idx_reflection_marks_marker_id"`
	Scores     string  `gorm:"type:text;not null"` // JSON: criterion id to points
	Points     float64 `gorm:"not null"`
	Comment    string  `gorm:"type:text;not null;default:''"`
	CreatedAt  time.Time
}

// MarkOutcome is what a new mark changes, decided under the attempt's lock: every reflection
// answer of the attempt as it now stands and, when the last one is marked, the attempt's
// final grade with the responses and events that go with it.
type MarkOutcome struct {
	Answers   []ReflectionAnswer
	Final     *QuizAttempt
	Responses []QuestionResponse
	Events    []ProgressEvent
}

// MarkDecider decides a MarkOutcome from the attempt, its reflection answers and every mark
// including the new one; an error rolls the mark back.
type MarkDecider func(a *QuizAttempt, answers []ReflectionAnswer, marks []ReflectionMark) (*MarkOutcome, error)

// AddReflectionMark stores m and applies what decide makes of it, in one transaction that
// first locks the attempt, so marks saved at once are decided in turn. A second mark in the
// same role of the same answer is ErrConflict; an answer not awaiting marks is ErrNotFound.
func (s *Store) AddReflectionMark(ctx context.Context, m *ReflectionMark, decide MarkDecider) error {
	m.ID, m.CreatedAt = NewID(), time.Now().UTC().Truncate(time.Microsecond)
	return s.tx(ctx, func(tx *gorm.DB) error {
		var a QuizAttempt
		q := tx.Where("id = ?", m.AttemptID)
		if s.postgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if err := q.Take(&a).Error; err != nil {
			return err
		}
		if err := tx.Create(m).Error; err != nil {
			return err
		}
		answers, marks, err := reflectionsOf(tx, a.ID)
		if err != nil {
			return err
		}
		out, err := decide(&a, answers, marks)
		if err != nil {
			return err
		}
		return s.applyMarkOutcome(tx, out)
	})
}

// applyMarkOutcome writes the answers' states and, with a final grade, the attempt's grade,
// its responses (counted into the item sums) and its events.
func (s *Store) applyMarkOutcome(tx *gorm.DB, out *MarkOutcome) error {
	for _, ans := range out.Answers {
		if err := tx.Model(&ReflectionAnswer{}).Where("attempt_id = ? AND question_id = ?", ans.AttemptID, ans.QuestionID).
			Updates(map[string]any{"status": ans.Status, "points": ans.Points, "marked_at": ans.MarkedAt}).Error; err != nil {
			return err
		}
	}
	f := out.Final
	if f == nil {
		return nil
	}
	res := tx.Model(&QuizAttempt{}).Where("id = ? AND marking = ?", f.ID, MarkingAwaited).Updates(map[string]any{
		"score": f.Score, "percent": f.Percent, "passed": f.Passed, "results": f.Results, "marking": MarkingDone})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrConflict
	}
	if err := resummariseQuiz(tx, f.UserID, f.QuizSlug); err != nil {
		return err
	}
	if err := s.insertEvents(tx, out.Events...); err != nil {
		return err
	}
	if len(out.Responses) > 0 {
		if err := tx.Create(&out.Responses).Error; err != nil {
			return err
		}
	}
	f.Marking = MarkingDone
	return s.addToItemSums(tx, f)
}

// reflectionsOf reads an attempt's reflection answers and their marks, in a stable order.
func reflectionsOf(db *gorm.DB, attemptID string) ([]ReflectionAnswer, []ReflectionMark, error) {
	var answers []ReflectionAnswer
	if err := db.Where("attempt_id = ?", attemptID).Order("question_id").Find(&answers).Error; err != nil {
		return nil, nil, err
	}
	var marks []ReflectionMark
	err := db.Where("attempt_id = ?", attemptID).Order("created_at, id").Find(&marks).Error
	return answers, marks, err
}

// ReflectionsOf returns an attempt's reflection answers and their marks.
func (s *Store) ReflectionsOf(ctx context.Context, attemptID string) ([]ReflectionAnswer, []ReflectionMark, error) {
	answers, marks, err := reflectionsOf(s.db.WithContext(ctx), attemptID)
	return answers, marks, mapErr(err)
}

// ReflectionQueue lists the reflection answers that cohortID's members gave at quizSlugs since
// they joined it, in one of statuses, oldest first, at most limit of them, with their marks.
// With after (an answer's attempt and question ids), it lists those after that answer in the
// same order: a page that stays put while answers ahead of it are marked.
func (s *Store) ReflectionQueue(ctx context.Context, cohortID string, quizSlugs, statuses []string, after *ReflectionKey, limit int) ([]ReflectionAnswer, []ReflectionMark, error) {
	db := s.db.WithContext(ctx)
	var answers []ReflectionAnswer
	q := db.Table("reflection_answers AS r").Select("r.*").
		Joins("JOIN cohort_members AS m ON m.user_id = r.user_id AND m.cohort_id = ? AND m.added_at <= r.submitted_at", cohortID).
		Where("r.quiz_slug IN ? AND r.status IN ?", quizSlugs, statuses)
	if after != nil {
		q = q.Where("(r.submitted_at, r.attempt_id, r.question_id) > (SELECT c.submitted_at, c.attempt_id, c.question_id "+
			"FROM reflection_answers AS c WHERE c.attempt_id = ? AND c.question_id = ?)", after.AttemptID, after.QuestionID)
	}
	err := q.Order("r.submitted_at, r.attempt_id, r.question_id").Limit(limit).Scan(&answers).Error
	if err != nil || len(answers) == 0 {
		return answers, nil, mapErr(err)
	}
	ids := make([]string, len(answers))
	for i, a := range answers {
		ids[i] = a.AttemptID
	}
	var marks []ReflectionMark
	err = db.Where("attempt_id IN ?", ids).Order("created_at, id").Find(&marks).Error
	return answers, marks, mapErr(err)
}

// ReflectionKey names one reflection answer: where a page of the marking queue ends.
type ReflectionKey struct {
	AttemptID, QuestionID string
}

// ReflectionAnswerIn returns the reflection answer to questionID in attemptID when its learner
// was a member of cohortID when submitting it, else ErrNotFound.
func (s *Store) ReflectionAnswerIn(ctx context.Context, cohortID, attemptID, questionID string) (*ReflectionAnswer, error) {
	var ans ReflectionAnswer
	err := s.db.WithContext(ctx).Table("reflection_answers AS r").Select("r.*").
		Joins("JOIN cohort_members AS m ON m.user_id = r.user_id AND m.cohort_id = ? AND m.added_at <= r.submitted_at", cohortID).
		Where("r.attempt_id = ? AND r.question_id = ?", attemptID, questionID).Take(&ans).Error
	return &ans, mapErr(err)
}

// eraseReflections clears the reflection answers a person wrote (here and in their attempts'
// answers) and the comments markers wrote on them; the points stay as learning records. The
// marks they gave as a marker stay, without a marker, for the learners they were given to.
func eraseReflections(tx *gorm.DB, u *User) error {
	var answers []ReflectionAnswer
	if err := tx.Where("user_id = ?", u.ID).Find(&answers).Error; err != nil {
		return err
	}
	byAttempt := map[string][]string{}
	for _, a := range answers {
		byAttempt[a.AttemptID] = append(byAttempt[a.AttemptID], a.QuestionID)
		if err := tx.Model(&ReflectionMark{}).Where("attempt_id = ? AND question_id = ?", a.AttemptID, a.QuestionID).
			Update("comment", "").Error; err != nil {
			return err
		}
	}
	if err := tx.Model(&ReflectionAnswer{}).Where("user_id = ?", u.ID).Update("body_html", "").Error; err != nil {
		return err
	}
	for attemptID, questions := range byAttempt {
		if err := clearAnswerTexts(tx, attemptID, questions); err != nil {
			return err
		}
	}
	return tx.Model(&ReflectionMark{}).Where("marker_id = ?", u.ID).Update("marker_id", "").Error
}

// clearAnswerTexts empties the text of the answers to questions in an attempt's answers.
func clearAnswerTexts(tx *gorm.DB, attemptID string, questions []string) error {
	var a QuizAttempt
	if err := tx.Select("id, answers").Where("id = ?", attemptID).Take(&a).Error; err != nil {
		return err
	}
	var answers []map[string]any
	if err := json.Unmarshal([]byte(a.Answers), &answers); err != nil {
		return err
	}
	for _, ans := range answers {
		if id, _ := ans["question_id"].(string); slices.Contains(questions, id) {
			ans["text"] = ""
		}
	}
	b, err := json.Marshal(answers)
	if err != nil {
		return err
	}
	return tx.Model(&QuizAttempt{}).Where("id = ?", attemptID).Update("answers", string(b)).Error
}
