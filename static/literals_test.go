package static

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// notText are literals that look like words but are protocol, key or brand names.
var notText = []string{"Bearer", "Tandem", "Enter", "Escape", "Accept", "Idempotency-Key"}

var (
	// attribute names whose values are code, not text, and the class list of sanitised or rendered
	// HTML: a literal right after one is skipped.
	codeContext = regexp.MustCompile(`(?:className|class|id|type|name|role|rel|href|src|autocomplete|inputmode|method|for|scope|target|spellcheck|key|kind|dataset\.\w+|'data-[\w-]+'|'aria-(?:controls|describedby|labelledby|hidden|current|live|expanded)')\s*:\s*$|(?:querySelector(?:All)?|closest|matches|getAttribute|setAttribute|removeAttribute|createElement|addEventListener|getElementById|import|toggle|add|remove|contains|startsWith|endsWith|includes|get|set|has|split|join|replace|localeCompare|request|fetch|api|publicApi|catalogue|download|navigate|route|h|t|Error)\(\s*$|setAttribute\([^()]*,\s*$|(?:sanitised|rendered)\('\w+',\s*$|(?:from|import|===|!==|==|case)\s*$`)
	words       = regexp.MustCompile(`[A-Za-zÀ-ÿ]{2,}[^A-Za-z{}$]*\s[^A-Za-z{}$]*[A-Za-zÀ-ÿ]{2,}`)
	capitalled  = regexp.MustCompile(`^[A-Z][a-z]{2,}[.:!?…]?$`)
	classLike   = regexp.MustCompile(`^[a-z0-9_ -]*-[a-z0-9_ -]*$`)
	// a list of selectors or tag names ("p, li, td"), a cookie, or a file name
	codeShape = regexp.MustCompile(`^[a-z0-9.-]+(?:, ?[a-z0-9.-]+)+$|=|\.[a-z]{2,4}$`)
)

// TestUIModulesSayNothingOutsideMessages fails when a UI module holds a literal that reads as
// words for people (two words or more, or one capitalised word) instead of taking it from the
// message files through t(). It is a scan, not a parser: literals that are code are recognised
// by what precedes them (an attribute name, a selector call) or by their shape.
func TestUIModulesSayNothingOutsideMessages(t *testing.T) {
	files, err := fs.Glob(Files(), "assets/*.js")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := fs.Glob(Files(), "assets/*/*.js")
	for _, name := range append(files, more...) {
		rel := strings.TrimPrefix(name, "assets/")
		src, err := fs.ReadFile(Files(), name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range textLiterals(string(src)) {
			t.Errorf("%s: %s: words for people belong in i18n/messages and go through t()", rel, f)
		}
	}
}

// textLiterals returns the string literals of a JavaScript source that read as text, each
// with its line.
func textLiterals(src string) []string {
	var out []string
	for _, lit := range literals(src) {
		text := strings.TrimSpace(lit.text)
		if text == "" || slices.Contains(notText, text) || codeContext.MatchString(lit.before) ||
			strings.HasPrefix(text, "/") || strings.Contains(text, "://") || classLike.MatchString(text) || codeShape.MatchString(text) {
			continue
		}
		if words.MatchString(text) || capitalled.MatchString(text) {
			out = append(out, fmt.Sprintf("line %d: %q", lit.line, text))
		}
	}
	return out
}

type literal struct {
	text, before string
	line         int
}

// literals walks src, skipping comments and regular expressions well enough for these modules,
// and returns each string literal (a template literal without its ${...} parts) with the code
// just before it.
func literals(src string) []literal {
	var out []literal
	line := 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
		case strings.HasPrefix(src[i:], "//"):
			i += strings.IndexByte(src[i:]+"\n", '\n') - 1
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/") + 4
			line += strings.Count(src[i:i+end], "\n")
			i += end - 1
		case c == '/' && isRegexStart(src[:i]):
			i = skipRegex(src, i)
		case c == '\'' || c == '"' || c == '`':
			text, end := readString(src, i)
			out = append(out, literal{text: text, before: tail(src[:i], 60), line: line})
			line += strings.Count(src[i:end], "\n")
			i = end
		}
	}
	return out
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func isRegexStart(before string) bool {
	trimmed := strings.TrimRight(before, " \t\n")
	return trimmed == "" || strings.ContainsAny(trimmed[len(trimmed)-1:], "(,=:[!&|?{};")
}

func skipRegex(src string, i int) int {
	inClass := false
	for j := i + 1; j < len(src); j++ {
		switch {
		case src[j] == '\\':
			j++
		case src[j] == '[':
			inClass = true
		case src[j] == ']':
			inClass = false
		case src[j] == '/' && !inClass:
			return j
		case src[j] == '\n':
			return j - 1
		}
	}
	return len(src)
}

// readString reads the literal opening at src[i] and returns its text and closing index.
func readString(src string, i int) (string, int) {
	quote := src[i]
	var b strings.Builder
	for j := i + 1; j < len(src); j++ {
		switch {
		case src[j] == '\\':
			j++
		case src[j] == quote:
			return b.String(), j
		case quote == '`' && strings.HasPrefix(src[j:], "${"):
			j = skipExpression(src, j+2)
			b.WriteByte(' ')
		default:
			b.WriteByte(src[j])
		}
	}
	return b.String(), len(src)
}

// skipExpression skips a ${...} expression, nested braces and strings included, and returns
// the index of its closing brace.
func skipExpression(src string, j int) int {
	depth := 1
	for ; j < len(src); j++ {
		switch src[j] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return j
			}
		case '\'', '"', '`':
			_, j = readString(src, j)
		}
	}
	return j
}
