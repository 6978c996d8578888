package models

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// migrateStatements keeps each learning event's xAPI statement beside it, built once, and lets
// forwarding set aside a statement the LRS refuses, with the LRS's status and reason. Events
// recorded before it get their statements here, as the builder of this release made them:
// the actor is an account (baseURL, user id), activities are named from the catalogue mirror,
// and no version is set. Frozen: it carries its own copy of that builder and reads only tables.
func migrateStatements(baseURL string) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		ts := "datetime"
		if tx.Dialector.Name() == "postgres" {
			ts = "timestamptz"
		}
		for _, stmt := range []string{
			"ALTER TABLE progress_events ADD COLUMN statement TEXT NOT NULL DEFAULT ''",
			"ALTER TABLE progress_events ADD COLUMN lrs_refused_at " + ts,
			"ALTER TABLE progress_events ADD COLUMN lrs_status INTEGER NOT NULL DEFAULT 0",
			"ALTER TABLE progress_events ADD COLUMN lrs_reason TEXT NOT NULL DEFAULT ''",
			"DROP INDEX IF EXISTS idx_event_unforwarded",
			"CREATE INDEX IF NOT EXISTS idx_event_unforwarded ON progress_events (id) WHERE forwarded_at IS NULL AND lrs_refused_at IS NULL",
		} {
			if err := tx.Exec(stmt).Error; err != nil {
				return err
			}
		}
		b, err := loadStatementNames202612(tx, baseURL)
		if err != nil {
			return err
		}
		return b.fillAll(tx)
	}
}

// event202612 is a learning event as stored before this migration.
type event202612 struct {
	ID, UserID, Verb, ObjectType, ObjectID, TrackSlug, Result string
	CreatedAt                                                 time.Time
}

// statements202612 builds statements from the names the database holds.
type statements202612 struct {
	baseURL    string
	titles     map[string]map[string]string // kind -> slug -> title
	programmes map[string]string
}

func loadStatementNames202612(tx *gorm.DB, baseURL string) (*statements202612, error) {
	b := &statements202612{baseURL: baseURL, titles: map[string]map[string]string{}, programmes: map[string]string{}}
	for kind, table := range map[string]string{"track": "tracks", "lesson": "lessons", "quiz": "quizzes"} {
		var rows []struct{ Slug, Title string }
		if err := tx.Table(table).Select("slug, title").Find(&rows).Error; err != nil {
			return nil, err
		}
		b.titles[kind] = map[string]string{}
		for _, r := range rows {
			b.titles[kind][r.Slug] = r.Title
		}
	}
	var progs []struct{ ID, Title string }
	if err := tx.Table("programmes").Select("id, title").Find(&progs).Error; err != nil {
		return nil, err
	}
	for _, p := range progs {
		b.programmes[p.ID] = p.Title
	}
	return b, nil
}

// fillAll builds and stores the statement of every event, 500 at a time.
func (b *statements202612) fillAll(tx *gorm.DB) error {
	for after := ""; ; {
		var events []event202612
		err := tx.Table("progress_events").Select("id, user_id, verb, object_type, object_id, track_slug, result, created_at").
			Where("id > ?", after).Order("id").Limit(500).Find(&events).Error
		if err != nil || len(events) == 0 {
			return err
		}
		if b.baseURL == "" {
			return errors.New("building the statements of existing learning events needs the instance's base URL (TANDEM_BASE_URL)")
		}
		lessons, err := feedbackLessons202612(tx, events)
		if err != nil {
			return err
		}
		for _, ev := range events {
			st, err := b.build(ev, lessons)
			if err != nil {
				return fmt.Errorf("statement of learning event %s: %w", ev.ID, err)
			}
			if err := tx.Table("progress_events").Where("id = ?", ev.ID).Update("statement", st).Error; err != nil {
				return err
			}
		}
		after = events[len(events)-1].ID
	}
}

// feedbackLessons maps the feedback ids among events' objects to their lessons.
func feedbackLessons202612(tx *gorm.DB, events []event202612) (map[string]string, error) {
	var ids []string
	for _, ev := range events {
		if ev.ObjectType == "feedback" {
			ids = append(ids, ev.ObjectID)
		}
	}
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ ID, LessonSlug string }
	if err := tx.Table("lesson_feedbacks").Select("id, lesson_slug").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.LessonSlug
	}
	return out, nil
}

var verbs202612 = map[string]string{
	"registered": "http://adlnet.gov/expapi/verbs/registered", "completed": "http://adlnet.gov/expapi/verbs/completed",
	"attempted": "http://adlnet.gov/expapi/verbs/attempted", "answered": "http://adlnet.gov/expapi/verbs/answered",
	"passed": "http://adlnet.gov/expapi/verbs/passed", "failed": "http://adlnet.gov/expapi/verbs/failed",
	"commented": "http://adlnet.gov/expapi/verbs/commented", "responded": "http://adlnet.gov/expapi/verbs/responded",
	"shared": "http://adlnet.gov/expapi/verbs/shared", "earned": "http://id.tincanapi.com/verb/earned",
	"scored": "http://adlnet.gov/expapi/verbs/scored",
}

