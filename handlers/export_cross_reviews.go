package handlers

import (
	"encoding/json"

	"github.com/gin-gonic/gin"

	"tandem/models"
)

// crossReviewExport is the user's calibrations, with their accuracy, and the marks and
// comments they gave as a cross reviewer.
func crossReviewExport(r models.ExportedCrossReviews) gin.H {
	marks := func(s string) map[string]float64 {
		var m map[string]float64
		_ = json.Unmarshal([]byte(s), &m)
		return m
	}
	return gin.H{
		"calibrations": each(r.Calibrations, func(c models.CrossReviewCalibration) gin.H {
			return gin.H{"cohort": c.CohortID, "exercise": c.ExerciseSlug, "marks": marks(c.Marks), "accuracy": c.Accuracy, "created_at": c.CreatedAt}
		}),
		"reviews_given": each(r.Marks, func(m models.CrossReviewMark) gin.H {
			return gin.H{"cohort": m.CohortID, "exercise": m.ExerciseSlug, "submission": m.SubmissionID, "marks": marks(m.Marks),
				"comment": m.Comment, "updated_at": m.UpdatedAt}
		}),
	}
}
