package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/certificates"
	"tandem/keys"
	"tandem/models"
	"tandem/quizzes"
)

// ExportMe returns everything stored about the caller, as a download.
func (s *Server) ExportMe(c *gin.Context) {
	ctx := c.Request.Context()
	e, err := s.store.ExportUser(ctx, callerID(c))
	if err != nil {
		fail(c, err)
		return
	}
	certs, err := s.exportCertificates(ctx, e.User.ID)
	if err != nil {
		fail(c, err)
		return
	}
	view := exportView(e, s.attempts.AnswersAsGiven)
	view["certificates"] = certs
	if view["notifications"], err = s.notices.Export(ctx, e.User.ID); err != nil {
		fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="tandem-export.json"`)
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, view)
}

// exportedCertificate is a certificate with its Open Badges 3.0 credential, as a VC-JWT the
// holder can keep and show without Tandem.
type exportedCertificate struct {
	certificates.CertificateView
	Credential string `json:"credential"`
}

func (s *Server) exportCertificates(ctx context.Context, userID string) ([]exportedCertificate, error) {
	mine, err := s.certs.Mine(ctx, certificates.Caller{ID: userID})
	if err != nil {
		return nil, err
	}
	out := make([]exportedCertificate, 0, len(mine))
	for _, v := range mine {
		vc, err := s.certs.Credential(ctx, v.Serial, keys.RS256, certificates.StatusRevocationList)
		if err != nil {
			return nil, err
		}
		out = append(out, exportedCertificate{CertificateView: v, Credential: vc})
	}
	return out, nil
}

// exportView shapes a data export: everything stored about the user except secrets (the
// password hash and token hashes are replaced by what they are). Answers are shown as the
// learner gave them, in each attempt's own ids.
func exportView(e *models.Export, answers func(*models.QuizAttempt) []quizzes.Answer) gin.H {
	view := gin.H{
		"exported_at": time.Now().UTC(), "user": viewOfUser(&e.User, []string{e.User.Role}),
		"enrolments": each(e.Enrolments, func(en models.Enrolment) gin.H {
			return gin.H{"track": en.TrackSlug, "enrolled_at": en.CreatedAt}
		}),
		"lesson_completions": each(e.Completions, func(l models.LessonCompletion) gin.H {
			return gin.H{"lesson": l.LessonSlug, "completed_at": l.CompletedAt}
		}),
		"quiz_attempts": each(e.Attempts, func(a models.QuizAttempt) gin.H {
			return gin.H{"id": a.ID, "quiz": a.QuizSlug, "number": a.Number, "started_at": a.StartedAt,
				"deadline": a.Deadline, "submitted_at": a.SubmittedAt, "score": a.Score, "max_score": a.MaxScore,
				"percent": a.Percent, "passed": a.Passed, "marking": a.Marking, "answers": answers(&a)}
		}),
		"judgement_answers": each(e.Judgements, func(j models.JudgementAnswer) gin.H {
			return gin.H{"question": j.QuestionKey, "choice": j.OptionID, "discipline_group": j.Group, "answered_at": j.UpdatedAt}
		}),
		"lesson_feedback": each(e.Feedback, func(f models.LessonFeedback) gin.H {
			return gin.H{"id": f.ID, "lesson": f.LessonSlug, "rating": f.Rating, "kind": f.Kind, "comment": f.Comment,
				"status": f.Status, "response": f.Response, "created_at": f.CreatedAt, "updated_at": f.UpdatedAt}
		}),
		"learning_events": each(e.Events, func(ev models.ProgressEvent) gin.H {
			return gin.H{"id": ev.ID, "verb": ev.Verb, "object_type": ev.ObjectType, "object": ev.ObjectID,
				"track": ev.TrackSlug, "result": json.RawMessage(ev.Result), "at": ev.CreatedAt}
		}),
		"sessions": each(e.Sessions, func(t models.RefreshToken) gin.H {
			return gin.H{"created_at": t.CreatedAt, "expires_at": t.ExpiresAt, "used_at": t.UsedAt, "revoked_at": t.RevokedAt}
		}),
	}
	for k, v := range teamExport(e) {
		view[k] = v
	}
	for k, v := range consentExport(e) {
		view[k] = v
	}
	for k, v := range labExport(e.Lab) {
		view[k] = v
	}
	view["reflections"] = reflectionExport(e.Reflections)
	view["cross_reviews"] = crossReviewExport(e.CrossReviews)
	view["accommodations"] = each(e.Accommodations, func(a models.Accommodation) gin.H {
		return gin.H{"cohort": a.CohortID, "quiz": a.QuizSlug, "extra_time_percent": a.ExtraTimePercent, "extra_minutes": a.ExtraMinutes,
			"extra_attempts": a.ExtraAttempts, "extra_days": a.ExtraDays, "note": a.Note, "updated_at": a.UpdatedAt}
	})
	view["platform_accounts"] = each(e.Platforms, func(a models.LTIAccount) gin.H {
		return gin.H{"issuer": a.Issuer, "subject": a.Subject, "linked_at": a.CreatedAt}
	})
	return view
}

// teamExport is the user's team work: the versions and comments they wrote, the ratings they
// gave, their cohorts and teams, and the exercise roles they take or gave.
func teamExport(e *models.Export) gin.H {
	return gin.H{
		"team_submissions": each(e.Submissions, func(s models.Submission) gin.H {
			return gin.H{"id": s.ID, "team": s.TeamID, "exercise": s.ExerciseSlug, "version": s.Version, "status": s.Status,
				"body_markdown": s.BodyMarkdown, "created_at": s.CreatedAt}
		}),
		"submission_comments": each(e.Comments, func(c models.SubmissionComment) gin.H {
			return gin.H{"id": c.ID, "submission": c.SubmissionID, "body_markdown": c.BodyMarkdown, "created_at": c.CreatedAt}
		}),
		"peer_ratings_given": each(e.PeerRatings, func(p models.PeerEvaluation) gin.H {
			var scores map[string]int
			_ = json.Unmarshal([]byte(p.Scores), &scores)
			return gin.H{"team": p.TeamID, "exercise": p.ExerciseSlug, "ratee": p.RateeID, "scores": scores,
				"comment": p.Comment, "updated_at": p.UpdatedAt}
		}),
		"cohort_memberships": each(e.Cohorts, func(m models.ExportedCohort) gin.H {
			return gin.H{"cohort": m.CohortID, "name": m.Name, "joined_at": m.AddedAt}
		}),
		"team_memberships": each(e.Teams, func(m models.ExportedTeam) gin.H {
			return gin.H{"team": m.TeamID, "cohort": m.CohortID, "name": m.Name}
		}),
		"team_roles": each(e.TeamRoles, func(r models.TeamRole) gin.H {
			return gin.H{"team": r.TeamID, "exercise": r.ExerciseSlug, "role": r.Role, "holder": r.UserID,
				"assigned_by": r.AssignedBy, "updated_at": r.UpdatedAt}
		}),
	}
}

// consentExport is what the user was asked or granted: invitations, certificate offers,
// applications, roles in organisations, and the audit entries about them.
func consentExport(e *models.Export) gin.H {
	return gin.H{
		"invitations": each(e.Invitations, func(i models.CohortInvitation) gin.H {
			return gin.H{"id": i.ID, "cohort": i.CohortID, "email": i.EmailTyped, "name": i.Name, "status": i.Status,
				"invited_by": i.InvitedBy, "invited_at": i.CreatedAt, "expires_at": i.ExpiresAt, "responded_at": i.RespondedAt}
		}),
		"certificate_offers": each(e.Offers, func(o models.CertificateOffer) gin.H {
			return gin.H{"id": o.ID, "programme_id": o.ProgrammeID, "status": o.Status, "offered_at": o.CreatedAt, "responded_at": o.RespondedAt}
		}),
		"programme_applications": each(e.Applications, func(a models.ProgrammeApplication) gin.H {
			return gin.H{"programme_id": a.ProgrammeID, "eligible": a.Eligible, "unmet": json.RawMessage(a.Unmet), "applied_at": a.AppliedAt}
		}),
		"organisation_roles": each(e.Roles, func(m models.Membership) gin.H {
			return gin.H{"organisation": m.OrganisationID, "role": m.Role, "since": m.CreatedAt}
		}),
		"audit_entries": each(e.Audit, func(a models.AuditEvent) gin.H {
			return gin.H{"id": a.ID, "actor": a.ActorID, "action": a.Action, "subject": a.Subject,
				"details": json.RawMessage(a.Details), "at": a.CreatedAt}
		}),
	}
}

// each maps rows to their export shape; never nil, so an empty list is [] in JSON.
func each[T any](rows []T, f func(T) gin.H) []gin.H {
	out := make([]gin.H, 0, len(rows))
	for _, r := range rows {
		out = append(out, f(r))
	}
	return out
}
