package models

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// LTIRosterEntry is one active person of a platform course's roster, in the role Tandem maps
// them to.
type LTIRosterEntry struct {
	Subject    string
	Instructor bool
}

// LTIRosterResult is what a roster sync changed and found: the accounts it placed in the
// cohort, the platform users linked to accounts, and the members linked to the platform who are
// no longer on the roster.
type LTIRosterResult struct {
	Joined, InstructorsAdded, Removed []string // user ids
	Linked                            map[string]string
}

// SyncLTIRoster places the roster's people who have Tandem accounts linked to the platform
// (they opened Tandem from it before) in the cohort, in their role, and reports the cohort's
// members linked to the platform who are no longer on the roster; it removes no one. One
// transaction, audited.
func (s *Store) SyncLTIRoster(ctx context.Context, actorID, cohortID, registrationID, issuer string, roster []LTIRosterEntry) (*LTIRosterResult, error) {
	out := &LTIRosterResult{Linked: map[string]string{}}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		subjects := make([]string, 0, len(roster))
		for _, e := range roster {
			subjects = append(subjects, e.Subject)
		}
		var links []LTIAccount
		for chunk := range slices.Chunk(subjects, 500) {
			var part []LTIAccount
			if err := tx.Where("issuer = ? AND subject IN ?", issuer, chunk).Find(&part).Error; err != nil {
				return err
			}
			links = append(links, part...)
		}
		for _, l := range links {
			out.Linked[l.Subject] = l.UserID
		}
		for _, e := range roster {
			if err := placeRosterEntry(tx, cohortID, out.Linked[e.Subject], e.Instructor, out); err != nil {
				return err
			}
		}
		removed, err := rosterLeavers(tx, cohortID, registrationID, out.Linked)
		if err != nil {
			return err
		}
		out.Removed = removed
		return tx.Create(newAudit(actorID, "lti.roster_synced", "cohort:"+cohortID, map[string]any{"roster": len(roster),
			"joined": len(out.Joined), "instructors_added": len(out.InstructorsAdded), "no_longer_on_roster": len(removed)})).Error
	})
	if err != nil {
		return nil, mapErr(err)
	}
	return out, nil
}

// placeRosterEntry puts a linked account in the cohort in its role; an unlinked person ("")
// waits for their first launch.
func placeRosterEntry(tx *gorm.DB, cohortID, userID string, instructor bool, out *LTIRosterResult) error {
	if userID == "" {
		return nil
	}
	if instructor {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&CohortInstructor{CohortID: cohortID, UserID: userID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected > 0 {
			out.InstructorsAdded = append(out.InstructorsAdded, userID)
		}
		return tx.Model(&User{}).Where("id = ? AND role = ?", userID, "learner").Update("role", "instructor").Error
	}
	var teaching int64
	if err := tx.Model(&CohortInstructor{}).Where("cohort_id = ? AND user_id = ?", cohortID, userID).Count(&teaching).Error; err != nil || teaching > 0 {
		return err
	}
	joined, err := addMember(tx, cohortID, userID, time.Now().UTC())
	if joined {
		out.Joined = append(out.Joined, userID)
	}
	return err
}

// rosterLeavers are the cohort's members linked to the platform whose accounts the roster
// does not list.
func rosterLeavers(tx *gorm.DB, cohortID, registrationID string, linked map[string]string) ([]string, error) {
	var members []string
	err := tx.Raw(`SELECT m.user_id FROM cohort_members m JOIN lti_accounts a ON a.user_id = m.user_id
WHERE m.cohort_id = ? AND a.registration_id = ? ORDER BY m.user_id`, cohortID, registrationID).Scan(&members).Error
	if err != nil {
		return nil, err
	}
	onRoster := map[string]bool{}
	for _, id := range linked {
		onRoster[id] = true
	}
	removed := []string{}
	for _, id := range members {
		if !onRoster[id] {
			removed = append(removed, id)
		}
	}
	return removed, nil
}
