package attempts

import (
	"context"
	"time"

	"tandem/courses"
	"tandem/models"
	"tandem/quizzes"
)

// moment is what decides the review of the learner's attempt a now: the time, its deadline,
// and, where a review part waits for the last attempt, whether the learner has one left.
func (s *Service) moment(ctx context.Context, quiz *courses.Quiz, a *models.QuizAttempt) (quizzes.Moment, error) {
	if !waitsForLastAttempt(&quiz.Review) || quiz.MaxAttempts == 0 {
		return s.momentAmong(quiz, a, nil), nil
	}
	rows, err := s.store.AttemptsOf(ctx, a.UserID, quiz.Slug)
	if err != nil {
		return quizzes.Moment{}, err
	}
	return s.momentAmong(quiz, a, rows), nil
}

// momentAmong is the moment of a when the learner's attempts at quiz are rows (which only a
// review part waiting for the last attempt needs).
func (s *Service) momentAmong(quiz *courses.Quiz, a *models.QuizAttempt, rows []models.QuizAttempt) quizzes.Moment {
	now := s.now()
	left := !waitsForLastAttempt(&quiz.Review) || attemptsLeft(rows, quiz.MaxAttempts, now)
	return quizzes.Moment{Now: now, Deadline: a.Deadline, AttemptsLeft: left}
}

func waitsForLastAttempt(r *quizzes.Review) bool {
	for _, w := range []quizzes.When{r.Correctness, r.RightAnswer, r.Explanations, r.Score} {
		if w == quizzes.AfterLastAttempt {
			return true
		}
	}
	return false
}

// attemptsLeft reports whether a learner with these attempts at a quiz may still start one
// (fewer than maxAttempts; 0 is unlimited) or still submit one (open, within its time limit).
func attemptsLeft(rows []models.QuizAttempt, maxAttempts int, now time.Time) bool {
	if maxAttempts == 0 || len(rows) < maxAttempts {
		return true
	}
	for _, a := range rows {
		if a.SubmittedAt == nil && (a.Deadline == nil || now.Before(a.Deadline.Add(Grace))) {
			return true
		}
	}
	return false
}
