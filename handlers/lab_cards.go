package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/labwork"
)

// labCardRoutes adds the lab's patient cards: each learner's display of a card, and their runs
// of cards in a team, decided one by one and rated for workload at the end.
func (s *Server) labCardRoutes(authed *gin.RouterGroup) {
	authed.GET("/labs/:slug/display", s.GetLabDisplay)
	authed.PUT("/labs/:slug/display", s.SaveLabDisplay)
	authed.POST("/teams/:id/labs/:slug/runs", s.StartLabRun)
	authed.GET("/teams/:id/labs/:slug/runs", s.ListLabRuns)
	authed.GET("/lab-runs/:id", s.GetLabRun)
	authed.POST("/lab-runs/:id/decisions", s.DecideLabCard)
	authed.POST("/lab-runs/:id/workload", s.RateLabRun)
	authed.POST("/teams/:id/labs/:slug/submissions", s.SubmitLabWork)
	authed.GET("/cohorts/:id/labs/:slug/debrief", s.GetLabDebrief)
}

// GetLabDisplay returns the caller's display of a lab's patient cards.
func (s *Server) GetLabDisplay(c *gin.Context) {
	d, err := s.labWork.Display(c.Request.Context(), caller(c), c.Param("slug"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

type labDisplayRequest struct {
	Items []string `json:"items"`
}

// SaveLabDisplay stores which parts the caller's patient cards show, in order.
func (s *Server) SaveLabDisplay(c *gin.Context) {
	var req labDisplayRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	d, err := s.labWork.SaveDisplay(c.Request.Context(), caller(c), c.Param("slug"), req.Items)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

// StartLabRun starts a run of the lab's patient cards for a team member.
func (s *Server) StartLabRun(c *gin.Context) {
	run, err := s.labWork.StartRun(c.Request.Context(), caller(c), c.Param("id"), c.Param("slug"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, run)
}

// ListLabRuns lists the caller's runs of a lab in a team, or every member's for instructors.
func (s *Server) ListLabRuns(c *gin.Context) {
	items, err := s.labWork.Runs(c.Request.Context(), caller(c), c.Param("id"), c.Param("slug"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// GetLabRun returns one of the caller's runs with its next card.
func (s *Server) GetLabRun(c *gin.Context) {
	run, err := s.labWork.Run(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, run)
}

type labDecisionRequest struct {
	Position     *int  `json:"position"`
	Act          *bool `json:"act"`
	Milliseconds *int  `json:"milliseconds"`
}

// DecideLabCard records the caller's decision on their run's next card.
func (s *Server) DecideLabCard(c *gin.Context) {
	var req labDecisionRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	run, err := s.labWork.Decide(c.Request.Context(), caller(c), c.Param("id"),
		labwork.NewDecision{Position: req.Position, Act: req.Act, Milliseconds: req.Milliseconds})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, run)
}

// RateLabRun records the caller's NASA-TLX ratings of a finished run.
func (s *Server) RateLabRun(c *gin.Context) {
	var req map[string]*int
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	run, err := s.labWork.Rate(c.Request.Context(), caller(c), c.Param("id"), req)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, run)
}
