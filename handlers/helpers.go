// Helpers that handlers of several resources share: who is calling, paging through xAPI
// statements, the token pair a sign-in answers with, empty lists written as [], and ETags.

package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
	"tandem/xapi"
)

// caller is who is asking: the signed-in user and their roles.
func caller(c *gin.Context) auth.Caller {
	return auth.Caller{ID: callerID(c), Roles: callerRoles(c), Session: sessionCheck(c)}
}

// pageLimit reads ?limit= (1..500, default 100), failing the request when it is malformed.
func pageLimit(c *gin.Context) (int, bool) {
	v := c.Query("limit")
	if v == "" {
		return 100, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 500 {
		fail(c, errs.Invalid(map[string]string{"limit": errs.Reason("reason.whole_number_range", map[string]any{"Min": 1, "Max": 500})}))
		return 0, false
	}
	return n, true
}

// writeStatements answers with a page of stored statements and the link to the next one.
func writeStatements(c *gin.Context, p xapi.Page, limit int) {
	more := ""
	if p.After != "" {
		more = c.Request.URL.Path + "?limit=" + strconv.Itoa(limit) + "&after=" + url.QueryEscape(p.After)
	}
	c.Header("X-Experience-API-Version", xapi.HeaderVersion)
	c.JSON(http.StatusOK, gin.H{"statements": p.Statements, "more": more})
}

// nonNil returns s, or an empty list for nil, so that JSON shows [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// userView is a user as the API shows them: to themselves, and inside a session.
type userView struct {
	ID          string         `json:"id"`
	Email       string         `json:"email"`
	Name        string         `json:"name"`
	Discipline  string         `json:"discipline"`
	Institution string         `json:"institution"`
	Roles       []string       `json:"roles"`
	Dashboard   auth.Dashboard `json:"dashboard"`
	CreatedAt   time.Time      `json:"created_at"`
	// EmailVerified says whether the address was confirmed through a link mailed to it.
	EmailVerified bool `json:"email_verified"`
	// Language is the interface language the user chose; "" when none.
	Language string `json:"language"`
}

// viewOfUser is the view of user u with their roles.
func viewOfUser(u *models.User, roles []string) userView {
	return userView{ID: u.ID, Email: u.Email, Name: u.Name, Discipline: u.Discipline, Institution: u.Institution,
		Roles: roles, Dashboard: auth.DashboardOf(u), CreatedAt: u.CreatedAt, EmailVerified: u.EmailVerifiedAt != nil, Language: u.Language}
}

// sessionView is a session as a client receives it.
type sessionView struct {
	AccessToken  string   `json:"access_token"`
	RefreshToken string   `json:"refresh_token,omitempty"`
	TokenType    string   `json:"token_type"`
	ExpiresIn    int      `json:"expires_in"`
	User         userView `json:"user"`
}

// viewOfSession is the view of session s.
func viewOfSession(s *auth.Session) sessionView {
	return sessionView{AccessToken: s.AccessToken, RefreshToken: s.RefreshToken, TokenType: "Bearer",
		ExpiresIn: s.ExpiresIn, User: viewOfUser(s.User, s.Roles)}
}

// etagMatches reports whether an If-None-Match header names etag (weak or strong) or "*".
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, candidate := range strings.Split(header, ",") {
		candidate = strings.TrimPrefix(strings.TrimSpace(candidate), "W/")
		if candidate == etag || candidate == "*" {
			return true
		}
	}
	return false
}
