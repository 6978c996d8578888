package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/feedback"
)

type feedbackRequest struct {
	Rating  int    `json:"rating" binding:"required"`
	Kind    string `json:"kind" binding:"required"`
	Comment string `json:"comment"`
}

// GiveFeedback stores the caller's rating and report on a lesson, replacing an earlier one.
func (s *Server) GiveFeedback(c *gin.Context) {
	var req feedbackRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	it, err := s.feedback.Give(c.Request.Context(), caller(c), c.Param("lesson"),
		feedback.Input{Rating: req.Rating, Kind: req.Kind, Comment: req.Comment})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, it)
}

// ListMyLessonFeedback returns the caller's feedback on one lesson, with any response.
func (s *Server) ListMyLessonFeedback(c *gin.Context) {
	if _, ok := s.catalog.Lesson(c.Param("lesson")); !ok {
		fail(c, errs.NotFound("Lesson"))
		return
	}
	items, err := s.feedback.Mine(c.Request.Context(), caller(c), c.Param("lesson"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// ListMyFeedback returns all the caller's feedback with the authors' responses.
func (s *Server) ListMyFeedback(c *gin.Context) {
	items, err := s.feedback.Mine(c.Request.Context(), caller(c), "")
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// GetFeedbackSummary shows instructors, content authors and admins the feedback per lesson and
// module, split by discipline, with the open reports each may read. `?format=csv` downloads the per-lesson summary and
// `?format=csv&view=reports` the open reports with their comments.
func (s *Server) GetFeedbackSummary(c *gin.Context) {
	sum, err := s.feedback.Summarise(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	if c.Query("format") == "csv" {
		write, name := feedback.WriteCSV, "tandem-feedback.csv"
		if c.Query("view") == "reports" {
			write, name = feedback.WriteReportsCSV, "tandem-feedback-reports.csv"
		}
		c.Header("Content-Type", "text/csv; charset=utf-8")
		c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
		c.Status(http.StatusOK)
		if err := write(c.Writer, sum); err != nil {
			logger(c).Error("write feedback csv", "err", err)
		}
		return
	}
	c.JSON(http.StatusOK, sum)
}

type resolveRequest struct {
	Status   string `json:"status" binding:"required,oneof=resolved"`
	Response string `json:"response"`
}

// ResolveFeedback closes a report with a response the learner sees.
func (s *Server) ResolveFeedback(c *gin.Context) {
	var req resolveRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	it, err := s.feedback.Resolve(c.Request.Context(), caller(c), c.Param("id"), req.Response)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, it)
}
