package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/auth"
	"tandem/errs"
	"tandem/locale"
	"tandem/logs"
	"tandem/models"
)

// MaxBodyBytes is the largest request body accepted.
const MaxBodyBytes = 1 << 20

const (
	ctxClaims       = "tandem.claims"
	ctxSessionCheck = "tandem.session_check"
)

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// requestContext gives every request an id (kept from X-Request-Id when well-formed), a logger
// carrying it, its language from Accept-Language (else English; authenticate then applies
// the signed-in user's saved choice, which wins), and a log line when it ends.
func (s *Server) requestContext(c *gin.Context) {
	id := c.GetHeader("X-Request-Id")
	if !validRequestID.MatchString(id) {
		var b [12]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	h := c.Writer.Header()
	h["X-Request-Id"] = []string{id}
	lang := locale.Negotiate("", c.GetHeader("Accept-Language"))
	c.Request = c.Request.WithContext(locale.With(logs.WithRequest(c.Request.Context(), s.log, id), lang))
	setHeaders(h, contentLanguage[lang])
	start := time.Now()
	c.Next()
	ctx, lh := c.Request.Context(), s.log.Handler()
	if !lh.Enabled(ctx, slog.LevelInfo) {
		return
	}
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	// The record is built here rather than by Logger.LogAttrs, which would also look up the
	// caller's program counter, a stack walk on every request for a source no handler prints.
	end := time.Now()
	r := slog.NewRecord(end, slog.LevelInfo, "request", 0)
	r.AddAttrs(slog.String("request_id", id), slog.String("method", c.Request.Method), slog.String("route", route),
		slog.Int("status", c.Writer.Status()), slog.Duration("duration", end.Sub(start)),
		slog.String("client", c.ClientIP()))
	_ = lh.Handle(ctx, r)
}

// logger is the request's logger, which domain and store code also find on the request's
// context (package logs). requestContext, the first middleware, puts it there.
func logger(c *gin.Context) *slog.Logger { return logs.From(c.Request.Context(), slog.Default()) }

// recoverPanic turns a panic into a logged 500 JSON error instead of a dropped connection.
func recoverPanic(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			if r == http.ErrAbortHandler {
				panic(r)
			}
			logger(c).Error("panic", slog.Any("panic", r), slog.String("stack", string(debug.Stack())))
			if !c.Writer.Written() {
				fail(c, fmt.Errorf("panic: %v", r))
			}
		}
	}()
	c.Next()
}

// securityHeaders builds the headers every response carries; Strict-Transport-Security only
// where the server is reached over https.
func securityHeaders(baseURL string) []headerValue {
	hv := headerValues(
		"X-Content-Type-Options", "nosniff",
		"X-Frame-Options", "DENY",
		"Referrer-Policy", "strict-origin-when-cross-origin",
		"Cross-Origin-Opener-Policy", "same-origin",
		"Permissions-Policy", "camera=(), microphone=(), geolocation=()",
		"Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
			"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
	if strings.HasPrefix(baseURL, "https://") {
		hv = append(hv, headerValues("Strict-Transport-Security", "max-age=31536000; includeSubDomains")...)
	}
	return hv
}

// connectionClose is the header of every response while the server drains.
var connectionClose = headerValues("Connection", "close")

// setSecurityHeaders sets the headers every response carries, and Connection: close while the
// server drains.
func (s *Server) setSecurityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	if s.draining.Load() {
		setHeaders(h, connectionClose)
	}
	setHeaders(h, s.security)
	c.Next()
}

// limitBody refuses declared bodies over MaxBodyBytes and caps the rest while they are read.
// A request without a body (most reads) has nothing to cap.
func limitBody(c *gin.Context) {
	if c.Request.ContentLength > MaxBodyBytes {
		fail(c, tooLarge())
		return
	}
	if c.Request.Body != http.NoBody && c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxBodyBytes)
	}
	c.Next()
}

// noStore keeps every answer of an authenticated route out of caches, shared and private
// alike: it is someone's own data, and a token may not reach it again.
func noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Next()
}

