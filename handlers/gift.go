package handlers

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/quizzes"
)

type giftImportRequest struct {
	GIFT        string `json:"gift" binding:"required"`
	Module      string `json:"module" binding:"required"`
	Title       string `json:"title"`
	PassPercent *int   `json:"pass_percent"`
	MaxAttempts *int   `json:"max_attempts"`
}

// giftLine is one reported problem or note, at its line of the GIFT text.
type giftLine struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func giftLines(es quizzes.GIFTErrors) []giftLine {
	out := make([]giftLine, len(es))
	for i, e := range es {
		out[i] = giftLine{Line: e.Line, Message: e.Msg}
	}
	return out
}

// ImportGIFT converts a Moodle GIFT question bank into a quiz file of the catalogue format, for
// authors to review and commit. Questions that cannot be imported are listed with their lines
// beside the quiz; when none can, the answer is 422 with the line of each. Parsing stops when
// the client goes away.
func (s *Server) ImportGIFT(c *gin.Context) {
	var req giftImportRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if !quizzes.ValidModuleSlug(req.Module) {
		fail(c, errs.Invalid(map[string]string{"module": "must be a slug such as clin-data"}))
		return
	}
	pass, attempts := quizzes.DefaultPassPercent, quizzes.DefaultMaxAttempts
	if req.PassPercent != nil {
		pass = *req.PassPercent
	}
	if req.MaxAttempts != nil {
		attempts = *req.MaxAttempts
	}
	q, imp, err := quizzes.ImportGIFT(c.Request.Context(), req.GIFT, req.Module, req.Title, pass, attempts)
	var giftErrs quizzes.GIFTErrors
	var tooMany *quizzes.TooManyGIFTQuestionsError
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		c.Abort() // the client has gone: no one reads an answer
		return
	case errors.As(err, &tooMany):
		fail(c, &errs.Error{Status: http.StatusUnprocessableEntity, Code: "too_many_questions", Message: tooMany.Error(),
			Details: gin.H{"max_questions": tooMany.Max}})
		return
	case errors.As(err, &giftErrs):
		fail(c, &errs.Error{Status: http.StatusUnprocessableEntity, Code: "invalid_gift", Message: "No question of the GIFT text can be imported.",
			Details: gin.H{"lines": giftLines(giftErrs)}})
		return
	case err != nil:
		fail(c, err)
		return
	}
	y, err := quizzes.QuizYAML(q)
	if err != nil {
		fail(c, &errs.Error{Status: http.StatusUnprocessableEntity, Code: "invalid_quiz", Message: err.Error()})
		return
	}
	c.JSON(http.StatusOK, gin.H{"slug": q.Slug, "question_count": len(q.Questions), "types": q.QuestionTypes(), "quiz_yaml": string(y),
		"skipped": giftLines(imp.Skipped), "notes": giftLines(imp.Notes), "explanations_pending": giftLines(imp.Pending)})
}
