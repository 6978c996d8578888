package quizzes

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// heading writes a heading of the given level; plain text keeps only its words.
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
