// Package regrade puts right what a catalogue change to a quiz's key or points leaves wrong:
// it finds the submitted attempts graded against an earlier version of a quiz, shows what
// grading them by the current version would change (a dry run), and regrades them, so that
// scores, item analysis, progress, certificate eligibility and LTI grades follow.
package regrade

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"

	"tandem/attempts"
	"tandem/auth"
	"tandem/courses"
	"tandem/errs"
	"tandem/models"
	"tandem/quizzes"
)

// Store is what regrading needs from the database.
type Store interface {
	StaleQuizzes(ctx context.Context) ([]models.StaleQuiz, error)
	RegradeQuiz(ctx context.Context, run models.RegradeRun) ([]models.LearnerRegrade, error)
	UsersByIDs(ctx context.Context, ids []string) ([]models.User, error)
}

// Notifier tells learners that a regrade changed their result at a quiz. It is called once
// per regrade, after it is stored, with the learners whose counted result changed.
type Notifier interface {
	RegradeApplied(ctx context.Context, userIDs []string, quizSlug string) error
}

// Service lists, previews and applies regrades. Content authors and admins may use it.
type Service struct {
	store    Store
	catalog  *courses.Catalog
	notifier Notifier
	log      *slog.Logger
}

// NewService returns the service; notifier may be nil (then no one is told).
func NewService(store Store, catalog *courses.Catalog, notifier Notifier, log *slog.Logger) *Service {
	return &Service{store: store, catalog: catalog, notifier: notifier, log: log}
}

// StaleQuiz is a quiz some of whose submitted attempts were graded against an earlier
// version of it.
type StaleQuiz struct {
	Quiz     string `json:"quiz"`
	Title    string `json:"title"`
	Attempts int    `json:"attempts"`
	Learners int    `json:"learners"`
}

var errNotStaff = errs.Forbidden("Only content authors and admins regrade quizzes.")

func mayRegrade(caller auth.Caller) error {
	if caller.IsAdmin() || slices.Contains(caller.Roles, auth.RoleAuthor) {
		return nil
	}
	return errNotStaff
}

// Stale lists the quizzes with attempts graded against an earlier version.
func (s *Service) Stale(ctx context.Context, caller auth.Caller) ([]StaleQuiz, error) {
	if err := mayRegrade(caller); err != nil {
		return nil, err
	}
	rows, err := s.store.StaleQuizzes(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]StaleQuiz, 0, len(rows))
	for _, r := range rows {
		if q, ok := s.catalog.Quiz(r.QuizSlug); ok {
			out = append(out, StaleQuiz{Quiz: q.Slug, Title: q.Title, Attempts: r.Attempts, Learners: r.Learners})
		}
	}
	return out, nil
}

// Preview shows what regrading quiz would change, and changes nothing.
func (s *Service) Preview(ctx context.Context, caller auth.Caller, slug string) (*Report, error) {
	return s.run(ctx, caller, slug, true)
}

// Apply regrades quiz's attempts graded against an earlier version. When there are none
// (another regrade came first) it answers 409 nothing_to_regrade.
func (s *Service) Apply(ctx context.Context, caller auth.Caller, slug string) (*Report, error) {
	r, err := s.run(ctx, caller, slug, false)
	if err != nil {
		return nil, err
	}
	if r.Attempts == 0 {
		return nil, errs.Conflict("nothing_to_regrade", "Every attempt at this quiz is graded by its current version already.")
	}
	s.notify(ctx, r)
	return r, nil
}

func (s *Service) run(ctx context.Context, caller auth.Caller, slug string, dry bool) (*Report, error) {
	if err := mayRegrade(caller); err != nil {
		return nil, err
	}
	quiz, ok := s.catalog.Quiz(slug)
	if !ok {
		return nil, errs.NotFound("Quiz")
	}
	learners, err := s.store.RegradeQuiz(ctx, models.RegradeRun{Quiz: quiz.Slug, Hash: quiz.Hash, ActorID: caller.ID,
		GradeLast: quiz.Grading == quizzes.GradeLast, DryRun: dry, Grade: grader(quiz), Event: eventOf(quiz)})
	if err != nil {
		return nil, err
	}
	names, err := s.names(ctx, caller, learners)
	if err != nil {
		return nil, err
	}
	return report(quiz, dry, learners, names), nil
}

// names are the learners' names, for admins only: an author needs the effect, not who.
func (s *Service) names(ctx context.Context, caller auth.Caller, learners []models.LearnerRegrade) (map[string]string, error) {
	out := map[string]string{}
	if !caller.IsAdmin() || len(learners) == 0 {
		return out, nil
	}
	ids := make([]string, len(learners))
	for i, l := range learners {
		ids[i] = l.UserID
	}
	users, err := s.store.UsersByIDs(ctx, ids)
	for _, u := range users {
		out[u.ID] = u.Name
	}
	return out, err
}

// notify tells the learners whose counted result changed; a failure is logged, as the
// regrade stands.
func (s *Service) notify(ctx context.Context, r *Report) {
	if s.notifier == nil {
		return
	}
	var ids []string
	for _, l := range r.Learners {
		if l.Before != l.After {
			ids = append(ids, l.User)
		}
	}
	if len(ids) == 0 {
		return
	}
	if err := s.notifier.RegradeApplied(ctx, ids, r.Quiz); err != nil {
		s.log.ErrorContext(ctx, "regrade notification", "quiz", r.Quiz, "err", err)
	}
}

// grader grades an attempt again by quiz as it is now.
func grader(quiz *courses.Quiz) func(a *models.QuizAttempt) (*models.Regraded, error) {
	return func(a *models.QuizAttempt) (*models.Regraded, error) {
		var answers []quizzes.Answer
		var earlier []quizzes.Result
		if err := json.Unmarshal([]byte(a.Answers), &answers); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(a.Results), &earlier); err != nil {
			return nil, err
		}
		g := quizzes.Regrade(quiz.Question, answers, earlier)
		results, err := json.Marshal(g.Results)
		if err != nil {
			return nil, err
		}
		after := *a
		after.Score = g.Score
		return &models.Regraded{Score: g.Score, MaxScore: g.MaxScore, Percent: g.Percent, Passed: attempts.Passes(quiz, g),
			Results: string(results), Responses: attempts.Responses(&after, g.Results, answers, "")}, nil
	}
}

// eventOf records a learner's counted result after a regrade as they are recorded on
// submission, marked regraded: progress and LTI grades are derived from it.
func eventOf(quiz *courses.Quiz) func(userID string, counted *models.QuizAttempt) models.ProgressEvent {
	return func(userID string, a *models.QuizAttempt) models.ProgressEvent {
		verb := "failed"
		if a.Passed {
			verb = "passed"
		}
		return models.NewEvent(userID, verb, "quiz", quiz.Slug, quiz.Module.Track.Slug, map[string]any{
			"attempt": a.ID, "score": a.Score, "max_score": a.MaxScore, "percent": a.Percent, "passed": a.Passed, "regraded": true})
	}
}