var activityTypes202612 = map[string]string{
	"track": "http://adlnet.gov/expapi/activities/course", "lesson": "http://adlnet.gov/expapi/activities/lesson",
	"quiz": "http://adlnet.gov/expapi/activities/assessment", "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
	"feedback": "http://id.tincanapi.com/activitytype/review", "exercise": "http://adlnet.gov/expapi/activities/performance",
	"credential": "https://w3id.org/xapi/tla/activity-types/credential",
}

type result202612 struct {
	Score     *float64 `json:"score"`
	MaxScore  float64  `json:"max_score"`
	Passed    *bool    `json:"passed"`
	Choice    string   `json:"choice"`
	Lesson    string   `json:"lesson"`
	Programme string   `json:"programme"`
}

func (b *statements202612) build(ev event202612, feedbackLesson map[string]string) (string, error) {
	verb, ok := verbs202612[ev.Verb]
	if !ok || activityTypes202612[ev.ObjectType] == "" || ev.ObjectID == "" {
		return "", fmt.Errorf("no statement for %q on %q %q", ev.Verb, ev.ObjectType, ev.ObjectID)
	}
	var r result202612
	if err := json.Unmarshal([]byte(ev.Result), &r); err != nil {
		return "", err
	}
	if ev.ObjectType == "feedback" && r.Lesson == "" {
		r.Lesson = feedbackLesson[ev.ObjectID]
	}
	object := b.activity(ev.ObjectType, ev.ObjectID, r)
	if ev.ObjectType == "question" {
		object["definition"].(map[string]any)["interactionType"] = "choice"
	}
	st := map[string]any{
		"id":        uuid202612(ev.ID),
		"actor":     map[string]any{"objectType": "Agent", "account": map[string]any{"homePage": b.baseURL, "name": ev.UserID}},
		"verb":      map[string]any{"id": verb, "display": map[string]string{"en-US": ev.Verb}},
		"object":    object,
		"context":   b.context(ev, r),
		"timestamp": ev.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z07:00"),
	}
	if res := result202612Of(ev.Verb, r); res != nil {
		st["result"] = res
	}
	out, err := json.Marshal(st)
	return string(out), err
}

func (b *statements202612) context(ev event202612, r result202612) map[string]any {
	ctx := map[string]any{"platform": "Tandem", "language": "en"}
	var track []any
	if ev.TrackSlug != "" && ev.ObjectType != "track" {
		track = []any{b.activity("track", ev.TrackSlug, result202612{})}
	}
	i := strings.LastIndex(ev.ObjectID, ".")
	switch {
	case ev.ObjectType == "question" && i > 0:
		ctx["contextActivities"] = withGrouping202612([]any{b.activity("quiz", ev.ObjectID[:i], result202612{})}, track)
	case ev.ObjectType == "feedback" && r.Lesson != "":
		ctx["contextActivities"] = withGrouping202612([]any{b.activity("lesson", r.Lesson, result202612{})}, track)
	case track != nil:
		ctx["contextActivities"] = map[string]any{"parent": track}
	}
	return ctx
}

func withGrouping202612(parent, grouping []any) map[string]any {
	m := map[string]any{"parent": parent}
	if grouping != nil {
		m["grouping"] = grouping
	}
	return m
}

func (b *statements202612) activity(kind, id string, r result202612) map[string]any {
	name := b.titles[kind][id]
	switch kind {
	case "question":
		if i := strings.LastIndex(id, "."); i > 0 {
			name = "Question " + id[i+1:] + " of " + b.activityName("quiz", id[:i])
		}
	case "exercise": // exercises have no table: "triage-audit" becomes "Triage audit"
		if name = strings.ReplaceAll(id, "-", " "); name != "" {
			name = strings.ToUpper(name[:1]) + name[1:]
		}
	case "feedback":
		name = "Lesson feedback"
		if r.Lesson != "" {
			name = "Feedback on " + b.activityName("lesson", r.Lesson)
		}
	case "credential":
		name = b.programmes[r.Programme]
	}
	if name == "" {
		name = id
	}
	return map[string]any{"objectType": "Activity", "id": b.baseURL + "/activities/" + kind + "/" + id,
		"definition": map[string]any{"name": map[string]string{"en-US": name}, "type": activityTypes202612[kind]}}
}

func (b *statements202612) activityName(kind, id string) string {
	if t := b.titles[kind][id]; t != "" {
		return t
	}
	return id
}

func result202612Of(verb string, r result202612) map[string]any {
	switch {
	case r.Score != nil:
		scaled := 0.0
		if r.MaxScore > 0 {
			scaled = *r.Score / r.MaxScore
		}
		res := map[string]any{"score": map[string]any{"scaled": scaled, "raw": *r.Score, "min": 0, "max": r.MaxScore}, "completion": true}
		if r.Passed != nil {
			res["success"] = *r.Passed
		}
		return res
	case r.Choice != "":
		return map[string]any{"response": r.Choice}
	case verb == "completed":
		return map[string]any{"completion": true}
	}
	return nil
}

// uuid202612 renders a 32-hex-digit event id as an RFC 9562 version 8 UUID.
func uuid202612(id string) string {
	if len(id) != 32 {
		return id
	}
	b := []byte(id)
	b[12] = '8'
	v := b[16] - '0'
	if b[16] >= 'a' {
		v = b[16] - 'a' + 10
	}
	b[16] = "89ab"[v&3]
	s := string(b)
	return s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:]
}
