package handlers

import (
	"encoding/json"

	"github.com/gin-gonic/gin"

	"tandem/models"
)

// reflectionExport is the user's reflection answers, with the marks and comments they
// received (without who gave them), and the marks they gave as a marker.
func reflectionExport(r models.ExportedReflections) gin.H {
	mark := func(m models.ReflectionMark) gin.H {
		var scores map[string]float64
		_ = json.Unmarshal([]byte(m.Scores), &scores)
		return gin.H{"attempt": m.AttemptID, "question": m.QuestionID, "role": m.Role, "scores": scores,
			"points": m.Points, "comment": m.Comment, "created_at": m.CreatedAt}
	}
	return gin.H{
		"answers": each(r.Answers, func(a models.ReflectionAnswer) gin.H {
			return gin.H{"attempt": a.AttemptID, "question": a.QuestionID, "quiz": a.QuizSlug, "answer_html": a.BodyHTML,
				"status": a.Status, "points": a.Points, "max_points": a.MaxPoints, "submitted_at": a.SubmittedAt, "marked_at": a.MarkedAt}
		}),
		"marks_received": each(r.Received, mark),
		"marks_given":    each(r.Given, mark),
	}
}
