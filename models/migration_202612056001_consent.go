package models

import (
	"encoding/json"
	"time"

	"gorm.io/gorm"
)

// migrateConsent makes staff access depend on the learner's consent: invitations to cohorts
// (by email, token stored hashed) and join codes replace adding accounts by email; certificates
// offered on a learner's behalf wait for the learner; a claim leaves an application, the only
// thing that shows a society a learner's eligibility. Team events learn their team, so a
// cohort's statements can keep to its own teams' work; existing ones are filled in.
func migrateConsent(tx *gorm.DB) error {
	type cohort struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type cohortInvitation struct {
		ID          string  `gorm:"primaryKey;size:32"`
		CohortID    string  `gorm:"size:32;not null;uniqueIndex:idx_invitation_email,priority:1"`
		Cohort      cohort  `gorm:"constraint:OnDelete:CASCADE"`
		Email       string  `gorm:"size:254;not null;uniqueIndex:idx_invitation_email,priority:2;index"`
		EmailTyped  string  `gorm:"size:254;not null"`
		Name        string  `gorm:"size:200;not null;default:''"`
		TokenHash   string  `gorm:"size:64;not null;uniqueIndex"`
		Status      string  `gorm:"size:16;not null;default:pending"`
		InvitedBy   string  `gorm:"size:32;not null"`
		UserID      *string `gorm:"size:32;index"`
		CreatedAt   time.Time
		ExpiresAt   time.Time
		RespondedAt *time.Time
	}
	type cohortJoinCode struct {
		CohortID  string `gorm:"primaryKey;size:32"`
		Cohort    cohort `gorm:"constraint:OnDelete:CASCADE"`
		CodeHash  string `gorm:"size:64;not null;uniqueIndex"`
		CreatedBy string `gorm:"size:32;not null"`
		CreatedAt time.Time
		ExpiresAt time.Time
	}
	type programme struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type certificateOffer struct {
		ID          string    `gorm:"primaryKey;size:32"`
		ProgrammeID string    `gorm:"size:32;not null;uniqueIndex:idx_offer_learner,priority:1"`
		Programme   programme `gorm:"constraint:OnDelete:CASCADE"`
		UserID      string    `gorm:"size:32;not null;default:'';uniqueIndex:idx_offer_learner,priority:2;index"`
		Email       string    `gorm:"size:254;not null;default:'';uniqueIndex:idx_offer_learner,priority:3;index"`
		Status      string    `gorm:"size:16;not null;default:offered"`
		OfferedBy   string    `gorm:"size:32;not null"`
		CreatedAt   time.Time
		RespondedAt *time.Time
	}
	type programmeApplication struct {
		ProgrammeID string    `gorm:"primaryKey;size:32"`
		Programme   programme `gorm:"constraint:OnDelete:CASCADE"`
		UserID      string    `gorm:"primaryKey;size:32;index"`
		Eligible    bool      `gorm:"not null"`
		Unmet       string    `gorm:"type:text;not null;default:'[]'"`
		AppliedAt   time.Time
	}
	if err := tx.Migrator().CreateTable(&cohortInvitation{}, &cohortJoinCode{}, &certificateOffer{}, &programmeApplication{}); err != nil {
		return err
	}
	if err := tx.Exec("ALTER TABLE progress_events ADD COLUMN team_id VARCHAR(32) NOT NULL DEFAULT ''").Error; err != nil {
		return err
	}
	return fillEventTeams(tx)
}

// fillEventTeams sets the team of the team-work events stored before events carried it: a
// version sent names its team in its result, a review names the version reviewed.
func fillEventTeams(tx *gorm.DB) error {
	type event struct{ ID, Result string }
	var rows []event
	if err := tx.Table("progress_events").Select("id, result").Where("object_type = 'exercise'").Find(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		var result struct{ Team, Submission string }
		if json.Unmarshal([]byte(r.Result), &result) != nil {
			continue
		}
		team := result.Team
		if team == "" && result.Submission != "" {
			if err := tx.Table("submissions").Select("team_id").Where("id = ?", result.Submission).Scan(&team).Error; err != nil {
				return err
			}
		}
		if team == "" {
			continue
		}
		if err := tx.Table("progress_events").Where("id = ?", r.ID).Update("team_id", team).Error; err != nil {
			return err
		}
	}
	return nil
}
