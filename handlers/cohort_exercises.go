package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/cohorts"
)

// ListCohortExercises lists the exercises a cohort's teams work on.
func (s *Server) ListCohortExercises(c *gin.Context) {
	list, err := s.cohorts.Exercises(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

type exercisesRequest struct {
	Exercises []struct {
		Slug  string `json:"slug"`
		DueOn string `json:"due_on"`
	} `json:"exercises" binding:"required"`
}

// SetCohortExercises chooses a cohort's exercises, with optional due dates.
func (s *Server) SetCohortExercises(c *gin.Context) {
	var req exercisesRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	choices := make([]cohorts.ExerciseChoice, len(req.Exercises))
	for i, x := range req.Exercises {
		choices[i] = cohorts.ExerciseChoice{Slug: x.Slug, DueOn: x.DueOn}
	}
	list, err := s.cohorts.SetExercises(c.Request.Context(), caller(c), c.Param("id"), choices)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}
