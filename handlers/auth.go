package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/auth"
	"tandem/errs"
)

type registerRequest struct {
	Email       string `json:"email" binding:"required"`
	Password    string `json:"password" binding:"required"`
	Name        string `json:"name" binding:"required"`
	Discipline  string `json:"discipline" binding:"required"`
	Institution string `json:"institution"`
}

// Register creates a learner account.
func (s *Server) Register(c *gin.Context) {
	var req registerRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if err := s.signin.PasswordAllowed(req.Email); err != nil {
		fail(c, err)
		return
	}
	u, err := s.accounts.Register(c.Request.Context(), auth.Registration{
		Email: req.Email, Password: req.Password, Name: req.Name, Discipline: req.Discipline, Institution: req.Institution,
	}, c.ClientIP())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"user": viewOfUser(u, []string{u.Role})})
}

type loginRequest struct {
	Email    string `json:"email" binding:"required"`
	Password string `json:"password" binding:"required"`
}

// Login exchanges email and password for a token pair; in cookie mode the refresh token goes
// into a cookie instead of the body.
func (s *Server) Login(c *gin.Context) {
	var req loginRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if refuseCrossSite(c) {
		return
	}
	if err := s.signin.PasswordAllowed(req.Email); err != nil {
		fail(c, err)
		return
	}
	sess, err := s.accounts.Login(c.Request.Context(), req.Email, req.Password, c.ClientIP())
	if err != nil {
		fail(c, err)
		return
	}
	s.respondSession(c, sess)
}

// refreshRequest carries the refresh token of a client that keeps it itself; the web UI sends
// none and is authenticated by its cookie.
type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

// token is the token a refresh or logout spends: the body's, else (in cookie mode)
// the cookie's. Without either the body's field is missing.
func (r refreshRequest) token(c *gin.Context) (string, error) {
	if r.RefreshToken != "" {
		return r.RefreshToken, nil
	}
	if wantsCookie(c) {
		return cookieRefreshToken(c)
	}
	return "", errs.Invalid(map[string]string{"refresh_token": "is required"})
}

// Refresh spends a refresh token for a new pair. A cookie whose token no longer works is
// cleared, so the UI stops trying it.
func (s *Server) Refresh(c *gin.Context) {
	var req refreshRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	token, err := req.token(c)
	if err != nil {
		fail(c, err)
		return
	}
	sess, err := s.accounts.Refresh(c.Request.Context(), token)
	if err != nil {
		if req.RefreshToken == "" {
			clearSessionCookies(c)
		}
		fail(c, err)
		return
	}
	s.respondSession(c, sess)
}

// Logout revokes the caller's refresh token and the tokens rotated from the same login. In
// cookie mode, with no token in the body, it ends the session the access token belongs to and
// clears the cookies.
func (s *Server) Logout(c *gin.Context) {
	var req refreshRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if refuseCrossSite(c) {
		return
	}
	var err error
	switch {
	case req.RefreshToken != "":
		err = s.accounts.Logout(c.Request.Context(), caller(c), req.RefreshToken)
	case wantsCookie(c):
		err = s.accounts.EndSession(c.Request.Context(), caller(c), callerClaims(c).SessionID)
	default:
		err = errs.Invalid(map[string]string{"refresh_token": "is required"})
	}
	if err != nil {
		fail(c, err)
		return
	}
	if wantsCookie(c) {
		clearSessionCookies(c)
	}
	c.Status(http.StatusNoContent)
}
