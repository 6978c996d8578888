package courses

import (
	"regexp"
	"strings"

	"tandem/locale"
)

// A translation is an overlay file beside its English source, with the language before the
// extension (01-lesson.fr.md, quiz.de.yaml), as the Translations section of
// courses/catalog/README.md describes. It carries only the translatable text; slugs, ids,
// order, points and keys come from the source, so progress, attempts and certificates do not
// depend on the language.

// Translation says where an item's text in one language comes from.
type Translation struct {
	Lang string
	File string
	// Translates is the source hash the overlay names; Stale is set when the source has
	// changed since, in which case the overlay is still served but reported.
	Translates string
	Stale      bool
}

// Shown names the language an item is shown in and whether it fell back to English because
// it has no translation into the language asked for.
type Shown struct {
	Language string `json:"language"`
	Fallback bool   `json:"fallback"`
}

// pick is the best available version of an item for lang: its translation, else the source.
func pick[T any](src *T, translations map[string]*T, lang string) (*T, Shown) {
	if lang == locale.English || !locale.Valid(lang) {
		return src, Shown{Language: locale.English}
	}
	if t, ok := translations[lang]; ok {
		return t, Shown{Language: lang}
	}
	return src, Shown{Language: locale.English, Fallback: true}
}

// In returns the track in lang where it is translated, else in English.
func (t *Track) In(lang string) (*Track, Shown) { return pick(t, t.Translations, lang) }

// In returns the module in lang where it is translated, else in English.
func (m *Module) In(lang string) (*Module, Shown) { return pick(m, m.Translations, lang) }

// In returns the lesson in lang where it is translated, else in English.
func (l *Lesson) In(lang string) (*Lesson, Shown) { return pick(l, l.Translations, lang) }

// In returns the quiz with its texts in lang where it is translated, else in English. The
// questions, ids, keys and hash are the source's.
func (q *Quiz) In(lang string) (*Quiz, Shown) { return pick(q, q.Translations, lang) }

// In returns the glossary term in lang where it is translated, else in English.
func (t *Term) In(lang string) (*Term, Shown) { return pick(t, t.Translations, lang) }

// overlayName matches an overlay's file name: the source's name, a language code, and the
// source's extension.
var overlayName = regexp.MustCompile(`^(.+)\.([a-z]{2})\.(md|yaml)$`)

// splitOverlay returns the source file name and language of an overlay file name.
func splitOverlay(name string) (source, lang string, ok bool) {
	m := overlayName.FindStringSubmatch(name)
	if m == nil {
		return "", "", false
	}
	return m[1] + "." + m[3], m[2], true
}

// translatedLanguages are the languages an overlay may be in: every supported one but the
// source's.
func translatedLanguages() []string { return locale.Supported()[1:] }

// sourceHashLen is how many hex characters of the source's SHA-256 an overlay names.
const sourceHashLen = 16

// hexHash matches what an overlay's translates must be.
var hexHash = regexp.MustCompile(`^[0-9a-f]{16}$`)

// overlayFile checks an overlay's language and the hash it names against its source, and
// reports a stale one as a warning; ok is false when the overlay cannot be used.
func (l *loader) overlayFile(file, source, lang string, doc yamlDoc, translates string) (*Translation, bool) {
	if !locale.Valid(lang) || lang == locale.English {
		l.problem(file, 0, "unknown language %q: translations are in %s", lang, strings.Join(translatedLanguages(), ", "))
		return nil, false
	}
	if !hexHash.MatchString(translates) {
		l.problem(file, doc.line("translates"), "translates must be the first %d hex characters of the SHA-256 of %s (sha256sum %s | cut -c1-%d)",
			sourceHashLen, source, source, sourceHashLen)
		return nil, false
	}
	tr := &Translation{Lang: lang, File: file, Translates: translates}
	if sum := l.files[source]; len(sum) >= sourceHashLen && sum[:sourceHashLen] != translates {
		tr.Stale = true
		l.warn(file, doc.line("translates"), "stale translation: it translates %s as it was (%s), the source is now %s",
			source, translates, sum[:sourceHashLen])
	}
	l.translated(source, tr)
	return tr, true
}
