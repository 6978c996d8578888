package attempts

import (
	"context"
	"strings"
	"time"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
	"tandem/quizzes"
)

// QueueLearner is the learner whose answer a marker reads.
type QueueLearner struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Discipline string `json:"discipline"`
}

// ReflectionItem is one reflection answer in a cohort's marking queue. Marks holds what the
// caller may see: their own mark while the answer awaits its two markers (the markers are
// blind to each other); both for a moderator; every mark once it is marked.
type ReflectionItem struct {
	AttemptID        string              `json:"attempt_id"`
	QuestionID       string              `json:"question_id"`
	Quiz             string              `json:"quiz"`
	QuizTitle        string              `json:"quiz_title"`
	Learner          QueueLearner        `json:"learner"`
	SubmittedAt      time.Time           `json:"submitted_at"`
	PromptHTML       string              `json:"prompt_html"`
	AnswerHTML       string              `json:"answer_html"`
	Rubric           []quizzes.Criterion `json:"rubric"`
	MaxPoints        float64             `json:"max_points"`
	ThresholdPercent float64             `json:"threshold_percent"`
	Status           string              `json:"status"`
	Points           *float64            `json:"points,omitempty"`
	// YourRole is the role the caller would mark in now: clinical, technical or moderator;
	// empty when the answer needs nothing of them.
	YourRole string     `json:"your_role"`
	Marks    []MarkView `json:"marks"`
}

// QueuePage is a page of the marking queue; NextCursor, when not empty, is the after of the
// next page.
type QueuePage struct {
	Items      []ReflectionItem `json:"items"`
	NextCursor string           `json:"next_cursor"`
}

// Queue lists a page of a cohort's reflection answers for its instructors, oldest first: with
// status "awaiting" (the default) those awaiting their markers or a moderator, with "marked"
// those marked; at most limit of them, after the answer the cursor after names.
func (m *Marking) Queue(ctx context.Context, caller auth.Caller, cohortID, status, after string, limit int) (*QueuePage, error) {
	statuses := map[string][]string{"": {models.MarkingAwaited, models.MarkingModeration}, "awaiting": {models.MarkingAwaited, models.MarkingModeration},
		"marked": {models.MarkingDone}}[status]
	if statuses == nil {
		return nil, errs.Invalid(map[string]string{"status": "must be awaiting or marked"})
	}
	var from *models.ReflectionKey
	if after != "" {
		attempt, question, ok := strings.Cut(after, ".")
		if !ok || attempt == "" || question == "" {
			return nil, errs.Invalid(map[string]string{"after": "is not a cursor of this queue"})
		}
		from = &models.ReflectionKey{AttemptID: attempt, QuestionID: question}
	}
	c, err := m.cohortFor(ctx, caller, cohortID)
	if err != nil {
		return nil, err
	}
	page := &QueuePage{Items: []ReflectionItem{}}
	slugs := m.quizSlugs(c)
	if len(slugs) == 0 {
		return page, nil
	}
	answers, marks, err := m.store.ReflectionQueue(ctx, cohortID, slugs, statuses, from, limit)
	if err != nil {
		return nil, err
	}
	if len(answers) == limit {
		last := answers[len(answers)-1]
		page.NextCursor = last.AttemptID + "." + last.QuestionID
	}
	page.Items, err = m.queueItems(ctx, caller, answers, marks)
	return page, err
}

// queueItems shows answers, with their marks, to caller.
func (m *Marking) queueItems(ctx context.Context, caller auth.Caller, answers []models.ReflectionAnswer, marks []models.ReflectionMark) ([]ReflectionItem, error) {
	out := []ReflectionItem{}
	ids := make([]string, 0, len(answers)+1)
	for _, a := range answers {
		ids = append(ids, a.UserID)
	}
	users, err := m.store.UsersByIDs(ctx, append(ids, caller.ID))
	if err != nil {
		return nil, err
	}
	byID := map[string]models.User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	for _, a := range answers {
		if item, ok := m.queueItem(a, marksOf(answersMarks(marks, a.AttemptID), a.QuestionID), byID[a.UserID], byID[caller.ID]); ok {
			out = append(out, item)
		}
	}
	return out, nil
}

// answersMarks are the marks of one attempt.
func answersMarks(marks []models.ReflectionMark, attemptID string) []models.ReflectionMark {
	var out []models.ReflectionMark
	for _, m := range marks {
		if m.AttemptID == attemptID {
			out = append(out, m)
		}
	}
	return out
}

// queueItem shows answer a, with its marks, to marker; false for a question no longer in the
// catalogue.
func (m *Marking) queueItem(a models.ReflectionAnswer, marks []models.ReflectionMark, learner, marker models.User) (ReflectionItem, bool) {
	quiz, ok := m.catalog.Quiz(a.QuizSlug)
	if !ok {
		return ReflectionItem{}, false
	}
	q, ok := quiz.Question(a.QuestionID)
	if !ok {
		return ReflectionItem{}, false
	}
	item := ReflectionItem{AttemptID: a.AttemptID, QuestionID: QuestionKey(quiz.Slug, q.ID), Quiz: quiz.Slug, QuizTitle: quiz.Title,
		Learner: QueueLearner{ID: learner.ID, Name: learner.Name, Discipline: learner.Discipline}, SubmittedAt: a.SubmittedAt,
		PromptHTML: quiz.PromptHTML[q.ID], AnswerHTML: a.BodyHTML, Rubric: q.Rubric, MaxPoints: a.MaxPoints,
		ThresholdPercent: quiz.ModerationThreshold(), Status: a.Status, Points: a.Points, Marks: []MarkView{}}
	markedBefore := false
	for _, mk := range marks {
		markedBefore = markedBefore || mk.MarkerID == marker.ID
	}
	for _, mk := range marks {
		if mk.MarkerID == marker.ID || a.Status == models.MarkingDone || a.Status == models.MarkingModeration && !markedBefore {
			item.Marks = append(item.Marks, markView(mk, true))
		}
	}
	role := roleFor(a.Status, marker.Discipline)
	for _, mk := range marks {
		if mk.Role == role {
			role = ""
		}
	}
	if !markedBefore {
		item.YourRole = role
	}
	return item, true
}
