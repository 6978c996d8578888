package handlers

import (
	"net/http"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/teams"
	"tandem/teamwork"
)

type previewRequest struct {
	Markdown string `json:"markdown"`
}

// PreviewMarkdown renders a team's Markdown exactly as a submission or comment stores it, so
// the editor's preview is what the server will keep.
func (s *Server) PreviewMarkdown(c *gin.Context) {
	var req previewRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if len(req.Markdown) > teamwork.MaxSubmission || !utf8.ValidString(req.Markdown) {
		fail(c, errs.Invalid(map[string]string{"markdown": teamwork.MarkdownSizeReason()}))
		return
	}
	c.JSON(http.StatusOK, gin.H{"html": teams.RenderSubmission(req.Markdown)})
}
