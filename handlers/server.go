// Package handlers is Tandem's HTTP layer: the gin router, middleware, and one file per
// resource. Handlers bind requests, call the domain packages and write responses; the rules
// live elsewhere.
package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"

	"github.com/gin-gonic/gin"

	"tandem/attempts"
	"tandem/auth"
	"tandem/certificates"
	"tandem/cohorts"
	"tandem/courses"
	"tandem/feedback"
	"tandem/lab"
	"tandem/labwork"
	"tandem/lti"
	"tandem/models"
	"tandem/notifications"
	"tandem/progress"
	"tandem/regrade"
	"tandem/signin"
	"tandem/static"
	"tandem/teamwork"
)

// Store is what the handlers read and write directly.
type Store interface {
	Ping(ctx context.Context) error
	UserByID(ctx context.Context, id string) (*models.User, error)
	Events(ctx context.Context, userID, after string, limit int) ([]models.ProgressEvent, error)
	ExportUser(ctx context.Context, userID string) (*models.Export, error)
	AuditEvents(ctx context.Context, q models.AuditQuery) ([]models.AuditEvent, error)
	UserByEmail(ctx context.Context, email string) (*models.User, error)
	UsersByIDs(ctx context.Context, ids []string) ([]models.User, error)
	MembershipsOf(ctx context.Context, userID string) ([]models.Membership, error)
	idempotencyStore
}

// Deps are the server's collaborators, wired by hand in cmd/tandem.
type Deps struct {
	Log            *slog.Logger
	Store          Store
	Accounts       *auth.Service
	Tokens         *auth.Tokens
	Catalog        *courses.Catalog
	Attempts       *attempts.Service
	Accommodations *attempts.Accommodations
	Regrades       *regrade.Service
	Progress       *progress.Service
	Feedback       *feedback.Service
	Cohorts        *cohorts.Service
	TeamWork       *teamwork.Service
	Certificates   *certificates.Service
	Admin          *certificates.Admin
	Staff          *auth.Staff
	Labs           *lab.Service
	LabWork        *labwork.Service
	LTI            *lti.Service
	SignIn         *signin.Service
	Notifications  *notifications.Service
	BaseURL        string
	TrustedProxies []string
	Marking        *attempts.Marking
}

// Server holds the router and its dependencies.
type Server struct {
	log      *slog.Logger
	store    Store
	accounts *auth.Service
	tokens   *auth.Tokens
	catalog  *courses.Catalog
	attempts *attempts.Service
	accommod *attempts.Accommodations
	regrades *regrade.Service
	progress *progress.Service
	feedback *feedback.Service
	cohorts  *cohorts.Service
	teamWork *teamwork.Service
	certs    *certificates.Service
	admin    *certificates.Admin
	staff    *auth.Staff
	labs     *lab.Service
	labWork  *labwork.Service
	lti      *lti.Service
	signin   *signin.Service
	notices  *notifications.Service
	idem     idempotencyStore
	pages    catalogPages
	baseURL  string
	security []headerValue // the headers every response carries
	engine   *gin.Engine
	openapi  []byte
	ui       *staticFiles
	draining atomic.Bool
	marking  *attempts.Marking
}

// New builds the server and its routes.
func New(d Deps) (*Server, error) {
	gin.SetMode(gin.ReleaseMode)
	s := &Server{log: d.Log, store: d.Store, accounts: d.Accounts, tokens: d.Tokens, catalog: d.Catalog,
		attempts: d.Attempts, accommod: d.Accommodations, progress: d.Progress, feedback: d.Feedback,
		cohorts: d.Cohorts, teamWork: d.TeamWork, certs: d.Certificates, admin: d.Admin, staff: d.Staff, labs: d.Labs, labWork: d.LabWork, lti: d.LTI, idem: d.Store, baseURL: d.BaseURL}
	s.signin = d.SignIn
	s.notices = d.Notifications
	s.marking = d.Marking
	s.regrades = d.Regrades
	pages, err := buildCatalogPages(d.Catalog)
	if err != nil {
		return nil, err
	}
	s.pages = pages
	doc, err := openAPIJSON()
	if err != nil {
		return nil, err
	}
	s.openapi = doc
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	if err := e.SetTrustedProxies(d.TrustedProxies); err != nil {
		return nil, err
	}
	s.security = securityHeaders(d.BaseURL)
	e.Use(s.requestContext, recoverPanic, s.setSecurityHeaders, limitBody, refuseInvalidText)
	ui, err := newStaticFiles(static.Files())
	if err != nil {
		return nil, err
	}
	s.ui = ui
	e.NoRoute(s.serveUI)
	e.NoMethod(func(c *gin.Context) {
		fail(c, &errsNoMethod)
	})
	s.engine = e
	s.routes()
	return s, nil
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.engine }

