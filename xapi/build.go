package xapi

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"tandem/courses"
	"tandem/locale"
	"tandem/models"
	"tandem/quizzes"
)

// Builder builds the statement of each learning event as it is recorded, naming activities
// from the catalogue of that moment. It is the store's models.StatementBuilder.
type Builder struct {
	BaseURL string
	Catalog *courses.Catalog
}

// eventResult is what an event's result JSON may hold.
type eventResult struct {
	Score          *float64 `json:"score"`
	MaxScore       float64  `json:"max_score"`
	Passed         *bool    `json:"passed"`
	Choice         string   `json:"choice"`
	Lesson         string   `json:"lesson"`
	ProgrammeTitle string   `json:"programme_title"`
}

// Statement builds ev's statement as JSON.
func (b Builder) Statement(ev models.ProgressEvent) (string, error) {
	verb, ok := verbs[ev.Verb]
	if !ok {
		return "", fmt.Errorf("xapi: unknown verb %q", ev.Verb)
	}
	if _, ok := activityTypes[ev.ObjectType]; !ok || ev.ObjectID == "" {
		return "", fmt.Errorf("xapi: event object %q %q has no activity", ev.ObjectType, ev.ObjectID)
	}
	var r eventResult
	if err := json.Unmarshal([]byte(ev.Result), &r); err != nil {
		return "", fmt.Errorf("xapi: event result: %w", err)
	}
	object, shown := b.object(ev, r)
	st := Statement{
		ID:        uuid(ev.ID),
		Actor:     Actor{ObjectType: "Agent", Account: Account{HomePage: b.BaseURL, Name: ev.UserID}},
		Verb:      Verb{ID: verb, Display: map[string]string{"en-US": ev.Verb}},
		Object:    object,
		Result:    result(ev.Verb, r),
		Context:   Context{Platform: "Tandem", Language: shown, ContextActivities: b.contextOf(ev, r)},
		Timestamp: timestamp(ev.CreatedAt),
	}
	out, err := json.Marshal(st)
	return string(out), err
}

// object is the event's activity; a judgement question is a choice interaction with its
// options. It carries no correctResponsesPattern: a judgement question has no right answer
// (xAPI omits the pattern where any answer is acceptable).
// It is named in the event's language where that item was shown in it, which is returned.
func (b Builder) object(ev models.ProgressEvent, r eventResult) (Activity, string) {
	name, shown := b.name(ev.ObjectType, ev.ObjectID, r, ev.Language)
	a := b.activity(ev.ObjectType, ev.ObjectID, name, shown)
	if ev.ObjectType == "question" {
		a.Definition.InteractionType = "choice"
		if q, ok := b.question(ev.ObjectID, ev.Language); ok {
			for _, o := range q.Options {
				a.Definition.Choices = append(a.Definition.Choices, Component{ID: o.ID, Description: languageMap(shown, o.Text)})
			}
		}
	}
	return a, shown
}

// languageMap is an xAPI language map of one text: keyed by the language it was shown in, or
// en-US for the English source, as Tandem's statements always were.
func languageMap(lang, text string) map[string]string {
	if lang == "" || lang == locale.English {
		lang = "en-US"
	}
	return map[string]string{lang: text}
}

// contextOf names the activity ev's object belongs to, and the track around it.
func (b Builder) contextOf(ev models.ProgressEvent, r eventResult) *ContextActivities {
	var track []Activity
	if ev.TrackSlug != "" && ev.ObjectType != "track" {
		track = []Activity{b.named("track", ev.TrackSlug, ev.Language)}
	}
	switch {
	case ev.ObjectType == "question" && strings.LastIndex(ev.ObjectID, ".") > 0:
		quiz := ev.ObjectID[:strings.LastIndex(ev.ObjectID, ".")]
		return &ContextActivities{Parent: []Activity{b.named("quiz", quiz, ev.Language)}, Grouping: track}
	case ev.ObjectType == "feedback" && r.Lesson != "":
		return &ContextActivities{Parent: []Activity{b.named("lesson", r.Lesson, ev.Language)}, Grouping: track}
	case track != nil:
		return &ContextActivities{Parent: track}
	}
	return nil
}

func (b Builder) named(kind, slug, lang string) Activity {
	name, shown := b.name(kind, slug, eventResult{}, lang)
	return b.activity(kind, slug, name, shown)
}

func (b Builder) activity(kind, slug, name, lang string) Activity {
	return Activity{ObjectType: "Activity", ID: b.BaseURL + "/activities/" + kind + "/" + slug,
		Definition: Definition{Name: languageMap(lang, name), Type: activityTypes[kind]}}
}

// name is an activity's display name: the catalogue's title, a question's prompt, or for a
// certificate its programme. An item the catalogue no longer holds is named by its slug.
// Tracks, lessons, quizzes and questions are named in lang where they are translated into it;
// shown is the language the name is in.
func (b Builder) name(kind, slug string, r eventResult, lang string) (name, shown string) {
	shown = locale.English
	switch kind {
	case "track":
		if t, ok := b.Catalog.Track(slug); ok {
			t, in := t.In(lang)
			name, shown = t.Title, in.Language
		}
	case "lesson":
		if l, ok := b.Catalog.Lesson(slug); ok {
			l, in := l.In(lang)
			name, shown = l.Title, in.Language
		}
	case "quiz":
		if q, ok := b.Catalog.Quiz(slug); ok {
			q, in := q.In(lang)
			name, shown = q.Title, in.Language
		}
	case "exercise":
		if e, ok := b.Catalog.Exercise(slug); ok {
			name = e.Title
		}
	case "question":
		if q, ok := b.question(slug, lang); ok {
			name, shown = shorten(q.Prompt, 160), b.quizLanguage(slug, lang)
		}
	case "feedback":
		name = "Lesson feedback"
		if r.Lesson != "" {
			lesson, _ := b.name("lesson", r.Lesson, r, locale.English)
			name = "Feedback on " + lesson
		}
	case "credential":
		name = r.ProgrammeTitle
	case "lab":
		if l, ok := b.Catalog.Lab(slug); ok {
			name = l.Title
		}
	}
	if name == "" {
		name = slug
	}
	return name, shown
}

// question finds a question by its global key, <quiz slug>.<question id>, with its texts in
// lang where the quiz is translated.
func (b Builder) question(key, lang string) (*quizzes.Question, bool) {
	i := strings.LastIndex(key, ".")
	if i <= 0 {
		return nil, false
	}
	quiz, ok := b.Catalog.Quiz(key[:i])
	if !ok {
		return nil, false
	}
	quiz, _ = quiz.In(lang)
	return quiz.Question(key[i+1:])
}

// quizLanguage is the language the quiz of a question key is shown in for lang.
func (b Builder) quizLanguage(key, lang string) string {
	quiz, _ := b.Catalog.Quiz(key[:strings.LastIndex(key, ".")])
	_, shown := quiz.In(lang)
	return shown.Language
}

// result is the statement's result: a score, a chosen option, or a completion.
func result(verb string, r eventResult) *Result {
	yes := true
	switch {
	case r.Score != nil:
		s := &Score{Raw: *r.Score, Max: r.MaxScore}
		if r.MaxScore > 0 {
			s.Scaled = *r.Score / r.MaxScore
		}
		return &Result{Score: s, Success: r.Passed, Completion: &yes}
	case r.Choice != "":
		return &Result{Response: r.Choice}
	case verb == "completed":
		return &Result{Completion: &yes}
	}
	return nil
}

// shorten collapses whitespace and cuts s to at most n runes.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
