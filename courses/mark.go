package courses

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A glossary mark is [[slug]] or [[text|slug]]. It is an inline parser, so marks inside code
// spans and code blocks are left alone.

var kindGlossaryMark = ast.NewNodeKind("GlossaryMark")

// glossaryMark is the AST node of one glossary mark.
type glossaryMark struct {
	ast.BaseInline
	Slug, Display string
	// Named is set when the author wrote only the slug, so Display is the glossary's own
	// heading ("Label") and follows the sentence's case where it stands.
	Named bool
}

// Kind implements ast.Node.
func (n *glossaryMark) Kind() ast.NodeKind { return kindGlossaryMark }

// Dump implements ast.Node, for debugging.
func (n *glossaryMark) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Slug": n.Slug, "Display": n.Display}, nil)
}

// mark records one mark found in a document: its slug, or a problem with it, and the byte
// offset where it starts, from which the caller works out the line.
type mark struct {
	slug    string
	offset  int
	problem string
	unknown bool // the problem is only that the term is not in the glossary
}

// markLog collects the marks of one document; it travels in the parser context.
type markLog struct{ marks []mark }

var markLogKey = parser.NewContextKey()

// markLines is how many lines a mark may span when the author wraps a paragraph inside it.
const markLines = 3

// glossaryParser parses marks, resolving display names from the catalogue's terms.
type glossaryParser struct{ terms map[string]*Term }

// Trigger implements parser.InlineParser: marks start with "[".
func (p *glossaryParser) Trigger() []byte { return []byte{'['} }

// Parse implements parser.InlineParser. A "[[" that is not a mark is left to the link parser.
func (p *glossaryParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 || line[1] != '[' {
		return nil
	}
	log, _ := pc.Get(markLogKey).(*markLog)
	if log == nil {
		log = &markLog{}
	}
	var inner []byte
	rest, skip := line[2:], 2
	unclosed := mark{offset: seg.Start, problem: `glossary mark "[[" is not closed with "]]" on the same or the next two lines`}
	for n := 1; ; n++ {
		if i := bytes.Index(rest, []byte("]]")); i >= 0 {
			inner = append(inner, rest[:i]...)
			block.Advance(skip + i + 2)
			break
		}
		if bytes.ContainsAny(rest, "[]") {
			return nil // brackets of another kind, such as [[1, 2], [3, 4]]
		}
		if n == markLines {
			log.marks = append(log.marks, unclosed)
			return nil
		}
		inner = append(inner, rest...)
		block.AdvanceLine()
		if rest, _ = block.PeekLine(); rest == nil {
			log.marks = append(log.marks, unclosed)
			return nil
		}
		skip = 0
	}
	if bytes.ContainsAny(inner, "[]") {
		return nil
	}
	label := strings.Join(strings.Fields(strings.ReplaceAll(string(inner), `\|`, "|")), " ")
	display, slug := "", label
	if i := strings.LastIndexByte(label, '|'); i >= 0 {
		display, slug = strings.TrimSpace(label[:i]), strings.TrimSpace(label[i+1:])
	}
	m := mark{slug: slug, offset: seg.Start}
	term := p.terms[slug]
	switch {
	case !slugPattern.MatchString(slug):
		m.problem = fmt.Sprintf("glossary mark [[%s]]: %q is not a term slug; write [[%s|%s]]", label, slug, label, slugify(slug))
	case term == nil:
		m.problem = fmt.Sprintf("glossary mark [[%s]]: unknown glossary term %q", label, slug)
		m.unknown = true
	}
	log.marks = append(log.marks, m)
	named := display == "" && term != nil
	if display == "" {
		display = slug
		if term != nil {
			display = term.Term
		}
	}
	return &glossaryMark{Slug: slug, Display: display, Named: named}
}

// glossaryRenderer writes a mark as a link to the term in the glossary page; keepCase keeps
// a named term's capitals inside a sentence, as German writes nouns.
type glossaryRenderer struct{ keepCase bool }

// RegisterFuncs implements renderer.NodeRenderer.
func (g glossaryRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindGlossaryMark, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			m := n.(*glossaryMark)
			slug, display := html.EscapeString(m.Slug), m.Display
			if m.Named && !g.keepCase && !startsSentence(n, source) {
				display = inSentence(display)
			}
			fmt.Fprintf(w, `<a class="glossary-term" href="/glossary#%s" data-term="%s">%s</a>`,
				slug, slug, html.EscapeString(display))
		}
		return ast.WalkSkipChildren, nil
	})
}

