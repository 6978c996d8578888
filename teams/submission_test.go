package teams

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// checkSafe fails when html, parsed as a browser would, holds a script, an iframe, an event
// handler or style attribute, or an attribute that starts with javascript:, vbscript: or
// data:. Elsewhere "javascript:" is harmless: in text between tags, or in a fragment link
// such as href="#javascript:x".
func checkSafe(t *testing.T, in, out string) {
	t.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Fatalf("%q renders to %q, with a script", in, out)
	}
	nodes, err := html.ParseFragment(strings.NewReader(out), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatalf("%q renders to unparseable %q: %v", in, out, err)
	}
	for _, n := range nodes {
		for d := range n.Descendants() {
			checkNode(t, in, out, d)
		}
		checkNode(t, in, out, n)
	}
}

// checkNode checks one node of checkSafe's parse.
func checkNode(t *testing.T, in, out string, n *html.Node) {
	t.Helper()
	if n.Type != html.ElementNode {
		return
	}
	switch n.Data {
	case "script", "iframe", "style", "svg", "math", "object", "embed", "form", "base", "meta", "link":
		t.Fatalf("%q renders to %q, with a <%s>", in, out, n.Data)
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
			t.Fatalf("%q renders to %q, with a %s attribute", in, out, key)
		}
		// browsers ignore whitespace and control characters in a URL's scheme
		val := strings.ToLower(strings.Map(func(r rune) rune {
			if r <= ' ' || r == 0x7f {
				return -1
			}
			return r
		}, a.Val))
		for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
			if strings.HasPrefix(val, scheme) {
				t.Fatalf("%q renders to %q, with a %s URL in %s", in, out, scheme, key)
			}
		}
	}
}

func TestRenderSubmissionRemovesXSS(t *testing.T) {
	for _, tc := range []struct {
		in, keep string // keep is text that should survive
	}{
		{"<script>alert(1)</script>\n\nafter", "<p>after</p>"},
		{"Hello <script src=//evil.example/x.js></script> world", "Hello"},
		{"<img src=x onerror=alert(1)>", `<img src="x">`},
		{`<IMG SRC="x" ONERROR="alert(1)">`, `<img src="x">`},
		{"[x](javascript:alert(1))", "<p>x</p>"},
		{"[x](JAVASCRIPT:alert(1))", "x"},
		{`<a href="JaVaScRiPt:alert(1)">click</a>`, "click"},
		{`<a href="jav&#x09;ascript:alert(1)">tab</a>`, "tab"},
		{`<a href=" javascript:alert(1)">space</a>`, "space"},
		{"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "x"},
		{"![pic](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", `alt="pic"`},
		{"<svg onload=alert(1)><circle r=1 /></svg>", ""},
		{"<svg><script>alert(1)</script></svg>", ""},
		{`<iframe src="https://evil.example"></iframe>text`, "text"},
		{`<p style="background:url(javascript:alert(1))">styled</p>`, "<p>styled</p>"},
		{`<div onmouseover="alert(1)">hover</div>`, "<div>hover</div>"},
		{`<a href="https://ok.example" onclick="alert(1)">ok</a>`, `href="https://ok.example"`},
		{`<form action="https://evil.example"><input name=pw></form>`, ""},
		{`<object data="x.swf"></object><embed src="x.swf">`, ""},
		{`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, ""},
		{"<details open ontoggle=alert(1)><summary>s</summary>x</details>", "<summary>s</summary>"},
		{"`<script>alert(1)</script>` in code", "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"},
		{"Never follow javascript: links; onclick=handlers are bad", "Never follow javascript: links; onclick=handlers are bad"},
	} {
		out := RenderSubmission(tc.in)
		checkSafe(t, tc.in, out)
		if !strings.Contains(out, tc.keep) {
			t.Errorf("%q renders to %q, which lacks %q", tc.in, out, tc.keep)
		}
	}
}

func TestRenderSubmissionKeepsMarkdown(t *testing.T) {
	md := "# Plan\n\n**Bold** and ~~gone~~ and `code`.\n\n" +
		"| model | AUROC |\n| --- | ---: |\n| LR | 0.81 |\n\n" +
		"- [x] collect data\n- [ ] validate\n\n" +
		"See [the paper](https://example.org/p), [our notes](/notes) and https://example.com.\n\n" +
		"H<sub>2</sub>O\n"
	out := RenderSubmission(md)
	for _, want := range []string{
		"<h1>Plan</h1>", "<strong>Bold</strong>", "<del>gone</del>", "<code>code</code>",
		"<table>", "<td>LR</td>", "0.81</td>",
		`<input checked="" disabled="" type="checkbox"> collect data`,
		`<a href="https://example.org/p" rel="nofollow noopener" target="_blank">the paper</a>`,
		`<a href="/notes" rel="nofollow">our notes</a>`,
		`<a href="https://example.com" rel="nofollow noopener" target="_blank">https://example.com</a>`,
		"H<sub>2</sub>O",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML lacks %s\n%s", want, out)
		}
	}
}

func FuzzRenderSubmission(f *testing.F) {
	for _, seed := range []string{
		"# title\n\ntext [link](https://example.org) ![img](/x.png)",
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1))",
		`<a href="JaVaScRiPt:alert(1)">x</a>`,
		"<svg onload=alert(1)>",
		"<iframe src=//evil.example>",
		"<a href='&#106;avascript:alert(1)'>x</a>",
		"[x](&#x6A;avascript:alert(1))",
		"<<script>script>alert(1)<</script>/script>",
		"<div\nonclick=alert(1)>x</div>",
		"- [ ] task\n\n| a |\n|---|\n| <b onmouseover=x>b</b> |",
		"<a href=\"java\nscript:alert(1)\">x</a>",
		"[](#&#X6A;AvAsCript:)",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, md string) {
		checkSafe(t, md, RenderSubmission(md))
	})
}
