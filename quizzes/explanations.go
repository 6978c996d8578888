package quizzes

import "strings"

// MissingExplanation is an explanation the catalogue asks for that a question lacks. Option
// is the index of the option concerned, or -1 for the question itself.
type MissingExplanation struct {
	Option  int
	Message string
}

// MissingExplanations applies the catalogue's rule that learners are told why: every option of
// a choice question carries an explanation (why it is right or wrong), and a true_false question
// carries an explanation, or one for each answer. (Imported question banks may be marked
// explanations_pending until they do; the catalogue enforces the rule, not Validate.)
func (qu *Question) MissingExplanations() []MissingExplanation {
	var out []MissingExplanation
	switch qu.Type {
	case SingleChoice, MultipleChoice:
		for i, o := range qu.Options {
			if strings.TrimSpace(o.Explanation) == "" {
				out = append(out, MissingExplanation{i, "option " + o.ID + " needs an explanation (why it is right or wrong)"})
			}
		}
	case TrueFalse:
		if strings.TrimSpace(qu.Explanation) == "" &&
			(strings.TrimSpace(qu.ExplanationTrue) == "" || strings.TrimSpace(qu.ExplanationFalse) == "") {
			out = append(out, MissingExplanation{-1, "true_false needs an explanation (or explanation_true and explanation_false)"})
		}
	}
	return out
}
