package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// GetCohortLearner is the drill-down from a cohort's dashboard to one of its learners: what
// they shared with the cohort's instructors by joining it, and nothing else.
func (s *Server) GetCohortLearner(c *gin.Context) {
	d, err := s.cohorts.Learner(c.Request.Context(), caller(c), c.Param("id"), c.Param("user"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}
