package xapi

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"tandem/courses"
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
	st := Statement{
		ID:        uuid(ev.ID),
		Actor:     Actor{ObjectType: "Agent", Account: Account{HomePage: b.BaseURL, Name: ev.UserID}},
		Verb:      Verb{ID: verb, Display: map[string]string{"en-US": ev.Verb}},
		Object:    b.object(ev, r),
		Result:    result(ev.Verb, r),
		Context:   Context{Platform: "Tandem", Language: "en", ContextActivities: b.contextOf(ev, r)},
		Timestamp: timestamp(ev.CreatedAt),
	}
	out, err := json.Marshal(st)
	return string(out), err
}

// object is the event's activity; a judgement question is a choice interaction with its
// options. It carries no correctResponsesPattern: a judgement question has no right answer
// (xAPI omits the pattern where any answer is acceptable).
func (b Builder) object(ev models.ProgressEvent, r eventResult) Activity {
	a := b.activity(ev.ObjectType, ev.ObjectID, b.name(ev.ObjectType, ev.ObjectID, r))
	if ev.ObjectType == "question" {
		a.Definition.InteractionType = "choice"
		if q, ok := b.question(ev.ObjectID); ok {
			for _, o := range q.Options {
				a.Definition.Choices = append(a.Definition.Choices, Component{ID: o.ID, Description: map[string]string{"en-US": o.Text}})
			}
		}
	}
	return a
}

// contextOf names the activity ev's object belongs to, and the track around it.
func (b Builder) contextOf(ev models.ProgressEvent, r eventResult) *ContextActivities {
	var track []Activity
	if ev.TrackSlug != "" && ev.ObjectType != "track" {
		track = []Activity{b.named("track", ev.TrackSlug)}
	}
	switch {
	case ev.ObjectType == "question" && strings.LastIndex(ev.ObjectID, ".") > 0:
		quiz := ev.ObjectID[:strings.LastIndex(ev.ObjectID, ".")]
		return &ContextActivities{Parent: []Activity{b.named("quiz", quiz)}, Grouping: track}
	case ev.ObjectType == "feedback" && r.Lesson != "":
		return &ContextActivities{Parent: []Activity{b.named("lesson", r.Lesson)}, Grouping: track}
	case track != nil:
		return &ContextActivities{Parent: track}
	}
	return nil
}

func (b Builder) named(kind, slug string) Activity {
	return b.activity(kind, slug, b.name(kind, slug, eventResult{}))
}

func (b Builder) activity(kind, slug, name string) Activity {
	return Activity{ObjectType: "Activity", ID: b.BaseURL + "/activities/" + kind + "/" + slug,
		Definition: Definition{Name: map[string]string{"en-US": name}, Type: activityTypes[kind]}}
}

// name is an activity's display name: the catalogue's title, a question's prompt, or for a
// certificate its programme. An item the catalogue no longer holds is named by its slug.
func (b Builder) name(kind, slug string, r eventResult) string {
	name := ""
	switch kind {
	case "track":
		if t, ok := b.Catalog.Track(slug); ok {
			name = t.Title
		}
	case "lesson":
		if l, ok := b.Catalog.Lesson(slug); ok {
			name = l.Title
		}
	case "quiz":
		if q, ok := b.Catalog.Quiz(slug); ok {
			name = q.Title
		}
	case "exercise":
		if e, ok := b.Catalog.Exercise(slug); ok {
			name = e.Title
		}
	case "question":
		if q, ok := b.question(slug); ok {
			name = shorten(q.Prompt, 160)
		}
	case "feedback":
		name = "Lesson feedback"
		if r.Lesson != "" {
			name = "Feedback on " + b.name("lesson", r.Lesson, r)
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
	return name
}

// question finds a question by its global key, <quiz slug>.<question id>.
func (b Builder) question(key string) (*quizzes.Question, bool) {
	i := strings.LastIndex(key, ".")
	if i <= 0 {
		return nil, false
	}
	quiz, ok := b.Catalog.Quiz(key[:i])
	if !ok {
		return nil, false
	}
	return quiz.Question(key[i+1:])
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
