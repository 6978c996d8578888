package models

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
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
			if err := tx.Where("team_id IN (SELECT id FROM teams WHERE cohort_id = ?)", cohortID).Delete(&PeerEvaluation{}).Error; err != nil {
				return err
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

// UsersByIDs returns the users with these ids.
func (s *Store) UsersByIDs(ctx context.Context, ids []string) ([]User, error) {
	var out []User
	if len(ids) == 0 {
		return out, nil
	}
	return out, mapErr(s.db.WithContext(ctx).Where("id IN ?", ids).Find(&out).Error)
}

// Submission is one version of a team's work on an exercise.
type Submission struct {
	ID           string `gorm:"primaryKey;size:32"`
	TeamID       string `gorm:"size:32;not null;uniqueIndex:idx_submission_version,priority:1"`
	ExerciseSlug string `gorm:"size:100;not null;uniqueIndex:idx_submission_version,priority:2"`
	Version      int    `gorm:"not null;uniqueIndex:idx_submission_version,priority:3"`
	AuthorID     string `gorm:"size:32;not null"`
	BodyMarkdown string `gorm:"type:text;not null"`
	BodyHTML     string `gorm:"type:text;not null"`
	Status       string `gorm:"size:24;not null;default:submitted"`
	CreatedAt    time.Time
	Reviews      []Review `gorm:"foreignKey:SubmissionID"`
}

// Review is an instructor's decision on a submission against the exercise's rubric.
type Review struct {
	ID           string `gorm:"primaryKey;size:32"`
	SubmissionID string `gorm:"size:32;not null;index"`
	ReviewerID   string `gorm:"size:32;not null"`
	Decision     string `gorm:"size:16;not null"`
	Scores       string `gorm:"type:text;not null"`
	Comment      string `gorm:"type:text;not null;default:''"`
	CreatedAt    time.Time
}

// CreateSubmission stores the team's next version of work on an exercise, numbered after the
// last one (concurrent submissions get distinct versions), with events, in one transaction.
func (s *Store) CreateSubmission(ctx context.Context, sub *Submission, events []ProgressEvent) error {
	for range 50 {
		var last int
		if err := s.db.WithContext(ctx).Model(&Submission{}).Where("team_id = ? AND exercise_slug = ?", sub.TeamID, sub.ExerciseSlug).
			Select("COALESCE(MAX(version), 0)").Scan(&last).Error; err != nil {
			return mapErr(err)
		}
		sub.ID, sub.Version, sub.Status, sub.CreatedAt = NewID(), last+1, "submitted", time.Now().UTC()
		err := s.tx(ctx, func(tx *gorm.DB) error {
			if err := tx.Create(sub).Error; err != nil {
				return err
			}
			return s.createEvents(tx, events, sub.ID)
		})
		if !errors.Is(err, ErrConflict) {
			return err
		}
	}
	return ErrConflict
}

func (s *Store) createEvents(tx *gorm.DB, events []ProgressEvent, objectID string) error {
	for i := range events {
		if events[i].ObjectID == "" {
			events[i].ObjectID = objectID
		}
	}
	return s.insertEvents(tx, events...)
}

// SubmissionsOf returns a team's submissions with their reviews, newest first.
func (s *Store) SubmissionsOf(ctx context.Context, teamID string) ([]Submission, error) {
	var out []Submission
	err := s.db.WithContext(ctx).Preload("Reviews", func(db *gorm.DB) *gorm.DB { return db.Order("created_at") }).
		Where("team_id = ?", teamID).Order("exercise_slug, version DESC").Find(&out).Error
	return out, mapErr(err)
}

// CohortSubmissions returns up to limit submissions of a cohort's teams, oldest first, after
// the submission id after when given, only those with status when given, each with its
// reviews; and, for the same teams and exercises, every earlier version with its reviews.
func (s *Store) CohortSubmissions(ctx context.Context, cohortID, status, after string, limit int) (page, earlier []Submission, err error) {
	db := s.db.WithContext(ctx)
	withReviews := func(db *gorm.DB) *gorm.DB { return db.Order("created_at") }
	q := db.Preload("Reviews", withReviews).Where("team_id IN (SELECT id FROM teams WHERE cohort_id = ?)", cohortID)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	if after != "" {
		q = q.Where("id > ?", after)
	}
	if err := q.Order("id").Limit(limit).Find(&page).Error; err != nil {
		return nil, nil, mapErr(err)
	}
	teams := map[string]bool{}
	var ids []string
	for _, sub := range page {
		if sub.Version > 1 && !teams[sub.TeamID] {
			teams[sub.TeamID] = true
			ids = append(ids, sub.TeamID)
		}
	}
	if len(ids) > 0 {
		err = db.Preload("Reviews", withReviews).Where("team_id IN ?", ids).Order("version").Find(&earlier).Error
	}
	return page, earlier, mapErr(err)
}

// SubmissionByID returns a submission.
func (s *Store) SubmissionByID(ctx context.Context, id string) (*Submission, error) {
	var sub Submission
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&sub).Error; err != nil {
		return nil, mapErr(err)
	}
	return &sub, nil
}

