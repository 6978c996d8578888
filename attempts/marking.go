package attempts

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/auth"
	"tandem/courses"
	"tandem/disciplines"
	"tandem/errs"
	"tandem/models"
	"tandem/quizzes"
)

// MarkingStore is what marking reflection answers needs from the database.
type MarkingStore interface {
	CohortByID(ctx context.Context, id string) (*models.Cohort, error)
	CohortRole(ctx context.Context, cohortID, userID string) (string, error)
	UserByID(ctx context.Context, id string) (*models.User, error)
	UsersByIDs(ctx context.Context, ids []string) ([]models.User, error)
	ReflectionQueue(ctx context.Context, cohortID string, quizSlugs, statuses []string, after *models.ReflectionKey, limit int) ([]models.ReflectionAnswer, []models.ReflectionMark, error)
	ReflectionAnswerIn(ctx context.Context, cohortID, attemptID, questionID string) (*models.ReflectionAnswer, error)
	AddReflectionMark(ctx context.Context, m *models.ReflectionMark, decide models.MarkDecider) error
}

// Marking is the marking of reflection answers by a cohort's instructors, in the cohort's
// review queue: a clinical and a technical marker each mark an answer against its rubric
// without seeing the other's mark; when they disagree beyond the quiz's threshold a third
// instructor moderates. The attempt is graded when its last answer is marked.
type Marking struct {
	store   MarkingStore
	catalog *courses.Catalog
	now     func() time.Time
}

