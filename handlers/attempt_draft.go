package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// SaveAttemptDraft keeps the caller's answers so far on their open attempt, so it resumes on
// another device; GET /attempts/:id returns them as draft until the attempt is submitted.
func (s *Server) SaveAttemptDraft(c *gin.Context) {
	var req submitRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	d, err := s.attempts.SaveDraft(c.Request.Context(), caller(c), c.Param("id"), req.Answers)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}
