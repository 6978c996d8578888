package models

import (
	"context"
	"time"
)

// PeerRatingChange is a team's ratings on one exercise, changed at UpdatedAt.
type PeerRatingChange struct {
	TeamID, ExerciseSlug string
	UpdatedAt            time.Time
}

// PeerRatingChanges returns up to limit ratings changed after after and before before, oldest
// first, as the team and exercise they are about.
func (s *Store) PeerRatingChanges(ctx context.Context, after, before time.Time, limit int) ([]PeerRatingChange, error) {
	var rows []PeerEvaluation
	err := s.db.WithContext(ctx).Select("team_id", "exercise_slug", "updated_at").
		Where("updated_at > ? AND updated_at < ?", after.UTC(), before.UTC()).Order("updated_at").Limit(limit).Find(&rows).Error
	out := make([]PeerRatingChange, 0, len(rows))
	for _, r := range rows {
		out = append(out, PeerRatingChange{TeamID: r.TeamID, ExerciseSlug: r.ExerciseSlug, UpdatedAt: r.UpdatedAt.UTC()})
	}
	return out, mapErr(err)
}

// TeamScoreEvents returns each member's latest scored event for a team's exercise, up to and
// including the event id through.
func (s *Store) TeamScoreEvents(ctx context.Context, teamID, exercise, through string) ([]ProgressEvent, error) {
	var rows []ProgressEvent
	err := s.db.WithContext(ctx).Where("team_id = ? AND object_id = ? AND object_type = 'exercise' AND verb = 'scored' AND id <= ?",
		teamID, exercise, through).Order("id").Find(&rows).Error
	if err != nil {
		return nil, mapErr(err)
	}
	latest := map[string]int{}
	out := []ProgressEvent{}
	for _, ev := range rows {
		if i, ok := latest[ev.UserID]; ok {
			out[i] = ev
			continue
		}
		latest[ev.UserID] = len(out)
		out = append(out, ev)
	}
	return out, nil
}

// LatestLTIScore returns the newest score queued for a learner on a course's line item, in any
// status; ErrNotFound when there is none.
func (s *Store) LatestLTIScore(ctx context.Context, registrationID, contextID, resourceID, userID string) (*LTIScore, error) {
	var out []LTIScore
	err := s.db.WithContext(ctx).Where("registration_id = ? AND context_id = ? AND resource_id = ? AND user_id = ?",
		registrationID, contextID, resourceID, userID).Order("id DESC").Limit(1).Find(&out).Error
	if err != nil {
		return nil, mapErr(err)
	}
	if len(out) == 0 {
		return nil, ErrNotFound
	}
	return &out[0], nil
}