// authenticate requires a valid access token whose session is still live (see auth.Gate) and
// stores its claims on the context.
func (s *Server) authenticate(c *gin.Context) {
	claims, ok := verifyToken(c, s.tokens)
	if !ok {
		return
	}
	saved, err := s.accounts.CheckSession(c.Request.Context(), claims)
	if err != nil {
		failSession(c, err)
		return
	}
	c.Set(ctxClaims, claims)
	setLanguage(c, saved)
	c.Next()
}

// authenticateInStatement requires a valid access token and leaves the check of its session to
// the first statement of the route's own work (models.SessionCheck, carried by the caller),
// which costs no read of its own. The handler settles it (settleSession) before it answers.
func (s *Server) authenticateInStatement(c *gin.Context) {
	claims, ok := verifyToken(c, s.tokens)
	if !ok {
		return
	}
	c.Set(ctxClaims, claims)
	c.Set(ctxSessionCheck, &models.SessionCheck{UserID: claims.Subject, SessionID: claims.SessionID, Epoch: claims.Epoch})
	c.Next()
}

// settleSession finishes the session check authenticateInStatement left to the request's
// statement: with the session found live it applies the caller's saved language; found ended,
// it fails the request with 401. When no statement checked it (the request failed before its
// first one), the Gate checks it now. Only a malformed request, refused before any work, is
// answered unchecked: that reveals and changes nothing. It reports whether the handler may
// answer.
func (s *Server) settleSession(c *gin.Context) bool {
	check := sessionCheck(c)
	if check == nil {
		return true
	}
	if !check.Checked {
		saved, err := s.accounts.CheckSession(c.Request.Context(), callerClaims(c))
		if err != nil {
			failSession(c, err)
			return false
		}
		check.Checked, check.Live, check.Language = true, true, saved
	}
	if !check.Live {
		failSession(c, auth.ErrSessionEnded)
		return false
	}
	setLanguage(c, check.Language)
	return true
}

// verifyToken reads and verifies the request's bearer token, failing the request with 401 when
// there is none or it is invalid.
func verifyToken(c *gin.Context, tokens *auth.Tokens) (*auth.Claims, bool) {
	header := c.GetHeader("Authorization")
	scheme, raw, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(raw) == "" {
		c.Header("WWW-Authenticate", `Bearer realm="tandem"`)
		fail(c, errs.Unauthorized("unauthenticated", "This route needs a valid access token."))
		return nil, false
	}
	claims, err := tokens.Verify(c.Request.Context(), strings.TrimSpace(raw))
	if err != nil {
		c.Header("WWW-Authenticate", `Bearer realm="tandem", error="invalid_token"`)
		fail(c, errs.Unauthorized("invalid_token", "The access token is invalid or expired."))
		return nil, false
	}
	return claims, true
}

// failSession fails a request whose session check failed: 401 session_ended when the session
// has ended, else the database's error.
func failSession(c *gin.Context, err error) {
	if errors.Is(err, auth.ErrSessionEnded) {
		c.Header("WWW-Authenticate", `Bearer realm="tandem", error="invalid_token"`)
		err = errs.Unauthorized("session_ended", "This session has ended. Please log in again.")
	}
	fail(c, err)
}

// sessionCheck is the session check authenticateInStatement left to the request, else nil.
func sessionCheck(c *gin.Context) *models.SessionCheck {
	v, _ := c.Get(ctxSessionCheck)
	check, _ := v.(*models.SessionCheck)
	return check
}

// requireRole lets the request through when the caller holds one of roles (admin always may).
func requireRole(roles ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		for _, r := range callerRoles(c) {
			if r == auth.RoleAdmin || slices.Contains(roles, r) {
				c.Next()
				return
			}
		}
		fail(c, errs.Forbidden("Your role does not allow this."))
	}
}

func callerClaims(c *gin.Context) *auth.Claims {
	v, _ := c.Get(ctxClaims)
	claims, _ := v.(*auth.Claims)
	return claims
}

// callerID is the authenticated user's id; only call it behind authenticate.
func callerID(c *gin.Context) string { return callerClaims(c).Subject }

func callerRoles(c *gin.Context) []string {
	if cl := callerClaims(c); cl != nil {
		return cl.Roles
	}
	return nil
}
