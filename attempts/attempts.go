// Package attempts runs quiz attempts: the server draws and shuffles an attempt's questions
// from a stored seed, sends nothing that gives an answer away, grades a submission once, and
// shows each learner only the feedback the quiz allows. Judgement answers feed the
// perspectives of clinical and technical learners.
package attempts

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"net/http"
	"strings"
	"time"

	"tandem/auth"
	"tandem/courses"
	"tandem/errs"
	"tandem/locale"
	"tandem/models"
	"tandem/quizzes"
)

// Store is what attempts need from the database.
type Store interface {
	StartAttempt(ctx context.Context, a *models.QuizAttempt, limit models.Limit, plan models.StartPlan, ev models.ProgressEvent, check *models.SessionCheck) error
	AttemptByID(ctx context.Context, userID, id string) (*models.QuizAttempt, error)
	AttemptsOf(ctx context.Context, userID, quizSlug string) ([]models.QuizAttempt, error)
	SaveAttemptDraft(ctx context.Context, userID, id, draft string, at time.Time) error
	AttemptAndDiscipline(ctx context.Context, userID, id string, check *models.SessionCheck) (*models.QuizAttempt, string, error)
	SubmitAttempt(ctx context.Context, graded models.GradedAttempt) ([]models.QuizAttempt, error)
	ReflectionsOf(ctx context.Context, attemptID string) ([]models.ReflectionAnswer, []models.ReflectionMark, error)
	HasJudgementAnswer(ctx context.Context, userID, key string) (bool, error)
	JudgementCounts(ctx context.Context, key string) ([]models.JudgementCount, error)
	CohortRole(ctx context.Context, cohortID, userID string) (string, error)
	ItemData(ctx context.Context, sc models.ResponseScope) (*models.ItemData, error)
}

// Grace is how long after its deadline a submission is still accepted, for the network.
const Grace = 30 * time.Second

// MinGroupSize is the fewest answers a discipline group needs before its choices are shown.
const MinGroupSize = 5

// Service starts, shows and grades attempts.
type Service struct {
	store   Store
	catalog *courses.Catalog
	starts  models.Limit // attempt starts per learner, so a script cannot harvest a quiz's pool
	now     func() time.Time
}

// NewService returns a service over store and the catalogue's quizzes, with starts as the
// limit on attempt starts per learner. Times are kept to the
// microsecond, as PostgreSQL stores them, so an attempt reads back as it was answered.
func NewService(store Store, catalog *courses.Catalog, starts models.Limit) *Service {
	return &Service{store: store, catalog: catalog, starts: starts, now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
}

// QuestionKey is a question's id in the API: the quiz slug and the question's own id, so that
// it is unique across the catalogue.
func QuestionKey(quizSlug, questionID string) string { return quizSlug + "." + questionID }

func splitKey(key string) (quizSlug, questionID string, ok bool) {
	i := strings.LastIndex(key, ".")
	if i <= 0 || i == len(key)-1 {
		return "", "", false
	}
	return key[:i], key[i+1:], true
}

// Start creates the caller's next attempt at quizSlug, with the time limit and attempts the
// learner's accommodations give at that moment. With a key (the request's
// Idempotency-Key) a retry gets the attempt the first request started, marked Replayed; the
// same key at another quiz gets 422 idempotency_key_reused.
func (s *Service) Start(ctx context.Context, caller auth.Caller, quizSlug, key string) (*View, error) {
	userID := caller.ID
	quiz, ok := s.catalog.Quiz(quizSlug)
	if !ok {
		return nil, errs.NotFound("Quiz")
	}
	var seed [8]byte
	_, _ = rand.Read(seed[:])
	now := s.now()
	a := &models.QuizAttempt{
		UserID: userID, QuizSlug: quiz.Slug, Seed: int64(binary.BigEndian.Uint64(seed[:]) >> 1),
		IDKey: newIDKey(), QuizHash: quiz.Hash, StartedAt: now,
	}
	if key != "" {
		a.StartKey = &key
	}
	plan := func(fits []models.Accommodation) (*time.Time, int) {
		limit, allowed := allowance(quiz, fits)
		if limit == 0 {
			return nil, allowed
		}
		d := now.Add(limit)
		return &d, allowed
	}
	ev := models.NewEvent(userID, "attempted", "quiz", quiz.Slug, quiz.Module.Track.Slug, nil)
	err := s.store.StartAttempt(ctx, a, s.starts, plan, ev, caller.Session)
	ctx = inSavedLanguage(ctx, caller.Session)
	var limited *models.RateLimitedError
	if errors.As(err, &limited) {
		return nil, errs.TooMany(limited.Reset)
	}
	if errors.Is(err, models.ErrKeyUsed) {
		return s.replayStart(ctx, quiz, a)
	}
	if errors.Is(err, models.ErrLimitReached) {
		return nil, errs.Conflict("max_attempts_reached", "You have used every attempt this quiz allows.")
	}
	if err != nil {
		return nil, err
	}
	return s.view(quiz, a, quizzes.Moment{Now: now}, locale.From(ctx)), nil
}

// inSavedLanguage returns ctx in the language the caller chose, once the statement that
// checked their session (when their route leaves the check to it) has read it.
func inSavedLanguage(ctx context.Context, check *models.SessionCheck) context.Context {
	if check != nil && check.Live && locale.Valid(check.Language) {
		return locale.With(ctx, check.Language)
	}
	return ctx
}

// newIDKey is a fresh secret for an attempt's opaque ids.
func newIDKey() string {
	var key [32]byte
	_, _ = rand.Read(key[:])
	return base64.RawURLEncoding.EncodeToString(key[:])
}

// replayStart answers a retried start with the attempt its key started, which must be at the
// same quiz.
func (s *Service) replayStart(ctx context.Context, quiz *courses.Quiz, a *models.QuizAttempt) (*View, error) {
	if a.QuizSlug != quiz.Slug {
		return nil, errs.KeyReused()
	}
	m, err := s.moment(ctx, quiz, a)
	if err != nil {
		return nil, err
	}
	v := s.view(quiz, a, m, locale.From(ctx))
	v.Replayed = true
	return v, nil
}

// Get returns the caller's attempt; another learner's attempt is not found.
func (s *Service) Get(ctx context.Context, caller auth.Caller, id string) (*View, error) {
	userID := caller.ID
	a, err := s.store.AttemptByID(ctx, userID, id)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Attempt")
	}
	if err != nil {
		return nil, err
	}
	quiz, ok := s.catalog.Quiz(a.QuizSlug)
	if !ok {
		return nil, errs.New(http.StatusGone, "quiz_retired", "This quiz is no longer in the catalogue.")
	}
	m, err := s.moment(ctx, quiz, a)
	if err != nil {
		return nil, err
	}
	v := s.view(quiz, a, m, locale.From(ctx))
	if v.Result != nil {
		err = s.addMarking(ctx, quiz, a, v.Result)
	}
	return v, err
}

