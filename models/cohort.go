package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Cohort is a group of learners run by one or more instructors on some tracks.
type Cohort struct {
	ID        string `gorm:"primaryKey;size:32"`
	Name      string `gorm:"size:200;not null"`
	OwnerID   string `gorm:"size:32;not null;index"`
	StartsOn  string `gorm:"size:10;not null;default:''"`
	EndsOn    string `gorm:"size:10;not null;default:''"`
	TimeZone  string `gorm:"size:64;not null;default:UTC"` // IANA name; due dates end at midnight there
	CreatedAt time.Time
	Tracks    []CohortTrack `gorm:"foreignKey:CohortID"`
}

// CohortTrack names a track a cohort takes.
type CohortTrack struct {
	CohortID  string `gorm:"primaryKey;size:32"`
	TrackSlug string `gorm:"primaryKey;size:100"`
}

// CohortInstructor gives an instructor the run of a cohort.
type CohortInstructor struct {
	CohortID string `gorm:"primaryKey;size:32"`
	UserID   string `gorm:"primaryKey;size:32;index"`
}

// CohortMember is a learner in a cohort, by their own consent (an accepted invitation or a
// join code). AddedAt is when they joined: the cohort's instructors see their records from then.
type CohortMember struct {
	CohortID string `gorm:"primaryKey;size:32"`
	UserID   string `gorm:"primaryKey;size:32;index"`
	AddedAt  time.Time
}

// CreateCohort stores a cohort with its tracks and its creator as first instructor.
func (s *Store) CreateCohort(ctx context.Context, c *Cohort) error {
	c.ID = NewID()
	for i := range c.Tracks {
		c.Tracks[i].CohortID = c.ID
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(c).Error; err != nil {
			return err
		}
		if err := tx.Create(&CohortInstructor{CohortID: c.ID, UserID: c.OwnerID}).Error; err != nil {
			return err
		}
		return tx.Create(newAudit(c.OwnerID, "cohort.created", "cohort:"+c.ID, map[string]any{"name": c.Name})).Error
	})
}

// UpdateCohort stores a cohort's name, dates and time zone, and records who changed them.
func (s *Store) UpdateCohort(ctx context.Context, actorID string, c *Cohort) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Cohort{}).Where("id = ?", c.ID).Updates(map[string]any{
			"name": c.Name, "starts_on": c.StartsOn, "ends_on": c.EndsOn, "time_zone": c.TimeZone})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return tx.Create(newAudit(actorID, "cohort.updated", "cohort:"+c.ID, map[string]any{
			"name": c.Name, "starts_on": c.StartsOn, "ends_on": c.EndsOn, "time_zone": c.TimeZone})).Error
	})
}

// CohortByID returns a cohort with its tracks.
func (s *Store) CohortByID(ctx context.Context, id string) (*Cohort, error) {
	var c Cohort
	if err := s.db.WithContext(ctx).Preload("Tracks").Where("id = ?", id).Take(&c).Error; err != nil {
		return nil, mapErr(err)
	}
	return &c, nil
}

// CohortRole says how a user relates to a cohort: "instructor", "member" or "".
func (s *Store) CohortRole(ctx context.Context, cohortID, userID string) (string, error) {
	var n int64
	db := s.db.WithContext(ctx)
	if err := db.Model(&CohortInstructor{}).Where("cohort_id = ? AND user_id = ?", cohortID, userID).Count(&n).Error; err != nil {
		return "", mapErr(err)
	}
	if n > 0 {
		return "instructor", nil
	}
	if err := db.Model(&CohortMember{}).Where("cohort_id = ? AND user_id = ?", cohortID, userID).Count(&n).Error; err != nil {
		return "", mapErr(err)
	}
	if n > 0 {
		return "member", nil
	}
	return "", nil
}

// CohortsOf returns the cohorts a user teaches or belongs to, newest first.
func (s *Store) CohortsOf(ctx context.Context, userID string) ([]Cohort, error) {
	var out []Cohort
	err := s.db.WithContext(ctx).Preload("Tracks").
		Where("id IN (SELECT cohort_id FROM cohort_instructors WHERE user_id = ?) OR id IN (SELECT cohort_id FROM cohort_members WHERE user_id = ?)", userID, userID).
		Order("created_at DESC").Find(&out).Error
	return out, mapErr(err)
}

// AddCohortInstructor makes a user an instructor of the cohort (idempotent) and audits it.
func (s *Store) AddCohortInstructor(ctx context.Context, actorID, cohortID, userID string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&CohortInstructor{CohortID: cohortID, UserID: userID}).Error; err != nil {
			return err
		}
		return tx.Create(newAudit(actorID, "cohort.instructor_added", "cohort:"+cohortID, map[string]any{"user": userID})).Error
	})
}

// UsersByEmails returns the users with these emails (case-insensitive), erased users excluded.
func (s *Store) UsersByEmails(ctx context.Context, emails []string) ([]User, error) {
	var out []User
	err := s.db.WithContext(ctx).Where("email IN ? AND erased_at IS NULL", emails).Find(&out).Error
	return out, mapErr(err)
}

// LeaveCohort takes a learner out of a cohort: out of its team too, with the peer ratings they
// gave and received there withdrawn (the team's submitted work stays with the team), and the
// invitation they accepted marked as left. ErrNotFound when they are not a member.
func (s *Store) LeaveCohort(ctx context.Context, cohortID, userID string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("cohort_id = ? AND user_id = ?", cohortID, userID).Delete(&CohortMember{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		if err := tx.Where("cohort_id = ? AND user_id = ?", cohortID, userID).Delete(&TeamMember{}).Error; err != nil {
			return err
		}
		if err := tx.Where("(rater_id = ? OR ratee_id = ?) AND team_id IN (SELECT id FROM teams WHERE cohort_id = ?)", userID, userID, cohortID).
			Delete(&PeerEvaluation{}).Error; err != nil {
			return err
		}
		if err := tx.Model(&CohortInvitation{}).Where("cohort_id = ? AND user_id = ? AND status = ?", cohortID, userID, InvitationAccepted).
			Update("status", InvitationLeft).Error; err != nil {
			return err
		}
		if err := resummarise(tx, userID); err != nil {
			return err
		}
		return tx.Create(newAudit(userID, "cohort.left", "cohort:"+cohortID, nil)).Error
	})
}

// Member is a learner of a cohort with the time they joined.
type Member struct {
	User
	JoinedAt time.Time
}

// CohortMembers returns the cohort's learners with the time each joined, by name.
func (s *Store) CohortMembers(ctx context.Context, cohortID string) ([]Member, error) {
	users, err := s.CohortLearners(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	var rows []CohortMember
	if err := s.db.WithContext(ctx).Where("cohort_id = ?", cohortID).Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	joined := make(map[string]time.Time, len(rows))
	for _, r := range rows {
		joined[r.UserID] = r.AddedAt
	}
	out := make([]Member, 0, len(users))
	for _, u := range users {
		if at, ok := joined[u.ID]; ok {
			out = append(out, Member{User: u, JoinedAt: at})
		}
	}
	return out, nil
}

// CohortLearners returns the cohort's members, by name.
func (s *Store) CohortLearners(ctx context.Context, cohortID string) ([]User, error) {
	var out []User
	err := s.db.WithContext(ctx).Where("id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)", cohortID).
		Order("name, id").Find(&out).Error
	return out, mapErr(err)
}
