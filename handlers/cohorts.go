package handlers

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"tandem/auth"
	"tandem/cohorts"
	"tandem/errs"
	"tandem/xapi"
)

func caller(c *gin.Context) auth.Caller {
	return auth.Caller{ID: callerID(c), Roles: callerRoles(c)}
}

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

// CohortProgress is the instructor's dashboard; `?format=csv` downloads one row per learner.
func (s *Server) CohortProgress(c *gin.Context) {
	d, err := s.cohorts.Progress(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	if c.Query("format") == "csv" {
		c.Header("Content-Type", "text/csv; charset=utf-8")
		c.Header("Content-Disposition", `attachment; filename="cohort-progress.csv"`)
		c.Status(http.StatusOK)
		if err := d.WriteCSV(c.Writer); err != nil {
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

// CohortStatements returns the cohort's learning events as xAPI statements.
func (s *Server) CohortStatements(c *gin.Context) {
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

// pageLimit reads ?limit= (1..500, default 100), failing the request when it is malformed.
func pageLimit(c *gin.Context) (int, bool) {
	v := c.Query("limit")
	if v == "" {
		return 100, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 500 {
		fail(c, errs.Invalid(map[string]string{"limit": "must be a whole number from 1 to 500"}))
		return 0, false
	}
	return n, true
}

type formTeamsRequest struct {
	TeamSize int    `json:"team_size" binding:"required"`
	Seed     *int64 `json:"seed"`
	Reform   bool   `json:"reform"`
	Preview  bool   `json:"preview"`
}

// FormTeams forms mixed teams; with preview nothing is stored.
func (s *Server) FormTeams(c *gin.Context) {
	var req formTeamsRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	teams, seed, err := s.cohorts.FormTeams(c.Request.Context(), caller(c), c.Param("id"),
		cohorts.FormRequest{Size: req.TeamSize, Seed: req.Seed, Reform: req.Reform, Preview: req.Preview})
	if err != nil {
		fail(c, err)
		return
	}
	status := http.StatusCreated
	if req.Preview {
		status = http.StatusOK
	}
	c.JSON(status, gin.H{"teams": teams, "seed": seed, "preview": req.Preview})
}

// ListTeams lists a cohort's teams for its instructors and members.
func (s *Server) ListTeams(c *gin.Context) {
	teams, err := s.cohorts.Teams(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": teams})
}

type submitWorkRequest struct {
	Exercise     string `json:"exercise" binding:"required"`
	BodyMarkdown string `json:"body_markdown" binding:"required"`
}

// SubmitTeamWork stores a new version of the team's work on an exercise.
func (s *Server) SubmitTeamWork(c *gin.Context) {
	var req submitWorkRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	sub, err := s.cohorts.Submit(c.Request.Context(), caller(c), c.Param("id"), req.Exercise, req.BodyMarkdown)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, sub)
}

// ListTeamWork lists a team's versions with their reviews.
func (s *Server) ListTeamWork(c *gin.Context) {
	items, err := s.cohorts.Submissions(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// ReviewQueue lists the versions a cohort's teams sent, oldest first, for its instructors;
// `?status=submitted` is what waits for review. Paged with ?limit= and ?after=.
func (s *Server) ReviewQueue(c *gin.Context) {
	limit, ok := pageLimit(c)
	if !ok {
		return
	}
	items, err := s.cohorts.ReviewQueue(c.Request.Context(), caller(c), c.Param("id"), c.Query("status"), c.Query("after"), limit)
	if err != nil {
		fail(c, err)
		return
	}
	next := ""
	if len(items) == limit {
		next = items[len(items)-1].ID
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "next_cursor": next})
}

type reviewRequest struct {
	Decision string             `json:"decision" binding:"required"`
	Scores   map[string]float64 `json:"scores" binding:"required"`
	Comment  string             `json:"comment"`
}

// ReviewSubmission records an instructor's review of a version.
func (s *Server) ReviewSubmission(c *gin.Context) {
	var req reviewRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	r, err := s.cohorts.Review(c.Request.Context(), caller(c), c.Param("id"), cohorts.ReviewRequest{Decision: req.Decision, Scores: req.Scores, Comment: req.Comment})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, r)
}

type peerRequest struct {
	Exercise string         `json:"exercise" binding:"required"`
	RateeID  string         `json:"ratee_id" binding:"required"`
	Ratings  map[string]int `json:"ratings" binding:"required"`
	Comment  string         `json:"comment"`
}

// RatePeer stores the caller's rating of a teammate.
func (s *Server) RatePeer(c *gin.Context) {
	var req peerRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	err := s.cohorts.RatePeer(c.Request.Context(), caller(c), c.Param("id"),
		cohorts.PeerRating{Exercise: req.Exercise, RateeID: req.RateeID, Scores: req.Ratings, Comment: req.Comment})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"exercise": req.Exercise, "ratee_id": req.RateeID, "ratings": req.Ratings})
}

// PeerEvaluations shows the instructor each member's mean rating and adjustment factor.
func (s *Server) PeerEvaluations(c *gin.Context) {
	sum, err := s.cohorts.PeerEvaluations(c.Request.Context(), caller(c), c.Param("id"), c.Query("exercise"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, sum)
}

// MyPeerRatings returns the ratings the caller gave their teammates for ?exercise=.
func (s *Server) MyPeerRatings(c *gin.Context) {
	items, err := s.cohorts.MyRatings(c.Request.Context(), caller(c), c.Param("id"), c.Query("exercise"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// CohortExercises lists the exercises a cohort's teams work on.
func (s *Server) CohortExercises(c *gin.Context) {
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

// MyTeams lists the caller's teams, with their members and cohort names.
func (s *Server) MyTeams(c *gin.Context) {
	items, err := s.cohorts.MyTeams(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// GetTeam returns one team with its members.
func (s *Server) GetTeam(c *gin.Context) {
	t, err := s.cohorts.Team(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, t)
}
