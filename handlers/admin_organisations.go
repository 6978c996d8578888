package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/auth"
)

// adminRoutes registers the administration of organisations, programmes, issued
// certificates and instructors; the audit log is among them. Platform admins reach every
// organisation; a society admin only their own, which the domain checks on every call.
func (s *Server) adminRoutes(authed *gin.RouterGroup) {
	admin := requireRole(auth.RoleAdmin)
	authed.GET("/organisations", admin, s.ListOrganisations)
	authed.GET("/organisations/:id", s.GetOrganisation)
	authed.PATCH("/organisations/:id", s.UpdateOrganisation)
	authed.GET("/organisations/:id/members", s.ListOrganisationMembers)
	authed.PUT("/organisations/:id/members/:user", s.ChangeMemberRole)
	authed.DELETE("/organisations/:id/members/:user", s.RemoveOrganisationMember)
	authed.GET("/organisations/:id/programmes", s.ListOrganisationProgrammes)
	authed.GET("/organisations/:id/certificates", s.ListIssuedCertificates)
	authed.PATCH("/programmes/:id", s.UpdateProgramme)
	authed.POST("/programmes/:id/retire", s.RetireProgramme)
	authed.POST("/certificates/:serial/reissue", s.idempotent, s.ReissueCertificate)
	authed.GET("/instructors", admin, s.ListInstructors)
	authed.POST("/instructors", admin, s.AddInstructor)
	authed.GET("/audit", admin, s.GetAuditLog)
}

// ListOrganisations lists every organisation for platform admins.
func (s *Server) ListOrganisations(c *gin.Context) {
	items, err := s.admin.Organisations(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// GetOrganisation returns an organisation to its administrators.
func (s *Server) GetOrganisation(c *gin.Context) {
	o, err := s.admin.Organisation(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, o)
}

type organisationPatch struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// UpdateOrganisation renames an organisation or changes its address.
func (s *Server) UpdateOrganisation(c *gin.Context) {
	var req organisationPatch
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	o, err := s.admin.UpdateOrganisation(c.Request.Context(), caller(c), c.Param("id"), req.Name, req.URL)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, o)
}

// ListOrganisationMembers lists who holds a role in an organisation.
func (s *Server) ListOrganisationMembers(c *gin.Context) {
	items, err := s.admin.Members(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

type roleRequest struct {
	Role string `json:"role" binding:"required"`
}

// ChangeMemberRole gives a member another role in the organisation.
func (s *Server) ChangeMemberRole(c *gin.Context) {
	var req roleRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if err := s.admin.ChangeRole(c.Request.Context(), caller(c), c.Param("id"), c.Param("user"), req.Role); err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"organisation": c.Param("id"), "user_id": c.Param("user"), "role": req.Role})
}

// RemoveOrganisationMember takes a member's role in the organisation away.
func (s *Server) RemoveOrganisationMember(c *gin.Context) {
	if err := s.admin.RemoveMember(c.Request.Context(), caller(c), c.Param("id"), c.Param("user")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
