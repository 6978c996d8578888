package courses

import "tandem/quizzes"

// The catalogue as the public API shows it: one view type per page, built by the functions
// below. What a learner must not see (quiz answers) is never part of a view.

// Items is a list page: {"items": [...]}.
type Items[T any] struct {
	Items []T `json:"items"`
}

// TrackItem is a track in the list of tracks.
type TrackItem struct {
	Slug        string `json:"slug"`
	Title       string `json:"title"`
	Audience    string `json:"audience"`
	Summary     string `json:"summary"`
	ModuleCount int    `json:"module_count"`
	Shown
}

// TrackView is a track's page: the track with its modules in teaching order.
type TrackView struct {
	Slug     string        `json:"slug"`
	Title    string        `json:"title"`
	Audience string        `json:"audience"`
	Summary  string        `json:"summary"`
	Modules  []TrackModule `json:"modules"`
	Shown
}

// TrackModule is a module as its track's page lists it.
type TrackModule struct {
	Slug        string     `json:"slug"`
	Title       string     `json:"title"`
	Summary     string     `json:"summary"`
	Minutes     int        `json:"minutes"`
	LessonCount int        `json:"lesson_count"`
	Counterpart *ModuleRef `json:"counterpart"`
	Shown
}

// ModuleRef names a module of another page: a counterpart, a lab's modules.
type ModuleRef struct {
	Slug  string `json:"slug"`
	Track string `json:"track"`
	Title string `json:"title"`
}

// RefOf is the reference to module m; nil for none.
func RefOf(m *Module) *ModuleRef { return refIn(m, "") }

// refIn is the reference to module m, titled in lang where it is translated.
func refIn(m *Module, lang string) *ModuleRef {
	if m == nil {
		return nil
	}
	m, _ = m.In(lang)
	return &ModuleRef{Slug: m.Slug, Track: m.Track.Slug, Title: m.Title}
}

// LessonRef names a lesson of a module's page, or the lesson before or after another.
type LessonRef struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
	Module  string `json:"module,omitempty"`
	Shown
}

// QuizSummary is a quiz's settings without its questions: on its module's page, and as the
// quiz's own page (with Module, Track and Feedback).
type QuizSummary struct {
	Slug             string          `json:"slug"`
	Title            string          `json:"title"`
	Module           string          `json:"module,omitempty"`
	Track            string          `json:"track,omitempty"`
	QuestionCount    int             `json:"question_count"`
	PassPercent      int             `json:"pass_percent"`
	MaxAttempts      int             `json:"max_attempts"`
	TimeLimitMinutes int             `json:"time_limit_minutes"`
	Grading          string          `json:"grading"`
	Feedback         string          `json:"feedback,omitempty"`
	Review           *quizzes.Review `json:"review,omitempty"`
	Shown
}

// ModuleView is a module's page: its lessons, quiz settings, counterpart and accreditation.
type ModuleView struct {
	Slug        string       `json:"slug"`
	Track       string       `json:"track"`
	Title       string       `json:"title"`
	Summary     string       `json:"summary"`
	Minutes     int          `json:"minutes"`
	Objectives  []string     `json:"objectives"`
	Lessons     []LessonRef  `json:"lessons"`
	Counterpart *ModuleRef   `json:"counterpart"`
	Quiz        *QuizSummary `json:"quiz"`
	*AccreditationView
	Shown
}

// AccreditationView is a module's accreditation record on its page: review dates, authors and
// reviewers with their declared conflicts, and the competencies its objectives serve.
type AccreditationView struct {
	Reviewed     string           `json:"reviewed"`
	NextReview   string           `json:"next_review"`
	Authors      []Contributor    `json:"authors"`
	Reviewers    []Contributor    `json:"reviewers"`
	Competencies []CompetencyItem `json:"competencies"`
}

// CompetencyItem is a competency domain a module serves, as the module's page shows it.
type CompetencyItem struct {
	Framework    string `json:"framework"`
	FrameworkURL string `json:"framework_url"`
	Code         string `json:"code"`
	Name         string `json:"name"`
	Statement    string `json:"statement"`
	Objectives   []int  `json:"objectives"` // numbers of the module's objectives, from 1
}

// LessonView is a rendered lesson's page, with its neighbours in the track.
type LessonView struct {
	Slug        string      `json:"slug"`
	Module      string      `json:"module"`
	Track       string      `json:"track"`
	Title       string      `json:"title"`
	Minutes     int         `json:"minutes"`
	HTML        string      `json:"html"`
	Glossary    []string    `json:"glossary"`
	References  []Reference `json:"references"`
	Next        *LessonRef  `json:"next"`
	Prev        *LessonRef  `json:"prev"`
	Counterpart *ModuleRef  `json:"counterpart"`
	Shown
}

// CaseItem is a case study in the library's list.
type CaseItem struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Outcome string `json:"outcome"`
	Summary string `json:"summary"`
	Setting string `json:"setting"`
	Minutes int    `json:"minutes"`
}

// ExerciseItem is a joint exercise in the list of exercises.
type ExerciseItem struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
	Roles   []Role `json:"roles"`
}

// TrackItems lists the catalogue's tracks, each in lang where it is translated.
func (c *Catalog) TrackItems(lang string) Items[TrackItem] {
	var tracks []TrackItem
	for _, src := range c.Tracks {
		t, shown := src.In(lang)
		tracks = append(tracks, TrackItem{t.Slug, t.Title, t.Audience, t.Summary, len(t.Modules), shown})
	}
	return Items[TrackItem]{tracks}
}

