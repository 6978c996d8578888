package quizzes

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// gch is one character of GIFT source: escaped characters (\~ \= \# \{ \} \: \\ \n) never
// act as syntax, and every character remembers its line for error messages.
type gch struct {
	r    rune
	esc  bool
	line int
}

// span is a run of GIFT source characters.
type span []gch

// giftEscape is the literal that a backslash followed by r stands for, if r is escapable.
func giftEscape(r rune) (rune, bool) {
	switch r {
	case '~', '=', '#', '{', '}', ':', '\\':
		return r, true
	case 'n':
		return '\n', true
	}
	return 0, false
}

// appendLine appends one line of source to s, resolving escapes.
func (s span) appendLine(text string, line int) span {
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\\' && i+1 < len(rs) {
			if lit, ok := giftEscape(rs[i+1]); ok {
				s = append(s, gch{r: lit, esc: true, line: line})
				i++
				continue
			}
		}
		s = append(s, gch{r: rs[i], line: line})
	}
	return s
}

// String is the text of s with escapes resolved.
func (s span) String() string {
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(c.r)
	}
	return b.String()
}

// index is the position of the first unescaped occurrence of sub in s, or -1.
func (s span) index(sub string) int {
	want := []rune(sub)
next:
	for i := 0; i+len(want) <= len(s); i++ {
		for j, r := range want {
			if s[i+j].esc || s[i+j].r != r {
				continue next
			}
		}
		return i
	}
	return -1
}

// lastIndex is the position of the last unescaped occurrence of sub in s, or -1.
func (s span) lastIndex(sub string) int {
	want := []rune(sub)
next:
	for i := len(s) - len(want); i >= 0; i-- {
		for j, r := range want {
			if s[i+j].esc || s[i+j].r != r {
				continue next
			}
		}
		return i
	}
	return -1
}

// hasPrefix reports whether s starts with the unescaped text p.
func (s span) hasPrefix(p string) bool {
	i := 0
	for _, r := range p {
		if i >= len(s) || s[i].esc || s[i].r != r {
			return false
		}
		i++
	}
	return true
}

// trim removes white space at both ends.
func (s span) trim() span {
	for len(s) > 0 && unicode.IsSpace(s[0].r) {
		s = s[1:]
	}
	for len(s) > 0 && unicode.IsSpace(s[len(s)-1].r) {
		s = s[:len(s)-1]
	}
	return s
}

// lineOr is the line of the first character of s, or def when s is empty.
func (s span) lineOr(def int) int {
	if len(s) == 0 {
		return def
	}
	return s[0].line
}

// cut splits s around the first unescaped sep; found is false when there is none.
func (s span) cut(sep string) (before, after span, found bool) {
	i := s.index(sep)
	if i < 0 {
		return s, nil, false
	}
	return s[:i], s[i+len([]rune(sep)):], true
}

// formatPrefix strips a leading [markdown], [html], [plain] or [moodle] (in any case) from s
// and returns the format, or "" if there is none.
func formatPrefix(s span) (string, span) {
	s = s.trim()
	if !s.hasPrefix("[") {
		return "", s
	}
	word, _, ok := s[1:min(len(s), 10)].cut("]")
	if !ok {
		return "", s
	}
	switch f := strings.ToLower(word.String()); f {
	case "markdown", "html", "plain", "moodle":
		return f, s[len(word)+2:].trim()
	}
	return "", s
}

// giftMarkdown converts a piece of GIFT text to Tandem's Markdown (prompts and explanations).
// A [format] prefix of its own overrides the question's: markdown stays as written; html and
// moodle (the default, HTML where line breaks count) are converted; plain text is escaped.
func giftMarkdown(s span, format string) string {
	format, text := textFormat(s, format)
	switch format {
	case "markdown":
		return splitBrackets(text, `\[`)
	case "plain":
		return markdownText(text)
	case "html":
		return htmlConv{markdown: true}.convert(text, false)
	}
	return htmlConv{markdown: true}.convert(text, true)
}

// giftPlain converts a piece of GIFT text to the plain text of options, items, targets and
// accepted answers, which are shown as written.
func giftPlain(s span, format string) string {
	format, text := textFormat(s, format)
	switch format {
	case "markdown", "plain":
	case "html":
		text = htmlConv{}.convert(text, false)
	default:
		text = htmlConv{}.convert(text, true)
	}
	return splitBrackets(text, "\u2060[")
}

// splitBrackets writes each [ that follows a [ as second, so that no text reads as a
// catalogue glossary mark [[...]]: `\[` in Markdown, or [ after an invisible word joiner
// (U+2060) in plain text.
func splitBrackets(s, second string) string {
	if !strings.Contains(s, "[[") {
		return s
	}
	var b strings.Builder
	prev := rune(0)
	for _, r := range s {
		if r == '[' && prev == '[' {
			b.WriteString(second)
		} else {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// textFormat resolves a piece's format and returns its text, escapes resolved and trimmed.
func textFormat(s span, format string) (string, string) {
	own, s := formatPrefix(s)
	if own != "" {
		format = own
	}
	return format, strings.TrimSpace(s.String())
}

// slugify makes an id from a GIFT title: lowercase ASCII letters and digits joined by
// hyphens, accents dropped, at most 60 characters.
func slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(title)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r): // a combining accent: drop it, keep the letter
		default:
			dash = true
		}
	}
	return strings.TrimRight(truncate(b.String(), 60), "-")
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// letterID is the id of the i-th generated option: a..z, then aa, ab...
func letterID(i int) string {
	if i < 26 {
		return string(rune('a' + i))
	}
	return letterID(i/26-1) + letterID(i%26)
}

// poolName turns a $CATEGORY path such as "$course$/top/Cardiology" into a pool name.
func poolName(path string) string {
	parts := strings.Split(path, "/")
	for i := len(parts) - 1; i >= 0; i-- {
		p := strings.TrimSpace(parts[i])
		if p == "" || strings.EqualFold(p, "top") || strings.HasPrefix(p, "$") {
			continue
		}
		return slugify(p)
	}
	return ""
}
