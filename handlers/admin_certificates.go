package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/certificates"
)

// ListOrganisationProgrammes lists an organisation's programmes, retired ones too, for its
// administrators.
func (s *Server) ListOrganisationProgrammes(c *gin.Context) {
	items, err := s.admin.OrganisationProgrammes(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// input is the programme the request describes.
func (r programmeRequest) input() certificates.ProgrammeInput {
	return certificates.ProgrammeInput{Title: r.Title, Description: r.Description, Tracks: r.Tracks, MinQuizPercent: r.MinQuizPercent,
		Exercises: r.Exercises, Credits: r.Credits, CreditUnit: r.CreditUnit, ValidityDays: r.ValidityDays}
}

// UpdateProgramme changes a programme; see certificates.Admin.UpdateProgramme for what may change.
func (s *Server) UpdateProgramme(c *gin.Context) {
	var req programmeRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	p, err := s.admin.UpdateProgramme(c.Request.Context(), caller(c), c.Param("id"), req.input())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// RetireProgramme stops a programme issuing; what it issued stays verifiable.
func (s *Server) RetireProgramme(c *gin.Context) {
	p, err := s.admin.RetireProgramme(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// ListIssuedCertificates lists the certificates an organisation issued, newest first, with
// search, filters and a cursor.
func (s *Server) ListIssuedCertificates(c *gin.Context) {
	limit, ok := pageLimit(c)
	if !ok {
		return
	}
	items, err := s.admin.IssuedCertificates(c.Request.Context(), caller(c), c.Param("id"), certificates.CertificateSearch{
		Text: c.Query("q"), Programme: c.Query("programme"), Status: c.Query("status"), Before: c.Query("before"), Limit: limit})
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

// ReissueCertificate issues a new certificate in place of a revoked one.
func (s *Server) ReissueCertificate(c *gin.Context) {
	cert, created, err := s.admin.Reissue(c.Request.Context(), caller(c), c.Param("serial"))
	s.certificateIssued(c, cert, created, err)
}
