package quizzes

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlConv converts an HTML fragment (GIFT's [html] and [moodle] text) into Tandem's Markdown,
// or into plain text for the fields shown as written (option texts, items, targets). Links,
// preformatted blocks, emphasis, code, lists, headings, quotes and tables survive; scripts and
// styles are dropped; everything else keeps its text.
type htmlConv struct {
	markdown bool
}

// htmlOut collects finished blocks and the paragraph being written.
type htmlOut struct {
	blocks []string
	para   strings.Builder
	space  bool // white space is pending before the next word
}

// flush ends the paragraph being written, without line breaks at either end.
func (o *htmlOut) flush() {
	p := o.para.String()
	for {
		t := strings.TrimLeft(p, " \t\n")
		t = strings.TrimPrefix(t, "\\\n")
		if t == p {
			break
		}
		p = t
	}
	for {
		t := strings.TrimRight(p, " \t")
		t = strings.TrimSuffix(t, "\\\n")
		t = strings.TrimSuffix(t, "\n")
		if t == p {
			break
		}
		p = t
	}
	if p != "" {
		o.blocks = append(o.blocks, p)
	}
	o.para.Reset()
	o.space = false
}

// lineBreak ends the line; a second break in a row ends the paragraph, as a blank line would.
func (o *htmlOut) lineBreak(markdown bool) {
	brk := "\n"
	if markdown {
		brk = "\\\n"
	}
	if strings.HasSuffix(o.para.String(), brk) {
		o.flush()
		return
	}
	o.para.WriteString(brk)
	o.space = false
}

// lineStart reports whether the next word starts a line.
func (o *htmlOut) lineStart() bool {
	return o.para.Len() == 0 || strings.HasSuffix(o.para.String(), "\n")
}

// write appends inline text that is already escaped, after any pending space.
func (o *htmlOut) write(s string) {
	if s == "" {
		return
	}
	if o.space && !o.lineStart() {
		o.para.WriteByte(' ')
	}
	o.space = false
	o.para.WriteString(s)
}

func (o *htmlOut) String(sep string) string {
	o.flush()
	return strings.Join(o.blocks, sep)
}

// convert returns the Markdown (or plain text) of the HTML fragment s; with breaks, its line
// breaks count, as in Moodle's auto-format. Text without tags or entities takes a short cut
// through the same steps the parsed text would.
func (c htmlConv) convert(s string, breaks bool) string {
	if !strings.ContainsAny(s, "<&") {
		var o htmlOut
		if !breaks {
			c.text(s, &o)
			return c.join(&o)
		}
		for i, line := range strings.Split(s, "\n") {
			if i > 0 {
				o.lineBreak(c.markdown)
			}
			c.text(line, &o)
		}
		return c.join(&o)
	}
	if breaks {
		s = strings.ReplaceAll(s, "\n", "<br>")
	}
	return c.parse(s)
}

// parse converts s with an HTML parser.
func (c htmlConv) parse(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil { // the tokenizer reads any input; an error means a reader failed
		return c.escape(s)
	}
	var o htmlOut
	for _, n := range nodes {
		c.node(n, &o)
	}
	return c.join(&o)
}

// join ends o and joins its blocks: blank lines between Markdown blocks, a line break in text.
func (c htmlConv) join(o *htmlOut) string {
	if c.markdown {
		return o.String("\n\n")
	}
	return o.String("\n")
}

// render converts the children of n into a text of its own (a list item, a quote, a cell).
func (c htmlConv) render(n *html.Node) string {
	var o htmlOut
	c.children(n, &o)
	return c.join(&o)
}

// inline converts the children of n into one line.
func (c htmlConv) inline(n *html.Node) string {
	return strings.Join(strings.Fields(c.render(n)), " ")
}

func (c htmlConv) children(n *html.Node, o *htmlOut) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.node(ch, o)
	}
}

func (c htmlConv) node(n *html.Node, o *htmlOut) {
	switch n.Type {
	case html.TextNode:
		c.text(n.Data, o)
	case html.ElementNode:
		c.element(n, o)
	case html.DocumentNode:
		c.children(n, o)
	}
}

// text writes a run of text, collapsing white space as a browser does.
func (c htmlConv) text(s string, o *htmlOut) {
	if s == "" {
		return
	}
	lead := isHTMLSpace(s[0])
	words := strings.Fields(s)
	if lead {
		o.space = true
	}
	for i, w := range words {
		if i > 0 {
			o.space = true
		}
		o.write(c.escapeAt(w, o.lineStart()))
	}
	if len(words) > 0 && isHTMLSpace(s[len(s)-1]) {
		o.space = true
	}
}

func isHTMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

func (c htmlConv) element(n *html.Node, o *htmlOut) {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Noscript:
	case atom.Br:
		o.lineBreak(c.markdown)
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Center,
		atom.Figure, atom.Figcaption, atom.Address, atom.Dl, atom.Dt, atom.Dd, atom.Li, atom.Main, atom.Aside:
		o.flush()
		c.children(n, o)
		o.flush()
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		o.flush()
		if t := c.inline(n); t != "" {
			o.blocks = append(o.blocks, c.heading(int(n.Data[1]-'0'), t))
		}
	case atom.Pre:
		o.flush()
		c.pre(n, o)
	case atom.Blockquote:
		o.flush()
		c.quote(n, o)
	case atom.Ul, atom.Ol:
		o.flush()
		c.list(n, o)
	case atom.Table:
		o.flush()
		c.table(n, o)
	case atom.Hr:
		o.flush()
		if c.markdown {
			o.blocks = append(o.blocks, "---")
		}
	case atom.A:
		c.link(n, o)
	case atom.Img:
		c.image(n, o)
	case atom.B, atom.Strong:
		c.wrap(n, o, "**")
	case atom.I, atom.Em, atom.Cite, atom.Dfn:
		c.wrap(n, o, "*")
	case atom.Code, atom.Tt, atom.Kbd, atom.Samp, atom.Var:
		c.code(n, o)
	case atom.Sup:
		c.affix(n, o, "^")
	case atom.Sub:
		c.affix(n, o, "_")
	default:
		c.children(n, o)
	}
}
