package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

type commentRequest struct {
	BodyMarkdown string `json:"body_markdown"`
}

// ListSubmissionComments returns the thread on a version of a team's work.
func (s *Server) ListSubmissionComments(c *gin.Context) {
	items, err := s.teamWork.Comments(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// CommentOnSubmission adds the caller's comment to the thread on a version.
func (s *Server) CommentOnSubmission(c *gin.Context) {
	var req commentRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	out, err := s.teamWork.Comment(c.Request.Context(), caller(c), c.Param("id"), req.BodyMarkdown)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, out)
}