// AddReview stores a review, sets the submission's status from its decision and appends the
// members' events, in one transaction.
func (s *Store) AddReview(ctx context.Context, r *Review, status string, events []ProgressEvent) error {
	r.ID, r.CreatedAt = NewID(), time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(r).Error; err != nil {
			return err
		}
		if err := tx.Model(&Submission{}).Where("id = ?", r.SubmissionID).Update("status", status).Error; err != nil {
			return err
		}
		return s.createEvents(tx, events, r.SubmissionID)
	})
}

// PeerEvaluation is one member's rating of a teammate for an exercise; a new one replaces it.
type PeerEvaluation struct {
	ID           string `gorm:"primaryKey;size:32"`
	TeamID       string `gorm:"size:32;not null;uniqueIndex:idx_peer,priority:1"`
	ExerciseSlug string `gorm:"size:100;not null;uniqueIndex:idx_peer,priority:2"`
	RaterID      string `gorm:"size:32;not null;uniqueIndex:idx_peer,priority:3"`
	RateeID      string `gorm:"size:32;not null;uniqueIndex:idx_peer,priority:4"`
	Scores       string `gorm:"type:text;not null"` // JSON: dimension -> score
	ScoreSum     int    `gorm:"not null;default:0"` // the sum of Scores' values, kept with them
	ScoreCount   int    `gorm:"not null;default:0"` // how many values Scores holds
	Comment      string `gorm:"type:text;not null;default:''"`
	UpdatedAt    time.Time
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

// AcceptedExercises returns the exercises a learner's teams have had accepted.
func (s *Store) AcceptedExercises(ctx context.Context, userID string) ([]string, error) {
	var out []string
	err := s.db.WithContext(ctx).Model(&Submission{}).Distinct("exercise_slug").
		Where("status = 'accepted' AND team_id IN (SELECT team_id FROM team_members WHERE user_id = ?)", userID).
		Pluck("exercise_slug", &out).Error
	return out, mapErr(err)
}

// TeamPlaces calls each with every team member of a cohort: the learner, the team's id and
// its name. One statement, rows scanned directly: a large cohort has thousands, and a team's
// id and name are read once for all its members.
func (s *Store) TeamPlaces(ctx context.Context, cohortID string, each func(userID, teamID, teamName string)) error {
	q := s.db.WithContext(ctx).Raw(`SELECT t.id, t.name, m.user_id FROM teams t JOIN team_members m ON m.team_id = t.id WHERE t.cohort_id = ? ORDER BY t.id`, cohortID)
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
// member rated, leaving out ratings of oneself. Members only join teams, never leave them, so
// every rater is a member of the team they rated in.
func (s *Store) CohortPeerTotals(ctx context.Context, cohortID string) ([]PeerTotal, error) {
	q := s.db.WithContext(ctx).Raw(`SELECT p.team_id, p.exercise_slug, p.ratee_id, SUM(p.score_sum), SUM(p.score_count), COUNT(*)
FROM peer_evaluations p JOIN teams t ON t.id = p.team_id
WHERE t.cohort_id = ? AND p.rater_id <> p.ratee_id
GROUP BY p.team_id, p.exercise_slug, p.ratee_id`, cohortID)
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

// TeamWork is a team's latest version of work on one exercise, with the scores of that
// version's last review (nil before any).
type TeamWork struct {
	TeamID       string
	ExerciseSlug string
	Version      int
	Status       string
	CreatedAt    time.Time
	Scores       *string
}

// CohortTeamWork returns the latest version of every team's work on every exercise in a
// cohort, in one statement.
func (s *Store) CohortTeamWork(ctx context.Context, cohortID string) ([]TeamWork, error) {
	q := s.db.WithContext(ctx).Raw(`
SELECT s.team_id, s.exercise_slug, s.version, s.status, s.created_at,
	(SELECT r.scores FROM reviews r WHERE r.submission_id = s.id ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS scores
FROM submissions s JOIN teams t ON t.id = s.team_id
WHERE t.cohort_id = ?
	AND s.version = (SELECT MAX(v.version) FROM submissions v WHERE v.team_id = s.team_id AND v.exercise_slug = s.exercise_slug)`, cohortID)
	var out []TeamWork
	err := scanRows(q, func(rows *sql.Rows) error {
		var w TeamWork
		var scores sql.NullString
		if err := rows.Scan(&w.TeamID, &w.ExerciseSlug, &w.Version, &w.Status, &w.CreatedAt, &scores); err != nil {
			return err
		}
		if scores.Valid {
			w.Scores = &scores.String
		}
		out = append(out, w)
		return nil
	})
	return out, mapErr(err)
}
