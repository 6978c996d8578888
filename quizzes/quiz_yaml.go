package quizzes

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// QuizYAML writes q as a quiz.yaml the catalogue loads, spelling out the default grading and
// feedback. It refuses a quiz that fails Validate. The YAML reads the same under YAML 1.1 and
// 1.2: strings that a 1.1 reader would take for a boolean, null, number or date (yes, off, ~,
// 0755, 1e3, 1:20...) are quoted.
func QuizYAML(q *Quiz) ([]byte, error) {
	if problems := q.Validate(); len(problems) > 0 {
		return nil, errors.New("quiz is not valid: " + strings.Join(problems, "; "))
	}
	out := *q
	if out.Grading == "" {
		out.Grading = GradeBest
	}
	if out.Feedback == "" {
		out.Feedback = FeedbackImmediate
	}
	var doc yaml.Node
	if err := doc.Encode(&out); err != nil {
		return nil, err
	}
	quoteAmbiguous(&doc)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// quoteAmbiguous double-quotes every plain string scalar under n that YAML 1.1 resolves to
// another type.
func quoteAmbiguous(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!merge" { // yaml.v3 writes the string "<<" as !!merge <<
		n.Tag, n.Style = "!!str", yaml.DoubleQuotedStyle
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Style == 0 && !strings.Contains(n.Value, "\n") && yaml11Typed(n.Value) {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		quoteAmbiguous(c)
	}
}

var (
	yaml11Words   = regexp.MustCompile(`^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|<<|=)$`)
	yaml11Numeric = regexp.MustCompile(`^[-+]?(?:[0-9]|\.[0-9]|\.(?:inf|Inf|INF|nan|NaN|NAN)$)`)
)

// yaml11Typed reports whether a plain scalar s would not be a string to a YAML 1.1 reader
// (or might not be: every scalar that starts like a number counts).
func yaml11Typed(s string) bool {
	return yaml11Words.MatchString(s) || yaml11Numeric.MatchString(s)
}