// NewMarking returns the marking service over store and the catalogue's quizzes.
func NewMarking(store MarkingStore, catalog *courses.Catalog) *Marking {
	return &Marking{store: store, catalog: catalog, now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
}

// MaxCommentRunes is the longest comment a marker may write.
const MaxCommentRunes = 5000

// MarkRequest is a marker's mark of the answer to QuestionID (a global question id) in
// AttemptID: points per rubric criterion and a comment for the learner.
type MarkRequest struct {
	AttemptID  string
	QuestionID string
	Scores     map[string]float64
	Comment    string
}

// cohortFor loads a cohort its instructors (and admins) may mark in; anyone else gets 404,
// a member 403.
func (m *Marking) cohortFor(ctx context.Context, caller auth.Caller, cohortID string) (*models.Cohort, error) {
	c, err := m.store.CohortByID(ctx, cohortID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Cohort")
	}
	if err != nil {
		return nil, err
	}
	role, err := m.store.CohortRole(ctx, cohortID, caller.ID)
	switch {
	case err != nil:
		return nil, err
	case role == "instructor" || caller.IsAdmin():
		return c, nil
	case role == "member":
		return nil, errs.Forbidden("Only the cohort's instructors mark reflections.")
	}
	return nil, errs.NotFound("Cohort")
}

// quizSlugs are the quizzes of the cohort's tracks.
func (m *Marking) quizSlugs(c *models.Cohort) []string {
	var out []string
	for _, t := range c.Tracks {
		track, ok := m.catalog.Track(t.TrackSlug)
		if !ok {
			continue
		}
		for _, mod := range track.Modules {
			if mod.Quiz != nil {
				out = append(out, mod.Quiz.Slug)
			}
		}
	}
	return out
}

// Mark records the caller's mark of a reflection answer by a member of cohortID: as its
// clinical or technical marker by the caller's discipline, or as moderator once the two
// disagree. 422 for a question that is not a reflection question of the cohort's quizzes or
// scores that do not fit its rubric; 404 for an answer not in the cohort; 409 already_marked
// when the role's mark is in (two markers saving at once: the first wins), 409
// not_awaiting_marks when the answer is marked.
func (m *Marking) Mark(ctx context.Context, caller auth.Caller, cohortID string, in MarkRequest) (*MarkView, error) {
	c, err := m.cohortFor(ctx, caller, cohortID)
	if err != nil {
		return nil, err
	}
	quiz, q, ok := m.reflectionQuestion(c, in.QuestionID)
	if !ok {
		return nil, errs.Invalid(map[string]string{"question_id": "is not a reflection question of this cohort's quizzes"})
	}
	ans, err := m.store.ReflectionAnswerIn(ctx, cohortID, in.AttemptID, q.ID)
	if errors.Is(err, models.ErrNotFound) || err == nil && ans.QuizSlug != quiz.Slug {
		return nil, errs.NotFound("Reflection answer")
	}
	if err != nil {
		return nil, err
	}
	points, err := checkMark(q, in)
	if err != nil {
		return nil, err
	}
	marker, err := m.store.UserByID(ctx, caller.ID)
	if err != nil {
		return nil, err
	}
	role := roleFor(ans.Status, marker.Discipline)
	if err := roleProblem(ans.Status, role); err != nil {
		return nil, err
	}
	scores, _ := json.Marshal(in.Scores)
	mark := &models.ReflectionMark{AttemptID: in.AttemptID, QuestionID: q.ID, Role: role, MarkerID: caller.ID,
		Scores: string(scores), Points: points, Comment: strings.TrimSpace(in.Comment)}
	learner, err := m.store.UserByID(ctx, ans.UserID)
	if err != nil {
		return nil, err
	}
	err = m.store.AddReflectionMark(ctx, mark, m.decider(quiz, mark, disciplines.Group(learner.Discipline)))
	if errors.Is(err, models.ErrConflict) {
		return nil, errs.Conflict("already_marked", "This answer already has its "+role+" mark; reload the queue.")
	}
	if err != nil {
		return nil, err
	}
	v := markView(*mark, true)
	return &v, nil
}

// reflectionQuestion finds the reflection question key names among the cohort's quizzes.
func (m *Marking) reflectionQuestion(c *models.Cohort, key string) (*courses.Quiz, *quizzes.Question, bool) {
	slug, qid, ok := splitKey(key)
	quiz, found := m.catalog.Quiz(slug)
	if !ok || !found || !slices.Contains(m.quizSlugs(c), slug) {
		return nil, nil, false
	}
	q, ok := quiz.Question(qid)
	return quiz, q, ok && q.Type == quizzes.Reflection
}

// checkMark checks a mark against q's rubric and returns its points.
func checkMark(q *quizzes.Question, in MarkRequest) (float64, error) {
	total, fields := quizzes.RubricScore(q.Rubric, in.Scores)
	out := map[string]string{}
	for id, msg := range fields {
		out["scores."+id] = msg
	}
	if utf8.RuneCountInString(in.Comment) > MaxCommentRunes {
		out["comment"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": MaxCommentRunes})
	}
	if strings.TrimSpace(in.Comment) == "" {
		out["comment"] = "is required: the learner reads it"
	}
	if len(out) > 0 {
		return 0, errs.Invalid(out)
	}
	return total, nil
}

// roleProblem explains why a marker has no role on an answer in state status.
func roleProblem(status, role string) error {
	switch {
	case status == models.MarkingDone:
		return errs.Conflict("not_awaiting_marks", "This answer is marked already.")
	case role == "":
		return errs.Forbidden("Reflections are first marked by a clinical and a technical marker; your discipline is neither.")
	}
	return nil
}

// decider decides, under the attempt's lock, what mark changes: it refuses a mark whose
// answer moved on since the caller read it, or a marker marking one answer twice; it moves the
// answers to the state their marks put them in; and with the last answer marked it grades the
// attempt, with its responses (the learner in group) and its passed or failed event.
func (m *Marking) decider(quiz *courses.Quiz, mark *models.ReflectionMark, group string) models.MarkDecider {
	return func(a *models.QuizAttempt, answers []models.ReflectionAnswer, marks []models.ReflectionMark) (*models.MarkOutcome, error) {
		if err := markerProblem(mark, answers, marks); err != nil {
			return nil, err
		}
		out, done := markedAnswers(answers, marks, quiz.ModerationThreshold(), m.now())
		o := &models.MarkOutcome{Answers: out}
		if !done || a.Marking != models.MarkingAwaited {
			return o, nil
		}
		f, results := finalGrade(a, out, quiz.PassPercent)
		var local []quizzes.Answer
		_ = json.Unmarshal([]byte(a.Answers), &local)
		o.Final, o.Responses = f, Responses(f, results, local, group)
		o.Events = []models.ProgressEvent{gradedEvent(quiz, f)}
		return o, nil
	}
}

// markerProblem checks a new mark against the answer as it stands under the lock.
func markerProblem(mark *models.ReflectionMark, answers []models.ReflectionAnswer, marks []models.ReflectionMark) error {
	i := slices.IndexFunc(answers, func(a models.ReflectionAnswer) bool { return a.QuestionID == mark.QuestionID })
	if i < 0 {
		return errs.NotFound("Reflection answer")
	}
	if roleFor(answers[i].Status, disciplineOfRole(mark.Role)) != mark.Role {
		return errs.Conflict("not_awaiting_marks", "The marking of this answer moved on while you marked it; reload the queue.")
	}
	for _, other := range marksOf(marks, mark.QuestionID) {
		if other.ID != mark.ID && other.MarkerID == mark.MarkerID {
			return errs.Forbidden("You have marked this answer already; another instructor gives the other mark.")
		}
	}
	return nil
}

// disciplineOfRole is a discipline whose marker takes role on an answer awaiting its two
// markers (any discipline will do for a moderator).
func disciplineOfRole(role string) string {
	switch role {
	case RoleClinical:
		return disciplines.Medicine
	case RoleTechnical:
		return disciplines.ComputerScience
	}
	return disciplines.Other
}
