package handlers

import (
	"context"
	"html/template"
	"strings"

	"tandem/i18n"
	"tandem/locale"
)

// ltiView carries a server-rendered LTI page's values and the language its words are in.
type ltiView struct {
	Lang string
	Page any
}

func newLTIView(ctx context.Context, page any) ltiView {
	return ltiView{Lang: locale.From(ctx), Page: page}
}

// T renders message id in the page's language; kv are placeholder names and values in pairs.
func (v ltiView) T(id string, kv ...string) string {
	var data map[string]any
	if len(kv) > 0 {
		data = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			data[kv[i]] = kv[i+1]
		}
	}
	return i18n.Default().Text(v.Lang, id, data)
}

// WithTag renders message id as HTML, its placeholder name shown as inner inside the
// element open...close (markup the page writes, never user input).
func (v ltiView) WithTag(id, name, open, inner, close string) template.HTML {
	const mark = "\x01"
	text := template.HTMLEscapeString(v.T(id, name, mark))
	return template.HTML(strings.ReplaceAll(text, mark, open+template.HTMLEscapeString(inner)+close))
}
