package quizzes

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHTMLToMarkdown(t *testing.T) {
	cases := []struct{ name, in, markdown, plain string }{
		{"paragraphs", "<p>One</p><p>Two &amp; three</p>", "One\n\nTwo & three", "One\nTwo & three"},
		{"emphasis keeps spaces outside", "a<b> bold </b>b <i>it</i>", "a **bold** b *it*", "a bold b it"},
		{"link", `<a href="https://example.org/x(1)">the <b>site</b></a>`, "[the **site**](https://example.org/x%281%29)", "the site (https://example.org/x%281%29)"},
		{"unsafe link keeps its text", `<a href="javascript:alert(1)">click</a>`, "click", "click"},
		{"bare link", `<a href="https://example.org"></a>`, "<https://example.org>", "https://example.org"},
		{"pre keeps its lines", "<pre>\n  if x {\n    y()\n  }\n</pre>", "```\n  if x {\n    y()\n  }\n```", "  if x {\n    y()\n  }"},
		{"pre with backticks", "<pre>a ``` b</pre>", "````\na ``` b\n````", "a ``` b"},
		{"code span", "run <code>a*b</code> now", "run `a*b` now", "run a*b now"},
		{"lists", "<ul><li>one</li><li>two<ol><li>sub</li></ol></li></ul>", "- one\n- two\n\n  1. sub", "• one\n• two\n  1. sub"},
		{"heading", "<h2>Title</h2>text", "## Title\n\ntext", "Title\ntext"},
		{"line breaks", "a<br>b<br/><br/>c", "a\\\nb\n\nc", "a\nb\nc"},
		{"markup characters are escaped", "<p>a*b_c [[x]] `y` &lt;z&gt; | ~</p>", `a\*b\_c \[\[x\]\] \` + "`" + `y\` + "`" + ` \<z\> \| \~`, "a*b_c [[x]] `y` <z> | ~"},
		{"line-start markers are escaped", "<p># not a heading</p><p>- not a list</p><p>1. not a list</p>", "\\# not a heading\n\n\\- not a list\n\n1\\. not a list", "# not a heading\n- not a list\n1. not a list"},
		{"entities that would decode are escaped", "<p>&amp;amp; &amp; AT&amp;T</p>", `\&amp; & AT&T`, "&amp; & AT&T"},
		{"scripts are dropped", "<script>alert(1)</script><style>p{}</style>ok", "ok", "ok"},
		{"image", `<img src="https://example.org/i.png" alt="chart">`, "![chart](https://example.org/i.png)", "chart (https://example.org/i.png)"},
		{"local image keeps its text", `<img src="@@PLUGINFILE@@/i.png" alt="chart">`, "chart", "chart"},
		{"table", "<table><tr><th>a</th><th>b|c</th></tr><tr><td>1</td><td>2</td></tr></table>", "| a | b\\|c |\n| --- | --- |\n| 1 | 2 |", "a | b|c\n1 | 2"},
		{"quote", "<blockquote><p>x</p><p>y</p></blockquote>", "> x\n>\n> y", "x\ny"},
		{"superscript", "x<sup>2</sup>", "x\\^2", "x^2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := (htmlConv{markdown: true}).convert(c.in, false); got != c.markdown {
				t.Errorf("markdown %q, want %q", got, c.markdown)
			}
			if got := (htmlConv{}).convert(c.in, false); got != c.plain {
				t.Errorf("plain %q, want %q", got, c.plain)
			}
		})
	}
}

// FuzzHTMLShortCut checks that text without tags or entities converts the same through the
// short cut as through the HTML parser.
func FuzzHTMLShortCut(f *testing.F) {
	for _, s := range []string{"a  b\n c", "# x\n- y", "1. a*b", "\n\nx\n", "a\\ b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "<&\r\x00") || !utf8.ValidString(s) {
			return
		}
		for _, c := range []htmlConv{{markdown: true}, {}} {
			if fast, slow := c.convert(s, true), c.parse(strings.ReplaceAll(s, "\n", "<br>")); fast != slow {
				t.Fatalf("markdown %v: short cut %q, parser %q", c.markdown, fast, slow)
			}
			if fast, slow := c.convert(s, false), c.parse(s); fast != slow {
				t.Fatalf("markdown %v without breaks: short cut %q, parser %q", c.markdown, fast, slow)
			}
		}
	})
}
