package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/errs"
)

var (
	errsNoRoute  = errs.Error{Status: http.StatusNotFound, Code: "route_not_found", Message: "No such route."}
	errsNoMethod = errs.Error{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Message: "This route does not accept that method."}
)

// CheckHealth answers while the process runs.
func (s *Server) CheckHealth(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// CheckReadiness answers 200 when the database does, else 503; 503 too once the server is draining.
func (s *Server) CheckReadiness(c *gin.Context) {
	if s.draining.Load() {
		fail(c, errs.New(http.StatusServiceUnavailable, "shutting_down", "This server is shutting down."))
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		logger(c).Warn("not ready", "err", err)
		fail(c, errs.New(http.StatusServiceUnavailable, "database_unavailable", "The database does not answer."))
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}

// GetJWKS publishes the public keys that sign access tokens.
func (s *Server) GetJWKS(c *gin.Context) {
	set, err := s.tokens.JWKS(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.JSON(http.StatusOK, set)
}

// OpenAPI serves the API's OpenAPI 3 document.
func (s *Server) OpenAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/json", s.openapi)
}
