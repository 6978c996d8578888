package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Export is everything stored about one user.
type Export struct {
	User         User
	Enrolments   []Enrolment
	Completions  []LessonCompletion
	Attempts     []QuizAttempt
	Judgements   []JudgementAnswer
	Feedback     []LessonFeedback
	Events       []ProgressEvent
	Sessions     []RefreshToken
	Submissions  []Submission        // the team work they wrote
	Comments     []SubmissionComment // their comments on versions of team work
	PeerRatings  []PeerEvaluation    // the ratings they gave teammates
	Cohorts      []ExportedCohort    // the cohorts they are a member of
	Teams        []ExportedTeam
	TeamRoles    []TeamRole   // the exercise roles they take in their teams, or gave a teammate
	Roles        []Membership // their roles in organisations
	Invitations  []CohortInvitation
	Offers       []CertificateOffer
	Applications []ProgrammeApplication
	Audit        []AuditEvent // entries they are the actor or the subject of, or that name them
	Platforms    []LTIAccount // the learning platforms' users linked to them
	Lab          ExportedLab
	Reflections  ExportedReflections
	CrossReviews ExportedCrossReviews
	// Accommodations are the extra time, attempts and days made for them by name.
	Accommodations []Accommodation
}

// ExportedReflections are the reflection answers a user wrote with the marks they received,
// and the marks they gave as a marker.
type ExportedReflections struct {
	Answers  []ReflectionAnswer
	Received []ReflectionMark
	Given    []ReflectionMark
}

// ExportedLab is the user's work on the prototype labs: the issues they logged, their
// confirmations of severity, the fixes they proposed, their card displays and their runs.
type ExportedLab struct {
	Issues        []LabIssue
	Confirmations []LabIssueConfirmation
	Proposals     []LabProposal
	Displays      []LabDisplay
	Runs          []LabRun
}

// ExportedCohort is a cohort a user is a member of, with when they joined.
type ExportedCohort struct {
	CohortID string
	Name     string
	AddedAt  time.Time
}

// ExportedTeam is a team a user is a member of.
type ExportedTeam struct {
	TeamID   string
	CohortID string
	Name     string
}

// ExportUser gathers everything stored about userID, read in one transaction so it is
// consistent.
func (s *Store) ExportUser(ctx context.Context, userID string) (*Export, error) {
	var e Export
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("id = ? AND erased_at IS NULL", userID).Take(&e.User).Error; err != nil {
			return err
		}
		for _, q := range []struct {
			dst   any
			where string
			order string
		}{
			{&e.Enrolments, "user_id = ?", "created_at"}, {&e.Completions, "user_id = ?", "completed_at"},
			{&e.Attempts, "user_id = ?", "started_at"}, {&e.Judgements, "user_id = ?", "updated_at"},
			{&e.Feedback, "user_id = ?", "created_at"}, {&e.Events, "user_id = ?", "id"}, {&e.Sessions, "user_id = ?", "created_at"},
			{&e.Submissions, "author_id = ?", "created_at, id"}, {&e.PeerRatings, "rater_id = ?", "updated_at, id"},
			{&e.Comments, "author_id = ?", "created_at, id"},
			{&e.Roles, "user_id = ?", "created_at"}, {&e.Applications, "user_id = ?", "applied_at"},
			{&e.Platforms, "user_id = ?", "created_at"}, {&e.TeamRoles, "user_id = ? OR assigned_by = ?", "team_id, exercise_slug, role"},
			{&e.Lab.Issues, "author_id = ?", "created_at, id"}, {&e.Lab.Confirmations, "user_id = ?", "created_at, id"},
			{&e.Lab.Proposals, "author_id = ?", "created_at, id"}, {&e.Lab.Displays, "user_id = ?", "lab_slug"},
			{&e.Reflections.Answers, "user_id = ?", "submitted_at, question_id"}, {&e.Reflections.Given, "marker_id = ?", "created_at, id"},
			{&e.Reflections.Received, "attempt_id IN (SELECT attempt_id FROM reflection_answers WHERE user_id = ?)", "created_at, id"},
			{&e.CrossReviews.Calibrations, "user_id = ?", "created_at"}, {&e.CrossReviews.Marks, "reviewer_id = ?", "updated_at"},
			{&e.Accommodations, "user_id = ?", "cohort_id, quiz_slug"},
		} {
			args := make([]any, strings.Count(q.where, "?"))
			for i := range args {
				args[i] = userID
			}
			if err := tx.Where(q.where, args...).Order(q.order).Find(q.dst).Error; err != nil {
				return err
			}
		}
		if err := tx.Preload("Decisions", decisionsInOrder).Where("user_id = ?", userID).Order("started_at, id").Find(&e.Lab.Runs).Error; err != nil {
			return err
		}
		return exportRelations(tx, &e)
	})
	return &e, err
}

// exportRelations reads what ties the user to cohorts, teams, societies and staff: their
// memberships, the invitations and offers addressed to them, and the audit entries about them.
func exportRelations(tx *gorm.DB, e *Export) error {
	id, email := e.User.ID, e.User.Email
	if err := tx.Table("cohort_members").Select("cohort_members.cohort_id, cohorts.name, cohort_members.added_at").
		Joins("JOIN cohorts ON cohorts.id = cohort_members.cohort_id").Where("cohort_members.user_id = ?", id).
		Order("cohort_members.added_at").Scan(&e.Cohorts).Error; err != nil {
		return err
	}
	if err := tx.Table("team_members").Select("team_members.team_id, team_members.cohort_id, teams.name").
		Joins("JOIN teams ON teams.id = team_members.team_id").Where("team_members.user_id = ?", id).
		Order("teams.name").Scan(&e.Teams).Error; err != nil {
		return err
	}
	if err := tx.Where("email = ? OR user_id = ?", email, id).Order("created_at, id").Find(&e.Invitations).Error; err != nil {
		return err
	}
	if err := tx.Where("user_id = ? OR (email = ? AND email <> '')", id, email).Order("created_at, id").Find(&e.Offers).Error; err != nil {
		return err
	}
	return tx.Where("actor_id = ? OR subject = ? OR details LIKE ?", id, "user:"+id, `%"`+id+`"%`).Order("id").Find(&e.Audit).Error
}
