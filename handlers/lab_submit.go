package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/labwork"
)

type labSubmitRequest struct {
	Proposal string `json:"proposal"`
}

// SubmitLabWork sends a team's lab work as a new version of the lab's exercise: the chosen
// proposal with its test-set figures and the issue log, reviewed like any other version.
func (s *Server) SubmitLabWork(c *gin.Context) {
	var req labSubmitRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	ctx, who := c.Request.Context(), caller(c)
	work, err := s.labWork.Submission(ctx, who, c.Param("id"), c.Param("slug"), req.Proposal)
	if err != nil {
		fail(c, err)
		return
	}
	sub, err := s.teamWork.Submit(ctx, who, c.Param("id"), work.Exercise, work.Markdown)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, sub)
}

// GetLabDebrief shows a cohort's instructors every team's work on a lab: each team's latest
// operating point on the hidden test set and its issues, and the issues by severity and
// discipline; `?format=csv` downloads one row per team.
func (s *Server) GetLabDebrief(c *gin.Context) {
	ctx, who := c.Request.Context(), caller(c)
	co, err := s.cohorts.Get(ctx, who, c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	if co.Role != "instructor" {
		fail(c, errs.Forbidden("Only the cohort's instructors debrief its labs."))
		return
	}
	teams, err := s.teamWork.Teams(ctx, who, co.ID)
	if err != nil {
		fail(c, err)
		return
	}
	refs := make([]labwork.TeamRef, 0, len(teams))
	for _, t := range teams {
		refs = append(refs, labwork.TeamRef{ID: t.ID, Name: t.Name})
	}
	d, err := s.labWork.Debrief(ctx, who, c.Param("slug"), refs)
	if err != nil {
		fail(c, err)
		return
	}
	if c.Query("format") == "csv" {
		c.Header("Content-Type", "text/csv; charset=utf-8")
		c.Header("Content-Disposition", `attachment; filename="lab-debrief.csv"`)
		c.Status(http.StatusOK)
		if err := d.WriteCSV(c.Writer); err != nil {
			logger(c).Error("write lab debrief csv", "err", err)
		}
		return
	}
	c.JSON(http.StatusOK, d)
}
