package models

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"gorm.io/gorm/clause"
)

// PeerEvaluation is one member's rating of a teammate for an exercise; a new one replaces it.
type PeerEvaluation struct {
	ID           string    `gorm:"primaryKey;size:32"`
	TeamID       string    `gorm:"size:32;not null;uniqueIndex:idx_peer,priority:1"`
	ExerciseSlug string    `gorm:"size:100;not null;uniqueIndex:idx_peer,priority:2"`
	RaterID      string    `gorm:"size:32;not null;uniqueIndex:idx_peer,priority:3"`
	RateeID      string    `gorm:"size:32;not null;uniqueIndex:idx_peer,priority:4"`
	Scores       string    `gorm:"type:text;not null"` // JSON: dimension -> score
	ScoreSum     int       `gorm:"not null;default:0"` // the sum of Scores' values, kept with them
	ScoreCount   int       `gorm:"not null;default:0"` // how many values Scores holds
	Comment      string    `gorm:"type:text;not null;default:''"`
	UpdatedAt    time.Time `gorm:"index:idx_peer_updated"`
}

// SavePeerEvaluation stores p, replacing the rater's earlier rating of the same teammate, with
// the sum and number of its scores.
func (s *Store) SavePeerEvaluation(ctx context.Context, p *PeerEvaluation) error {
	p.ID, p.UpdatedAt = NewID(), time.Now().UTC()
	var scores map[string]int
	if err := json.Unmarshal([]byte(p.Scores), &scores); err != nil {
		return err
	}
	p.ScoreSum, p.ScoreCount = scoreTotals(scores)
	return mapErr(s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "team_id"}, {Name: "exercise_slug"}, {Name: "rater_id"}, {Name: "ratee_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"scores", "score_sum", "score_count", "comment", "updated_at"}),
	}).Create(p).Error)
}

// PeerEvaluations returns a team's ratings, for one exercise when exercise is not empty.
func (s *Store) PeerEvaluations(ctx context.Context, teamID, exercise string) ([]PeerEvaluation, error) {
	q := s.db.WithContext(ctx).Where("team_id = ?", teamID)
	if exercise != "" {
		q = q.Where("exercise_slug = ?", exercise)
	}
	var out []PeerEvaluation
	return out, mapErr(q.Order("updated_at").Find(&out).Error)
}

// scoreTotals returns the sum and the number of a rating's scores.
func scoreTotals(scores map[string]int) (sum, n int) {
	for _, v := range scores {
		sum += v
	}
	return sum, len(scores)
}

// PeerTotal is what one member received on one exercise from their teammates: the sum and
// number of the scores, and how many teammates rated them.
type PeerTotal struct {
	TeamID, ExerciseSlug, RateeID string
	Sum, Scores, Ratings          int
}

// CohortPeerTotals sums the peer ratings given within a cohort's teams per team, exercise and
// member rated, leaving out ratings of oneself; of the given teams only, unless teams is nil.
// Members only join teams, never leave them, so every rater is a member of the team they rated in.
func (s *Store) CohortPeerTotals(ctx context.Context, cohortID string, teams []string) ([]PeerTotal, error) {
	where, args := teamFilter("t.cohort_id = ? AND p.rater_id <> p.ratee_id", []any{cohortID}, teams)
	q := s.db.WithContext(ctx).Raw(`SELECT p.team_id, p.exercise_slug, p.ratee_id, SUM(p.score_sum), SUM(p.score_count), COUNT(*)
FROM peer_evaluations p JOIN teams t ON t.id = p.team_id
WHERE `+where+`
GROUP BY p.team_id, p.exercise_slug, p.ratee_id`, args...)
	var out []PeerTotal
	err := scanRows(q, func(rows *sql.Rows) error {
		var t PeerTotal
		if err := rows.Scan(&t.TeamID, &t.ExerciseSlug, &t.RateeID, &t.Sum, &t.Scores, &t.Ratings); err != nil {
			return err
		}
		out = append(out, t)
		return nil
	})
	return out, mapErr(err)
}
