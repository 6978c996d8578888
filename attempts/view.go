package attempts

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"time"

	"tandem/courses"
	"tandem/models"
	"tandem/quizzes"
)

// View is an attempt as its learner sees it: the questions without answers and, once
// submitted, the result with as much review as the quiz allows.
type View struct {
	ID          string         `json:"id"`
	Quiz        string         `json:"quiz"`
	Number      int            `json:"number"`
	StartedAt   time.Time      `json:"started_at"`
	Deadline    *time.Time     `json:"deadline,omitempty"`
	SubmittedAt *time.Time     `json:"submitted_at,omitempty"`
	Questions   []QuestionView `json:"questions"`
	Result      *Result        `json:"result,omitempty"`
	// Draft is the answers saved so far on an open attempt (PUT /attempts/:id/draft).
	Draft        []quizzes.Answer `json:"draft,omitempty"`
	DraftSavedAt *time.Time       `json:"draft_saved_at,omitempty"`
	Replayed     bool             `json:"-"` // answered from an earlier request with the same Idempotency-Key
	// Shown is the language of the prompts and choices: the learner's where the quiz is
	// translated into it, else English.
	courses.Shown
}

// QuestionView is a question as presented: rendered prompt and shuffled choices under the
// attempt's opaque ids.
type QuestionView struct {
	ID         string           `json:"id"`
	Type       quizzes.Type     `json:"type"`
	PromptHTML string           `json:"prompt_html"`
	Points     float64          `json:"points"`
	Options    []quizzes.Choice `json:"options,omitempty"`
	Items      []quizzes.Choice `json:"items,omitempty"`
	Targets    []quizzes.Choice `json:"targets,omitempty"`
}

// Result is a graded attempt. Score, MaxScore and Percent are left out while the quiz's
// review settings hide the score; Passed is always shown.
type Result struct {
	ID        string           `json:"id"`
	Score     *float64         `json:"score,omitempty"`
	MaxScore  *float64         `json:"max_score,omitempty"`
	Percent   *float64         `json:"percent,omitempty"`
	Passed    bool             `json:"passed"`
	PassMark  int              `json:"pass_percent"`
	Feedback  string           `json:"feedback"`
	Review    ReviewState      `json:"review"`
	Questions []QuestionResult `json:"questions"`
	// Marking is awaiting_marking while reflection answers wait for their markers (the score
	// and pass are decided after), marked once they are in; absent with nothing to mark.
	Marking  string `json:"marking,omitempty"`
	Replayed bool   `json:"-"` // answered from an earlier request with the same Idempotency-Key
	// Shown is the language of the explanations.
	courses.Shown
}

// QuestionResult is the review of one question: the learner's own answer always, and the
// rest as the quiz's review settings allow at this moment. All ids are the attempt's.
type QuestionResult struct {
	ID string `json:"id"`
	// Points is left out, like Correct, while correctness is hidden: it would tell.
	Points       *float64        `json:"points,omitempty"`
	MaxPoints    float64         `json:"max_points"`
	Correct      *bool           `json:"correct,omitempty"`
	Answered     bool            `json:"answered"`
	Answer       *quizzes.Answer `json:"answer,omitempty"`
	RightAnswer  *quizzes.Key    `json:"right_answer,omitempty"`
	FeedbackHTML string          `json:"feedback_html,omitempty"`
	// Choice is the option the learner chose on a judgement question (it has no right answer).
	Choice string `json:"choice,omitempty"`
	// Perspectives says where to compare one's judgement with peers (judgement questions).
	Perspectives string `json:"perspectives,omitempty"`
	// Marking is the marking of an answered reflection question.
	Marking *ReflectionReview `json:"marking,omitempty"`
}

// PartState says whether one part of the review shows now and, either way, when it does.
type PartState struct {
	Shown bool         `json:"shown"`
	When  quizzes.When `json:"when"`
}

// ReviewState is the quiz's review settings as they apply to this attempt now.
type ReviewState struct {
	Correctness  PartState `json:"correctness"`
	RightAnswer  PartState `json:"right_answer"`
	Explanations PartState `json:"explanations"`
	Score        PartState `json:"score"`
	Date         string    `json:"date,omitempty"`
}

func reviewState(r *quizzes.Review, m quizzes.Moment) ReviewState {
	part := func(w quizzes.When) PartState { return PartState{Shown: r.Shown(w, m), When: w} }
	return ReviewState{Correctness: part(r.Correctness), RightAnswer: part(r.RightAnswer),
		Explanations: part(r.Explanations), Score: part(r.Score), Date: r.Date}
}

// legacyFeedback is the older one-word summary of the review: "shown" once explanations
// show, else when they will.
func (rs ReviewState) legacyFeedback() string {
	switch {
	case rs.Explanations.Shown:
		return "shown"
	case rs.Explanations.When == quizzes.AfterTimeLimit:
		return "after_deadline"
	}
	return string(rs.Explanations.When)
}

