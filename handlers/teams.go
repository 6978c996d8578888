package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/teamwork"
)

type formTeamsRequest struct {
	TeamSize int    `json:"team_size" binding:"required"`
	Seed     *int64 `json:"seed"`
	Reform   bool   `json:"reform"`
	Preview  bool   `json:"preview"`
}

// FormTeams forms mixed teams; with preview nothing is stored.
func (s *Server) FormTeams(c *gin.Context) {
	var req formTeamsRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	teams, seed, err := s.teamWork.FormTeams(c.Request.Context(), caller(c), c.Param("id"),
		teamwork.FormRequest{Size: req.TeamSize, Seed: req.Seed, Reform: req.Reform, Preview: req.Preview})
	if err != nil {
		fail(c, err)
		return
	}
	status := http.StatusCreated
	if req.Preview {
		status = http.StatusOK
	}
	c.JSON(status, gin.H{"teams": teams, "seed": seed, "preview": req.Preview})
}

// ListTeams lists a cohort's teams for its instructors and members.
func (s *Server) ListTeams(c *gin.Context) {
	teams, err := s.teamWork.Teams(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": teams})
}

// ListMyTeams lists the caller's teams, with their members and cohort names.
func (s *Server) ListMyTeams(c *gin.Context) {
	items, err := s.teamWork.MyTeams(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// GetTeam returns one team with its members.
func (s *Server) GetTeam(c *gin.Context) {
	t, err := s.teamWork.Team(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, t)
}
