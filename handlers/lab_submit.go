package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

type labSubmitRequest struct {
	Proposal string `json:"proposal"`
}

// SubmitLabWork sends a team's lab work as a new version of the lab's exercise: the chosen
// proposal with its test-set figures and the issue log, reviewed like any other version.
func (s *Server) SubmitLabWork(c *gin.Context) {
	var req labSubmitRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	ctx, who := c.Request.Context(), caller(c)
	work, err := s.labWork.Submission(ctx, who, c.Param("id"), c.Param("slug"), req.Proposal)
	if err != nil {
		fail(c, err)
		return
	}
	sub, err := s.cohorts.Submit(ctx, who, c.Param("id"), work.Exercise, work.Markdown)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, sub)
}
