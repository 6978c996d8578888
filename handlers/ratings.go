package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/teamwork"
)

type peerRequest struct {
	Exercise string         `json:"exercise" binding:"required"`
	RateeID  string         `json:"ratee_id" binding:"required"`
	Ratings  map[string]int `json:"ratings" binding:"required"`
	Comment  string         `json:"comment"`
}

// RatePeer stores the caller's rating of a teammate.
func (s *Server) RatePeer(c *gin.Context) {
	var req peerRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	err := s.teamWork.RatePeer(c.Request.Context(), caller(c), c.Param("id"),
		teamwork.PeerRating{Exercise: req.Exercise, RateeID: req.RateeID, Scores: req.Ratings, Comment: req.Comment})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"exercise": req.Exercise, "ratee_id": req.RateeID, "ratings": req.Ratings})
}

// GetPeerEvaluations shows the instructor each member's mean rating and adjustment factor.
func (s *Server) GetPeerEvaluations(c *gin.Context) {
	sum, err := s.teamWork.PeerEvaluations(c.Request.Context(), caller(c), c.Param("id"), c.Query("exercise"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, sum)
}

// ListMyPeerRatings returns the ratings the caller gave their teammates for ?exercise=.
func (s *Server) ListMyPeerRatings(c *gin.Context) {
	items, err := s.teamWork.MyRatings(c.Request.Context(), caller(c), c.Param("id"), c.Query("exercise"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}
