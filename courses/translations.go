package courses

import (
	"io/fs"
	"time"
)

// TranslationState is how far one source file is translated into one language.
type TranslationState string

// The states of a translation.
const (
	// TranslationCurrent: the overlay translates the source as it is.
	TranslationCurrent TranslationState = "current"
	// TranslationStale: the overlay translates an earlier version; it is still served.
	TranslationStale TranslationState = "stale"
	// TranslationMissing: there is no overlay; learners see the English.
	TranslationMissing TranslationState = "missing"
)

// The kinds of source a translation can cover, in the order reports list them.
const (
	KindTrack    = "track"
	KindModule   = "module"
	KindLesson   = "lesson"
	KindQuiz     = "quiz"
	KindGlossary = "glossary"
)

// TranslationKinds lists the kinds of translatable source, in report order.
func TranslationKinds() []string {
	return []string{KindTrack, KindModule, KindLesson, KindQuiz, KindGlossary}
}

// TranslationStatus is one source file in one language: its overlay (File, when there is one)
// and whether it is current, stale or missing.
type TranslationStatus struct {
	Kind   string
	Source string
	Lang   string
	File   string
	State  TranslationState
}

// translationLog records the translatable sources and the overlays found for them.
type translationLog struct {
	sources []sourceRef
	found   map[string]map[string]*Translation // source file -> language -> overlay
}

type sourceRef struct{ kind, file string }

// source registers a translatable source file.
func (l *loader) source(kind, file string) {
	l.status.sources = append(l.status.sources, sourceRef{kind, file})
}

// translated records an overlay of source that can be used.
func (l *loader) translated(source string, tr *Translation) {
	if l.status.found == nil {
		l.status.found = map[string]map[string]*Translation{}
	}
	if l.status.found[source] == nil {
		l.status.found[source] = map[string]*Translation{}
	}
	l.status.found[source][tr.Lang] = tr
}

// Translations reports, for every translatable source of the catalogue in fsys and every
// language it may be translated into, whether its translation is current, stale or missing;
// by language, then in the order the catalogue is read. It backs `tandem content check`.
func Translations(fsys fs.FS) []TranslationStatus {
	log := load(fsys, time.Time{}).status
	var out []TranslationStatus
	for _, lang := range translatedLanguages() {
		for _, s := range log.sources {
			st := TranslationStatus{Kind: s.kind, Source: s.file, Lang: lang, State: TranslationMissing}
			if tr, ok := log.found[s.file][lang]; ok {
				st.File, st.State = tr.File, TranslationCurrent
				if tr.Stale {
					st.State = TranslationStale
				}
			}
			out = append(out, st)
		}
	}
	return out
}
