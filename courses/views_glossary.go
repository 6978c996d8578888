package courses

import (
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"tandem/locale"
)

// TermItem is a glossary term as the glossary page lists it, in the language it is shown in.
type TermItem struct {
	*Term
	Shown
}

// GlossaryItems lists the glossary with each term in lang where it is translated, sorted by
// the term as shown, in that language's alphabetical order (English keeps Glossary's order).
func (c *Catalog) GlossaryItems(lang string) Items[TermItem] {
	items := make([]TermItem, 0, len(c.glossary))
	for _, src := range c.glossary {
		t, shown := src.In(lang)
		items = append(items, TermItem{Term: t, Shown: shown})
	}
	if lang == locale.English || !locale.Valid(lang) {
		return Items[TermItem]{items}
	}
	col := collate.New(language.Make(lang), collate.IgnoreCase)
	sort.SliceStable(items, func(i, j int) bool {
		return col.CompareString(items[i].Term.Term, items[j].Term.Term) < 0
	})
	return Items[TermItem]{items}
}
