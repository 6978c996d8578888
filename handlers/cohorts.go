package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/cohorts"
	"tandem/xapi"
)

type createCohortRequest struct {
	Name     string   `json:"name" binding:"required"`
	Tracks   []string `json:"tracks" binding:"required"`
	StartsOn string   `json:"starts_on"`
	EndsOn   string   `json:"ends_on"`
	TimeZone string   `json:"time_zone"`
}

// CreateCohort creates a cohort whose instructor is the caller.
func (s *Server) CreateCohort(c *gin.Context) {
	var req createCohortRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	co, err := s.cohorts.Create(c.Request.Context(), caller(c), cohorts.NewCohort{Name: req.Name, Tracks: req.Tracks,
		StartsOn: req.StartsOn, EndsOn: req.EndsOn, TimeZone: req.TimeZone})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, co)
}

type updateCohortRequest struct {
	Name     *string `json:"name"`
	StartsOn *string `json:"starts_on"`
	EndsOn   *string `json:"ends_on"`
	TimeZone *string `json:"time_zone"`
}

// UpdateCohort changes a cohort's name, dates or time zone.
func (s *Server) UpdateCohort(c *gin.Context) {
	var req updateCohortRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	co, err := s.cohorts.Update(c.Request.Context(), caller(c), c.Param("id"),
		cohorts.CohortChange{Name: req.Name, StartsOn: req.StartsOn, EndsOn: req.EndsOn, TimeZone: req.TimeZone})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, co)
}

// ListCohorts lists the cohorts the caller teaches or belongs to.
func (s *Server) ListCohorts(c *gin.Context) {
	items, err := s.cohorts.Mine(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// GetCohort returns a cohort the caller teaches or belongs to.
func (s *Server) GetCohort(c *gin.Context) {
	co, err := s.cohorts.Get(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, co)
}

type addMembersRequest struct {
	Emails []string `json:"emails" binding:"required"`
}

// AddCohortMembers invites learners by email; the answer is the same whether or not an address
// belongs to an account.
func (s *Server) AddCohortMembers(c *gin.Context) {
	var req addMembersRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	res, err := s.cohorts.AddMembers(c.Request.Context(), caller(c), c.Param("id"), req.Emails)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

type addInstructorRequest struct {
	Email string `json:"email" binding:"required"`
}

// AddCohortInstructor makes another instructor a co-instructor.
func (s *Server) AddCohortInstructor(c *gin.Context) {
	var req addInstructorRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if err := s.cohorts.AddInstructor(c.Request.Context(), caller(c), c.Param("id"), req.Email); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// GetCohortProgress is the instructor's dashboard: the summary rows and one page of learners,
// searched and sorted as asked; `?format=csv` downloads one row per learner found, in order.
func (s *Server) GetCohortProgress(c *gin.Context) {
	q, err := cohorts.ParseQuery(c.Query)
	if err != nil {
		fail(c, err)
		return
	}
	d, err := s.cohorts.Progress(c.Request.Context(), caller(c), c.Param("id"), q)
	if err != nil {
		fail(c, err)
		return
	}
	if c.Query("format") == "csv" {
		c.Header("Content-Type", "text/csv; charset=utf-8")
		c.Header("Content-Disposition", `attachment; filename="cohort-progress.csv"`)
		c.Status(http.StatusOK)
		if err := d.WriteCSV(c.Request.Context(), c.Writer); err != nil {
			logger(c).Error("write cohort csv", "err", err)
		}
		return
	}
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Status(http.StatusOK)
	if err := d.WriteJSON(c.Writer); err != nil {
		logger(c).Error("write cohort dashboard", "err", err)
	}
}

// ListCohortStatements returns the cohort's learning events as xAPI statements.
func (s *Server) ListCohortStatements(c *gin.Context) {
	limit, ok := pageLimit(c)
	if !ok {
		return
	}
	events, err := s.cohorts.Events(c.Request.Context(), caller(c), c.Param("id"), c.Query("after"), limit)
	if err != nil {
		fail(c, err)
		return
	}
	writeStatements(c, xapi.PageOf(events, limit), limit)
}
