package handlers

import (
	"encoding/json"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/models"
	"tandem/quizzes"
)

// exportView shapes a data export: everything stored about the user except secrets (the
// password hash and token hashes are replaced by what they are). Answers are shown as the
// learner gave them, in each attempt's own ids.
func exportView(e *models.Export, answers func(*models.QuizAttempt) []quizzes.Answer) gin.H {
	attempts := make([]gin.H, 0, len(e.Attempts))
	for i, a := range e.Attempts {
		attempts = append(attempts, gin.H{"id": a.ID, "quiz": a.QuizSlug, "number": a.Number, "started_at": a.StartedAt,
			"deadline": a.Deadline, "submitted_at": a.SubmittedAt, "score": a.Score, "max_score": a.MaxScore,
			"percent": a.Percent, "passed": a.Passed, "answers": answers(&e.Attempts[i])})
	}
	completions := make([]gin.H, 0, len(e.Completions))
	for _, l := range e.Completions {
		completions = append(completions, gin.H{"lesson": l.LessonSlug, "completed_at": l.CompletedAt})
	}
	enrolments := make([]gin.H, 0, len(e.Enrolments))
	for _, en := range e.Enrolments {
		enrolments = append(enrolments, gin.H{"track": en.TrackSlug, "enrolled_at": en.CreatedAt})
	}
	judgements := make([]gin.H, 0, len(e.Judgements))
	for _, j := range e.Judgements {
		judgements = append(judgements, gin.H{"question": j.QuestionKey, "choice": j.OptionID, "discipline_group": j.Group, "answered_at": j.UpdatedAt})
	}
	feedback := make([]gin.H, 0, len(e.Feedback))
	for _, f := range e.Feedback {
		feedback = append(feedback, gin.H{"id": f.ID, "lesson": f.LessonSlug, "rating": f.Rating, "kind": f.Kind, "comment": f.Comment,
			"status": f.Status, "response": f.Response, "created_at": f.CreatedAt, "updated_at": f.UpdatedAt})
	}
	events := make([]gin.H, 0, len(e.Events))
	for _, ev := range e.Events {
		events = append(events, gin.H{"id": ev.ID, "verb": ev.Verb, "object_type": ev.ObjectType, "object": ev.ObjectID,
			"track": ev.TrackSlug, "result": json.RawMessage(ev.Result), "at": ev.CreatedAt})
	}
	sessions := make([]gin.H, 0, len(e.Sessions))
	for _, t := range e.Sessions {
		sessions = append(sessions, gin.H{"created_at": t.CreatedAt, "expires_at": t.ExpiresAt, "used_at": t.UsedAt, "revoked_at": t.RevokedAt})
	}
	platforms := make([]gin.H, 0, len(e.Platforms))
	for _, a := range e.Platforms {
		platforms = append(platforms, gin.H{"issuer": a.Issuer, "subject": a.Subject, "linked_at": a.CreatedAt})
	}
	return gin.H{
		"exported_at": time.Now().UTC(), "user": userView(&e.User, []string{e.User.Role}), "enrolments": enrolments, "lesson_completions": completions,
		"quiz_attempts": attempts, "judgement_answers": judgements, "lesson_feedback": feedback, "learning_events": events,
		"sessions": sessions, "platform_accounts": platforms,
	}
}
