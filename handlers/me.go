package handlers

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

type userView struct {
	ID          string         `json:"id"`
	Email       string         `json:"email"`
	Name        string         `json:"name"`
	Discipline  string         `json:"discipline"`
	Institution string         `json:"institution"`
	Roles       []string       `json:"roles"`
	Dashboard   auth.Dashboard `json:"dashboard"`
	CreatedAt   time.Time      `json:"created_at"`
	// EmailVerified says whether the address was confirmed through a link mailed to it.
	EmailVerified bool `json:"email_verified"`
	// Language is the interface language the user chose; "" when none.
	Language string `json:"language"`
}

func viewOfUser(u *models.User, roles []string) userView {
	return userView{ID: u.ID, Email: u.Email, Name: u.Name, Discipline: u.Discipline, Institution: u.Institution,
		Roles: roles, Dashboard: auth.DashboardOf(u), CreatedAt: u.CreatedAt, EmailVerified: u.EmailVerifiedAt != nil, Language: u.Language}
}

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
