package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// GetMe returns the caller's profile.
func (s *Server) GetMe(c *gin.Context) {
	u, err := s.store.UserByID(c.Request.Context(), callerID(c))
	if errors.Is(err, models.ErrNotFound) {
		err = errs.Unauthorized("account_closed", "This account no longer exists.")
	}
	if err != nil {
		fail(c, err)
		return
	}
	s.respondUser(c, u)
}

func (s *Server) respondUser(c *gin.Context, u *models.User) {
	roles, err := s.accounts.Roles(c.Request.Context(), u)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, viewOfUser(u, roles))
}

type updateMeRequest struct {
	Name        *string         `json:"name"`
	Institution *string         `json:"institution"`
	Discipline  *string         `json:"discipline"`
	Dashboard   *auth.Dashboard `json:"dashboard"`
	Language    *string         `json:"language"`
}

// UpdateMe changes the caller's name, institution, discipline, dashboard widgets or language.
func (s *Server) UpdateMe(c *gin.Context) {
	var req updateMeRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	u, err := s.accounts.UpdateProfile(c.Request.Context(), caller(c),
		auth.ProfileChange{Name: req.Name, Institution: req.Institution, Discipline: req.Discipline, Dashboard: req.Dashboard, Language: req.Language})
	if err != nil {
		fail(c, err)
		return
	}
	s.respondUser(c, u)
}
