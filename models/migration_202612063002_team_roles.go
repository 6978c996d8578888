package models

import (
	"time"

	"gorm.io/gorm"
)

// teamRole202612063002 is the team_roles table as this migration creates it.
type teamRole202612063002 struct {
	TeamID       string `gorm:"primaryKey;size:32"`
	ExerciseSlug string `gorm:"primaryKey;size:100"`
	Role         string `gorm:"primaryKey;size:200"`
	UserID       string `gorm:"size:32;not null;index:idx_team_roles_user_id"`
	AssignedBy   string `gorm:"size:32;not null"`
	UpdatedAt    time.Time
}

func (teamRole202612063002) TableName() string { return "team_roles" }

// migrateTeamRoles creates the table of who in a team takes which role of an exercise.
func migrateTeamRoles(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&teamRole202612063002{})
}
