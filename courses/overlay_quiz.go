package courses

import (
	"fmt"
	"maps"
	"path"
	"slices"

	"tandem/quizzes"
)

// quizOverlay is quiz.<lang>.yaml as written: questions matched by id, with only their
// translatable fields.
type quizOverlay struct {
	Translates string            `yaml:"translates"`
	Title      string            `yaml:"title"`
	Questions  []questionOverlay `yaml:"questions"`
}

// questionOverlay is one translated question.
type questionOverlay struct {
	ID               string          `yaml:"id"`
	Prompt           string          `yaml:"prompt"`
	Explanation      string          `yaml:"explanation"`
	ExplanationTrue  string          `yaml:"explanation_true"`
	ExplanationFalse string          `yaml:"explanation_false"`
	Accepted         []string        `yaml:"accepted"`
	Options          []optionOverlay `yaml:"options"`
	Items            []textOverlay   `yaml:"items"`
	Targets          []textOverlay   `yaml:"targets"`
}

// optionOverlay is one translated option, matched by id.
type optionOverlay struct {
	ID          string `yaml:"id"`
	Text        string `yaml:"text"`
	Explanation string `yaml:"explanation"`
	Tradeoffs   string `yaml:"tradeoffs"`
}

// textOverlay is one translated ordering or matching item or target, matched by id.
type textOverlay struct {
	ID   string `yaml:"id"`
	Text string `yaml:"text"`
}

// loadQuizOverlays reads quiz.<lang>.yaml beside a loaded quiz. Its questions must be the
// source's, with the source's options, items and targets, and only the fields their type has.
func (l *loader) loadQuizOverlays(q *Quiz, file string, found []string) {
	for _, over := range found {
		var o quizOverlay
		tr, doc, ok := l.readOverlay(over, file, &o, func() string { return o.Translates })
		if !ok {
			continue
		}
		_, lang, _ := splitOverlay(path.Base(over))
		before := len(l.problems)
		cp := q.copyText()
		cp.Title = or(o.Title, q.Title)
		for i, qo := range o.Questions {
			l.renderingIn(lang, func() { l.translateQuestion(over, doc, i, cp, qo) })
		}
		if len(l.problems) > before {
			continue
		}
		translate(&q.Translations, cp, &cp.Translations, &cp.Translation, tr)
	}
	q.acceptAll()
}

// copyText copies a quiz deeply enough that its texts can be replaced.
func (q *Quiz) copyText() *Quiz {
	cp := *q
	cp.Translations, cp.grading = nil, nil
	cp.Questions = slices.Clone(q.Questions)
	for i := range cp.Questions {
		qu := &cp.Questions[i]
		qu.Options, qu.Items, qu.Targets = slices.Clone(qu.Options), slices.Clone(qu.Items), slices.Clone(qu.Targets)
		qu.Accepted = slices.Clone(qu.Accepted)
	}
	cp.PromptHTML, cp.ExplanationHTML = maps.Clone(q.PromptHTML), maps.Clone(q.ExplanationHTML)
	return &cp
}

