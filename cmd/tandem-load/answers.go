package main

import (
	"html"
	"math/rand/v2"
	"regexp"
	"strings"
)

// AttemptView is the part of an attempt the server sends that a learner answers from.
type AttemptView struct {
	ID        string         `json:"id"`
	Quiz      string         `json:"quiz"`
	Questions []QuestionView `json:"questions"`
}

// QuestionView is a presented question: ids to answer with, never the answer.
type QuestionView struct {
	ID         string   `json:"id"`
	Type       string   `json:"type"`
	PromptHTML string   `json:"prompt_html"`
	Options    []Choice `json:"options"`
	Items      []Choice `json:"items"`
	Targets    []Choice `json:"targets"`
}

// Choice is an option, item or target of a presented question.
type Choice struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Answer is one answer in a submission, shaped as API.md says for each question type.
type Answer struct {
	QuestionID string            `json:"question_id"`
	ChoiceIDs  []string          `json:"choice_ids,omitempty"`
	Value      *float64          `json:"value,omitempty"`
	Text       *string           `json:"text,omitempty"`
	Order      []string          `json:"order,omitempty"`
	Pairs      map[string]string `json:"pairs,omitempty"`
}

// Answers returns a plausible submission for questions: every answer uses only the ids the
// question offers and the field its type is answered with, as a learner who guesses would.
// About blank of the questions (0 to 1) are left unanswered; unknown types are skipped.
func Answers(questions []QuestionView, rng *rand.Rand, blank float64) []Answer {
	out := make([]Answer, 0, len(questions))
	for _, q := range questions {
		if rng.Float64() < blank {
			continue
		}
		a := Answer{QuestionID: q.ID}
		switch q.Type {
		case "single_choice", "true_false", "judgement":
			if len(q.Options) == 0 {
				continue
			}
			a.ChoiceIDs = []string{q.Options[rng.IntN(len(q.Options))].ID}
		case "multiple_choice":
			if len(q.Options) == 0 {
				continue
			}
			perm := rng.Perm(len(q.Options))
			for _, i := range perm[:1+rng.IntN(len(q.Options))] {
				a.ChoiceIDs = append(a.ChoiceIDs, q.Options[i].ID)
			}
		case "numeric":
			v := float64(rng.IntN(101))
			a.Value = &v
		case "short_text":
			t := guessWord(q.PromptHTML, rng)
			a.Text = &t
		case "ordering":
			if len(q.Items) == 0 {
				continue
			}
			for _, i := range rng.Perm(len(q.Items)) {
				a.Order = append(a.Order, q.Items[i].ID)
			}
		case "matching":
			if len(q.Items) == 0 || len(q.Targets) == 0 {
				continue
			}
			a.Pairs = map[string]string{}
			targets := rng.Perm(len(q.Targets))
			for i, item := range q.Items {
				a.Pairs[item.ID] = q.Targets[targets[i%len(targets)]].ID
			}
		default:
			continue
		}
		out = append(out, a)
	}
	return out
}

var (
	tags  = regexp.MustCompile(`<[^>]*>`)
	words = regexp.MustCompile(`[A-Za-z]{4,}`)
)

// guessWord picks a word of the prompt, the way a learner guesses a short-text answer.
func guessWord(promptHTML string, rng *rand.Rand) string {
	found := words.FindAllString(html.UnescapeString(tags.ReplaceAllString(promptHTML, " ")), -1)
	if len(found) == 0 {
		return "unsure"
	}
	return strings.ToLower(found[rng.IntN(len(found))])
}
