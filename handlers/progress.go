package handlers

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/models"
	"tandem/xapi"
)

type enrolmentView struct {
	ID         string    `json:"id"`
	Track      string    `json:"track"`
	EnrolledAt time.Time `json:"enrolled_at"`
}

// Enrol enrols the caller in a track: 201 when new, 200 with the existing enrolment.
func (s *Server) Enrol(c *gin.Context) {
	e, created, err := s.progress.Enrol(c.Request.Context(), caller(c), c.Param("track"))
	if err != nil {
		fail(c, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.JSON(status, enrolmentView{ID: e.ID, Track: e.TrackSlug, EnrolledAt: e.CreatedAt})
}

// CompleteLesson marks a lesson complete for the caller; repeating it is harmless.
func (s *Server) CompleteLesson(c *gin.Context) {
	done, err := s.progress.Complete(c.Request.Context(), caller(c), c.Param("lesson"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"lesson": done.LessonSlug, "completed_at": done.CompletedAt})
}

// GetMyProgress returns the caller's progress on every track, with where to resume.
func (s *Server) GetMyProgress(c *gin.Context) {
	p, err := s.progress.Of(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// ListMyStatements returns the caller's learning events as xAPI statements, oldest first, a page
// at a time (`?after=` the last id of the previous page via `more`).
func (s *Server) ListMyStatements(c *gin.Context) {
	limit, ok := pageLimit(c)
	if !ok {
		return
	}
	events, err := s.progress.Events(c.Request.Context(), caller(c), c.Query("after"), limit)
	if err != nil {
		fail(c, err)
		return
	}
	writeStatements(c, xapi.PageOf(events, limit), limit)
}

type deleteMeRequest struct {
	Password string `json:"password" binding:"required"`
}

// DeleteMe erases the caller's personal data once they confirm with their password.
func (s *Server) DeleteMe(c *gin.Context) {
	var req deleteMeRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	err := s.accounts.Erase(c.Request.Context(), caller(c), req.Password)
	if errors.Is(err, models.ErrNotFound) {
		err = errs.NotFound("Account")
	}
	if err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
