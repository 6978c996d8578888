package quizzes

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

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

func (c htmlConv) heading(level int, t string) string {
	if !c.markdown {
		return t
	}
	return strings.Repeat("#", level) + " " + t
}

// wrap writes the children of n between marks (emphasis), keeping spaces outside the marks.
func (c htmlConv) wrap(n *html.Node, o *htmlOut, mark string) {
	t := c.inline(n)
	if t == "" {
		return
	}
	if !c.markdown {
		mark = ""
	}
	all := textOf(n)
	if all != "" && isHTMLSpace(all[0]) {
		o.space = true
	}
	o.write(mark + t + mark)
	if all != "" && isHTMLSpace(all[len(all)-1]) {
		o.space = true
	}
}

func (c htmlConv) affix(n *html.Node, o *htmlOut, mark string) {
	if t := c.inline(n); t != "" {
		if c.markdown {
			mark = "\\" + mark
		}
		o.para.WriteString(mark + t)
	}
}

// code writes the text of n as a code span, fenced with more backticks than it contains.
func (c htmlConv) code(n *html.Node, o *htmlOut) {
	t := strings.Join(strings.Fields(textOf(n)), " ")
	if t == "" {
		return
	}
	if !c.markdown {
		o.write(t)
		return
	}
	fence := strings.Repeat("`", longestRun(t, '`')+1)
	pad := ""
	if strings.HasPrefix(t, "`") || strings.HasSuffix(t, "`") {
		pad = " "
	}
	o.write(fence + pad + t + pad + fence)
}

// pre writes a preformatted block as a fenced code block, its text exactly as written.
func (c htmlConv) pre(n *html.Node, o *htmlOut) {
	t := strings.TrimPrefix(textOf(n), "\n") // HTML ignores a newline right after <pre>
	t = strings.TrimRight(t, " \t\n")
	if strings.TrimSpace(t) == "" {
		return
	}
	if !c.markdown {
		o.blocks = append(o.blocks, t)
		return
	}
	fence := strings.Repeat("`", max(3, longestRun(t, '`')+1))
	o.blocks = append(o.blocks, fence+"\n"+t+"\n"+fence)
}

func (c htmlConv) quote(n *html.Node, o *htmlOut) {
	t := c.render(n)
	if t == "" {
		return
	}
	if c.markdown {
		t = prefixLines(t, "> ", "> ")
	}
	o.blocks = append(o.blocks, t)
}

// list writes the items of a ul or ol, one per line, nested lists indented under their item.
func (c htmlConv) list(n *html.Node, o *htmlOut) {
	var items []string
	num := 1
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode {
			continue
		}
		t := c.render(li)
		if t == "" {
			continue
		}
		marker := "- "
		if n.DataAtom == atom.Ol {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		if !c.markdown {
			marker = strings.Replace(marker, "- ", "• ", 1)
		}
		items = append(items, prefixLines(t, marker, strings.Repeat(" ", utf8.RuneCountInString(marker))))
	}
	if len(items) > 0 {
		o.blocks = append(o.blocks, strings.Join(items, "\n"))
	}
}

// table writes a table as a GFM table (its first row the header), or as lines of cells.
func (c htmlConv) table(n *html.Node, o *htmlOut) {
	var rows [][]string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.DataAtom != atom.Tr {
				walk(ch)
				continue
			}
			var row []string
			for cell := ch.FirstChild; cell != nil; cell = cell.NextSibling {
				if cell.DataAtom == atom.Td || cell.DataAtom == atom.Th {
					row = append(row, c.inline(cell)) // | is escaped with the rest of the text
				}
			}
			if len(row) > 0 {
				rows = append(rows, row)
			}
		}
	}
	walk(n)
	if len(rows) == 0 {
		return
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	lines := make([]string, 0, len(rows)+1)
	for i, r := range rows {
		for len(r) < width {
			r = append(r, "")
		}
		if !c.markdown {
			lines = append(lines, strings.Join(r, " | "))
			continue
		}
		lines = append(lines, "| "+strings.Join(r, " | ")+" |")
		if i == 0 {
			lines = append(lines, "|"+strings.Repeat(" --- |", width))
		}
	}
	o.blocks = append(o.blocks, strings.Join(lines, "\n"))
}

// link writes a link whose address is http, https or mailto; other links keep their text only.
func (c htmlConv) link(n *html.Node, o *htmlOut) {
	t := c.inline(n)
	href := safeURL(attr(n, "href"))
	switch {
	case href == "":
		o.write(t)
	case !c.markdown && (t == "" || t == href):
		o.write(href)
	case !c.markdown:
		o.write(t + " (" + href + ")")
	case t == "":
		o.write("<" + href + ">")
	default:
		o.write("[" + t + "](" + href + ")")
	}
}

// image writes an image with an http(s) address as Markdown, else its alternative text.
func (c htmlConv) image(n *html.Node, o *htmlOut) {
	alt := strings.Join(strings.Fields(attr(n, "alt")), " ")
	src := safeURL(attr(n, "src"))
	if strings.HasPrefix(src, "mailto:") {
		src = ""
	}
	switch {
	case src != "" && c.markdown:
		o.write("![" + c.escape(alt) + "](" + src + ")")
	case src != "" && alt != "":
		o.write(alt + " (" + src + ")")
	case src != "":
		o.write(src)
	default:
		o.write(c.escape(alt))
	}
}

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

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf is all the text under n, line breaks (<br>) included, exactly as written.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.DataAtom == atom.Br:
			b.WriteByte('\n')
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
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
