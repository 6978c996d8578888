package attempts

import (
	"context"
	"encoding/json"
	"time"

	"tandem/courses"
	"tandem/models"
	"tandem/quizzes"
	"tandem/teams"
)

// MarkView is one mark of a reflection answer. Marker is left out of what learners see.
type MarkView struct {
	Role      string             `json:"role"`
	Marker    string             `json:"marker,omitempty"`
	Scores    map[string]float64 `json:"scores"`
	Points    float64            `json:"points"`
	Comment   string             `json:"comment"`
	CreatedAt time.Time          `json:"created_at"`
}

func markView(m models.ReflectionMark, withMarker bool) MarkView {
	v := MarkView{Role: m.Role, Points: m.Points, Comment: m.Comment, CreatedAt: m.CreatedAt, Scores: map[string]float64{}}
	_ = json.Unmarshal([]byte(m.Scores), &v.Scores)
	if withMarker {
		v.Marker = m.MarkerID
	}
	return v
}

// ReflectionReview is the marking of a learner's reflection answer as the learner sees it:
// its state and, once marked, the points and every marker's comment.
type ReflectionReview struct {
	Status     string              `json:"status"`
	AnswerHTML string              `json:"answer_html"`
	Points     *float64            `json:"points,omitempty"`
	Rubric     []quizzes.Criterion `json:"rubric"`
	Marks      []MarkView          `json:"marks"`
}

// reflectionAnswers are the answered reflection questions of a graded attempt, rendered as
// team work is (Markdown, sanitised), each awaiting its markers.
func reflectionAnswers(quiz *courses.Quiz, a *models.QuizAttempt, results []quizzes.Result, answers []quizzes.Answer) []models.ReflectionAnswer {
	text := map[string]string{}
	for _, ans := range answers {
		if ans.Text != nil {
			text[ans.QuestionID] = *ans.Text
		}
	}
	var out []models.ReflectionAnswer
	for _, r := range results {
		if !r.Pending {
			continue
		}
		out = append(out, models.ReflectionAnswer{AttemptID: a.ID, QuestionID: r.QuestionID, UserID: a.UserID, QuizSlug: quiz.Slug,
			BodyHTML: teams.RenderSubmission(text[r.QuestionID]), MaxPoints: r.MaxPoints, Status: models.MarkingAwaited, SubmittedAt: *a.SubmittedAt})
	}
	return out
}

// addMarking shows, on the result of an attempt with reflection answers, where their marking
// stands: while any awaits marking the score is not decided, so it is left out; once marked,
// each answer shows its points and the comments of every marker (never who marked).
func (s *Service) addMarking(ctx context.Context, quiz *courses.Quiz, a *models.QuizAttempt, r *Result) error {
	if a.Marking == "" {
		return nil
	}
	r.Marking = a.Marking
	if a.Marking == models.MarkingAwaited {
		r.Score, r.MaxScore, r.Percent = nil, nil, nil
	}
	answers, marks, err := s.store.ReflectionsOf(ctx, a.ID)
	if err != nil {
		return err
	}
	for _, ans := range answers {
		q, ok := quiz.Question(ans.QuestionID)
		if !ok {
			continue
		}
		review := &ReflectionReview{Status: ans.Status, AnswerHTML: ans.BodyHTML, Rubric: q.Rubric, Marks: []MarkView{}}
		if ans.Status == models.MarkingDone {
			review.Points = ans.Points
			for _, m := range marksOf(marks, ans.QuestionID) {
				review.Marks = append(review.Marks, markView(m, false))
			}
		}
		for i := range r.Questions {
			if r.Questions[i].ID == QuestionKey(quiz.Slug, ans.QuestionID) {
				r.Questions[i].Marking = review
			}
		}
	}
	return nil
}