// maskOf returns the mask of an attempt's ids.
func maskOf(a *models.QuizAttempt) quizzes.Mask {
	key, err := base64.RawURLEncoding.DecodeString(a.IDKey)
	if err != nil || len(key) == 0 {
		// Every attempt has a key (a migration gave older ones theirs). Were one missing, the
		// seed, which is never shown either, masks rather than nothing.
		key = binary.BigEndian.AppendUint64(nil, uint64(a.Seed))
	}
	return quizzes.NewMask(key)
}

// view shows attempt a in lang where its quiz is translated; m is the moment that decides what
// a submitted attempt reviews. The translation changes texts only: the questions, their order
// and the attempt's ids are the same in every language.
func (s *Service) view(src *courses.Quiz, a *models.QuizAttempt, m quizzes.Moment, lang string) *View {
	quiz, shown := src.In(lang)
	presented, qs := questions(quiz, a)
	v := &View{ID: a.ID, Quiz: quiz.Slug, Number: a.Number, StartedAt: a.StartedAt, Deadline: a.Deadline,
		SubmittedAt: a.SubmittedAt, Questions: make([]QuestionView, len(presented)), Draft: draftOf(a), Shown: shown}
	if v.Draft != nil {
		v.DraftSavedAt = a.DraftSavedAt
	}
	for i, p := range presented {
		v.Questions[i] = QuestionView{ID: QuestionKey(quiz.Slug, p.ID), Type: p.Type, PromptHTML: quiz.PromptHTML[p.ID],
			Points: qs[i].Points, Options: p.Options, Items: p.Items, Targets: p.Targets}
	}
	if a.SubmittedAt != nil {
		var results []quizzes.Result
		var answers []quizzes.Answer
		_ = json.Unmarshal([]byte(a.Results), &results)
		_ = json.Unmarshal([]byte(a.Answers), &answers)
		v.Result = s.result(src, a, results, answers, m, lang)
	}
	return v
}

// result reviews a graded attempt, with its explanations in lang where the quiz is translated.
func (s *Service) result(src *courses.Quiz, a *models.QuizAttempt, results []quizzes.Result, answers []quizzes.Answer, m quizzes.Moment, lang string) *Result {
	quiz, shown := src.In(lang)
	rs := reviewState(&quiz.Review, m)
	r := &Result{ID: a.ID, Passed: a.Passed, PassMark: quiz.PassPercent, Feedback: rs.legacyFeedback(), Review: rs,
		Questions: make([]QuestionResult, 0, len(results)), Shown: shown}
	if rs.Score.Shown {
		score, maxScore, percent := a.Score, a.MaxScore, a.Percent
		r.Score, r.MaxScore, r.Percent = &score, &maxScore, &percent
	}
	given := map[string]quizzes.Answer{}
	for _, ans := range answers {
		given[ans.QuestionID] = ans
	}
	mask := maskOf(a)
	for _, res := range results {
		q, ok := quiz.Question(res.QuestionID)
		if !ok {
			continue
		}
		r.Questions = append(r.Questions, questionResult(quiz, q, res, given, mask, rs))
	}
	return r
}

// questionResult reviews one question as rs allows.
func questionResult(quiz *courses.Quiz, q *quizzes.Question, res quizzes.Result, given map[string]quizzes.Answer, mask quizzes.Mask, rs ReviewState) QuestionResult {
	qr := QuestionResult{ID: QuestionKey(quiz.Slug, res.QuestionID), MaxPoints: res.MaxPoints, Answered: res.Answered}
	ans, answered := given[res.QuestionID]
	if answered {
		hidden := mask.Hide(q, ans)
		hidden.QuestionID = qr.ID
		qr.Answer = &hidden
		if q.Type == quizzes.Judgement && len(hidden.ChoiceIDs) == 1 {
			qr.Choice = hidden.ChoiceIDs[0]
		}
	}
	if rs.Correctness.Shown {
		points, correct := res.Points, res.Correct
		qr.Points, qr.Correct = &points, &correct
	}
	if rs.RightAnswer.Shown {
		qr.RightAnswer = mask.HideKey(q, quizzes.KeyOf(q))
	}
	if rs.Explanations.Shown {
		qr.FeedbackHTML = feedbackHTML(quiz, q, &ans, rs)
		if q.Type == quizzes.Judgement && res.Answered {
			qr.Perspectives = "/api/v1/questions/" + qr.ID + "/perspectives"
		}
	}
	return qr
}

// AnswersAsGiven returns a submitted attempt's answers as its learner gave them: in the
// attempt's ids, with global question ids. An export shows these, never the authored ids.
func (s *Service) AnswersAsGiven(a *models.QuizAttempt) []quizzes.Answer {
	var answers []quizzes.Answer
	_ = json.Unmarshal([]byte(a.Answers), &answers)
	quiz, ok := s.catalog.Quiz(a.QuizSlug)
	out := make([]quizzes.Answer, 0, len(answers))
	if !ok {
		return out
	}
	mask := maskOf(a)
	for _, ans := range answers {
		if q, ok := quiz.Question(ans.QuestionID); ok {
			hidden := mask.Hide(q, ans)
			hidden.QuestionID = QuestionKey(quiz.Slug, q.ID)
			out = append(out, hidden)
		}
	}
	return out
}
