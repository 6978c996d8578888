package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/attempts"
)

type accommodationRequest struct {
	Cohort string `json:"cohort"`
	User   string `json:"user"`
	Email  string `json:"email"`
	Quiz   string `json:"quiz"`
	attempts.Grant
	Note string `json:"note"`
}

// SetAccommodation gives a learner (or, without `user`, every member of `cohort`) extra time
// or attempts at one quiz or every quiz, or later due dates for team exercises, replacing what
// the same scope had, and tells the learners. Attempts already started keep their deadlines.
func (s *Server) SetAccommodation(c *gin.Context) {
	var req accommodationRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	a, err := s.accommod.Set(c.Request.Context(), caller(c), attempts.Accommodation{Cohort: req.Cohort, User: req.User, Quiz: req.Quiz,
		Grant: req.Grant, Note: req.Note}, req.Email)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, a)
}

// ListAccommodations lists a cohort's accommodations (`?cohort=`), or the platform-wide ones.
func (s *Server) ListAccommodations(c *gin.Context) {
	items, err := s.accommod.List(c.Request.Context(), caller(c), c.Query("cohort"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// RemoveAccommodation withdraws an accommodation.
func (s *Server) RemoveAccommodation(c *gin.Context) {
	if err := s.accommod.Remove(c.Request.Context(), caller(c), c.Param("id")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type extensionRequest struct {
	Cohort  string `json:"cohort"`
	Minutes int    `json:"minutes" binding:"required"`
}

// ExtendAttempt gives a cohort member's open timed attempt more minutes.
func (s *Server) ExtendAttempt(c *gin.Context) {
	var req extensionRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	ext, err := s.accommod.Extend(c.Request.Context(), caller(c), req.Cohort, c.Param("id"), req.Minutes)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ext)
}

// ListOpenAttempts lists a cohort's members' timed attempts under way, for its instructors.
func (s *Server) ListOpenAttempts(c *gin.Context) {
	items, err := s.accommod.OpenAttempts(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// ListMyAccommodations shows learners what their accommodations give them, and with `?quiz=`
// the time limit and attempts they get at that quiz.
func (s *Server) ListMyAccommodations(c *gin.Context) {
	out, err := s.accommod.Mine(c.Request.Context(), caller(c), c.Query("quiz"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}
