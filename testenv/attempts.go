package testenv

import (
	"encoding/json"
	"strings"

	"tandem/quizzes"
)

// presented is an attempt's questions as the API shows them.
type presented struct {
	Questions []struct {
		ID      string           `json:"id"`
		Options []quizzes.Choice `json:"options"`
		Items   []quizzes.Choice `json:"items"`
		Targets []quizzes.Choice `json:"targets"`
	} `json:"questions"`
}

// InAttempt rewrites answers written with the catalogue's authored ids (as a test knows them)
// into the opaque ids that attempt attemptID shows learner u, matching options, items and
// targets by their text. Ids the catalogue does not know are left as they are, so a test can
// still send a wrong one.
func (e *Env) InAttempt(u *User, attemptID string, answers []map[string]any) []map[string]any {
	e.T.Helper()
	return e.AnswersFor(e.Do(Request{Method: "GET", Path: "/api/v1/attempts/" + attemptID, Token: u.AccessToken}).Body, answers)
}

// AnswersFor is InAttempt for an attempt's JSON as the API answered it.
func (e *Env) AnswersFor(attempt []byte, answers []map[string]any) []map[string]any {
	e.T.Helper()
	var a presented
	if err := json.Unmarshal(attempt, &a); err != nil {
		e.T.Fatalf("testenv: attempt: %v", err)
	}
	out := make([]map[string]any, len(answers))
	for i, ans := range answers {
		out[i] = map[string]any{}
		for k, v := range ans {
			out[i][k] = v
		}
		key, _ := ans["question_id"].(string)
		q := e.question(key)
		if q == nil {
			continue
		}
		for _, shown := range a.Questions {
			if shown.ID != key {
				continue
			}
			opt := func(id string) string { return shownID(shown.Options, authoredText(q, "option", id), id) }
			item := func(id string) string { return shownID(shown.Items, authoredText(q, "item", id), id) }
			target := func(id string) string { return shownID(shown.Targets, authoredText(q, "target", id), id) }
			if ids, ok := ans["choice_ids"].([]string); ok {
				out[i]["choice_ids"] = mapAll(ids, opt)
			}
			if ids, ok := ans["order"].([]string); ok {
				out[i]["order"] = mapAll(ids, item)
			}
			if pairs, ok := ans["pairs"].(map[string]string); ok {
				m := map[string]string{}
				for it, tg := range pairs {
					m[item(it)] = target(tg)
				}
				out[i]["pairs"] = m
			}
		}
	}
	return out
}

// question finds a question of the app's catalogue by its global id (quiz.question).
func (e *Env) question(key string) *quizzes.Question {
	slug, id, ok := strings.Cut(key, ".")
	if !ok {
		return nil
	}
	quiz, found := e.App.Catalog.Quiz(slug)
	if !found {
		return nil
	}
	q, _ := quiz.Question(id)
	return q
}

// authoredText is the text of q's option, item or target with authored id; "" if none.
func authoredText(q *quizzes.Question, kind, id string) string {
	switch {
	case kind == "option" && q.Type == quizzes.TrueFalse:
		return map[string]string{"true": "True", "false": "False"}[id]
	case kind == "option":
		for _, o := range q.Options {
			if o.ID == id {
				return o.Text
			}
		}
	case kind == "item":
		for _, it := range q.Items {
			if it.ID == id {
				return it.Text
			}
		}
	default:
		for _, t := range q.Targets {
			if t.ID == id {
				return t.Text
			}
		}
	}
	return ""
}

// shownID is the id of the shown choice with text; fallback when there is none.
func shownID(choices []quizzes.Choice, text, fallback string) string {
	for _, c := range choices {
		if text != "" && c.Text == text {
			return c.ID
		}
	}
	return fallback
}

func mapAll(ids []string, f func(string) string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = f(id)
	}
	return out
}
