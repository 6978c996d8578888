package courses

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// newMarkdown builds the renderer used for every Markdown text of the catalogue in one
// language; terms are the glossary's terms as named in that language, and keepCase keeps a
// term's capitals inside a sentence (German nouns). Raw HTML is left out (goldmark writes a
// comment in its place) because html.WithUnsafe is not set.
func newMarkdown(terms map[string]*Term, keepCase bool) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer,
			glossaryExtension{terms: terms, keepCase: keepCase}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// rendered is a Markdown text turned into HTML, with what validation needs to know about it.
type rendered struct {
	html string
	// terms are the glossary slugs marked, unique, in order of first use.
	terms []string
	// sections are the texts of the level-2 headings, in order.
	sections []string
	// reading counts the words and activities, for the estimated minutes.
	reading Reading
	// shape is the text's structure, which a translation must keep.
	shape shape
}

// render converts src and reports its glossary-mark problems and unlabelled table headers in
// file; lineAt maps the line of src (0 for the first) to a line of the file.
func (l *loader) render(file string, src []byte, lineAt func(line int) int) rendered {
	src = escapeMarkPipes(src)
	log := &markLog{}
	pc := parser.NewContext()
	pc.Set(markLogKey, log)
	doc := l.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf bytes.Buffer
	if err := l.md.Renderer().Render(&buf, src, doc); err != nil {
		l.problem(file, 0, "cannot render Markdown: %v", err)
	}
	r := rendered{html: buf.String(), reading: countReading(doc, src), shape: shapeOf(doc)}
	l.checkTableHeaders(file, doc, src, lineAt)
	seen := map[string]bool{}
	for _, m := range log.marks {
		switch {
		case m.unknown && l.glossaryBroken: // unreliable: terms may be in the broken file
		case m.problem != "":
			l.problem(file, lineAt(bytes.Count(src[:m.offset], []byte("\n"))), "%s", m.problem)
		case !seen[m.slug]:
			seen[m.slug] = true
			r.terms = append(r.terms, m.slug)
		}
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			r.sections = append(r.sections, plainText(h, src))
		}
	}
	return r
}

// renderBody renders the Markdown body of a page, which must not be empty.
func (l *loader) renderBody(file string, p page) rendered {
	if len(bytes.TrimSpace(p.body)) == 0 {
		l.problem(file, p.bodyLine, "empty body: write the text in Markdown below the front matter")
		return rendered{}
	}
	return l.render(file, p.body, func(line int) int { return p.bodyLine + line })
}

// renderField renders a Markdown text that came from a YAML field on the given line.
func (l *loader) renderField(file string, line int, src string) string {
	return l.render(file, []byte(src), func(int) int { return line }).html
}

// plainText is the text of an inline container such as a heading, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Value(src))
		case *ast.String:
			b.Write(t.Value)
		case *glossaryMark:
			b.WriteString(t.Display)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
