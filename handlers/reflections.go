package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/attempts"
)

// ListReflections is a cohort's queue of reflection answers for its instructors:
// `?status=awaiting` (the default) or `marked`.
func (s *Server) ListReflections(c *gin.Context) {
	limit, ok := pageLimit(c)
	if !ok {
		return
	}
	page, err := s.marking.Queue(c.Request.Context(), caller(c), c.Param("id"), c.Query("status"), c.Query("after"), limit)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page)
}

type markRequest struct {
	AttemptID  string             `json:"attempt_id" binding:"required,max=32"`
	QuestionID string             `json:"question_id" binding:"required,max=300"`
	Scores     map[string]float64 `json:"scores" binding:"required"`
	Comment    string             `json:"comment"`
}

// MarkReflection records the caller's mark of a reflection answer in the cohort's queue.
func (s *Server) MarkReflection(c *gin.Context) {
	var req markRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	m, err := s.marking.Mark(c.Request.Context(), caller(c), c.Param("id"), attempts.MarkRequest{AttemptID: req.AttemptID,
		QuestionID: req.QuestionID, Scores: req.Scores, Comment: req.Comment})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, m)
}
