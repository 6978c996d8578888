package courses

import (
	"strconv"
	"strings"

	"tandem/quizzes"
)

// loadQuiz loads a module's quiz.yaml, validates it with the quizzes package and the
// catalogue's own rules, and renders its prompts and explanations.
func (l *loader) loadQuiz(mod *Module, file string) *Quiz {
	src, ok := l.read(file)
	if !ok {
		return nil
	}
	var q quizzes.Quiz
	doc, ok := l.decode(file, src, 0, &q)
	if !ok {
		return nil
	}
	if q.Slug != "" { // a missing slug is reported by Validate
		l.claim(q.Slug, "quiz", file, doc.line("slug"))
	}
	l.source(KindQuiz, file)
	for _, msg := range q.Validate() {
		l.problem(file, quizLine(doc, &q, msg), "%s", msg)
	}
	l.checkExplanations(file, doc, &q)
	l.checkPlainText(file, doc, ".questions.*.prompt", ".questions.*.explanation")
	q.Normalize()

	out := &Quiz{
		Quiz:            q,
		Module:          mod,
		Hash:            hashBytes(src),
		PromptHTML:      map[string]string{},
		ExplanationHTML: map[string]string{},
	}
	for i, qu := range q.Questions {
		out.PromptHTML[qu.ID] = l.renderField(file, doc.line("questions", i, "prompt"), qu.Prompt)
		if strings.TrimSpace(qu.Explanation) != "" {
			out.ExplanationHTML[qu.ID] = l.renderField(file, doc.line("questions", i, "explanation"), qu.Explanation)
		}
	}
	return out
}

// checkExplanations applies the catalogue's rule that learners are told why (see
// quizzes.Question.MissingExplanations), except to questions an import marked
// explanations_pending.
func (l *loader) checkExplanations(file string, doc yamlDoc, q *quizzes.Quiz) {
	for i, qu := range q.Questions {
		if qu.ExplanationsPending {
			continue
		}
		for _, m := range qu.MissingExplanations() {
			line := doc.line("questions", i)
			if m.Option >= 0 {
				line = doc.line("questions", i, "options", m.Option)
			}
			l.problem(file, line, "question %s: %s", qu.ID, m.Message)
		}
	}
}

// quizLine finds the line a quizzes.Validate message is about, from the prefix the quizzes
// package gives it ("question q3: ...", "question #2: ...", "pool core: ...") or the field it
// starts with ("pass_percent must be ...").
func quizLine(doc yamlDoc, q *quizzes.Quiz, msg string) int {
	head, _, found := strings.Cut(msg, ":")
	if found {
		if id, ok := strings.CutPrefix(head, "question #"); ok {
			if n, err := strconv.Atoi(id); err == nil {
				return doc.line("questions", n-1)
			}
		}
		if id, ok := strings.CutPrefix(head, "question "); ok {
			for i, qu := range q.Questions {
				if qu.ID == id {
					return doc.line("questions", i)
				}
			}
		}
		if name, ok := strings.CutPrefix(head, "pool "); ok {
			return doc.line("pools", name)
		}
	}
	field, _, _ := strings.Cut(msg, " ")
	switch field {
	case "pass_percent", "max_attempts", "time_limit_minutes", "grading", "feedback":
		return doc.line(field)
	case "quiz":
		return doc.line(fieldOf(msg))
	}
	return 0
}

// fieldOf names the field a "quiz needs a ..." or "quiz has no ..." message is about.
func fieldOf(msg string) string {
	for _, f := range []string{"slug", "title", "questions"} {
		if strings.Contains(msg, f) {
			return f
		}
	}
	return ""
}