// questions returns the attempt's questions in the order they were presented, with the
// attempt's opaque ids.
func questions(quiz *courses.Quiz, a *models.QuizAttempt) ([]quizzes.Presented, []*quizzes.Question) {
	presented := quizzes.Present(&quiz.Quiz, a.Seed)
	qs := make([]*quizzes.Question, 0, len(presented))
	for _, p := range presented {
		q, _ := quiz.Question(p.ID)
		qs = append(qs, q)
	}
	maskOf(a).Apply(presented, qs)
	return presented, qs
}

// Summary is one attempt in a learner's list: no questions; once submitted, whether it passed
// and, where the quiz's review settings show the score, its percent.
type Summary struct {
	ID          string     `json:"id"`
	Quiz        string     `json:"quiz"`
	Number      int        `json:"number"`
	StartedAt   time.Time  `json:"started_at"`
	Deadline    *time.Time `json:"deadline,omitempty"`
	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
	Percent     *float64   `json:"percent,omitempty"`
	Passed      *bool      `json:"passed,omitempty"`
	Open        bool       `json:"open"`
	// Marking is awaiting_marking while reflection answers wait for their markers (no percent
	// or pass yet), marked once they are in.
	Marking string `json:"marking,omitempty"`
}

// List returns the caller's attempts, at one quiz when quizSlug is given, so an unfinished
// attempt can be resumed rather than a new one started.
func (s *Service) List(ctx context.Context, caller auth.Caller, quizSlug string) ([]Summary, error) {
	userID := caller.ID
	rows, err := s.store.AttemptsOf(ctx, userID, quizSlug)
	if err != nil {
		return nil, err
	}
	now := s.now()
	byQuiz := map[string][]models.QuizAttempt{}
	for _, a := range rows {
		byQuiz[a.QuizSlug] = append(byQuiz[a.QuizSlug], a)
	}
	out := make([]Summary, 0, len(rows))
	for _, a := range rows {
		sum := Summary{ID: a.ID, Quiz: a.QuizSlug, Number: a.Number, StartedAt: a.StartedAt, Deadline: a.Deadline, SubmittedAt: a.SubmittedAt, Marking: a.Marking}
		if a.SubmittedAt == nil || a.Marking == models.MarkingAwaited {
			sum.Open = a.SubmittedAt == nil && (a.Deadline == nil || now.Before(a.Deadline.Add(Grace)))
			out = append(out, sum)
			continue
		}
		passed := a.Passed
		sum.Passed = &passed
		if s.scoreShown(a.QuizSlug, byQuiz[a.QuizSlug], now) {
			percent := a.Percent
			sum.Percent = &percent
		}
		out = append(out, sum)
	}
	return out, nil
}

// scoreShown reports whether a learner with these attempts at a quiz sees their scores now.
func (s *Service) scoreShown(quizSlug string, attempts []models.QuizAttempt, now time.Time) bool {
	quiz, ok := s.catalog.Quiz(quizSlug)
	if !ok {
		return true
	}
	return quiz.Review.Shown(quiz.Review.Score, quizzes.Moment{Now: now,
		AttemptsLeft: attemptsLeft(attempts, quiz.MaxAttempts, now)})
}
