package handlers

import (
	"errors"
	"net/http"
	"regexp"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/quizzes"
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

type giftImportRequest struct {
	GIFT        string `json:"gift" binding:"required"`
	Module      string `json:"module" binding:"required"`
	Title       string `json:"title"`
	PassPercent *int   `json:"pass_percent"`
	MaxAttempts *int   `json:"max_attempts"`
}

// ImportGIFT converts a Moodle GIFT question bank into a quiz file of the catalogue format, for
// authors to review and commit. Parse problems come back as 422 with the line of each.
func (s *Server) ImportGIFT(c *gin.Context) {
	var req giftImportRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if !slugPattern.MatchString(req.Module) {
		fail(c, errs.Invalid(map[string]string{"module": "must be a slug such as clin-data"}))
		return
	}
	pass, attempts := 70, 3
	if req.PassPercent != nil {
		pass = *req.PassPercent
	}
	if req.MaxAttempts != nil {
		attempts = *req.MaxAttempts
	}
	q, err := quizzes.ImportGIFT(req.GIFT, req.Module, req.Title, pass, attempts)
	var giftErrs quizzes.GIFTErrors
	switch {
	case errors.As(err, &giftErrs):
		lines := make([]gin.H, 0, len(giftErrs))
		for _, e := range giftErrs {
			lines = append(lines, gin.H{"line": e.Line, "message": e.Msg})
		}
		fail(c, &errs.Error{Status: http.StatusUnprocessableEntity, Code: "invalid_gift", Message: "The GIFT text has problems.", Details: gin.H{"lines": lines}})
		return
	case err != nil:
		fail(c, &errs.Error{Status: http.StatusUnprocessableEntity, Code: "invalid_gift", Message: err.Error()})
		return
	}
	y, err := quizzes.QuizYAML(q)
	if err != nil {
		fail(c, &errs.Error{Status: http.StatusUnprocessableEntity, Code: "invalid_quiz", Message: err.Error()})
		return
	}
	types := map[string]int{}
	for _, qu := range q.Questions {
		types[string(qu.Type)]++
	}
	c.JSON(http.StatusOK, gin.H{"slug": q.Slug, "question_count": len(q.Questions), "types": types, "quiz_yaml": string(y)})
}
