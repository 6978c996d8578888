package quizzes

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// GIFTError is a problem in GIFT source, at a line counted from 1.
type GIFTError struct {
	Line int
	Msg  string
}

// Error gives the line and the problem.
func (e *GIFTError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// GIFTErrors is every problem ParseGIFT found, in source order.
type GIFTErrors []*GIFTError

// Error lists the problems, one per line.
func (es GIFTErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.As find each *GIFTError.
func (es GIFTErrors) Unwrap() []error {
	errs := make([]error, len(es))
	for i, e := range es {
		errs[i] = e
	}
	return errs
}

// giftBlock is one question's worth of source: the lines between blank lines.
type giftBlock struct {
	src  span
	line int
	pool string
}

// ParseGIFT reads questions in Moodle's GIFT format. It returns either questions that
// each pass Validate (with unique ids, and a pool named after their $CATEGORY), or a
// GIFTErrors naming the line of every problem. How GIFT maps onto Tandem:
//
//   - ::title:: becomes the id, slugified; untitled questions are q1, q2... by position.
//   - {=a ~b}: single_choice; several = or any %n% weight: multiple_choice with weight n/100;
//     only = answers: short_text; {T} {F} {TRUE} {FALSE}: true_false; {=a -> b}: matching;
//     {#...}: numeric (value:tolerance, min..max, or several =%n% answers as ranges).
//   - #feedback on a choice becomes the option's explanation; #### general feedback, and
//     answer feedback Tandem has no place for, become the question's explanation.
//   - Text after the answer block makes it a fill-the-blank: the block becomes _____.
//   - Text without an answer block (a description) is skipped. Essays {} are rejected.
//   - [markdown] [plain] [moodle] prefixes are dropped; [html] text is reduced to plain text.
func ParseGIFT(src string) ([]Question, error) {
	var qs []Question
	var errs GIFTErrors
	used := map[string]bool{}
	for _, b := range giftBlocks(src) {
		q, err := parseGIFTQuestion(b)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if q == nil {
			continue // a description
		}
		q.ID = uniqueID(q.ID, fmt.Sprintf("q%d", len(qs)+1), used)
		for _, msg := range q.problems() {
			errs = append(errs, &GIFTError{Line: b.line, Msg: "question " + q.ID + ": " + msg})
		}
		qs = append(qs, *q)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return qs, nil
}

// giftBlocks splits source into question blocks at blank lines, dropping // comments and
// noting the $CATEGORY each block falls under.
func giftBlocks(src string) []giftBlock {
	var blocks []giftBlock
	var cur giftBlock
	pool := ""
	flush := func() {
		if len(cur.src) > 0 {
			blocks = append(blocks, cur)
		}
		cur = giftBlock{pool: pool}
	}
	cur.pool = pool
	for i, line := range strings.Split(strings.TrimPrefix(src, "\ufeff"), "\n") {
		line = strings.TrimSuffix(line, "\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "//"):
		case len(trimmed) >= 10 && strings.EqualFold(trimmed[:10], "$CATEGORY:"):
			flush()
			pool = poolName(trimmed[10:])
			cur.pool = pool
		default:
			if len(cur.src) == 0 {
				cur.line = i + 1
			} else {
				cur.src = append(cur.src, gch{r: '\n', line: i})
			}
			cur.src = cur.src.appendLine(line, i+1)
		}
	}
	flush()
	return blocks
}

// uniqueID returns id, or fallback when id is empty, made unique among used with -2, -3...
func uniqueID(id, fallback string, used map[string]bool) string {
	if id == "" {
		id = fallback
	}
	unique := id
	for n := 2; used[unique]; n++ {
		unique = fmt.Sprintf("%s-%d", id, n)
	}
	used[unique] = true
	return unique
}

// parseGIFTQuestion turns one block into a question; nil, nil for a description.
func parseGIFTQuestion(b giftBlock) (*Question, *GIFTError) {
	s := b.src.trim()
	q := &Question{Pool: b.pool}
	if s.hasPrefix("::") {
		title, rest, ok := s[2:].cut("::")
		if !ok {
			return nil, &GIFTError{b.line, "the title opened with :: is not closed with ::"}
		}
		q.ID = slugify(title.String())
		s = rest
	}
	format, s := formatPrefix(s)
	open := s.index("{")
	if open < 0 {
		if i := s.index("}"); i >= 0 {
			return nil, &GIFTError{s[i].line, "} without an opening {; write \\} for a literal brace"}
		}
		return nil, nil
	}
	if i := s[:open].index("}"); i >= 0 {
		return nil, &GIFTError{s[i].line, "} without an opening {; write \\} for a literal brace"}
	}
	end := s[open:].index("}")
	if end < 0 {
		return nil, &GIFTError{s[open].line, "the answer block opened here is not closed with }"}
	}
	end += open
	before, block, after := s[:open], s[open+1:end], s[end+1:]
	if i := after.index("{"); i >= 0 {
		return nil, &GIFTError{after[i].line, "a question has one answer block; separate questions with a blank line"}
	}
	if i := after.index("}"); i >= 0 {
		return nil, &GIFTError{after[i].line, "} without an opening {; write \\} for a literal brace"}
	}
	prompt := before
	if len(after.trim()) > 0 {
		prompt = slices.Concat(before, span{}.appendLine("_____", 0), after)
	}
	q.Prompt = giftText(prompt, format)
	if err := parseGIFTAnswers(q, block, format, s[open].line); err != nil {
		return nil, err
	}
	return q, nil
}

// QuizYAML writes q as a quiz.yaml the catalogue loads, spelling out the default grading
// and feedback. It refuses a quiz that fails Validate.
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
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&out); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
