package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateCohortsTeams creates cohorts with their tracks, instructors and members, teams, team
// submissions, reviews and peer ratings.
func migrateCohortsTeams(tx *gorm.DB) error {
	type user struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type track struct {
		Slug string `gorm:"primaryKey;size:100"`
	}
	type cohort struct {
		ID        string `gorm:"primaryKey;size:32"`
		Name      string `gorm:"size:200;not null"`
		OwnerID   string `gorm:"size:32;not null;index"`
		Owner     user   `gorm:"foreignKey:OwnerID"`
		StartsOn  string `gorm:"size:10;not null;default:''"`
		EndsOn    string `gorm:"size:10;not null;default:''"`
		CreatedAt time.Time
	}
	type cohortTrack struct {
		CohortID  string `gorm:"primaryKey;size:32"`
		Cohort    cohort `gorm:"constraint:OnDelete:CASCADE"`
		TrackSlug string `gorm:"primaryKey;size:100"`
		Track     track  `gorm:"foreignKey:TrackSlug;references:Slug"`
	}
	type cohortInstructor struct {
		CohortID string `gorm:"primaryKey;size:32"`
		Cohort   cohort `gorm:"constraint:OnDelete:CASCADE"`
		UserID   string `gorm:"primaryKey;size:32;index"`
		User     user   `gorm:"constraint:OnDelete:CASCADE"`
	}
	type cohortMember struct {
		CohortID string `gorm:"primaryKey;size:32"`
		Cohort   cohort `gorm:"constraint:OnDelete:CASCADE"`
		UserID   string `gorm:"primaryKey;size:32;index"`
		User     user   `gorm:"constraint:OnDelete:CASCADE"`
		AddedAt  time.Time
	}
	type team struct {
		ID        string `gorm:"primaryKey;size:32"`
		CohortID  string `gorm:"size:32;not null;uniqueIndex:idx_team_name,priority:1"`
		Cohort    cohort `gorm:"constraint:OnDelete:CASCADE"`
		Name      string `gorm:"size:100;not null;uniqueIndex:idx_team_name,priority:2"`
		CreatedAt time.Time
	}
	type teamMember struct {
		TeamID   string `gorm:"primaryKey;size:32"`
		Team     team   `gorm:"constraint:OnDelete:CASCADE"`
		UserID   string `gorm:"primaryKey;size:32;uniqueIndex:idx_team_member_cohort,priority:2"`
		User     user   `gorm:"constraint:OnDelete:CASCADE"`
		CohortID string `gorm:"size:32;not null;uniqueIndex:idx_team_member_cohort,priority:1"`
	}
	type submission struct {
		ID           string `gorm:"primaryKey;size:32"`
		TeamID       string `gorm:"size:32;not null;uniqueIndex:idx_submission_version,priority:1"`
		Team         team
		ExerciseSlug string `gorm:"size:100;not null;uniqueIndex:idx_submission_version,priority:2"`
		Version      int    `gorm:"not null;uniqueIndex:idx_submission_version,priority:3"`
		AuthorID     string `gorm:"size:32;not null"`
		BodyMarkdown string `gorm:"type:text;not null"`
		BodyHTML     string `gorm:"type:text;not null"`
		Status       string `gorm:"size:24;not null;default:submitted;index"`
		CreatedAt    time.Time
	}
	type review struct {
		ID           string     `gorm:"primaryKey;size:32"`
		SubmissionID string     `gorm:"size:32;not null;index"`
		Submission   submission `gorm:"constraint:OnDelete:CASCADE"`
		ReviewerID   string     `gorm:"size:32;not null"`
		Decision     string     `gorm:"size:16;not null"`
		Scores       string     `gorm:"type:text;not null"`
		Comment      string     `gorm:"type:text;not null;default:''"`
		CreatedAt    time.Time
	}
	type peerEvaluation struct {
		ID           string `gorm:"primaryKey;size:32"`
		TeamID       string `gorm:"size:32;not null;uniqueIndex:idx_peer,priority:1"`
		Team         team   `gorm:"constraint:OnDelete:CASCADE"`
		ExerciseSlug string `gorm:"size:100;not null;uniqueIndex:idx_peer,priority:2"`
		RaterID      string `gorm:"size:32;not null;uniqueIndex:idx_peer,priority:3"`
		RateeID      string `gorm:"size:32;not null;uniqueIndex:idx_peer,priority:4"`
		Scores       string `gorm:"type:text;not null"`
		Comment      string `gorm:"type:text;not null;default:''"`
		UpdatedAt    time.Time
	}
	return tx.AutoMigrate(&cohort{}, &cohortTrack{}, &cohortInstructor{}, &cohortMember{}, &team{}, &teamMember{},
		&submission{}, &review{}, &peerEvaluation{})
}
