package teamwork

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/errs"
	"tandem/models"
	"tandem/teams"
)

// commentStore keeps the thread on each version of a team's work.
type commentStore interface {
	AddSubmissionComment(ctx context.Context, c *models.SubmissionComment) error
	SubmissionComments(ctx context.Context, submissionID string) ([]models.SubmissionComment, error)
}

// CommentView is one comment in the thread on a version: who wrote it (an erased or departed
// author keeps the comment's place without a name) and its Markdown, rendered and sanitised
// as submissions are.
type CommentView struct {
	ID           string    `json:"id"`
	Submission   string    `json:"submission"`
	AuthorID     string    `json:"author_id"`
	AuthorName   string    `json:"author_name"`
	AuthorRole   string    `json:"author_role"` // member, instructor, or former (of the team or cohort)
	BodyMarkdown string    `json:"body_markdown"`
	BodyHTML     string    `json:"body_html"`
	CreatedAt    time.Time `json:"created_at"`
}

// MaxComment bounds a comment, in characters.
const MaxComment = 5_000

// Comments returns the thread on a version, oldest first, for the team's members and the
// cohort's instructors.
func (s *Service) Comments(ctx context.Context, caller Caller, submissionID string) ([]CommentView, error) {
	sub, t, err := s.threadAccess(ctx, caller, submissionID)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.SubmissionComments(ctx, sub.ID)
	if err != nil {
		return nil, err
	}
	return s.commentViews(ctx, t, rows)
}

// Comment adds the caller's comment to the thread on a version.
func (s *Service) Comment(ctx context.Context, caller Caller, submissionID, body string) (*CommentView, error) {
	sub, t, err := s.threadAccess(ctx, caller, submissionID)
	if err != nil {
		return nil, err
	}
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return nil, errs.Invalid(map[string]string{"body_markdown": "must not be empty"})
	case utf8.RuneCountInString(body) > MaxComment:
		return nil, errs.Invalid(map[string]string{"body_markdown": errs.Reason("reason.chars_at_most", map[string]any{"Max": errs.Grouped(MaxComment)})})
	}
	c := &models.SubmissionComment{SubmissionID: sub.ID, AuthorID: caller.ID, BodyMarkdown: body, BodyHTML: teams.RenderSubmission(body)}
	if err := s.store.AddSubmissionComment(ctx, c); err != nil {
		return nil, err
	}
	views, err := s.commentViews(ctx, t, []models.SubmissionComment{*c})
	if err != nil {
		return nil, err
	}
	return &views[0], nil
}

// threadAccess finds the submission and its team when the caller is a member of the team or
// an instructor of its cohort; anyone else learns nothing, not even that it exists.
func (s *Service) threadAccess(ctx context.Context, caller Caller, submissionID string) (*models.Submission, *models.Team, error) {
	sub, err := s.store.SubmissionByID(ctx, submissionID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil, errs.NotFound("Submission")
	}
	if err != nil {
		return nil, nil, err
	}
	t, err := s.store.TeamByID(ctx, sub.TeamID)
	if err != nil {
		return nil, nil, err
	}
	if isMember(t, caller.ID) {
		return sub, t, nil
	}
	role, err := s.store.CohortRole(ctx, t.CohortID, caller.ID)
	if err != nil {
		return nil, nil, err
	}
	if role != "instructor" {
		return nil, nil, errs.NotFound("Submission")
	}
	return sub, t, nil
}

func isMember(t *models.Team, userID string) bool {
	for _, m := range t.Members {
		if m.UserID == userID {
			return true
		}
	}
	return false
}

// commentViews names each comment's author and says what they are to the team today.
func (s *Service) commentViews(ctx context.Context, t *models.Team, rows []models.SubmissionComment) ([]CommentView, error) {
	roles := map[string]string{}
	for _, c := range rows {
		if _, ok := roles[c.AuthorID]; ok {
			continue
		}
		roles[c.AuthorID] = "former"
		if isMember(t, c.AuthorID) {
			roles[c.AuthorID] = "member"
		} else if role, err := s.store.CohortRole(ctx, t.CohortID, c.AuthorID); err != nil {
			return nil, err
		} else if role == "instructor" {
			roles[c.AuthorID] = "instructor"
		}
	}
	ids := make([]string, 0, len(rows))
	for _, c := range rows {
		if c.AuthorID != "" {
			ids = append(ids, c.AuthorID)
		}
	}
	users, err := s.store.UsersByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	out := make([]CommentView, 0, len(rows))
	for _, c := range rows {
		out = append(out, CommentView{ID: c.ID, Submission: c.SubmissionID, AuthorID: c.AuthorID, AuthorName: names[c.AuthorID],
			AuthorRole: roles[c.AuthorID], BodyMarkdown: c.BodyMarkdown, BodyHTML: c.BodyHTML, CreatedAt: c.CreatedAt})
	}
	return out, nil
}
