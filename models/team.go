package models

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm"
)

// ErrTeamsStarted says teams cannot be re-formed because some have submitted work, logged an
// issue on a lab or proposed a fix.
var ErrTeamsStarted = errors.New("teams have submissions")

// Team is a mixed team of learners within a cohort.
type Team struct {
	ID        string       `gorm:"primaryKey;size:32"`
	CohortID  string       `gorm:"size:32;not null;uniqueIndex:idx_team_name,priority:1"`
	Name      string       `gorm:"size:100;not null;uniqueIndex:idx_team_name,priority:2"`
	CreatedAt time.Time    `json:"-"`
	Members   []TeamMember `gorm:"foreignKey:TeamID"`
}

// TeamMember puts a learner in a team; a learner is in at most one team per cohort.
type TeamMember struct {
	TeamID   string `gorm:"primaryKey;size:32"`
	UserID   string `gorm:"primaryKey;size:32;uniqueIndex:idx_team_member_cohort,priority:2"`
	CohortID string `gorm:"size:32;not null;uniqueIndex:idx_team_member_cohort,priority:1"`
}

// SaveTeams stores newly formed teams of a cohort and learners joining existing teams (joins
// name the team and the learner). With reform, the cohort's existing teams are replaced first,
// unless one of them has submitted work or begun a lab (ErrTeamsStarted). A learner placed in two teams by
// concurrent formations makes the second one fail with ErrConflict.
func (s *Store) SaveTeams(ctx context.Context, actorID, cohortID string, teams []Team, joins []TeamMember, reform bool) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if reform {
			for _, work := range []any{&Submission{}, &LabIssue{}, &LabProposal{}, &LabRun{}} {
				var started int64
				if err := tx.Model(work).Where("team_id IN (SELECT id FROM teams WHERE cohort_id = ?)", cohortID).Count(&started).Error; err != nil {
					return err
				}
				if started > 0 {
					return ErrTeamsStarted
				}
			}
			if err := tx.Where("cohort_id = ?", cohortID).Delete(&TeamMember{}).Error; err != nil {
				return err
			}
			for _, owned := range []any{&PeerEvaluation{}, &TeamRole{}} {
				if err := tx.Where("team_id IN (SELECT id FROM teams WHERE cohort_id = ?)", cohortID).Delete(owned).Error; err != nil {
					return err
				}
			}
			if err := tx.Where("cohort_id = ?", cohortID).Delete(&Team{}).Error; err != nil {
				return err
			}
		}
		for i := range teams {
			teams[i].ID, teams[i].CohortID = NewID(), cohortID
			for j := range teams[i].Members {
				teams[i].Members[j].TeamID, teams[i].Members[j].CohortID = teams[i].ID, cohortID
			}
			if err := tx.Create(&teams[i]).Error; err != nil {
				return err
			}
		}
		for i := range joins {
			joins[i].CohortID = cohortID
		}
		if len(joins) > 0 {
			if err := tx.Create(&joins).Error; err != nil {
				return err
			}
		}
		if err := retallyTeamWork(tx, cohortID, ""); err != nil {
			return err
		}
		return tx.Create(newAudit(actorID, "cohort.teams_formed", "cohort:"+cohortID,
			map[string]any{"teams": len(teams), "joined": len(joins), "reform": reform})).Error
	})
}

// TeamsOf returns a cohort's teams with their members, by name.
func (s *Store) TeamsOf(ctx context.Context, cohortID string) ([]Team, error) {
	var out []Team
	err := s.db.WithContext(ctx).Preload("Members").Where("cohort_id = ?", cohortID).Order("created_at, name").Find(&out).Error
	return out, mapErr(err)
}

// TeamsOfMember returns the teams a learner is in, one per cohort at most, with their members,
// oldest first.
func (s *Store) TeamsOfMember(ctx context.Context, userID string) ([]Team, error) {
	var out []Team
	err := s.db.WithContext(ctx).Preload("Members").
		Where("id IN (SELECT team_id FROM team_members WHERE user_id = ?)", userID).Order("created_at, id").Find(&out).Error
	return out, mapErr(err)
}

// TeamByID returns a team with its members.
func (s *Store) TeamByID(ctx context.Context, id string) (*Team, error) {
	var t Team
	if err := s.db.WithContext(ctx).Preload("Members").Where("id = ?", id).Take(&t).Error; err != nil {
		return nil, mapErr(err)
	}
	return &t, nil
}

// TeamPlaces calls each with every team member of a cohort (of the given teams only, unless
// teams is nil): the learner, the team's id and its name. One statement, rows scanned directly: a large cohort has thousands, and a team's
// id and name are read once for all its members.
func (s *Store) TeamPlaces(ctx context.Context, cohortID string, teams []string, each func(userID, teamID, teamName string)) error {
	where, args := teamFilter("t.cohort_id = ?", []any{cohortID}, teams)
	q := s.db.WithContext(ctx).Raw(`SELECT t.id, t.name, m.user_id FROM teams t JOIN team_members m ON m.team_id = t.id WHERE `+where+` ORDER BY t.id`, args...)
	var id, name sql.RawBytes
	var teamID, teamName, userID string
	return mapErr(scanRows(q, func(rows *sql.Rows) error {
		if err := rows.Scan(&id, &name, &userID); err != nil {
			return err
		}
		if string(id) != teamID {
			teamID, teamName = string(id), string(name)
		}
		each(userID, teamID, teamName)
		return nil
	}))
}
