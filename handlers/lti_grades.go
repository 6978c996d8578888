package handlers

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/lti"
)

// ListLTIScores lists the scores of a cohort linked to a platform course, for its
// instructors: ?status=failed shows what did not reach the platform's gradebook.
func (s *Server) ListLTIScores(c *gin.Context) {
	status := c.Query("status")
	if status != "" && !slices.Contains(lti.ScoreStatuses, status) {
		fail(c, errs.Invalid(map[string]string{"status": "must be pending, sent, failed or superseded"}))
		return
	}
	items, err := s.lti.CohortScores(c.Request.Context(), caller(c), c.Param("id"), status)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"items": items})
}

type retryScoresRequest struct {
	IDs []string `json:"ids"`
}

// RetryLTIScores sends a cohort's failed scores to the platform again: those named, or all.
func (s *Server) RetryLTIScores(c *gin.Context) {
	var req retryScoresRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	n, err := s.lti.RetryScores(c.Request.Context(), caller(c), c.Param("id"), req.IDs)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"retried": n})
}

// SyncLTIRoster reads the linked platform course's roster into the cohort.
func (s *Server) SyncLTIRoster(c *gin.Context) {
	rep, err := s.lti.SyncRoster(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, rep)
}
