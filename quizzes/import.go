package quizzes

import (
	"context"
	"fmt"
	"regexp"
	"strings"
)

// MaxGIFTQuestions is the most question blocks one GIFT text may hold.
const MaxGIFTQuestions = 1000

// The pass mark and attempts of an imported quiz when the author names neither.
const (
	DefaultPassPercent = 70
	DefaultMaxAttempts = 3
)

var moduleSlug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidModuleSlug reports whether slug can name the module an imported quiz belongs to:
// lowercase letters and digits in words joined by hyphens, such as clin-data.
func ValidModuleSlug(slug string) bool { return moduleSlug.MatchString(slug) }

// ImportGIFT parses a Moodle GIFT question bank into a quiz for module moduleSlug: slug
// "<module>-quiz", every $CATEGORY a pool drawn whole (authors lower the draw counts to sample
// from larger banks), defaults for everything GIFT does not say. Questions that lack the
// explanations the catalogue asks for are marked explanations_pending, essays rubric_pending,
// and the import's Pending says what to add to each. When no question imports, the error is the GIFTErrors
// of every block, each at its line.
func ImportGIFT(ctx context.Context, src, moduleSlug, title string, passPercent, maxAttempts int) (*Quiz, *GIFTImport, error) {
	imp, err := ParseGIFT(ctx, src, MaxGIFTQuestions)
	if err != nil {
		return nil, nil, err
	}
	if len(imp.Questions) == 0 {
		if len(imp.Skipped) > 0 {
			return nil, imp, imp.Skipped
		}
		return nil, imp, GIFTErrors{{Line: 1, Msg: "the GIFT text has no questions"}}
	}
	q := &Quiz{Slug: moduleSlug + "-quiz", Title: title, PassPercent: passPercent, MaxAttempts: maxAttempts, Questions: imp.Questions}
	if q.Title == "" {
		q.Title = "Quiz: " + moduleSlug
	}
	for i := range q.Questions {
		qu := &q.Questions[i]
		if qu.Pool != "" {
			if q.Pools == nil {
				q.Pools = map[string]int{}
			}
			q.Pools[qu.Pool]++
		}
		if qu.RubricPending {
			imp.Pending = append(imp.Pending, &GIFTError{imp.Lines[i], "question " + qu.ID + ": " + rubricPendingMessage})
		}
		if msg := pendingMessage(qu); msg != "" {
			qu.ExplanationsPending = true
			imp.Pending = append(imp.Pending, &GIFTError{imp.Lines[i], "question " + qu.ID + ": " + msg + "; then remove explanations_pending"})
		}
	}
	q.Normalize()
	return q, imp, nil
}

// pendingMessage says which explanations qu lacks, in one sentence; "" when none.
func pendingMessage(qu *Question) string {
	var options []string
	var msgs []string
	for _, m := range qu.MissingExplanations() {
		if m.Option >= 0 {
			options = append(options, qu.Options[m.Option].ID)
		} else {
			msgs = append(msgs, "add an "+strings.TrimPrefix(m.Message, string(qu.Type)+" needs an "))
		}
	}
	switch len(options) {
	case 0:
	case 1:
		msgs = append(msgs, "add an explanation to option "+options[0]+" (why it is right or wrong)")
	default:
		msgs = append(msgs, fmt.Sprintf("add an explanation to options %s and %s (why each is right or wrong)",
			strings.Join(options[:len(options)-1], ", "), options[len(options)-1]))
	}
	return strings.Join(msgs, "; ")
}

// QuestionTypes counts the quiz's questions by type.
func (q *Quiz) QuestionTypes() map[string]int {
	types := map[string]int{}
	for _, qu := range q.Questions {
		types[string(qu.Type)]++
	}
	return types
}
