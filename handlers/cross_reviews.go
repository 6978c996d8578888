package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/teamwork"
)

// crossReviewRoutes adds the routes of peer review between teams.
func (s *Server) crossReviewRoutes(authed *gin.RouterGroup) {
	const base = "/cohorts/:id/cross-reviews/:exercise"
	authed.GET(base, s.GetCrossReview)
	authed.PUT(base, s.SetCrossReview)
	authed.POST(base+"/assign", s.AssignCrossReview)
	authed.POST(base+"/calibration", s.CalibrateCrossReview)
	authed.PUT(base+"/review", s.ReviewAcrossTeams)
	authed.GET(base+"/results", s.GetCrossReviewResults)
}

// GetCrossReview shows an exercise's cross review: to instructors the set-up, to a member of
// a team where they stand.
func (s *Server) GetCrossReview(c *gin.Context) {
	v, err := s.teamWork.CrossReview(c.Request.Context(), caller(c), c.Param("id"), c.Param("exercise"))
	crossReply(c, http.StatusOK, v, err)
}

type crossReviewRequest struct {
	DueOn           string             `json:"due_on"`
	ExampleMarkdown string             `json:"example_markdown" binding:"required"`
	ExampleMarks    map[string]float64 `json:"example_marks" binding:"required"`
	Groups          map[string]string  `json:"groups" binding:"required"`
}

// SetCrossReview sets an exercise of a cohort to cross review, with its calibration example.
func (s *Server) SetCrossReview(c *gin.Context) {
	var req crossReviewRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	v, err := s.teamWork.SetCrossReview(c.Request.Context(), caller(c), c.Param("id"), c.Param("exercise"),
		teamwork.CrossReviewSetup{DueOn: req.DueOn, ExampleMarkdown: req.ExampleMarkdown, ExampleMarks: req.ExampleMarks, Groups: req.Groups})
	crossReply(c, http.StatusOK, v, err)
}

type assignRequest struct {
	Seed *int64 `json:"seed"`
}

// AssignCrossReview pairs the teams that submitted, reproducibly from a seed.
func (s *Server) AssignCrossReview(c *gin.Context) {
	var req assignRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	v, err := s.teamWork.AssignCrossReview(c.Request.Context(), caller(c), c.Param("id"), c.Param("exercise"), req.Seed)
	crossReply(c, http.StatusOK, v, err)
}

type marksRequest struct {
	Marks   map[string]float64 `json:"marks" binding:"required"`
	Comment string             `json:"comment"`
}

// CalibrateCrossReview records a reviewer's marks on the calibration example.
func (s *Server) CalibrateCrossReview(c *gin.Context) {
	var req marksRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	v, err := s.teamWork.Calibrate(c.Request.Context(), caller(c), c.Param("id"), c.Param("exercise"), req.Marks)
	crossReply(c, http.StatusCreated, v, err)
}

// ReviewAcrossTeams saves a reviewer's marks on the version their team reviews.
func (s *Server) ReviewAcrossTeams(c *gin.Context) {
	var req marksRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	v, err := s.teamWork.ReviewAcross(c.Request.Context(), caller(c), c.Param("id"), c.Param("exercise"),
		teamwork.CrossReviewMarks{Marks: req.Marks, Comment: req.Comment})
	crossReply(c, http.StatusOK, v, err)
}

// GetCrossReviewResults reports an exercise's cross review to the cohort's instructors.
func (s *Server) GetCrossReviewResults(c *gin.Context) {
	v, err := s.teamWork.CrossReviewResults(c.Request.Context(), caller(c), c.Param("id"), c.Param("exercise"))
	crossReply(c, http.StatusOK, v, err)
}

// crossReply writes v with status, or the error.
func crossReply(c *gin.Context, status int, v any, err error) {
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(status, v)
}
