package models

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// TeamRole says which member of a team takes one of an exercise's roles; a role has at most
// one holder, and a member may take several roles when the team is small.
type TeamRole struct {
	TeamID       string `gorm:"primaryKey;size:32"`
	ExerciseSlug string `gorm:"primaryKey;size:100"`
	Role         string `gorm:"primaryKey;size:200"`
	UserID       string `gorm:"size:32;not null;index"`
	AssignedBy   string `gorm:"size:32;not null"`
	UpdatedAt    time.Time
}

// TeamRoles returns who takes which role of an exercise in a team.
func (s *Store) TeamRoles(ctx context.Context, teamID, exercise string) ([]TeamRole, error) {
	var out []TeamRole
	err := s.db.WithContext(ctx).Where("team_id = ? AND exercise_slug = ?", teamID, exercise).Order("role").Find(&out).Error
	return out, mapErr(err)
}

// SetTeamRole gives a role to r.UserID, replacing its holder; an empty UserID leaves the role
// open.
func (s *Store) SetTeamRole(ctx context.Context, r *TeamRole) error {
	db := s.db.WithContext(ctx)
	if r.UserID == "" {
		return mapErr(db.Where("team_id = ? AND exercise_slug = ? AND role = ?", r.TeamID, r.ExerciseSlug, r.Role).Delete(&TeamRole{}).Error)
	}
	r.UpdatedAt = time.Now().UTC()
	return mapErr(db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "team_id"}, {Name: "exercise_slug"}, {Name: "role"}},
		DoUpdates: clause.AssignmentColumns([]string{"user_id", "assigned_by", "updated_at"}),
	}).Create(r).Error)
}
