package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/certificates"
	"tandem/keys"
)

type organisationRequest struct {
	Name string `json:"name" binding:"required"`
	Kind string `json:"kind" binding:"required"`
	URL  string `json:"url"`
}

// CreateOrganisation creates a society or university.
func (s *Server) CreateOrganisation(c *gin.Context) {
	var req organisationRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	o, err := s.certs.CreateOrganisation(c.Request.Context(), caller(c), req.Name, req.Kind, req.URL)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, o)
}

type memberRequest struct {
	Email string `json:"email" binding:"required"`
	Role  string `json:"role" binding:"required"`
}

// AddOrganisationMember gives a user a role in an organisation.
func (s *Server) AddOrganisationMember(c *gin.Context) {
	var req memberRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if err := s.certs.AddMember(c.Request.Context(), caller(c), c.Param("id"), req.Email, req.Role); err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"organisation": c.Param("id"), "email": req.Email, "role": req.Role})
}

type programmeRequest struct {
	Title          string   `json:"title" binding:"required"`
	Description    string   `json:"description"`
	Tracks         []string `json:"tracks"`
	MinQuizPercent int      `json:"min_quiz_percent"`
	Exercises      []string `json:"exercises"`
	Credits        float64  `json:"credits"`
	CreditUnit     string   `json:"credit_unit"`
	ValidityDays   int      `json:"validity_days"`
}

// CreateProgramme defines a society's certificate programme.
func (s *Server) CreateProgramme(c *gin.Context) {
	var req programmeRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	p, err := s.certs.CreateProgramme(c.Request.Context(), caller(c), c.Param("id"), req.input())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, p)
}

// ListProgrammes lists every programme with its issuer.
func (s *Server) ListProgrammes(c *gin.Context) {
	items, err := s.certs.Programmes(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// GetProgramme returns a programme (the achievement its credentials name).
func (s *Server) GetProgramme(c *gin.Context) {
	p, err := s.certs.ProgrammeView(c.Request.Context(), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// GetEligibility says what the caller still has to do for a programme.
func (s *Server) GetEligibility(c *gin.Context) {
	e, err := s.certs.Eligibility(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, e)
}

// ClaimCertificate issues the caller's certificate once they are eligible.
func (s *Server) ClaimCertificate(c *gin.Context) {
	cert, created, err := s.certs.Claim(c.Request.Context(), caller(c), c.Param("id"))
	s.certificateIssued(c, cert, created, err)
}

// issueRequest names the learner by id or by email.
type issueRequest struct {
	UserID string `json:"user_id"`
	Email  string `json:"email"`
}

// OfferCertificate offers a learner a programme's certificate on behalf of its society; the
// learner accepts or declines it, and nothing is issued before.
func (s *Server) OfferCertificate(c *gin.Context) {
	var req issueRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	o, err := s.certs.Offer(c.Request.Context(), caller(c), c.Param("id"), req.UserID, req.Email)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, o)
}

// ListMyOffers lists the certificate offers that wait for the caller's answer.
func (s *Server) ListMyOffers(c *gin.Context) {
	items, err := s.certs.MyOffers(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// AcceptOffer issues the offered certificate to the caller, once they meet the programme.
func (s *Server) AcceptOffer(c *gin.Context) {
	cert, created, err := s.certs.AcceptOffer(c.Request.Context(), caller(c), c.Param("id"))
	s.certificateIssued(c, cert, created, err)
}

// DeclineOffer declines a certificate offer.
func (s *Server) DeclineOffer(c *gin.Context) {
	if err := s.certs.DeclineOffer(c.Request.Context(), caller(c), c.Param("id")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// ListProgrammeApplications lists who claimed a programme's certificate and what each claim
// showed, for the society's admins.
func (s *Server) ListProgrammeApplications(c *gin.Context) {
	items, err := s.certs.Applications(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// ListMyApplications lists what the caller's claims showed each programme's society.
func (s *Server) ListMyApplications(c *gin.Context) {
	items, err := s.certs.MyApplications(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

func (s *Server) certificateIssued(c *gin.Context, cert *certificates.CertificateView, created bool, err error) {
	if err != nil {
		fail(c, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.JSON(status, cert)
}

// ListMyCertificates lists the caller's certificates.
func (s *Server) ListMyCertificates(c *gin.Context) {
	items, err := s.certs.Mine(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// VerifyCertificate tells anyone whether a certificate is valid, revoked or expired.
func (s *Server) VerifyCertificate(c *gin.Context) {
	v, err := s.certs.Verify(c.Request.Context(), c.Param("serial"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.JSON(http.StatusOK, v)
}

// GetCertificateCredential serves the Open Badges 3.0 credential as a VC-JWT: signed with RS256
// unless ?alg=EdDSA, its status a 1EdTech Revocation List unless ?status=BitstringStatusListEntry.
func (s *Server) GetCertificateCredential(c *gin.Context) {
	alg := c.DefaultQuery("alg", keys.RS256)
	status := c.DefaultQuery("status", certificates.StatusRevocationList)
	tok, err := s.certs.Credential(c.Request.Context(), c.Param("serial"), alg, status)
	if err != nil {
		fail(c, err)
		return
	}
	c.Data(http.StatusOK, "application/vc+jwt", []byte(tok))
}

// GetCertificatePDF serves the printable certificate.
func (s *Server) GetCertificatePDF(c *gin.Context) {
	b, serial, err := s.certs.PDFOf(c.Request.Context(), c.Param("serial"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Content-Disposition", `inline; filename="tandem-certificate-`+serial+`.pdf"`)
	c.Data(http.StatusOK, "application/pdf", b)
}

// revokeRequest is validated by the service, after it has checked who is asking.
type revokeRequest struct {
	Reason string `json:"reason"`
}

// RevokeCertificate revokes a certificate with a reason.
func (s *Server) RevokeCertificate(c *gin.Context) {
	var req revokeRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	v, err := s.certs.Revoke(c.Request.Context(), caller(c), c.Param("serial"), req.Reason)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// ListMyOrganisations lists the organisations the caller belongs to, with their role.
func (s *Server) ListMyOrganisations(c *gin.Context) {
	items, err := s.certs.MyOrganisations(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// ListProgrammeCertificates lists a programme's certificates for its society's admins.
func (s *Server) ListProgrammeCertificates(c *gin.Context) {
	items, err := s.certs.ProgrammeCertificates(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}
