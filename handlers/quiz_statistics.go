package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/models"
)

// GetQuizStatistics is a quiz's item analysis for its cohort's instructors (`?cohort=`) or,
// across the platform, for content authors and admins. `?attempts=first|counted|all` (counted
// by default) chooses the attempts; `?format=csv` downloads one row per question.
func (s *Server) GetQuizStatistics(c *gin.Context) {
	which := c.DefaultQuery("attempts", models.AttemptsCounted)
	st, err := s.attempts.Statistics(c.Request.Context(), caller(c), c.Param("quiz"), which, c.Query("cohort"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	if c.Query("format") == "csv" {
		c.Header("Content-Type", "text/csv; charset=utf-8")
		c.Header("Content-Disposition", `attachment; filename="`+st.Quiz+`-statistics.csv"`)
		c.Status(http.StatusOK)
		if err := st.WriteCSV(c.Writer); err != nil {
			logger(c).Error("write quiz statistics csv", "err", err)
		}
		return
	}
	c.JSON(http.StatusOK, st)
}
