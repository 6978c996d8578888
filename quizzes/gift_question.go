package quizzes

import (
	"slices"
	"strings"
)

// blankMark stands for the blank of a fill-the-blank question while its prompt is converted.
const blankMark = '\uE000'

// parseGIFTQuestion turns one block into a question, following the steps of Moodle's own
// reader: title, answer block, general feedback, then the question type from the block.
func parseGIFTQuestion(b *giftBlock) (*Question, *GIFTError) {
	s := b.src.trim()
	q := &Question{Pool: b.pool}
	if s.hasPrefix("::") {
		// Like Moodle, a title that is never closed is no title: the text starts after "::".
		if title, rest, ok := s[2:].cut("::"); ok {
			q.ID = slugify(title.String())
			s = rest.trim()
		} else {
			s = s[2:]
		}
	}
	open, end := s.index("{"), s.index("}")
	switch {
	case open < 0 && end < 0:
		return nil, &GIFTError{b.line, "a description (text without an answer block) is not imported: Tandem quizzes have no text-only items, so put the text into the prompts it introduces"}
	case end < 0:
		return nil, &GIFTError{s[open].line, "the answer block opened here is not closed with }"}
	case open < 0 || end < open:
		return nil, &GIFTError{s[end].line, "} without an opening {; write \\} for a literal brace"}
	}
	before, block, after := s[:open], s[open+1:end], s[end+1:]
	if i := after.index("{"); i >= 0 {
		return nil, &GIFTError{after[i].line, "a question has one answer block; separate questions with a blank line"}
	}
	if i := after.index("}"); i >= 0 {
		return nil, &GIFTError{after[i].line, "} without an opening {; write \\} for a literal brace"}
	}
	prompt := before
	if len(after.trim()) > 0 {
		prompt = slices.Concat(before, span{{r: blankMark, esc: true}}, after)
	}
	format, _ := formatPrefix(prompt)
	// The blank is written after conversion, escaped so that it never reads as a rule.
	q.Prompt = strings.ReplaceAll(giftMarkdown(prompt, ""), string(blankMark), `\_____`)
	if err := parseGIFTAnswers(q, block, format, s[open].line); err != nil {
		return nil, err
	}
	return q, nil
}

// parseGIFTAnswers reads an answer block (without its braces) into q, which has its prompt.
func parseGIFTAnswers(q *Question, block span, format string, line int) *GIFTError {
	general := span(nil)
	if i := block.lastIndex("####"); i >= 0 { // Moodle takes the last ####
		block, general = block[:i], block[i+4:]
	}
	block = block.trim()
	fb := answerFeedback{general: giftMarkdown(general, format)}
	var err *GIFTError
	switch {
	case len(block) == 0:
		giftEssay(q)
	case block.hasPrefix("#"):
		err = giftNumeric(q, block[1:], format, line, &fb)
	case block.index("~") >= 0:
		err = giftChoices(q, block, format, line)
	case block.index("=") >= 0 && block.index("->") >= 0:
		err = giftMatching(q, block, format, line)
	case isTrueFalse(block):
		giftTrueFalse(q, block, format)
	default:
		err = giftShortText(q, block, format, line, &fb)
	}
	if err != nil {
		return err
	}
	q.Explanation = fb.explanation()
	return nil
}

// isTrueFalse reports whether the block, up to its first #, is T, TRUE, F or FALSE.
func isTrueFalse(block span) bool {
	head, _, _ := block.cut("#")
	switch strings.ToUpper(strings.TrimSpace(head.String())) {
	case "T", "TRUE", "F", "FALSE":
		return true
	}
	return false
}

// giftTrueFalse reads {T#feedback if wrong#feedback if right}: each piece of feedback becomes
// the explanation of the answer it is shown for.
func giftTrueFalse(q *Question, block span, format string) {
	head, rest, _ := block.cut("#")
	wrong, right, _ := rest.cut("#")
	q.Type = TrueFalse
	answer := strings.ToUpper(strings.TrimSpace(head.String()))[0] == 'T'
	q.Answer = &answer
	if answer {
		q.ExplanationTrue, q.ExplanationFalse = giftPlain(right, format), giftPlain(wrong, format)
	} else {
		q.ExplanationTrue, q.ExplanationFalse = giftPlain(wrong, format), giftPlain(right, format)
	}
}

// answerFeedback gathers a question's explanation: the general feedback, then the feedback
// of answers that Tandem has no place of their own for, each labelled with its answer, so
// that no learner reads feedback meant for another answer as meant for theirs.
type answerFeedback struct {
	general string
	labels  []string
	notes   []string
}

// add records the feedback shown for an answer described by label (Markdown).
func (f *answerFeedback) add(label, note string) {
	if note != "" {
		f.labels, f.notes = append(f.labels, label), append(f.notes, note)
	}
}

func (f *answerFeedback) explanation() string {
	var lines []string
	for i, n := range f.notes {
		lines = append(lines, prefixLines(f.labels[i]+": "+n, "- ", "  "))
	}
	parts := []string{f.general}
	if len(lines) > 0 {
		parts = append(parts, strings.Join(lines, "\n"))
	}
	return strings.TrimSpace(strings.Join(parts, "\n\n"))
}

// quoted labels an answer text in Markdown: “text”.
func quoted(text string) string { return "For “" + escapeMarkdown(text) + "”" }
