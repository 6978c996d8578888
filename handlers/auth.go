package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/auth"
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

// Login exchanges email and password for a token pair.
func (s *Server) Login(c *gin.Context) {
	var req loginRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
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
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, sessionView(sess))
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token" binding:"required"`
}

// Refresh spends a refresh token for a new pair.
func (s *Server) Refresh(c *gin.Context) {
	var req refreshRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	sess, err := s.accounts.Refresh(c.Request.Context(), req.RefreshToken)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, sessionView(sess))
}

// Logout revokes the caller's refresh token and the tokens rotated from the same login.
func (s *Server) Logout(c *gin.Context) {
	var req refreshRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if err := s.accounts.Logout(c.Request.Context(), callerID(c), req.RefreshToken); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
