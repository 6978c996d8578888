package main

import (
	"fmt"
	"io"
	"io/fs"
	"text/tabwriter"

	"tandem/courses"
)

// printTranslations writes how far the catalogue is translated: a table per language and kind
// of source and, with detail, every file whose translation is missing or stale. Missing
// translations never fail a check: learners see the English.
func printTranslations(out io.Writer, fsys fs.FS, detail bool) {
	status := courses.Translations(fsys)
	type count struct{ sources, current, stale, missing int }
	counts := map[string]*count{}
	var langs []string
	for _, s := range status {
		key := s.Lang + "/" + s.Kind
		if counts[key] == nil {
			counts[key] = &count{}
			if len(langs) == 0 || langs[len(langs)-1] != s.Lang {
				langs = append(langs, s.Lang)
			}
		}
		c := counts[key]
		c.sources++
		switch s.State {
		case courses.TranslationCurrent:
			c.current++
		case courses.TranslationStale:
			c.stale++
		default:
			c.missing++
		}
	}
	fmt.Fprintln(out, "Translations (stale ones are served until updated; missing ones show in English):")
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "language\tkind\tsources\tcurrent\tstale\tmissing\t")
	for _, lang := range langs {
		for _, kind := range courses.TranslationKinds() {
			if c := counts[lang+"/"+kind]; c != nil {
				fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t%d\t\n", lang, kind, c.sources, c.current, c.stale, c.missing)
			}
		}
	}
	_ = w.Flush()
	if !detail {
		fmt.Fprintln(out, "(tandem content check --translations lists each missing or stale file)")
		return
	}
	for _, s := range status {
		switch s.State {
		case courses.TranslationStale:
			fmt.Fprintf(out, "%s stale   %s (%s)\n", s.Lang, s.Source, s.File)
		case courses.TranslationMissing:
			fmt.Fprintf(out, "%s missing %s\n", s.Lang, s.Source)
		}
	}
}
