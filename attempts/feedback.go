package attempts

import (
	"html"
	"strings"

	"tandem/courses"
	"tandem/quizzes"
)

// feedbackHTML is the question's explanation, then a note on each option the learner chose
// and, where the right answer shows, each one they should have chosen (for judgement
// questions, every option's trade-offs). Whether a choice was right is said only where
// correctness shows.
func feedbackHTML(quiz *courses.Quiz, q *quizzes.Question, ans *quizzes.Answer, rs ReviewState) string {
	var b strings.Builder
	b.WriteString(quiz.ExplanationHTML[q.ID])
	chosen := map[string]bool{}
	for _, id := range ans.ChoiceIDs {
		chosen[id] = true
	}
	var notes []string
	if q.Type == quizzes.TrueFalse {
		notes = trueFalseNote(q, chosen, rs)
	}
	for _, o := range q.Options {
		note, mark := optionNote(q, o, chosen[o.ID], rs)
		if note == "" {
			continue
		}
		notes = append(notes, "<li><strong>"+html.EscapeString(o.Text)+"</strong> — "+html.EscapeString(mark+note)+"</li>")
	}
	if len(notes) > 0 {
		b.WriteString("<ul class=\"option-feedback\">" + strings.Join(notes, "") + "</ul>")
	}
	return b.String()
}

// trueFalseNote is the explanation of the answer the learner gave to a true_false question,
// if it has one: feedback written for True is never shown to a learner who answered False.
func trueFalseNote(q *quizzes.Question, chosen map[string]bool, rs ReviewState) []string {
	answer, text, note := "true", "True", q.ExplanationTrue
	if chosen["false"] {
		answer, text, note = "false", "False", q.ExplanationFalse
	}
	if !chosen[answer] || note == "" {
		return nil
	}
	o := quizzes.Option{ID: answer, Text: text, Explanation: note, Correct: q.Answer != nil && *q.Answer == (answer == "true")}
	note, mark := optionNote(q, o, true, rs)
	return []string{"<li><strong>" + html.EscapeString(o.Text) + "</strong> — " + html.EscapeString(mark+note) + "</li>"}
}

// optionNote is what the review says of option o, and the mark before it; "" when nothing.
func optionNote(q *quizzes.Question, o quizzes.Option, chosen bool, rs ReviewState) (note, mark string) {
	if q.Type == quizzes.Judgement {
		if chosen {
			mark = "Your choice. "
		}
		return o.Tradeoffs, mark
	}
	switch {
	case chosen && rs.Correctness.Shown && o.Correct:
		mark = "You chose this; it is correct. "
	case chosen && rs.Correctness.Shown:
		mark = "You chose this; it is not correct. "
	case chosen:
		mark = "You chose this. "
	case o.Correct && rs.RightAnswer.Shown:
		mark = "Correct answer. "
	default:
		return "", ""
	}
	return o.Explanation, mark
}
