// Package xapi turns Tandem's learning events into xAPI statements (conforming to xAPI 1.0.3),
// built once when an event is recorded, and forwards them to a Learning Record Store.
package xapi

import (
	"encoding/json"
	"time"

	"tandem/models"
)

// HeaderVersion is the xAPI version Tandem speaks, sent as X-Experience-API-Version. Statements
// carry no "version" of their own: Data 2.4.10 asks providers not to set it.
const HeaderVersion = "1.0.3"

// timestampLayout keeps milliseconds, the precision every LRS stores, so a statement read back
// from an LRS names the same instant.
const timestampLayout = "2006-01-02T15:04:05.000Z07:00"

// Statement is an xAPI statement as Tandem writes it.
type Statement struct {
	ID        string   `json:"id"`
	Actor     Actor    `json:"actor"`
	Verb      Verb     `json:"verb"`
	Object    Activity `json:"object"`
	Result    *Result  `json:"result,omitempty"`
	Context   Context  `json:"context"`
	Timestamp string   `json:"timestamp"`
}

// Actor identifies a learner by an account on this Tandem (its base URL and the user id),
// never by name or email, so no personal data reaches an external LRS.
type Actor struct {
	ObjectType string  `json:"objectType"`
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

// Activity is a statement's object or a context activity.
type Activity struct {
	ObjectType string     `json:"objectType"`
	ID         string     `json:"id"`
	Definition Definition `json:"definition"`
}

// Definition names an activity and its type; interactions add their type and choices.
type Definition struct {
	Name            map[string]string `json:"name"`
	Type            string            `json:"type"`
	InteractionType string            `json:"interactionType,omitempty"`
	Choices         []Component       `json:"choices,omitempty"`
}

// Component is one choice of an interaction.
type Component struct {
	ID          string            `json:"id"`
	Description map[string]string `json:"description"`
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

// Context places the statement on the platform and in its parent activities.
type Context struct {
	Platform          string             `json:"platform"`
	Language          string             `json:"language"`
	ContextActivities *ContextActivities `json:"contextActivities,omitempty"`
}

// ContextActivities lists the activity a statement's object belongs to (a lesson's track, a
// question's quiz) and the wider one that groups it.
type ContextActivities struct {
	Parent   []Activity `json:"parent,omitempty"`
	Grouping []Activity `json:"grouping,omitempty"`
}

var verbs = map[string]string{
	"registered":  "http://adlnet.gov/expapi/verbs/registered",
	"completed":   "http://adlnet.gov/expapi/verbs/completed",
	"attempted":   "http://adlnet.gov/expapi/verbs/attempted",
	"answered":    "http://adlnet.gov/expapi/verbs/answered",
	"passed":      "http://adlnet.gov/expapi/verbs/passed",
	"failed":      "http://adlnet.gov/expapi/verbs/failed",
	"commented":   "http://adlnet.gov/expapi/verbs/commented",
	"responded":   "http://adlnet.gov/expapi/verbs/responded",
	"shared":      "http://adlnet.gov/expapi/verbs/shared",
	"earned":      "http://id.tincanapi.com/verb/earned",
	"scored":      "http://adlnet.gov/expapi/verbs/scored",
	"interacted":  "http://adlnet.gov/expapi/verbs/interacted",
	"experienced": "http://adlnet.gov/expapi/verbs/experienced",
	"submitted":   "http://activitystrea.ms/schema/1.0/submit",
}

var activityTypes = map[string]string{
	"track":      "http://adlnet.gov/expapi/activities/course",
	"lesson":     "http://adlnet.gov/expapi/activities/lesson",
	"quiz":       "http://adlnet.gov/expapi/activities/assessment",
	"question":   "http://adlnet.gov/expapi/activities/cmi.interaction",
	"feedback":   "http://id.tincanapi.com/activitytype/review",
	"exercise":   "http://adlnet.gov/expapi/activities/performance",
	"credential": "https://w3id.org/xapi/tla/activity-types/credential",
	"lab":        "http://adlnet.gov/expapi/activities/simulation",
}

// Page is one page of stored statements, oldest first, and the event id the next page starts
// after ("" on the last page).
type Page struct {
	Statements []json.RawMessage
	After      string
}

// PageOf returns the stored statements of events, a page read with limit: a full page may
// have a next one. Statements are never rebuilt here; an event recorded without one (by an
// older Tandem during an upgrade) has none to show.
func PageOf(events []models.ProgressEvent, limit int) Page {
	p := Page{Statements: make([]json.RawMessage, 0, len(events))}
	for _, ev := range events {
		if ev.Statement != "" {
			p.Statements = append(p.Statements, json.RawMessage(ev.Statement))
		}
	}
	if len(events) == limit && limit > 0 {
		p.After = events[len(events)-1].ID
	}
	return p
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

// timestamp formats t for a statement.
func timestamp(t time.Time) string { return t.UTC().Format(timestampLayout) }
