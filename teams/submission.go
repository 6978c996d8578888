package teams

import (
	"bytes"
	"regexp"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// RenderSubmission turns a team's Markdown (GitHub-flavoured: tables, task lists,
// strikethrough, autolinks) into HTML that is safe to show to other users. Raw HTML in the
// Markdown is kept and then everything is sanitised with bluemonday's UGC policy: scripts,
// styles, iframes, forms, event-handler and style attributes are removed, and only http,
// https, mailto and relative URLs survive. Every link gets rel="nofollow"; links to other
// sites also open in a new tab with rel="nofollow noopener".
func RenderSubmission(markdown string) string {
	var buf bytes.Buffer
	if err := submissionMarkdown().Convert([]byte(markdown), &buf); err != nil {
		// goldmark only fails when the writer does, and a bytes.Buffer does not; render
		// nothing rather than something half-checked.
		return ""
	}
	return submissionPolicy().Sanitize(buf.String())
}

// submissionMarkdown is built once: goldmark is safe for concurrent use. Raw HTML passes
// (WithUnsafe) because the sanitiser, not goldmark, is the gate; this way harmless HTML
// such as <sup> or <details> still works.
var submissionMarkdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
})

// submissionPolicy is built once: a bluemonday policy is safe for concurrent use once set up.
var submissionPolicy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AddTargetBlankToFullyQualifiedLinks(true)
	// GFM task lists render as disabled checkboxes.
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^(|checked|disabled)$`)).OnElements("input")
	return p
})
