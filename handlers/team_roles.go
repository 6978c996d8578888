package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/teamwork"
)

// ListTeamRoles lists an exercise's roles in a team with who takes each.
func (s *Server) ListTeamRoles(c *gin.Context) {
	exercise := c.Query("exercise")
	items, err := s.teamWork.Roles(c.Request.Context(), caller(c), c.Param("id"), exercise)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"exercise": exercise, "items": items})
}

type assignRoleRequest struct {
	Exercise string `json:"exercise"`
	Role     string `json:"role"`
	UserID   string `json:"user_id"`
}

// AssignTeamRole gives a role of an exercise to a member of the team, or leaves it open.
func (s *Server) AssignTeamRole(c *gin.Context) {
	var req assignRoleRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	items, err := s.teamWork.AssignRole(c.Request.Context(), caller(c), c.Param("id"), teamwork.RoleRequest(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"exercise": req.Exercise, "items": items})
}
