package models

import (
	"context"
	"fmt"
	"time"
)

// CohortEvents returns the learning events a cohort's instructors may read, oldest first,
// after the event id `after` when given, at most limit of them: each member's events since
// they joined, on the cohort's tracks (tracks, lessons, quizzes and their questions) or about
// the work of the cohort's own teams.
func (s *Store) CohortEvents(ctx context.Context, cohortID, after string, limit int) ([]ProgressEvent, error) {
	q := s.reader(ctx).Table("progress_events AS e").Select("e.*").
		Joins("JOIN cohort_members m ON m.user_id = e.user_id AND m.cohort_id = ?", cohortID).
		Where("e.created_at >= m.added_at").
		Where(`(e.object_type IN ('track', 'lesson', 'quiz', 'question') AND e.track_slug IN (SELECT track_slug FROM cohort_tracks WHERE cohort_id = ?))
	OR (e.team_id <> '' AND e.team_id IN (SELECT id FROM teams WHERE cohort_id = ?))`, cohortID, cohortID).
		Order("e.id").Limit(limit)
	if after != "" {
		q = q.Where("e.id > ?", after)
	}
	var out []ProgressEvent
	return out, mapErr(q.Find(&out).Error)
}

// dbTime scans a timestamp that an aggregate returns: a time from PostgreSQL, text from
// SQLite, which keeps no column type through MAX; NULL is the zero time.
type dbTime struct{ Time time.Time }

// Scan reads src into t.
func (t *dbTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		t.Time = time.Time{}
	case time.Time:
		t.Time = v
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	default:
		return fmt.Errorf("timestamp of type %T", src)
	}
	return nil
}

func (t *dbTime) parse(s string) error {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999"} {
		if v, err := time.Parse(layout, s); err == nil {
			t.Time = v
			return nil
		}
	}
	return fmt.Errorf("timestamp %q", s)
}