// translateQuestion applies the i-th question of an overlay to cp, the quiz in its language.
func (l *loader) translateQuestion(file string, doc yamlDoc, i int, cp *Quiz, qo questionOverlay) {
	line := doc.line("questions", i)
	qu := questionByID(cp, qo.ID)
	if qu == nil {
		l.problem(file, line, "question %q is not in the source quiz: questions are matched by id", qo.ID)
		return
	}
	for _, msg := range overlayMisfits(qu, qo) {
		l.problem(file, line, "question %s: %s", qo.ID, msg)
	}
	if !blank(qo.Prompt) {
		qu.Prompt = qo.Prompt
		cp.PromptHTML[qu.ID] = l.renderField(file, doc.line("questions", i, "prompt"), qo.Prompt)
	}
	if !blank(qo.Explanation) {
		qu.Explanation = qo.Explanation
		cp.ExplanationHTML[qu.ID] = l.renderField(file, doc.line("questions", i, "explanation"), qo.Explanation)
	}
	qu.ExplanationTrue, qu.ExplanationFalse = or(qo.ExplanationTrue, qu.ExplanationTrue), or(qo.ExplanationFalse, qu.ExplanationFalse)
	qu.Accepted = append(qu.Accepted, qo.Accepted...)
	for _, oo := range qo.Options {
		if j := slices.IndexFunc(qu.Options, func(o quizzes.Option) bool { return o.ID == oo.ID }); j >= 0 {
			o := &qu.Options[j]
			o.Text, o.Explanation, o.Tradeoffs = or(oo.Text, o.Text), or(oo.Explanation, o.Explanation), or(oo.Tradeoffs, o.Tradeoffs)
		}
	}
	for _, it := range qo.Items {
		if j := slices.IndexFunc(qu.Items, func(x quizzes.Item) bool { return x.ID == it.ID }); j >= 0 {
			qu.Items[j].Text = or(it.Text, qu.Items[j].Text)
		}
	}
	for _, tg := range qo.Targets {
		if j := slices.IndexFunc(qu.Targets, func(x quizzes.Target) bool { return x.ID == tg.ID }); j >= 0 {
			qu.Targets[j].Text = or(tg.Text, qu.Targets[j].Text)
		}
	}
}

// overlayMisfits lists what a question overlay names that its source question does not have.
func overlayMisfits(qu *quizzes.Question, qo questionOverlay) []string {
	var out []string
	has := func(types ...quizzes.Type) bool { return slices.Contains(types, qu.Type) }
	if (qo.ExplanationTrue != "" || qo.ExplanationFalse != "") && !has(quizzes.TrueFalse) {
		out = append(out, "explanation_true and explanation_false are for true_false questions")
	}
	if len(qo.Accepted) > 0 && !has(quizzes.ShortText) {
		out = append(out, "accepted is for short_text questions")
	}
	for _, oo := range qo.Options {
		if !slices.ContainsFunc(qu.Options, func(o quizzes.Option) bool { return o.ID == oo.ID }) {
			out = append(out, fmt.Sprintf("option %q is not in the source question", oo.ID))
		}
		if oo.Tradeoffs != "" && !has(quizzes.Judgement) {
			out = append(out, fmt.Sprintf("option %q: tradeoffs are for judgement questions", oo.ID))
		}
	}
	for _, it := range qo.Items {
		if !slices.ContainsFunc(qu.Items, func(x quizzes.Item) bool { return x.ID == it.ID }) {
			out = append(out, fmt.Sprintf("item %q is not in the source question", it.ID))
		}
	}
	for _, tg := range qo.Targets {
		if !slices.ContainsFunc(qu.Targets, func(x quizzes.Target) bool { return x.ID == tg.ID }) {
			out = append(out, fmt.Sprintf("target %q is not in the source question", tg.ID))
		}
	}
	return out
}

func questionByID(q *Quiz, id string) *quizzes.Question {
	for i := range q.Questions {
		if q.Questions[i].ID == id {
			return &q.Questions[i]
		}
	}
	return nil
}

// acceptAll builds the quiz that grades: the source's questions, whose short_text answers
// also accept what every translation accepts, so that a grade never depends on the language
// the attempt was shown in, nor does a regrade.
func (q *Quiz) acceptAll() {
	q.grading = q
	for _, tr := range q.Translations {
		for _, qu := range tr.Questions {
			src, _ := q.Question(qu.ID)
			if len(qu.Accepted) == len(src.Accepted) {
				continue
			}
			if q.grading == q {
				q.grading = q.copyText()
			}
			g := questionByID(q.grading, qu.ID)
			for _, a := range qu.Accepted[len(src.Accepted):] {
				if !slices.Contains(g.Accepted, a) {
					g.Accepted = append(g.Accepted, a)
				}
			}
		}
	}
}

// ForGrading is the quiz that grades attempts: the source, with every translation's accepted
// short_text answers added. Its ids and hash are the source's.
func (q *Quiz) ForGrading() *Quiz {
	if q.grading == nil {
		return q
	}
	return q.grading
}

// blank reports whether s has no text.
func blank(s string) bool { return or(s, "") == "" }
