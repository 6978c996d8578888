package handlers

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"tandem/certificates"
)

// IssuerJWKS publishes a society's public signing keys.
func (s *Server) IssuerJWKS(c *gin.Context) {
	set, err := s.certs.IssuerJWKS(c.Request.Context(), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.JSON(http.StatusOK, set)
}

// IssuerKey serves one of a society's public keys as a JWK: what a credential's kid names.
func (s *Server) IssuerKey(c *gin.Context) {
	jwk, err := s.certs.IssuerKey(c.Request.Context(), c.Param("id"), c.Param("kid"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.JSON(http.StatusOK, jwk)
}

// IssuerRevocationList serves a society's 1EdTech Revocation List.
func (s *Server) IssuerRevocationList(c *gin.Context) {
	l, err := s.certs.RevocationList(c.Request.Context(), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age="+strconv.Itoa(int(certificates.StatusListTTL.Seconds())))
	c.JSON(http.StatusOK, l)
}

// GetProgrammeAchievement serves a programme's Open Badges Achievement, the achievement.id of its
// credentials, as JSON-LD.
func (s *Server) GetProgrammeAchievement(c *gin.Context) {
	a, err := s.certs.Achievement(c.Request.Context(), c.Param("id"), c.Query("lang"))
	if err != nil {
		fail(c, err)
		return
	}
	b, err := json.Marshal(a)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, "application/ld+json", b)
}

// GetProgrammeImage serves a programme's badge image as SVG.
func (s *Server) GetProgrammeImage(c *gin.Context) {
	b, err := s.certs.BadgeImage(c.Request.Context(), c.Param("id"), c.Query("lang"))
	if err != nil {
		fail(c, err)
		return
	}
	// The SVG has no scripts or links; the policy keeps it so if it is opened on its own.
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, "image/svg+xml", b)
}

// IssuerProfile is a society's Open Badges issuer profile.
func (s *Server) IssuerProfile(c *gin.Context) {
	p, err := s.certs.IssuerProfile(c.Request.Context(), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// IssuerStatusList serves a society's revocation list as a signed VC-JWT.
func (s *Server) IssuerStatusList(c *gin.Context) {
	tok, err := s.certs.StatusListJWT(c.Request.Context(), c.Param("id"), c.Param("list"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age="+strconv.Itoa(int(certificates.StatusListTTL.Seconds())))
	c.Data(http.StatusOK, "application/vc+jwt", []byte(tok))
}

// RotateIssuerKeys gives a society new signing keys.
func (s *Server) RotateIssuerKeys(c *gin.Context) {
	if err := s.certs.RotateKeys(c.Request.Context(), caller(c), c.Param("id")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
