package courses

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// The reading-time formula, documented in courses/catalog/README.md ("Minutes"). Brysbaert
// (2019) puts adults' silent reading of English non-fiction at 238 words a minute; lessons are
// dense, numeric text that is studied rather than skimmed, so Tandem counts a slower 200.
const (
	wordsPerMinute   = 200
	minutesPerTable  = 1 // reading across rows and columns is slower than prose
	minutesPerFigure = 1
	minutesPerWorked = 2 // following, and redoing, the arithmetic of a worked problem
	minutesPerCheck  = 2 // answering an embedded question before reading on
)

// workedHeading and checkHeading recognise the headings of activities: a worked problem
// ("A worked example: ...", "Worked example", "A worked trace") and an embedded question
// ("Quick check", "Try it yourself", "An exercise", "Your turn", "A scenario to discuss"). A
// pointer to a lab ("Try it in the lab") is no embedded question: the lab states its own time.
var (
	workedHeading = regexp.MustCompile(`(?i)\bworked\b`)
	checkHeading  = regexp.MustCompile(`(?i)^(an? )?(quick check|check yourself|try it|exercise|your turn|scenario)\b`)
	labPointer    = regexp.MustCompile(`(?i)\bin the lab\b`)
)

// isCheck reports whether a heading opens an embedded question.
func isCheck(title string) bool {
	return checkHeading.MatchString(title) && !labPointer.MatchString(title)
}

// Reading is what a lesson or case study holds, counted for its estimated minutes.
type Reading struct {
	Words   int `json:"words"`
	Tables  int `json:"tables"`
	Figures int `json:"figures"`
	Worked  int `json:"worked_problems"`
	Checks  int `json:"embedded_questions"`
}

// Minutes is the estimate: words at wordsPerMinute plus each activity's allowance, rounded to
// the nearest minute and at least 1.
func (r Reading) Minutes() int {
	m := float64(r.Words)/wordsPerMinute + float64(r.Tables*minutesPerTable+r.Figures*minutesPerFigure+
		r.Worked*minutesPerWorked+r.Checks*minutesPerCheck)
	return max(1, int(math.Round(m)))
}

// minutesAgree reports whether stated minutes are within the tolerance of the estimate: two
// minutes, or a quarter of the estimate when that is more.
func minutesAgree(stated, estimate int) bool {
	tolerance := max(2, estimate/4)
	return stated >= estimate-tolerance && stated <= estimate+tolerance
}

// countReading walks a rendered document and counts its words and activities. The text is
// gathered first and counted once, so that a word split by markup ("don’t", "*this*one") is
// one word.
func countReading(doc ast.Node, src []byte) Reading {
	var r Reading
	var text bytes.Buffer
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock || n.Kind() == extast.KindTableCell {
			text.WriteByte(' ') // blocks and cells never run into each other
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			text.Write(t.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				text.WriteByte(' ')
			}
		case *ast.String:
			text.Write(t.Value)
		case *glossaryMark:
			text.WriteString(t.Display)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := t.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				text.Write(seg.Value(src))
			}
		case *ast.Image:
			r.Figures++
		case *extast.Table:
			r.Tables++
		case *ast.Heading:
			switch title := plainText(t, src); {
			case workedHeading.MatchString(title):
				r.Worked++
			case isCheck(title):
				r.Checks++
			}
		}
		return ast.WalkContinue, nil
	})
	r.Words = words(text.Bytes())
	return r
}

// words counts the space-separated words of b that hold a letter or a digit, so that
// "80 / 100 = 80%" is three words and a lone dash none.
func words(b []byte) int {
	n := 0
	for _, w := range strings.Fields(string(b)) {
		if strings.IndexFunc(w, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) >= 0 {
			n++
		}
	}
	return n
}

// checkMinutes warns when the minutes stated in a file's front matter are further from the
// estimate than minutesAgree allows, showing how the estimate was reached.
func (l *loader) checkMinutes(file string, doc yamlDoc, stated int, r Reading) {
	estimate := r.Minutes()
	if stated <= 0 || minutesAgree(stated, estimate) {
		return
	}
	l.warn(file, doc.line("minutes"), "minutes: %d stated, but the text takes about %d (%s); state %d, or add the activity that fills the time",
		stated, estimate, r, estimate)
}

// String shows how the estimate is made up, e.g. "1,040 words at 200 a minute + 1 table".
func (r Reading) String() string {
	parts := []string{fmt.Sprintf("%d words at %d a minute", r.Words, wordsPerMinute)}
	for _, a := range []struct {
		n         int
		one, many string
		minutes   int
	}{
		{r.Tables, "table", "tables", minutesPerTable},
		{r.Figures, "figure", "figures", minutesPerFigure},
		{r.Worked, "worked problem", "worked problems", minutesPerWorked},
		{r.Checks, "embedded question", "embedded questions", minutesPerCheck},
	} {
		switch {
		case a.n == 1:
			parts = append(parts, fmt.Sprintf("1 %s (%d min)", a.one, a.minutes))
		case a.n > 1:
			parts = append(parts, fmt.Sprintf("%d %s (%d min each)", a.n, a.many, a.minutes))
		}
	}
	return strings.Join(parts, " + ")
}
