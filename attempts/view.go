package attempts

import (
	"encoding/json"
	"html"
	"strings"
	"time"

	"tandem/courses"
	"tandem/models"
	"tandem/quizzes"
)

// View is an attempt as its learner sees it: the questions without answers and, once
// submitted, the result with as much feedback as the quiz allows.
type View struct {
	ID          string         `json:"id"`
	Quiz        string         `json:"quiz"`
	Number      int            `json:"number"`
	StartedAt   time.Time      `json:"started_at"`
	Deadline    *time.Time     `json:"deadline,omitempty"`
	SubmittedAt *time.Time     `json:"submitted_at,omitempty"`
	Questions   []QuestionView `json:"questions"`
	Result      *Result        `json:"result,omitempty"`
	Replayed    bool           `json:"-"` // answered from an earlier request with the same Idempotency-Key
}

// QuestionView is a question as presented: rendered prompt and shuffled choices.
type QuestionView struct {
	ID         string           `json:"id"`
	Type       quizzes.Type     `json:"type"`
	PromptHTML string           `json:"prompt_html"`
	Points     float64          `json:"points"`
	Options    []quizzes.Choice `json:"options,omitempty"`
	Items      []quizzes.Choice `json:"items,omitempty"`
	Targets    []quizzes.Choice `json:"targets,omitempty"`
}

// Result is a graded attempt.
type Result struct {
	ID        string           `json:"id"`
	Score     float64          `json:"score"`
	MaxScore  float64          `json:"max_score"`
	Percent   float64          `json:"percent"`
	Passed    bool             `json:"passed"`
	PassMark  int              `json:"pass_percent"`
	Feedback  string           `json:"feedback"`
	Questions []QuestionResult `json:"questions"`
	Replayed  bool             `json:"-"` // answered from an earlier request with the same Idempotency-Key
}

// QuestionResult is the grade of one question. Correct and FeedbackHTML are present only when
// the quiz's feedback setting allows it at this moment.
type QuestionResult struct {
	ID           string  `json:"id"`
	Points       float64 `json:"points"`
	MaxPoints    float64 `json:"max_points"`
	Correct      *bool   `json:"correct,omitempty"`
	FeedbackHTML string  `json:"feedback_html,omitempty"`
	// Choice is the option the learner chose on a judgement question (it has no right answer).
	Choice string `json:"choice,omitempty"`
	// Perspectives says where to compare one's judgement with peers (judgement questions).
	Perspectives string `json:"perspectives,omitempty"`
}

func (s *Service) view(quiz *courses.Quiz, a *models.QuizAttempt) *View {
	presented, qs := questions(quiz, a)
	v := &View{ID: a.ID, Quiz: quiz.Slug, Number: a.Number, StartedAt: a.StartedAt, Deadline: a.Deadline,
		SubmittedAt: a.SubmittedAt, Questions: make([]QuestionView, len(presented))}
	for i, p := range presented {
		v.Questions[i] = QuestionView{ID: QuestionKey(quiz.Slug, p.ID), Type: p.Type, PromptHTML: quiz.PromptHTML[p.ID],
			Points: qs[i].Points, Options: p.Options, Items: p.Items, Targets: p.Targets}
	}
	if a.SubmittedAt != nil {
		var results []quizzes.Result
		var answers []quizzes.Answer
		_ = json.Unmarshal([]byte(a.Results), &results)
		_ = json.Unmarshal([]byte(a.Answers), &answers)
		v.Result = s.result(quiz, a, results, answers)
	}
	return v
}

// feedbackShown applies the quiz's feedback setting: immediately, only once the attempt's
// deadline has passed (at once when the quiz has no time limit), or never.
func (s *Service) feedbackShown(quiz *courses.Quiz, a *models.QuizAttempt) (bool, string) {
	switch quiz.Feedback {
	case quizzes.FeedbackNever:
		return false, "never"
	case quizzes.FeedbackAfterDeadline:
		if a.Deadline != nil && s.now().Before(*a.Deadline) {
			return false, "after_deadline"
		}
	}
	return true, "shown"
}

func (s *Service) result(quiz *courses.Quiz, a *models.QuizAttempt, results []quizzes.Result, answers []quizzes.Answer) *Result {
	shown, why := s.feedbackShown(quiz, a)
	r := &Result{ID: a.ID, Score: a.Score, MaxScore: a.MaxScore, Percent: a.Percent, Passed: a.Passed,
		PassMark: quiz.PassPercent, Feedback: why, Questions: make([]QuestionResult, 0, len(results))}
	given := map[string]quizzes.Answer{}
	for _, ans := range answers {
		given[ans.QuestionID] = ans
	}
	for _, res := range results {
		qr := QuestionResult{ID: QuestionKey(quiz.Slug, res.QuestionID), Points: res.Points, MaxPoints: res.MaxPoints}
		q, ok := quiz.Question(res.QuestionID)
		if ans, given := given[res.QuestionID]; ok && q.Type == quizzes.Judgement && given && len(ans.ChoiceIDs) == 1 {
			qr.Choice = ans.ChoiceIDs[0]
		}
		if shown && ok {
			correct := res.Correct
			qr.Correct = &correct
			ans := given[res.QuestionID]
			qr.FeedbackHTML = feedbackHTML(quiz, q, &ans)
			if q.Type == quizzes.Judgement && res.Answered {
				qr.Perspectives = "/api/v1/questions/" + qr.ID + "/perspectives"
			}
		}
		r.Questions = append(r.Questions, qr)
	}
	return r
}

// feedbackHTML is the question's explanation, then a note on each option the learner chose or
// should have chosen (and, for judgement questions, every option's trade-offs).
func feedbackHTML(quiz *courses.Quiz, q *quizzes.Question, ans *quizzes.Answer) string {
	var b strings.Builder
	b.WriteString(quiz.ExplanationHTML[q.ID])
	chosen := map[string]bool{}
	for _, id := range ans.ChoiceIDs {
		chosen[id] = true
	}
	var notes []string
	for _, o := range q.Options {
		note := o.Explanation
		if q.Type == quizzes.Judgement {
			note = o.Tradeoffs
		} else if !chosen[o.ID] && !o.Correct {
			continue
		}
		if note == "" {
			continue
		}
		mark := ""
		switch {
		case q.Type == quizzes.Judgement && chosen[o.ID]:
			mark = "Your choice. "
		case q.Type != quizzes.Judgement && chosen[o.ID] && o.Correct:
			mark = "You chose this; it is correct. "
		case q.Type != quizzes.Judgement && chosen[o.ID]:
			mark = "You chose this; it is not correct. "
		case q.Type != quizzes.Judgement:
			mark = "Correct answer. "
		}
		notes = append(notes, "<li><strong>"+html.EscapeString(o.Text)+"</strong> — "+html.EscapeString(mark+note)+"</li>")
	}
	if len(notes) > 0 {
		b.WriteString("<ul class=\"option-feedback\">" + strings.Join(notes, "") + "</ul>")
	}
	return b.String()
}
