package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// ListStaleQuizzes lists the quizzes with attempts graded against an earlier version of the
// quiz, for content authors and admins.
func (s *Server) ListStaleQuizzes(c *gin.Context) {
	items, err := s.regrades.Stale(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// PreviewRegrade shows what regrading a quiz would change: a dry run that changes nothing.
func (s *Server) PreviewRegrade(c *gin.Context) {
	r, err := s.regrades.Preview(c.Request.Context(), caller(c), c.Param("quiz"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, r)
}

// RegradeQuiz regrades a quiz's attempts graded against an earlier version; 409
// nothing_to_regrade when there are none.
func (s *Server) RegradeQuiz(c *gin.Context) {
	r, err := s.regrades.Apply(c.Request.Context(), caller(c), c.Param("quiz"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}
