package main

import (
	"fmt"
	"net/http"
	"strings"

	"tandem/courses"
	"tandem/quizzes"
)

// shownAttempt is an attempt as the API shows it.
type shownAttempt struct {
	ID        string              `json:"id"`
	Questions []quizzes.Presented `json:"questions"`
}

// pass starts an attempt at quiz and answers every question as its key says.
func (d *demoRun) pass(p *demoPerson, quiz *courses.Quiz) error {
	var a shownAttempt
	if err := d.call(p, "POST", "/quizzes/"+quiz.Slug+"/attempts", nil, http.StatusCreated, &a); err != nil {
		return err
	}
	var answers []map[string]any
	for _, shown := range a.Questions {
		_, id, _ := strings.Cut(shown.ID, ".")
		q, ok := quiz.Question(id)
		if !ok {
			return fmt.Errorf("%s: no question %s", quiz.Slug, shown.ID)
		}
		if ans := keyedAnswer(q, shown); ans != nil {
			answers = append(answers, ans)
		}
	}
	return d.call(p, "POST", "/attempts/"+a.ID+"/submit", map[string]any{"answers": answers}, http.StatusOK, nil)
}

// keyedAnswer is the right answer to q in the ids the attempt shows, matched by text; for a
// judgement question, the first option. Nil when the key cannot be written.
func keyedAnswer(q *quizzes.Question, shown quizzes.Presented) map[string]any {
	byText := func(choices []quizzes.Choice, text string) string {
		for _, c := range choices {
			if c.Text == text {
				return c.ID
			}
		}
		return ""
	}
	ans := map[string]any{"question_id": shown.ID}
	switch q.Type {
	case quizzes.TrueFalse:
		if q.Answer == nil {
			return nil
		}
		ans["choice_ids"] = []string{byText(shown.Options, map[bool]string{true: "True", false: "False"}[*q.Answer])}
	case quizzes.SingleChoice, quizzes.MultipleChoice:
		var ids []string
		for _, o := range q.Options {
			if o.Correct {
				ids = append(ids, byText(shown.Options, o.Text))
			}
		}
		ans["choice_ids"] = ids
	case quizzes.Judgement:
		ans["choice_ids"] = []string{shown.Options[0].ID}
	case quizzes.Numeric:
		switch {
		case q.Value != nil:
			ans["value"] = *q.Value
		case len(q.Ranges) > 0:
			ans["value"] = (q.Ranges[0].Min + q.Ranges[0].Max) / 2
		default:
			return nil
		}
	case quizzes.ShortText:
		if len(q.Accepted) == 0 {
			return nil
		}
		ans["text"] = q.Accepted[0]
	case quizzes.Ordering:
		var order []string
		for _, it := range q.Items {
			order = append(order, byText(shown.Items, it.Text))
		}
		ans["order"] = order
	case quizzes.Matching:
		pairs := map[string]string{}
		for _, it := range q.Items {
			for _, tg := range q.Targets {
				if tg.ID == it.Match {
					pairs[byText(shown.Items, it.Text)] = byText(shown.Targets, tg.Text)
				}
			}
		}
		ans["pairs"] = pairs
	default:
		return nil
	}
	return ans
}
