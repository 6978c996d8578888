package quizzes

import (
	"strconv"
	"strings"
)

// giftNumber is one numeric answer: a value with a tolerance, or a min..max range.
type giftNumber struct {
	value, tolerance float64
	isRange          bool
	min, max         float64
}

// giftNumeric fills a numeric question from the block after its leading #, read as Moodle
// reads it: answers separated by = ("3.14:0.01", "1..5" or "42", each with an optional %n%
// weight and #feedback), and from the first ~ on, the feedback for any other answer. The first
// full-credit value:tolerance becomes value and tolerance; every other answer earning credit
// becomes a range, with its percent when partial.
func giftNumeric(q *Question, body span, format string, line int, fb *answerFeedback) *GIFTError {
	q.Type = Numeric
	var otherwise span
	if i := body.index("~"); i >= 0 {
		body, otherwise = body[:i], body[i+1:]
	}
	answers := splitGIFTAnswers(body, "=", line)
	if len(answers) == 0 {
		return &GIFTError{line, "a numeric answer needs a number, as {#value:tolerance} or {#min..max}"}
	}
	for _, a := range answers {
		if err := a.readWeight(); err != nil {
			return err
		}
		a.splitFeedback()
		n, msg := parseGIFTNumber(a.text.String())
		if msg != "" {
			return &GIFTError{a.line, msg}
		}
		fb.add(n.label(), giftMarkdown(a.feedback, format))
		credit := min(a.credit(), 1)
		switch {
		case credit <= 0: // a wrong answer that only carries feedback
		case credit == 1 && !n.isRange && q.Value == nil:
			v := n.value
			q.Value, q.Tolerance = &v, n.tolerance
		case n.isRange:
			q.Ranges = append(q.Ranges, NumberRange{Min: n.min, Max: n.max, Percent: rangePercent(credit)})
		default:
			lo, hi := round12(n.value-n.tolerance), round12(n.value+n.tolerance)
			q.Ranges = append(q.Ranges, NumberRange{Min: lo, Max: hi, Percent: rangePercent(credit)})
		}
	}
	if _, note, ok := otherwise.cut("#"); ok {
		fb.add("For any other answer", giftMarkdown(note, format))
	}
	return nil
}

// label describes the answers n stands for, in Markdown.
func (n giftNumber) label() string {
	g := func(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
	switch {
	case n.isRange:
		return "For an answer from " + g(n.min) + " to " + g(n.max)
	case n.tolerance > 0:
		return "For an answer within " + g(n.value) + " ± " + g(n.tolerance)
	}
	return "For " + escapeMarkdown(g(n.value))
}

// rangePercent is the percent a range earns; full credit is written as 0 (absent).
func rangePercent(credit float64) float64 {
	if credit >= 1 {
		return 0
	}
	return credit * 100
}

// parseGIFTNumber reads "value", "value:tolerance" or "min..max"; it returns an error message.
func parseGIFTNumber(s string) (giftNumber, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return giftNumber{}, "a numeric answer needs a number, as {#value:tolerance} or {#min..max}"
	}
	if lo, hi, ok := strings.Cut(s, ".."); ok {
		min, err1 := parseFinite(lo)
		max, err2 := parseFinite(hi)
		if err1 != nil || err2 != nil {
			return giftNumber{}, "a numeric range is written min..max, as in 1.5..2.5, not " + strconv.Quote(s)
		}
		return giftNumber{isRange: true, min: min, max: max}, ""
	}
	v, t, hasTolerance := strings.Cut(s, ":")
	value, err := parseFinite(v)
	if err != nil {
		return giftNumber{}, "a numeric answer is written value:tolerance, as in 3.14:0.01, not " + strconv.Quote(s)
	}
	n := giftNumber{value: value}
	if hasTolerance {
		if n.tolerance, err = parseFinite(t); err != nil || n.tolerance < 0 {
			return giftNumber{}, "the tolerance after : must be a number of 0 or more, not " + strconv.Quote(t)
		}
	}
	return n, ""
}

// round12 rounds to 12 significant digits, so that 0.15-0.05 is written 0.1.
func round12(f float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 12, 64), 64)
	return r
}

// parseFinite parses a decimal number, refusing NaN and infinities.
func parseFinite(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err == nil && !finite(f) {
		err = strconv.ErrRange
	}
	return f, err
}
