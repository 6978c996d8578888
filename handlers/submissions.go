package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

type submitWorkRequest struct {
	Exercise     string `json:"exercise" binding:"required"`
	BodyMarkdown string `json:"body_markdown" binding:"required"`
}

// SubmitTeamWork stores a new version of the team's work on an exercise.
func (s *Server) SubmitTeamWork(c *gin.Context) {
	var req submitWorkRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	sub, err := s.teamWork.Submit(c.Request.Context(), caller(c), c.Param("id"), req.Exercise, req.BodyMarkdown)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, sub)
}

// ListTeamWork lists a team's versions with their reviews.
func (s *Server) ListTeamWork(c *gin.Context) {
	items, err := s.teamWork.Submissions(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}
