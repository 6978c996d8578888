package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// LearnerRecords is what one learner of a cohort shared with its instructors by joining: their
// records on the cohort's lessons and quizzes since they joined, their team in the cohort with
// the roles they took, and the peer ratings given and received in that team.
type LearnerRecords struct {
	User        User
	JoinedAt    time.Time
	Completions []LessonCompletion
	Attempts    []QuizAttempt // submitted since joining, by quiz and number
	Feedback    []LessonFeedback
	Team        *Team // with its members; nil while the learner is in no team of the cohort
	Roles       []TeamRole
	Ratings     []PeerEvaluation // given or received in the team, never of oneself
}

// LearnerRecords reads the records of userID as a member of cohortID, limited to the given
// lessons and quizzes and to what happened since the learner joined, in one snapshot.
// ErrNotFound when the user is not a member of the cohort.
func (s *Store) LearnerRecords(ctx context.Context, cohortID, userID string, lessons, quizzes []string) (*LearnerRecords, error) {
	var r LearnerRecords
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var m CohortMember
		if err := tx.Where("cohort_id = ? AND user_id = ?", cohortID, userID).Take(&m).Error; err != nil {
			return err
		}
		r.JoinedAt = m.AddedAt
		if err := tx.Where("id = ?", userID).Take(&r.User).Error; err != nil {
			return err
		}
		if err := learnerLearning(tx, &r, lessons, quizzes); err != nil {
			return err
		}
		return learnerTeam(tx, &r, cohortID)
	})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// learnerLearning reads the completions, submitted attempts and lesson feedback of r's learner
// on the given lessons and quizzes since they joined.
func learnerLearning(tx *gorm.DB, r *LearnerRecords, lessons, quizzes []string) error {
	id, since := r.User.ID, r.JoinedAt
	if len(lessons) > 0 {
		if err := tx.Where("user_id = ? AND lesson_slug IN ? AND completed_at >= ?", id, lessons, since).
			Order("completed_at").Find(&r.Completions).Error; err != nil {
			return err
		}
		if err := tx.Where("user_id = ? AND lesson_slug IN ? AND updated_at >= ?", id, lessons, since).
			Order("updated_at, id").Find(&r.Feedback).Error; err != nil {
			return err
		}
	}
	if len(quizzes) == 0 {
		return nil
	}
	return tx.Omit("answers", "results", "draft", "id_key").
		Where("user_id = ? AND quiz_slug IN ? AND submitted_at IS NOT NULL AND submitted_at >= ?", id, quizzes, since).
		Order("quiz_slug, number").Find(&r.Attempts).Error
}

// learnerTeam reads r's learner's team in the cohort, the roles they take in it and the peer
// ratings they gave or received there.
func learnerTeam(tx *gorm.DB, r *LearnerRecords, cohortID string) error {
	var m TeamMember
	err := tx.Where("cohort_id = ? AND user_id = ?", cohortID, r.User.ID).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	var t Team
	if err := tx.Preload("Members").Where("id = ?", m.TeamID).Take(&t).Error; err != nil {
		return err
	}
	r.Team = &t
	if err := tx.Where("team_id = ? AND user_id = ?", t.ID, r.User.ID).Order("exercise_slug, role").Find(&r.Roles).Error; err != nil {
		return err
	}
	return tx.Where("team_id = ? AND (rater_id = ? OR ratee_id = ?) AND rater_id <> ratee_id", t.ID, r.User.ID, r.User.ID).
		Order("exercise_slug, updated_at, id").Find(&r.Ratings).Error
}
