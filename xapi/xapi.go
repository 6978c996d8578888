// Package xapi turns Tandem's learning events into xAPI 1.0.3 statements, so a learner's
// record can be exported or forwarded to a Learning Record Store.
package xapi

import (
	"encoding/json"
	"time"

	"tandem/courses"
	"tandem/models"
)

// Version is the xAPI version of every statement.
const Version = "1.0.3"

// Statement is an xAPI statement.
type Statement struct {
	ID        string    `json:"id"`
	Actor     Actor     `json:"actor"`
	Verb      Verb      `json:"verb"`
	Object    Activity  `json:"object"`
	Result    *Result   `json:"result,omitempty"`
	Context   Context   `json:"context"`
	Timestamp time.Time `json:"timestamp"`
	Version   string    `json:"version"`
}

// Actor identifies the learner by an account on this Tandem, never by email.
type Actor struct {
	ObjectType string  `json:"objectType"`
	Name       string  `json:"name,omitempty"`
	Account    Account `json:"account"`
}

// Account is an xAPI account: the platform's home page and the user's id on it.
type Account struct {
	HomePage string `json:"homePage"`
	Name     string `json:"name"`
}

// Verb is an ADL verb.
type Verb struct {
	ID      string            `json:"id"`
	Display map[string]string `json:"display"`
}

// Activity is the statement's object.
type Activity struct {
	ObjectType string     `json:"objectType"`
	ID         string     `json:"id"`
	Definition Definition `json:"definition"`
}

// Definition names an activity and its type.
type Definition struct {
	Name map[string]string `json:"name,omitempty"`
	Type string            `json:"type"`
}

// Result carries a score, success, completion or a response.
type Result struct {
	Score      *Score `json:"score,omitempty"`
	Success    *bool  `json:"success,omitempty"`
	Completion *bool  `json:"completion,omitempty"`
	Response   string `json:"response,omitempty"`
}

// Score is an xAPI score; Scaled is in [0, 1].
type Score struct {
	Scaled float64 `json:"scaled"`
	Raw    float64 `json:"raw"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Context places the statement in its track.
type Context struct {
	Platform          string             `json:"platform"`
	Language          string             `json:"language"`
	ContextActivities *ContextActivities `json:"contextActivities,omitempty"`
}

// ContextActivities lists the parent activity (the track).
type ContextActivities struct {
	Parent []Activity `json:"parent"`
}

var verbs = map[string]string{
	"registered": "http://adlnet.gov/expapi/verbs/registered",
	"completed":  "http://adlnet.gov/expapi/verbs/completed",
	"attempted":  "http://adlnet.gov/expapi/verbs/attempted",
	"answered":   "http://adlnet.gov/expapi/verbs/answered",
	"passed":     "http://adlnet.gov/expapi/verbs/passed",
	"failed":     "http://adlnet.gov/expapi/verbs/failed",
	"commented":  "http://adlnet.gov/expapi/verbs/commented",
	"responded":  "http://adlnet.gov/expapi/verbs/responded",
	"shared":     "http://adlnet.gov/expapi/verbs/shared",
	"earned":     "http://id.tincanapi.com/verb/earned",
	"scored":     "http://adlnet.gov/expapi/verbs/scored",
}

var activityTypes = map[string]string{
	"track":      "http://adlnet.gov/expapi/activities/course",
	"lesson":     "http://adlnet.gov/expapi/activities/lesson",
	"quiz":       "http://adlnet.gov/expapi/activities/assessment",
	"question":   "http://adlnet.gov/expapi/activities/cmi.interaction",
	"feedback":   "http://id.tincanapi.com/activitytype/review",
	"exercise":   "http://adlnet.gov/expapi/activities/performance",
	"credential": "https://w3id.org/xapi/tla/activity-types/credential",
}

// FromEvent builds the statement for ev, naming activities from the catalogue.
func FromEvent(ev models.ProgressEvent, actorName, baseURL string, cat *courses.Catalog) Statement {
	st := Statement{
		ID:        uuid(ev.ID),
		Actor:     Actor{ObjectType: "Agent", Name: actorName, Account: Account{HomePage: baseURL, Name: ev.UserID}},
		Verb:      Verb{ID: verbs[ev.Verb], Display: map[string]string{"en-US": ev.Verb}},
		Object:    activity(ev.ObjectType, ev.ObjectID, baseURL, cat),
		Context:   Context{Platform: "Tandem", Language: "en"},
		Timestamp: ev.CreatedAt.UTC(),
		Version:   Version,
	}
	if ev.TrackSlug != "" && ev.ObjectType != "track" {
		st.Context.ContextActivities = &ContextActivities{Parent: []Activity{activity("track", ev.TrackSlug, baseURL, cat)}}
	}
	var r struct {
		Score    *float64 `json:"score"`
		MaxScore float64  `json:"max_score"`
		Passed   *bool    `json:"passed"`
		Choice   string   `json:"choice"`
	}
	_ = json.Unmarshal([]byte(ev.Result), &r)
	switch {
	case r.Score != nil:
		completion := true
		scaled := 0.0
		if r.MaxScore > 0 {
			scaled = *r.Score / r.MaxScore
		}
		st.Result = &Result{Score: &Score{Scaled: scaled, Raw: *r.Score, Min: 0, Max: r.MaxScore}, Success: r.Passed, Completion: &completion}
	case r.Choice != "":
		st.Result = &Result{Response: r.Choice}
	case ev.Verb == "completed":
		completion := true
		st.Result = &Result{Completion: &completion}
	}
	return st
}

func activity(kind, slug, baseURL string, cat *courses.Catalog) Activity {
	a := Activity{ObjectType: "Activity", ID: baseURL + "/activities/" + kind + "/" + slug, Definition: Definition{Type: activityTypes[kind]}}
	name := ""
	switch kind {
	case "track":
		if t, ok := cat.Track(slug); ok {
			name = t.Title
		}
	case "lesson":
		if l, ok := cat.Lesson(slug); ok {
			name = l.Title
		}
	case "quiz":
		if q, ok := cat.Quiz(slug); ok {
			name = q.Title
		}
	case "exercise":
		if e, ok := cat.Exercise(slug); ok {
			name = e.Title
		}
	}
	if name != "" {
		a.Definition.Name = map[string]string{"en-US": name}
	}
	return a
}

// uuid renders a 32-hex-digit event id as an RFC 9562 version 8 UUID (xAPI requires UUIDs).
func uuid(id string) string {
	if len(id) != 32 {
		return id
	}
	b := []byte(id)
	b[12] = '8'
	b[16] = "89ab"[hexVal(b[16])&3]
	s := string(b)
	return s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:]
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return 0
}
