package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// programmeTranslationRoutes registers a programme's translations: anyone reads them, its
// society's admins write them (the domain checks who).
func (s *Server) programmeTranslationRoutes(api, authed *gin.RouterGroup) {
	api.GET("/programmes/:id/translations", s.ListProgrammeTranslations)
	authed.PUT("/programmes/:id/translations/:lang", s.SetProgrammeTranslation)
	authed.DELETE("/programmes/:id/translations/:lang", s.DeleteProgrammeTranslation)
}

// ListProgrammeTranslations lists a programme's title and description in other languages.
func (s *Server) ListProgrammeTranslations(c *gin.Context) {
	items, err := s.certs.ProgrammeTranslations(c.Request.Context(), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

type programmeTranslationRequest struct {
	Title       string `json:"title"`
	Description string `json:"description"`
}

// SetProgrammeTranslation saves a programme's title and description in one language.
func (s *Server) SetProgrammeTranslation(c *gin.Context) {
	var req programmeTranslationRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	t, err := s.certs.SetProgrammeTranslation(c.Request.Context(), caller(c), c.Param("id"), c.Param("lang"), req.Title, req.Description)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, t)
}

// DeleteProgrammeTranslation removes a programme's translation into one language.
func (s *Server) DeleteProgrammeTranslation(c *gin.Context) {
	if err := s.certs.DeleteProgrammeTranslation(c.Request.Context(), caller(c), c.Param("id"), c.Param("lang")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