// ViewOfTrack is track t's page in lang: each part in lang where it is translated.
func ViewOfTrack(src *Track, lang string) TrackView {
	t, shown := src.In(lang)
	mods := make([]TrackModule, 0, len(t.Modules))
	for _, sm := range t.Modules {
		m, ms := sm.In(lang)
		mods = append(mods, TrackModule{m.Slug, m.Title, m.Summary, m.Minutes, len(m.Lessons), refIn(m.Counterpart, lang), ms})
	}
	return TrackView{Slug: t.Slug, Title: t.Title, Audience: t.Audience, Summary: t.Summary, Modules: mods, Shown: shown}
}

// ViewOfModule is module m's page in lang: each part in lang where it is translated.
func ViewOfModule(src *Module, lang string) ModuleView {
	m, shown := src.In(lang)
	lessons := make([]LessonRef, 0, len(m.Lessons))
	for _, sl := range m.Lessons {
		l, ls := sl.In(lang)
		lessons = append(lessons, LessonRef{Slug: l.Slug, Title: l.Title, Minutes: l.Minutes, Shown: ls})
	}
	v := ModuleView{Slug: m.Slug, Track: m.Track.Slug, Title: m.Title, Summary: m.Summary, Minutes: m.Minutes,
		Objectives: m.Objectives, Lessons: lessons, Counterpart: refIn(m.Counterpart, lang),
		AccreditationView: accreditationView(m.Accreditation), Shown: shown}
	if m.Quiz != nil {
		q, qs := m.Quiz.In(lang)
		v.Quiz = &QuizSummary{Slug: q.Slug, Title: q.Title, QuestionCount: QuestionCount(q), PassPercent: q.PassPercent,
			MaxAttempts: q.MaxAttempts, TimeLimitMinutes: q.TimeLimitMinutes, Grading: string(q.Grading), Review: &q.Review, Shown: qs}
	}
	return v
}

// accreditationView is a module's accreditation on its page; nil for none (a loaded catalogue
// always has one; this keeps the page well-formed).
func accreditationView(a *Accreditation) *AccreditationView {
	if a == nil {
		return nil
	}
	fw := Framework()
	comps := make([]CompetencyItem, 0, len(a.Competencies))
	for _, c := range a.Competencies {
		comps = append(comps, CompetencyItem{Framework: fw.Name, FrameworkURL: fw.URL, Code: c.Code, Name: c.Name,
			Statement: c.Statement, Objectives: c.Objectives})
	}
	return &AccreditationView{Reviewed: a.Reviewed, NextReview: a.NextReview, Authors: a.Authors, Reviewers: a.Reviewers, Competencies: comps}
}

// ViewOfQuiz is the page of module m's quiz, which m must have, in lang where it is translated.
func ViewOfQuiz(m *Module, lang string) QuizSummary {
	q, shown := m.Quiz.In(lang)
	return QuizSummary{Slug: q.Slug, Title: q.Title, Module: m.Slug, Track: m.Track.Slug,
		QuestionCount: QuestionCount(q), PassPercent: q.PassPercent, MaxAttempts: q.MaxAttempts,
		TimeLimitMinutes: q.TimeLimitMinutes, Grading: string(q.Grading), Feedback: string(q.Feedback), Review: &q.Review, Shown: shown}
}

// QuestionCount is how many questions one attempt asks: every question outside a pool plus
// what each pool draws.
func QuestionCount(q *Quiz) int {
	n, inPool := 0, map[string]int{}
	for _, qu := range q.Questions {
		if draw, ok := q.Pools[qu.Pool]; ok && qu.Pool != "" && draw > 0 {
			inPool[qu.Pool]++
			continue
		}
		n++
	}
	for pool, have := range inPool {
		n += min(have, q.Pools[pool])
	}
	return n
}

// lessonRef names lesson l, titled in lang where it is translated; nil for none.
func lessonRef(l *Lesson, lang string) *LessonRef {
	if l == nil {
		return nil
	}
	l, shown := l.In(lang)
	return &LessonRef{Slug: l.Slug, Title: l.Title, Minutes: l.Minutes, Module: l.Module.Slug, Shown: shown}
}

// ViewOfLesson is lesson l's page in lang where it is translated, else in English.
func ViewOfLesson(src *Lesson, lang string) LessonView {
	l, shown := src.In(lang)
	next, prev := lessonRef(l.Next, lang), lessonRef(l.Prev, lang)
	refs := l.References
	if refs == nil {
		refs = []Reference{}
	}
	glossary := l.Glossary
	if glossary == nil {
		glossary = []string{}
	}
	return LessonView{Slug: l.Slug, Module: l.Module.Slug, Track: l.Module.Track.Slug, Title: l.Title,
		Minutes: l.Minutes, HTML: l.HTML, Glossary: glossary, References: refs,
		Next: next, Prev: prev, Counterpart: refIn(l.Module.Counterpart, lang), Shown: shown}
}

// CaseItems lists the case-study library.
func (c *Catalog) CaseItems() Items[CaseItem] {
	cases := []CaseItem{}
	for _, cs := range c.CaseStudies() {
		cases = append(cases, CaseItem{cs.Slug, cs.Title, cs.Outcome, cs.Summary, cs.Setting, cs.Minutes})
	}
	return Items[CaseItem]{cases}
}

// ExerciseItems lists the joint exercises.
func (c *Catalog) ExerciseItems() Items[ExerciseItem] {
	exercises := []ExerciseItem{}
	for _, ex := range c.Exercises() {
		exercises = append(exercises, ExerciseItem{ex.Slug, ex.Title, ex.Minutes, ex.Roles})
	}
	return Items[ExerciseItem]{exercises}
}