// Drain prepares for shutdown: /readyz answers 503 so load balancers stop sending new
// requests, and every response closes its connection, so clients reconnect elsewhere instead
// of reusing a connection the shutdown would close under them.
func (s *Server) Drain() { s.draining.Store(true) }

// Routes lists method and path of every registered route (the OpenAPI test compares them).
func (s *Server) Routes() [][2]string {
	var out [][2]string
	for _, r := range s.engine.Routes() {
		out = append(out, [2]string{r.Method, r.Path})
	}
	return out
}

func (s *Server) routes() {
	e := s.engine
	e.GET("/healthz", s.CheckHealth)
	e.GET("/readyz", s.CheckReadiness)
	e.GET("/.well-known/jwks.json", s.GetJWKS)

	api := e.Group("/api/v1")
	api.GET("/openapi.json", s.OpenAPI)
	api.POST("/auth/register", s.Register)
	api.POST("/auth/login", s.Login)
	api.POST("/auth/refresh", s.Refresh)
	api.POST("/auth/verify-email", s.VerifyEmail)
	api.POST("/auth/password-reset", s.RequestPasswordReset)
	api.POST("/auth/password-reset/confirm", s.ResetPassword)
	api.GET("/tracks", s.ListTracks)
	api.GET("/tracks/:track", s.GetTrack)
	api.GET("/modules/:module", s.GetModule)
	api.GET("/lessons/:lesson", s.GetLesson)
	api.GET("/quizzes/:quiz", s.GetQuiz)
	api.GET("/glossary", s.GetGlossary)
	api.GET("/case-studies", s.ListCaseStudies)
	api.GET("/case-studies/:slug", s.GetCaseStudy)
	api.GET("/exercises", s.ListExercises)
	api.GET("/exercises/:slug", s.GetExercise)
	api.GET("/programmes", s.ListProgrammes)
	api.GET("/programmes/:id", s.GetProgramme)
	api.GET("/programmes/:id/achievement", s.GetProgrammeAchievement)
	api.GET("/programmes/:id/image", s.GetProgrammeImage)
	api.GET("/certificates/:serial/verify", s.VerifyCertificate)
	api.GET("/certificates/:serial/credential", s.GetCertificateCredential)
	api.GET("/certificates/:serial/pdf", s.GetCertificatePDF)
	api.GET("/issuers/:id", s.IssuerProfile)
	api.GET("/issuers/:id/jwks.json", s.IssuerJWKS)
	api.GET("/issuers/:id/keys/:kid", s.IssuerKey)
	api.GET("/issuers/:id/revocations", s.IssuerRevocationList)
	api.GET("/issuers/:id/status/:list", s.IssuerStatusList)
	api.POST("/invitations/lookup", s.LookupInvitation)
	api.GET("/i18n/:lang", s.GetMessages)

	authed := api.Group("", noStore, s.authenticate)
	// The busiest writes check the token's session in their own first statement.
	inStatement := api.Group("", noStore, s.authenticateInStatement)
	inStatement.POST("/quizzes/:quiz/attempts", s.StartAttempt)
	inStatement.POST("/attempts/:id/submit", s.SubmitAttempt)
	authed.POST("/auth/logout", s.Logout)
	authed.GET("/me", s.GetMe)
	authed.PATCH("/me", s.UpdateMe)
	authed.DELETE("/me", s.DeleteMe)
	authed.POST("/me/verification-email", s.ResendVerification)
	authed.POST("/me/password", s.ChangePassword)
	authed.POST("/me/email", s.RequestEmailChange)
	authed.GET("/me/sessions", s.ListMySessions)
	authed.DELETE("/me/sessions", s.EndAllSessions)
	authed.DELETE("/me/sessions/:id", s.EndSession)
	authed.GET("/me/export", compress, s.ExportMe)
	authed.GET("/me/progress", s.GetMyProgress)
	authed.GET("/me/statements", compress, s.ListMyStatements)
	authed.GET("/me/feedback", s.ListMyFeedback)
	authed.GET("/me/attempts", s.ListMyAttempts)
	authed.GET("/me/teams", s.ListMyTeams)
	authed.POST("/tracks/:track/enrol", s.Enrol)
	authed.POST("/lessons/:lesson/complete", s.CompleteLesson)
	authed.POST("/lessons/:lesson/feedback", s.GiveFeedback)
	authed.GET("/lessons/:lesson/feedback", s.ListMyLessonFeedback)
	authed.GET("/feedback", requireRole(auth.RoleInstructor, auth.RoleAuthor), s.GetFeedbackSummary)
	authed.PATCH("/feedback/:id", requireRole(auth.RoleInstructor, auth.RoleAuthor), s.ResolveFeedback)

	authed.GET("/cohorts", s.ListCohorts)
	authed.POST("/cohorts", requireRole(auth.RoleInstructor), s.CreateCohort)
	authed.GET("/cohorts/:id", s.GetCohort)
	authed.PATCH("/cohorts/:id", requireRole(auth.RoleInstructor), s.UpdateCohort)
	authed.POST("/cohorts/:id/members", requireRole(auth.RoleInstructor), s.AddCohortMembers)
	authed.GET("/cohorts/:id/members", requireRole(auth.RoleInstructor), s.ListCohortMembers)
	authed.POST("/cohorts/:id/invitations", requireRole(auth.RoleInstructor), s.InviteLearners)
	authed.POST("/cohorts/:id/invitations/import", requireRole(auth.RoleInstructor), s.ImportInvitations)
	authed.DELETE("/cohorts/:id/invitations/:invitation", requireRole(auth.RoleInstructor), s.RevokeInvitation)
	authed.POST("/cohorts/:id/join-code", requireRole(auth.RoleInstructor), s.CreateJoinCode)
	authed.DELETE("/cohorts/:id/join-code", requireRole(auth.RoleInstructor), s.RevokeJoinCode)
	authed.POST("/cohorts/:id/leave", s.LeaveCohort)
	authed.GET("/me/invitations", s.ListMyInvitations)
	authed.POST("/invitations/:id/accept", s.AcceptInvitation)
	authed.POST("/invitations/:id/decline", s.DeclineInvitation)
	authed.POST("/join-codes/lookup", s.LookupJoinCode)
	authed.POST("/join-codes/redeem", s.RedeemJoinCode)
	authed.POST("/cohorts/:id/instructors", requireRole(auth.RoleInstructor), s.AddCohortInstructor)
	authed.GET("/cohorts/:id/progress", requireRole(auth.RoleInstructor), compress, s.GetCohortProgress)
	authed.GET("/cohorts/:id/learners/:user", requireRole(auth.RoleInstructor), s.GetCohortLearner)
	authed.GET("/cohorts/:id/statements", requireRole(auth.RoleInstructor), compress, s.ListCohortStatements)
	authed.POST("/cohorts/:id/teams/form", requireRole(auth.RoleInstructor), s.FormTeams)
	authed.GET("/cohorts/:id/teams", s.ListTeams)
	authed.GET("/teams/:id", s.GetTeam)
	authed.POST("/teams/:id/submissions", s.idempotent, s.SubmitTeamWork)
	authed.GET("/teams/:id/submissions", s.ListTeamWork)
	authed.POST("/teams/:id/peer-evaluations", s.RatePeer)
	authed.GET("/teams/:id/peer-evaluations", s.GetPeerEvaluations)
	authed.GET("/teams/:id/peer-evaluations/mine", s.ListMyPeerRatings)
	authed.GET("/cohorts/:id/exercises", s.ListCohortExercises)
	authed.PUT("/cohorts/:id/exercises", s.SetCohortExercises)
	authed.GET("/cohorts/:id/submissions", s.ReviewQueue)
	authed.POST("/submissions/:id/reviews", requireRole(auth.RoleInstructor), s.idempotent, s.ReviewSubmission)
	s.crossReviewRoutes(authed)
	authed.GET("/cohorts/:id/reflections", s.ListReflections)
	authed.POST("/cohorts/:id/reflections/marks", s.MarkReflection)
	authed.GET("/submissions/:id/comments", s.ListSubmissionComments)
	authed.POST("/submissions/:id/comments", s.idempotent, s.CommentOnSubmission)
	authed.POST("/markdown/preview", s.PreviewMarkdown)
	authed.GET("/teams/:id/roles", s.ListTeamRoles)
	authed.PUT("/teams/:id/roles", s.AssignTeamRole)

	authed.POST("/organisations", requireRole(auth.RoleAdmin), s.CreateOrganisation)
	authed.POST("/organisations/:id/members", s.AddOrganisationMember)
	authed.POST("/organisations/:id/programmes", s.CreateProgramme)
	authed.POST("/organisations/:id/keys/rotate", s.RotateIssuerKeys)
	authed.GET("/programmes/:id/eligibility", s.GetEligibility)
	authed.POST("/programmes/:id/claim", s.idempotent, s.ClaimCertificate)
	authed.POST("/programmes/:id/certificates", s.idempotent, s.OfferCertificate)
	authed.GET("/programmes/:id/applications", s.ListProgrammeApplications)
	authed.GET("/me/offers", s.ListMyOffers)
	authed.POST("/offers/:id/accept", s.idempotent, s.AcceptOffer)
	authed.POST("/offers/:id/decline", s.DeclineOffer)
	authed.GET("/me/applications", s.ListMyApplications)
	authed.GET("/programmes/:id/certificates", s.ListProgrammeCertificates)
	authed.GET("/me/certificates", s.ListMyCertificates)
	authed.GET("/me/organisations", s.ListMyOrganisations)
	authed.POST("/certificates/:serial/revoke", s.RevokeCertificate)
	authed.POST("/gift-imports", requireRole(auth.RoleInstructor), s.ImportGIFT)
	authed.GET("/quizzes/:quiz/statistics", s.GetQuizStatistics)
	authed.GET("/regrades", s.ListStaleQuizzes)
	authed.GET("/quizzes/:quiz/regrade", s.PreviewRegrade)
	authed.POST("/quizzes/:quiz/regrade", s.idempotent, s.RegradeQuiz)
	authed.GET("/accommodations", s.ListAccommodations)
	authed.PUT("/accommodations", s.SetAccommodation)
	authed.DELETE("/accommodations/:id", s.RemoveAccommodation)
	authed.GET("/me/accommodations", s.ListMyAccommodations)
	authed.POST("/attempts/:id/extension", s.ExtendAttempt)
	authed.GET("/cohorts/:id/open-attempts", s.ListOpenAttempts)
	authed.GET("/attempts/:id", s.GetAttempt)
	authed.PUT("/attempts/:id/draft", s.SaveAttemptDraft)
	authed.GET("/questions/:id/perspectives", s.GetPerspectives)
	s.labRoutes(api, authed)
	s.labWorkRoutes(authed)
	s.labCardRoutes(authed)
	s.ltiRoutes(e, api, authed, requireRole(auth.RoleAdmin))
	s.oidcRoutes(e, api, authed)
	s.adminRoutes(authed)
	s.programmeTranslationRoutes(api, authed)
	s.notificationRoutes(authed)
}
