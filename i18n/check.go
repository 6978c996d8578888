package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"tandem/locale"
)

var placeholder = regexp.MustCompile(`\{\{\s*\.([A-Za-z][A-Za-z0-9]*)\s*\}\}`)

// Problems lists what keeps the catalogue from being complete: a message missing in a language
// or found only there, placeholders that differ from the English ones, a plural message
// without its "other" form, and template actions beyond {{.Name}}, which the web UI cannot
// render.
func (c *Catalog) Problems() []string {
	var out []string
	english := c.messages[locale.English]
	for _, lang := range locale.Supported() {
		for _, id := range c.IDs(lang) {
			m := c.messages[lang][id]
			en, ok := english[id]
			if !ok {
				out = append(out, fmt.Sprintf("%s: %q is not an English message", lang, id))
				continue
			}
			out = append(out, formProblems(lang, m)...)
			if got, want := names(m), names(en); !slices.Equal(got, want) {
				out = append(out, fmt.Sprintf("%s: %q has placeholders %v, English has %v", lang, id, got, want))
			}
		}
		for id := range english {
			if !c.Has(lang, id) {
				out = append(out, fmt.Sprintf("%s: %q is missing", lang, id))
			}
		}
	}
	sort.Strings(out)
	return out
}

func forms(m *goi18n.Message) []string {
	return slices.DeleteFunc([]string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other}, func(s string) bool { return s == "" })
}

func formProblems(lang string, m *goi18n.Message) []string {
	var out []string
	if m.Other == "" {
		out = append(out, fmt.Sprintf("%s: %q has no \"other\" form", lang, m.ID))
	}
	for _, f := range forms(m) {
		if strings.Count(f, "{{") != len(placeholder.FindAllString(f, -1)) {
			out = append(out, fmt.Sprintf("%s: %q uses a template action other than {{.Name}}", lang, m.ID))
		}
	}
	return out
}

// names returns the placeholders a message uses in any of its forms, sorted. Count may be left
// out of a "one" form ("one lesson"), so it counts once any form uses it.
func names(m *goi18n.Message) []string {
	set := map[string]bool{}
	for _, f := range forms(m) {
		for _, sub := range placeholder.FindAllStringSubmatch(f, -1) {
			set[sub[1]] = true
		}
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
