package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

type tokenRequest struct {
	Token string `json:"token" binding:"required"`
}

// VerifyEmail follows a link mailed to an address: it verifies the address, or moves the
// account to a new one.
func (s *Server) VerifyEmail(c *gin.Context) {
	var req tokenRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	v, err := s.accounts.VerifyEmail(c.Request.Context(), req.Token)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"email": v.Email, "email_verified": true, "changed": v.Changed})
}

// queued is the answer to a request that mails someone: the same whether or not the address
// has an account.
func queued(c *gin.Context, message string) {
	c.JSON(http.StatusAccepted, gin.H{"status": "queued", "message": message})
}

// ResendVerification mails the caller a new link that verifies their address.
func (s *Server) ResendVerification(c *gin.Context) {
	if err := s.accounts.ResendVerification(c.Request.Context(), caller(c)); err != nil {
		fail(c, err)
		return
	}
	queued(c, "A new confirmation link is on its way to your address.")
}

type resetRequest struct {
	Email string `json:"email" binding:"required"`
}

// RequestPasswordReset mails a link that sets a new password, if the address has an account.
func (s *Server) RequestPasswordReset(c *gin.Context) {
	var req resetRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if err := s.accounts.RequestPasswordReset(c.Request.Context(), req.Email, c.ClientIP()); err != nil {
		fail(c, err)
		return
	}
	queued(c, "If an account uses this address, a link to choose a new password is on its way. It works for 30 minutes.")
}

type resetConfirmRequest struct {
	Token    string `json:"token" binding:"required"`
	Password string `json:"password" binding:"required"`
}

// ResetPassword sets a new password from a reset link and signs the account out everywhere.
func (s *Server) ResetPassword(c *gin.Context) {
	var req resetConfirmRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if err := s.accounts.ResetPassword(c.Request.Context(), req.Token, req.Password); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type changePasswordRequest struct {
	CurrentPassword string `json:"current_password" binding:"required"`
	NewPassword     string `json:"new_password" binding:"required"`
}

// ChangePassword sets a new password once the current one is confirmed; every other session
// ends and the caller gets a fresh token pair.
func (s *Server) ChangePassword(c *gin.Context) {
	var req changePasswordRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if refuseCrossSite(c) {
		return
	}
	sess, err := s.accounts.ChangePassword(c.Request.Context(), caller(c), req.CurrentPassword, req.NewPassword)
	if err != nil {
		fail(c, err)
		return
	}
	s.respondSession(c, sess)
}

type changeEmailRequest struct {
	Email    string `json:"email" binding:"required"`
	Password string `json:"password" binding:"required"`
}

// RequestEmailChange mails a confirmation link to the new address; the account keeps its
// address until the link is followed.
func (s *Server) RequestEmailChange(c *gin.Context) {
	var req changeEmailRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if err := s.accounts.RequestEmailChange(c.Request.Context(), caller(c), req.Password, req.Email); err != nil {
		fail(c, err)
		return
	}
	queued(c, "A confirmation link is on its way to the new address. Your account keeps its current address until you follow it.")
}

// liveSessionView is one of the caller's live sessions, as their list of sessions shows it.
type liveSessionView struct {
	ID         string    `json:"id"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	Current    bool      `json:"current"`
}

// ListMySessions lists the caller's live sessions, marking the one making the request.
func (s *Server) ListMySessions(c *gin.Context) {
	list, err := s.accounts.Sessions(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	current := callerClaims(c).SessionID
	items := make([]liveSessionView, 0, len(list))
	for _, x := range list {
		items = append(items, liveSessionView{ID: x.ID, CreatedAt: x.CreatedAt, LastUsedAt: x.LastUsed, ExpiresAt: x.ExpiresAt, Current: x.ID == current})
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// EndSession signs one of the caller's sessions out. Ending a session that is not the
// caller's, or is over already, changes nothing and answers the same.
func (s *Server) EndSession(c *gin.Context) {
	if err := s.accounts.EndSession(c.Request.Context(), caller(c), c.Param("id")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// EndAllSessions signs the caller out on every device, this one included.
func (s *Server) EndAllSessions(c *gin.Context) {
	if err := s.accounts.EndAllSessions(c.Request.Context(), caller(c)); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
