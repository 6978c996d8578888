package quizzes

import (
	"regexp"
	"strings"
)

// escape makes text show as written: in Markdown, characters that would act as markup get a
// backslash; plain text stays as it is.
func (c htmlConv) escape(s string) string {
	if !c.markdown {
		return s
	}
	return escapeMarkdown(s)
}

// escapeAt escapes a word, and the markers that act only at the start of a line when it is there.
func (c htmlConv) escapeAt(w string, lineStart bool) string {
	w = c.escape(w)
	if c.markdown && lineStart {
		w = escapeLineStart(w)
	}
	return w
}

var entityAt = regexp.MustCompile(`^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// escapeMarkdown backslash-escapes the characters that act as Markdown markup anywhere in a
// line (emphasis, code, links, raw HTML, tables, strikethrough, glossary marks, entities).
func escapeMarkdown(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~':
			b.WriteByte('\\')
		case '&':
			if entityAt.MatchString(s[i:]) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

var orderedMarker = regexp.MustCompile(`^([0-9]{1,9})([.)])`)

// escapeLineStart escapes a marker that starts a heading, quote, list or rule at a line's start.
func escapeLineStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '-', '+', '=':
		return "\\" + s
	}
	return orderedMarker.ReplaceAllString(s, `$1\$2`)
}

// markdownText turns GIFT plain text into Markdown that shows it as written: markup characters
// escaped, each line break kept as a hard break, indentation (which Markdown reads as code) dropped.
func markdownText(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, escapeLineStart(escapeMarkdown(l)))
		}
	}
	return strings.Join(out, "\\\n")
}

// safeURL returns u when it is an http, https or mailto address, with the characters that
// would end a Markdown link percent-encoded; else "".
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	lower := strings.ToLower(u)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "mailto:") {
		return ""
	}
	r := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "", "\r", "", "\t", "", "\\", "%5C", "\"", "%22")
	return r.Replace(u)
}

// prefixLines puts first before the first line of s and rest before each following one.
func prefixLines(s, first, rest string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		p := rest
		if i == 0 {
			p = first
		}
		if lines[i] == "" {
			p = strings.TrimRight(p, " ")
		}
		lines[i] = p + lines[i]
	}
	return strings.Join(lines, "\n")
}

func longestRun(s string, r byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == r {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}
