package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/lab"
	"tandem/labwork"
)

// labWorkRoutes adds a team's work on a lab: its issue log with the severity confirmations, and
// its proposed fixes scored on the hidden test set. Members write; instructors read.
func (s *Server) labWorkRoutes(authed *gin.RouterGroup) {
	authed.GET("/teams/:id/labs/:slug/issues", s.ListLabIssues)
	authed.POST("/teams/:id/labs/:slug/issues", s.LogLabIssue)
	authed.POST("/teams/:id/labs/:slug/issues/:issue/confirmations", s.ConfirmLabIssue)
	authed.GET("/teams/:id/labs/:slug/proposals", s.ListLabProposals)
	authed.POST("/teams/:id/labs/:slug/proposals", s.ProposeLabFix)
}

type snapshotRequest struct {
	View      string   `json:"view"`
	Model     string   `json:"model"`
	Threshold *float64 `json:"threshold"`
	Subgroup  string   `json:"subgroup"`
	Group     string   `json:"group"`
	Case      *int     `json:"case"`
}

type labIssueRequest struct {
	Title    string          `json:"title"`
	Snapshot snapshotRequest `json:"snapshot"`
	Severity *int            `json:"severity"`
	Cause    string          `json:"cause"`
	Fix      string          `json:"fix"`
	FixNote  string          `json:"fix_note"`
}

// LogLabIssue logs a member's issue on a lab.
func (s *Server) LogLabIssue(c *gin.Context) {
	var req labIssueRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	sn := req.Snapshot
	in := labwork.NewIssue{Title: req.Title, Severity: req.Severity, Cause: req.Cause, Fix: req.Fix, FixNote: req.FixNote,
		Snapshot:     lab.Snapshot{View: sn.View, Model: sn.Model, Subgroup: sn.Subgroup, Group: sn.Group, Case: sn.Case},
		ThresholdSet: sn.Threshold != nil}
	if sn.Threshold != nil {
		in.Snapshot.Threshold = *sn.Threshold
	}
	issue, err := s.labWork.LogIssue(c.Request.Context(), caller(c), c.Param("id"), c.Param("slug"), in)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, issue)
}

// ListLabIssues lists a team's issues on a lab.
func (s *Server) ListLabIssues(c *gin.Context) {
	items, err := s.labWork.Issues(c.Request.Context(), caller(c), c.Param("id"), c.Param("slug"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

type confirmationRequest struct {
	Severity *int `json:"severity"`
}

// ConfirmLabIssue records the caller's side's severity for an issue.
func (s *Server) ConfirmLabIssue(c *gin.Context) {
	var req confirmationRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	issue, err := s.labWork.Confirm(c.Request.Context(), caller(c), c.Param("id"), c.Param("slug"), c.Param("issue"), req.Severity)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, issue)
}

type labProposalRequest struct {
	Fix        string             `json:"fix"`
	Threshold  *float64           `json:"threshold"`
	Subgroup   string             `json:"subgroup"`
	Thresholds map[string]float64 `json:"thresholds"`
	Feature    string             `json:"feature"`
	ReviewBand *labwork.Band      `json:"review_band"`
	Label      string             `json:"label"`
}

// ProposeLabFix scores a member's proposed fix on the lab's hidden test set and stores it.
func (s *Server) ProposeLabFix(c *gin.Context) {
	var req labProposalRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	p, err := s.labWork.Propose(c.Request.Context(), caller(c), c.Param("id"), c.Param("slug"), labwork.NewProposal{
		Fix: req.Fix, Threshold: req.Threshold, Subgroup: req.Subgroup, Thresholds: req.Thresholds, Feature: req.Feature,
		ReviewBand: req.ReviewBand, Label: req.Label})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, p)
}

// ListLabProposals lists a team's proposals on a lab with their figures.
func (s *Server) ListLabProposals(c *gin.Context) {
	items, err := s.labWork.Proposals(c.Request.Context(), caller(c), c.Param("id"), c.Param("slug"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}
