package quizzes

import (
	"fmt"
	"strconv"
	"strings"
)

// giftAnswer is one answer of an answer block.
type giftAnswer struct {
	right    bool     // marked = (or, where Moodle allows it, unmarked text before the first marker)
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

// splitGIFTAnswers splits a block at its unescaped markers (= and ~, or = only). Text before
// the first marker is an answer too, as in Moodle: a right one where only = marks answers
// (short answers, matching, numbers), a wrong one in a multiple-choice block.
func splitGIFTAnswers(block span, markers string, line int) []giftAnswer {
	var answers []giftAnswer
	add := func(s span, marker rune) {
		a := giftAnswer{right: marker == '=' || marker == 0 && !strings.ContainsRune(markers, '~'), line: s.lineOr(line)}
		a.text = s.trim()
		if marker != 0 || len(a.text) > 0 {
			answers = append(answers, a)
		}
	}
	start, marker := 0, rune(0)
	for i, c := range block {
		if !c.esc && strings.ContainsRune(markers, c.r) {
			add(block[start:i], marker)
			start, marker = i+1, c.r
		}
	}
	add(block[start:], marker)
	return answers
}

// readWeight takes a leading %n% off the answer's text into its weight.
func (a *giftAnswer) readWeight() *GIFTError {
	if !a.text.hasPrefix("%") {
		return nil
	}
	pct, rest, ok := a.text[1:].cut("%")
	w, err := strconv.ParseFloat(strings.TrimSpace(pct.String()), 64)
	if !ok || err != nil || !finite(w) {
		return &GIFTError{a.line, "a weight is written %n%, with a number n"}
	}
	if w < -100 || w > 100 {
		return &GIFTError{a.line, fmt.Sprintf("weight %g%% is outside -100%%..100%%", w)}
	}
	w /= 100
	a.weight, a.text = &w, rest.trim()
	return nil
}

// splitFeedback takes the feedback after the answer's first # off its text.
func (a *giftAnswer) splitFeedback() {
	a.text, a.feedback, _ = a.text.cut("#")
	a.text = a.text.trim()
}

// giftChoices makes q a single_choice or multiple_choice question from a block with ~ answers.
// As in Moodle, a block with an = answer asks for one answer: with one fully right option it is
// single_choice, where ~%n% options earn partial credit. A block without = ticks all that apply.
func giftChoices(q *Question, block span, format string, line int) *GIFTError {
	answers := splitGIFTAnswers(block, "=~", line)
	if len(answers) < 2 {
		return &GIFTError{line, "a multiple-choice block needs at least two answers"}
	}
	single, full, partial, weighted := false, 0, false, false
	for i := range answers {
		a := &answers[i]
		if a.right && a.text.hasPrefix("%") {
			return &GIFTError{a.line, "= marks a fully right answer, so %n% after it would be read as text; write ~%n% for partial credit"}
		}
		if err := a.readWeight(); err != nil {
			return err
		}
		a.splitFeedback()
		single = single || a.right
		weighted = weighted || a.weight != nil
		switch c := a.credit(); {
		case c >= 1:
			full++
		case c > 0:
			partial = true
		}
	}
	switch {
	case single && full == 1:
		q.Type = SingleChoice
	case single && partial:
		return &GIFTError{line, "several answers earn full marks and others partial credit, in a block that asks for one answer: make one answer = and the others ~%n%"}
	default:
		q.Type = MultipleChoice
	}
	for i, a := range answers {
		o := Option{ID: letterID(i), Text: giftPlain(a.text, format), Explanation: giftPlain(a.feedback, format)}
		c := a.credit()
		o.Correct = c >= 1 || q.Type == MultipleChoice && c > 0
		switch {
		case q.Type == SingleChoice && c > 0 && c < 1:
			o.Weight = &c
		case q.Type == MultipleChoice && weighted:
			w := min(c, 1)
			o.Weight = &w
		}
		q.Options = append(q.Options, o)
	}
	return nil
}

// giftShortText makes q a short_text question from = answers: the ones earning full marks are
// accepted, ones earning part of them are partial answers, and ones earning nothing (such as
// Moodle's =%0%* for any other answer) only give feedback. A * that gives credit for anything
// has no place in short_text.
func giftShortText(q *Question, block span, format string, line int, fb *answerFeedback) *GIFTError {
	q.Type = ShortText
	for _, a := range splitGIFTAnswers(block, "=", line) {
		if err := a.readWeight(); err != nil {
			return err
		}
		a.splitFeedback()
		text, note, c := giftPlain(a.text, format), giftPlain(a.feedback, format), a.credit()
		switch {
		case c <= 0 && text == "*":
			fb.add("For any other answer", note)
		case c <= 0:
			fb.add(quoted(text), note)
		case text == "*":
			return &GIFTError{a.line, "an answer of * would give credit for anything: Tandem compares short answers as written"}
		case c < 1:
			q.Partial = append(q.Partial, PartialText{Text: text, Percent: round12(c * 100)})
			fb.add(quoted(text), note)
		default:
			q.Accepted = append(q.Accepted, text)
			fb.add(quoted(text), note)
		}
	}
	if len(q.Accepted) == 0 {
		return &GIFTError{line, "a short answer needs at least one answer that earns full marks"}
	}
	return nil
}

// giftMatching makes q a matching question from =item -> target answers; an answer with no
// item adds a distractor target, and items with the same target text share it. As in Moodle,
// matching answers have no feedback: a # is part of the text.
func giftMatching(q *Question, block span, format string, line int) *GIFTError {
	answers := splitGIFTAnswers(block, "=", line)
	if len(answers) < 2 {
		return &GIFTError{line, "a matching block needs at least two =item -> target answers"}
	}
	q.Type = Matching
	targets := map[string]string{} // text to id
	for _, a := range answers {
		item, target, ok := a.text.cut("->")
		if !ok {
			return &GIFTError{a.line, "every answer of a matching question is written =item -> target"}
		}
		text := splitBrackets(strings.TrimSpace(target.String()), "\u2060[") // as Moodle: no [format]
		id, seen := targets[text]
		if !seen {
			id = fmt.Sprintf("t%d", len(q.Targets)+1)
			targets[text] = id
			q.Targets = append(q.Targets, Target{ID: id, Text: text})
		}
		if it := giftPlain(item, format); it != "" {
			q.Items = append(q.Items, Item{ID: fmt.Sprintf("i%d", len(q.Items)+1), Text: it, Match: id})
		}
	}
	return nil
}