// startsSentence reports whether n opens its sentence: nothing before it in its block, or
// text before it that ends a sentence.
func startsSentence(n ast.Node, source []byte) bool {
	for ; n != nil; n = n.Parent() {
		if prev := n.PreviousSibling(); prev != nil {
			t, ok := prev.(*ast.Text)
			if !ok {
				return false
			}
			before := strings.TrimRight(string(t.Segment.Value(source)), " ")
			return before == "" || strings.ContainsAny(before[len(before)-1:], ".!?")
		}
		if n.Parent() != nil && n.Parent().Type() == ast.TypeBlock {
			return true
		}
	}
	return true
}

// inSentence writes a glossary heading as it reads inside a sentence: "Label" becomes
// "label" and "Positive predictive value (PPV)" "positive predictive value (PPV)", while
// acronyms ("AUROC") and names ("General Data Protection Regulation") keep their capitals.
func inSentence(term string) string {
	words := strings.Fields(term)
	if len(words) == 0 || !capitalised(words[0]) {
		return term
	}
	for _, w := range words[1:] {
		if capitalised(strings.Trim(w, "()")) {
			return term
		}
	}
	return strings.ToLower(term[:1]) + term[1:]
}

// capitalised reports whether word is a capital followed by lower-case letters ("Label", not
// "AUROC" or "label").
func capitalised(word string) bool {
	if len(word) < 2 || word[0] < 'A' || word[0] > 'Z' {
		return false
	}
	for _, r := range word[1:] {
		if r >= 'A' && r <= 'Z' {
			return false
		}
	}
	return true
}

// glossaryExtension adds glossary marks to a goldmark instance.
type glossaryExtension struct {
	terms    map[string]*Term
	keepCase bool
}

// Extend implements goldmark.Extender.
func (e glossaryExtension) Extend(m goldmark.Markdown) {
	// 150 runs after footnote references ([^1], 101) and before links (200).
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(&glossaryParser{terms: e.terms}, 150)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(glossaryRenderer{keepCase: e.keepCase}, 500)))
}

// slugify suggests a slug for a phrase an author put where a slug belongs.
func slugify(phrase string) string {
	f := strings.FieldsFunc(strings.ToLower(phrase), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	})
	return strings.Join(f, "-")
}

// escapeMarkPipes escapes the | of [[text|slug]] marks so that a mark can sit in a GitHub
// table, where a bare | ends the cell; the glossary parser reads \| as |. Fenced code and
// code spans are left alone, and no line breaks are added, so line numbers still hold.
func escapeMarkPipes(src []byte) []byte {
	if !bytes.Contains(src, []byte("[[")) || !bytes.Contains(src, []byte("|")) {
		return src
	}
	out := make([]byte, 0, len(src)+16)
	fence := ""
	for _, line := range bytes.SplitAfter(src, []byte("\n")) {
		trimmed := string(bytes.TrimLeft(line, " "))
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
		case strings.HasPrefix(trimmed, "```"), strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
		default:
			line = escapeLinePipes(line)
		}
		out = append(out, line...)
	}
	return out
}

// escapeLinePipes escapes the pipes of the marks on one line, outside code spans.
func escapeLinePipes(line []byte) []byte {
	if !bytes.Contains(line, []byte("[[")) {
		return line
	}
	var out []byte
	inCode := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '`' {
			inCode = !inCode
		}
		end := -1
		if !inCode && c == '[' && i+1 < len(line) && line[i+1] == '[' {
			end = bytes.Index(line[i+2:], []byte("]]"))
		}
		if end < 0 || bytes.ContainsAny(line[i+2:i+2+end], "[]`") {
			out = append(out, c)
			continue
		}
		inner := line[i+2 : i+2+end]
		out = append(out, '[', '[')
		for j, b := range inner {
			if b == '|' && (j == 0 || inner[j-1] != '\\') {
				out = append(out, '\\')
			}
			out = append(out, b)
		}
		out = append(out, ']', ']')
		i += 2 + end + 1
	}
	return out
}
