package quizzes

import (
	"fmt"
	"strconv"
	"strings"
)

// giftAnswer is one =answer or ~answer of an answer block.
type giftAnswer struct {
	right    bool     // marked = rather than ~
	weight   *float64 // %n% as n/100, if given
	text     span
	feedback span
	line     int
}

// credit is the share of points the answer earns: its weight, else 1 for = and 0 for ~.
func (a giftAnswer) credit() float64 {
	switch {
	case a.weight != nil:
		return *a.weight
	case a.right:
		return 1
	}
	return 0
}

// parseGIFTAnswers reads an answer block (without its braces) into q, which has its prompt.
func parseGIFTAnswers(q *Question, block span, format string, line int) *GIFTError {
	block, general, _ := block.cut("####")
	notes := []string{giftText(general, format)}
	block = block.trim()
	head, feedback, _ := block.cut("#")
	switch word := strings.ToUpper(strings.TrimSpace(head.String())); {
	case len(block) == 0:
		return &GIFTError{line, "essay questions are not supported: Tandem has no free-text grading"}
	case block.hasPrefix("#"):
		q.Type = Numeric
		var err *GIFTError
		if notes, err = giftNumeric(q, block[1:], format, line, notes); err != nil {
			return err
		}
	case word == "T" || word == "TRUE" || word == "F" || word == "FALSE":
		q.Type = TrueFalse
		answer := word[0] == 'T'
		q.Answer = &answer
		wrong, right, _ := feedback.cut("#")
		notes = append(notes, giftText(wrong, format), giftText(right, format))
	default:
		answers, err := splitGIFTAnswers(block, line)
		if err != nil {
			return err
		}
		if notes, err = giftChoices(q, answers, format, notes); err != nil {
			return err
		}
	}
	q.Explanation = joinNotes(notes)
	return nil
}

// splitGIFTAnswers splits "=a#why ~%50%b" into answers.
func splitGIFTAnswers(block span, line int) ([]giftAnswer, *GIFTError) {
	var answers []giftAnswer
	start := -1
	for i := 0; i <= len(block); i++ {
		if i < len(block) && (block[i].esc || block[i].r != '=' && block[i].r != '~') {
			if start < 0 && !isSpace(block[i].r) {
				return nil, &GIFTError{block[i].line, "each answer starts with = (right) or ~ (wrong); write \\= or \\~ for the literal characters"}
			}
			continue
		}
		if start >= 0 {
			a, err := parseGIFTAnswer(block[start:i])
			if err != nil {
				return nil, err
			}
			answers = append(answers, a)
		}
		start = i
	}
	if len(answers) == 0 {
		return nil, &GIFTError{line, "the answer block has no answers"}
	}
	return answers, nil
}

// parseGIFTAnswer reads one answer, starting at its = or ~ marker.
func parseGIFTAnswer(s span) (giftAnswer, *GIFTError) {
	a := giftAnswer{right: s[0].r == '=', line: s[0].line}
	s = s[1:].trim()
	if s.hasPrefix("%") {
		pct, rest, ok := s[1:].cut("%")
		w, err := strconv.ParseFloat(strings.TrimSpace(pct.String()), 64)
		if !ok || err != nil || !finite(w) {
			return a, &GIFTError{a.line, "a weight is written %n%, with a number n"}
		}
		if w < -100 || w > 100 {
			return a, &GIFTError{a.line, fmt.Sprintf("weight %g%% is outside -100%%..100%%", w)}
		}
		w /= 100
		a.weight, s = &w, rest
	}
	a.text, a.feedback, _ = s.cut("#")
	return a, nil
}

// giftChoices makes q a matching, short_text, single_choice or multiple_choice question.
func giftChoices(q *Question, answers []giftAnswer, format string, notes []string) ([]string, *GIFTError) {
	wrong, weighted, right, arrows := false, false, 0, 0
	for _, a := range answers {
		wrong = wrong || !a.right
		weighted = weighted || a.weight != nil
		if a.right {
			right++
		}
		if a.text.index("->") >= 0 {
			arrows++
		}
	}
	switch {
	case arrows > 0:
		if wrong || arrows != len(answers) {
			return nil, &GIFTError{answers[0].line, "every answer of a matching question is written =item -> target"}
		}
		return giftMatching(q, answers, format, notes), nil
	case !wrong:
		q.Type = ShortText
		for _, a := range answers {
			if a.credit() != 1 {
				return nil, &GIFTError{a.line, "short answers with partial credit are not supported: Tandem accepts or rejects a short_text answer"}
			}
			q.Accepted = append(q.Accepted, giftText(a.text, format))
			notes = append(notes, giftText(a.feedback, format))
		}
		return notes, nil
	case right == 1 && !weighted:
		q.Type = SingleChoice
	default:
		q.Type = MultipleChoice
	}
	for i, a := range answers {
		o := Option{ID: letterID(i), Text: giftText(a.text, format), Explanation: giftText(a.feedback, format)}
		o.Correct = a.right
		if weighted {
			w := a.credit()
			o.Weight, o.Correct = &w, w > 0
		}
		q.Options = append(q.Options, o)
	}
	return notes, nil
}

// giftMatching makes q a matching question from =item -> target answers; an answer with
// no item adds a distractor target, and items with the same target text share it.
func giftMatching(q *Question, answers []giftAnswer, format string, notes []string) []string {
	q.Type = Matching
	targets := map[string]string{} // text to id
	for _, a := range answers {
		item, target, _ := a.text.cut("->")
		text := giftText(target, format)
		id, ok := targets[text]
		if !ok {
			id = fmt.Sprintf("t%d", len(q.Targets)+1)
			targets[text] = id
			q.Targets = append(q.Targets, Target{ID: id, Text: text})
		}
		if it := giftText(item, format); it != "" {
			q.Items = append(q.Items, Item{ID: fmt.Sprintf("i%d", len(q.Items)+1), Text: it, Match: id})
		}
		notes = append(notes, giftText(a.feedback, format))
	}
	return notes
}

// joinNotes joins the non-empty, distinct explanation pieces with blank lines.
func joinNotes(notes []string) string {
	var kept []string
	for _, n := range notes {
		dup := false
		for _, k := range kept {
			dup = dup || k == n
		}
		if n != "" && !dup {
			kept = append(kept, n)
		}
	}
	return strings.Join(kept, "\n\n")
}

func isSpace(r rune) bool { return strings.TrimSpace(string(r)) == "" }
