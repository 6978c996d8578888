package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/teamwork"
)

// ReviewQueue lists the versions a cohort's teams sent, oldest first, for its instructors;
// `?status=submitted` is what waits for review. Paged with ?limit= and ?after=.
func (s *Server) ReviewQueue(c *gin.Context) {
	limit, ok := pageLimit(c)
	if !ok {
		return
	}
	items, err := s.teamWork.ReviewQueue(c.Request.Context(), caller(c), c.Param("id"), c.Query("status"), c.Query("after"), limit)
	if err != nil {
		fail(c, err)
		return
	}
	next := ""
	if len(items) == limit {
		next = items[len(items)-1].ID
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "next_cursor": next})
}

type reviewRequest struct {
	Decision string             `json:"decision" binding:"required"`
	Scores   map[string]float64 `json:"scores" binding:"required"`
	Comment  string             `json:"comment"`
}

// ReviewSubmission records an instructor's review of a version.
func (s *Server) ReviewSubmission(c *gin.Context) {
	var req reviewRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	r, err := s.teamWork.Review(c.Request.Context(), caller(c), c.Param("id"), teamwork.ReviewRequest{Decision: req.Decision, Scores: req.Scores, Comment: req.Comment})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, r)
}
