package handlers

import (
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/cohorts"
	"tandem/textinput"
)

// ListCohortMembers lists a cohort's learners and its open invitations, for its instructors.
func (s *Server) ListCohortMembers(c *gin.Context) {
	list, err := s.cohorts.Members(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

type inviteRequest struct {
	Invitations []struct {
		Email string `json:"email"`
		Name  string `json:"name"`
	} `json:"invitations" binding:"required"`
}

// InviteLearners invites people to a cohort by email, with the same answer for every address.
func (s *Server) InviteLearners(c *gin.Context) {
	var req inviteRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	list := make([]cohorts.Invitee, len(req.Invitations))
	for i, in := range req.Invitations {
		list[i] = cohorts.Invitee{Email: in.Email, Name: in.Name}
	}
	res, err := s.cohorts.Invite(c.Request.Context(), caller(c), c.Param("id"), list)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, res)
}

// ImportInvitations invites the people of a CSV file (email and optional name per row).
func (s *Server) ImportInvitations(c *gin.Context) {
	body, err := io.ReadAll(c.Request.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		fail(c, tooLarge())
		return
	}
	if err != nil {
		fail(c, err)
		return
	}
	if p := textinput.Problem(string(body)); p != "" {
		fail(c, invalidText("body", p))
		return
	}
	res, err := s.cohorts.ImportInvitations(c.Request.Context(), caller(c), c.Param("id"), body)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, res)
}

// RevokeInvitation withdraws an invitation that was not accepted.
func (s *Server) RevokeInvitation(c *gin.Context) {
	if err := s.cohorts.RevokeInvitation(c.Request.Context(), caller(c), c.Param("id"), c.Param("invitation")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type joinCodeRequest struct {
	ExpiresInDays int `json:"expires_in_days"`
}

// CreateJoinCode makes a new join code for a cohort, replacing its old one.
func (s *Server) CreateJoinCode(c *gin.Context) {
	var req joinCodeRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	code, err := s.cohorts.SetJoinCode(c.Request.Context(), caller(c), c.Param("id"), req.ExpiresInDays)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, code)
}

// RevokeJoinCode withdraws a cohort's join code.
func (s *Server) RevokeJoinCode(c *gin.Context) {
	if err := s.cohorts.RevokeJoinCode(c.Request.Context(), caller(c), c.Param("id")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// LeaveCohort takes the caller out of a cohort they are a learner of.
func (s *Server) LeaveCohort(c *gin.Context) {
	if err := s.cohorts.Leave(c.Request.Context(), caller(c), c.Param("id")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// ListMyInvitations lists the invitations addressed to the caller's email that wait for an answer.
func (s *Server) ListMyInvitations(c *gin.Context) {
	items, err := s.cohorts.MyInvitations(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

type invitationTokenRequest struct {
	Token string `json:"token"`
}

// LookupInvitation shows the invitation an invitation link's token belongs to.
func (s *Server) LookupInvitation(c *gin.Context) {
	var req invitationTokenRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	inv, err := s.cohorts.LookupInvitation(c.Request.Context(), req.Token)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, inv)
}

// AcceptInvitation joins the cohort of an invitation addressed to the caller, or whose token
// they give.
func (s *Server) AcceptInvitation(c *gin.Context) { s.answerInvitation(c, true) }

// DeclineInvitation declines an invitation addressed to the caller, or whose token they give.
func (s *Server) DeclineInvitation(c *gin.Context) { s.answerInvitation(c, false) }

func (s *Server) answerInvitation(c *gin.Context, accept bool) {
	var req invitationTokenRequest
	if c.Request.ContentLength != 0 {
		if err := bind(c, &req); err != nil {
			fail(c, err)
			return
		}
	}
	co, err := s.cohorts.AnswerInvitation(c.Request.Context(), caller(c), c.Param("id"), req.Token, accept)
	if err != nil {
		fail(c, err)
		return
	}
	if !accept {
		c.Status(http.StatusNoContent)
		return
	}
	c.JSON(http.StatusOK, co)
}

type codeRequest struct {
	Code string `json:"code" binding:"required"`
}

// LookupJoinCode shows which cohort a join code opens.
func (s *Server) LookupJoinCode(c *gin.Context) {
	var req codeRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	v, err := s.cohorts.LookupJoinCode(c.Request.Context(), caller(c), req.Code)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// RedeemJoinCode makes the caller a member of the cohort a join code opens.
func (s *Server) RedeemJoinCode(c *gin.Context) {
	var req codeRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	co, err := s.cohorts.JoinByCode(c.Request.Context(), caller(c), req.Code)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, co)
}
