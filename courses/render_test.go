package courses

import (
	"strings"
	"testing"
)

func TestGlossaryMarks(t *testing.T) {
	html := lessonHTML(t, sampleFS(t), "clin-evaluation-part-1")
	for _, want := range []string{
		// [[slug]] shows the term's own name
		`<a class="glossary-term" href="/glossary#auroc" data-term="auroc">Area under the ROC curve (AUROC)</a>`,
		// [[text|slug]] wrapped over two lines
		`<a class="glossary-term" href="/glossary#sensitivity" data-term="sensitivity">the true positive rate</a>`,
		// inside a table, with \| for the pipe or a bare |
		`<td><a class="glossary-term" href="/glossary#calibration" data-term="calibration">calibration</a></td>`,
		`<td><a class="glossary-term" href="/glossary#auroc" data-term="auroc">ranking</a> and <a class="glossary-term" href="/glossary#sensitivity" data-term="sensitivity">threshold choice</a></td>`,
		// code spans and code blocks are left alone
		`<code>[[auroc]]</code>`,
		"<pre><code>[[sensitivity]] in a block stays too\n</code></pre>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s\n%s", want, html)
		}
	}
}

func TestTermNamesAreEscaped(t *testing.T) {
	m := sampleFS(t)
	edit(t, m, "glossary/more.yaml", "term: Specificity", `term: "Specificity <b> & \"co\""`)
	html := lessonHTML(t, m, "clin-evaluation-part-1")
	if want := `data-term="specificity">Specificity &lt;b&gt; &amp; &#34;co&#34;</a>`; !strings.Contains(html, want) {
		t.Errorf("HTML lacks %s\n%s", want, html)
	}
}

func TestRawHTMLIsDropped(t *testing.T) {
	m := sampleFS(t)
	edit(t, m, evalLesson, "Lesson 1 of clin-evaluation.",
		"<script>alert(1)</script>\n\nInline <img src=x onerror=alert(2)> and [x](javascript:alert(3)).")
	html := lessonHTML(t, m, "clin-evaluation-part-1")
	for _, bad := range []string{"<script", "alert(1)", "onerror", "javascript:"} {
		if strings.Contains(html, bad) {
			t.Errorf("HTML contains %q:\n%s", bad, html)
		}
	}
	if !strings.Contains(html, "<!-- raw HTML omitted -->") {
		t.Errorf("expected goldmark's placeholder for raw HTML:\n%s", html)
	}
}

func TestMarkdownFeatures(t *testing.T) {
	html := lessonHTML(t, sampleFS(t), "clin-evaluation-part-1")
	for _, want := range []string{
		`<h2 id="what-your-counterparts-learn">What your counterparts learn</h2>`, // heading ids
		`<table>`,                             // GFM tables
		`class="footnote-ref"`,                // footnotes
		"&ldquo;Quotes&rdquo;", "&ndash; and", // typographer
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s\n%s", want, html)
		}
	}
}

func TestNotMarks(t *testing.T) {
	m := sampleFS(t)
	edit(t, m, evalLesson, "Lesson 1 of clin-evaluation.",
		"A matrix [[1, 2], [3, 4]] and a [normal link](https://example.org) and a [^1] footnote.\n\n"+
			"Write `[[text|slug]]` for a mark.\n\n```\n| [[a|b]] |\n```")
	html := lessonHTML(t, m, "clin-evaluation-part-1")
	for _, want := range []string{"[[1, 2], [3, 4]]", `<a href="https://example.org">normal link</a>`,
		"<code>[[text|slug]]</code>", "<pre><code>| [[a|b]] |\n</code></pre>"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s\n%s", want, html)
		}
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{"ground truth": "ground-truth", "AUROC": "auroc", "Co-design!": "co-design"} {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarksSpanAtMostThreeLines(t *testing.T) {
	m := sampleFS(t)
	edit(t, m, evalLesson, "Lesson 1 of clin-evaluation.", "A [[rank\norder\nmeasure|auroc]] here.")
	if html := lessonHTML(t, m, "clin-evaluation-part-1"); !strings.Contains(html, `data-term="auroc">rank order measure</a>`) {
		t.Errorf("a mark over three lines was not linked:\n%s", html)
	}
	edit(t, m, evalLesson, "A [[rank\norder\nmeasure|auroc]] here.", "A [[rank\norder\nof the\nmeasure|auroc]] here.")
	ps := Check(m)
	if len(ps) != 1 || ps[0].Line != 9 || !strings.Contains(ps[0].Message, "is not closed") {
		t.Errorf("a mark over four lines: got %v, want one unclosed mark on line 9", ps)
	}
}
