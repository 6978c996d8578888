package lti

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"tandem/keys"
	"tandem/models"
)

// platformError is a platform's refusal of a service request: its status and what it said.
type platformError struct {
	Step   string // "token", "line item", "score", "memberships"
	Status int
	Body   string
}

func (e *platformError) Error() string {
	return fmt.Sprintf("the platform refused the %s request (%d %s): %s", e.Step, e.Status, http.StatusText(e.Status), e.Body)
}

// retryable says whether trying again later may succeed: the platform was down or busy, or an
// access token ran out; any other refusal needs someone to act first.
func (e *platformError) retryable() bool {
	return e.Status >= 500 || e.Status == http.StatusTooManyRequests || e.Status == http.StatusRequestTimeout ||
		(e.Status == http.StatusUnauthorized && e.Step != "token")
}

// readRefusal reads a refused response into a platformError, with at most 500 bytes of body.
func readRefusal(step string, resp *http.Response) error {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
	return &platformError{Step: step, Status: resp.StatusCode, Body: strings.TrimSpace(string(b))}
}

// accessTokens caches the platforms' access tokens by registration and scopes until shortly
// before they expire.
type accessTokens struct {
	mu    sync.Mutex
	byKey map[string]cachedToken
}

type cachedToken struct {
	value   string
	expires time.Time
}

// accessToken returns an access token of the platform for scopes: cached, or obtained with
// the OAuth 2 client-credentials grant and a client assertion signed with Tandem's tool key
// (RFC 7523, as LTI Security Framework §4.1 requires).
func (s *Service) accessToken(ctx context.Context, reg *models.LTIRegistration, scopes []string) (string, error) {
	key := reg.ID + " " + strings.Join(scopes, " ")
	s.tokens.mu.Lock()
	t, ok := s.tokens.byKey[key]
	s.tokens.mu.Unlock()
	if ok && time.Now().Before(t.expires) {
		return t.value, nil
	}
	assertion, err := s.clientAssertion(ctx, reg)
	if err != nil {
		return "", err
	}
	form := url.Values{"grant_type": {"client_credentials"}, "client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
		"client_assertion": {assertion}, "scope": {strings.Join(scopes, " ")}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, reg.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", readRefusal("token", resp)
	}
	var answer struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&answer); err != nil || answer.AccessToken == "" {
		return "", &platformError{Step: "token", Status: resp.StatusCode, Body: "the answer carries no access_token"}
	}
	life := time.Duration(max(answer.ExpiresIn, 60)) * time.Second
	s.tokens.mu.Lock()
	s.tokens.byKey[key] = cachedToken{value: answer.AccessToken, expires: time.Now().Add(life - 30*time.Second)}
	s.tokens.mu.Unlock()
	return answer.AccessToken, nil
}

// forgetToken drops a cached token the platform no longer takes.
func (s *Service) forgetToken(reg *models.LTIRegistration, scopes []string) {
	s.tokens.mu.Lock()
	delete(s.tokens.byKey, reg.ID+" "+strings.Join(scopes, " "))
	s.tokens.mu.Unlock()
}

// clientAssertion is the JWT that authenticates Tandem at the platform's token endpoint.
func (s *Service) clientAssertion(ctx context.Context, reg *models.LTIRegistration) (string, error) {
	key, err := s.ring.Signing(ctx, ToolPurpose, keys.RS256)
	if err != nil {
		return "", err
	}
	now := time.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.RegisteredClaims{Issuer: reg.ClientID, Subject: reg.ClientID,
		Audience: jwt.ClaimStrings{reg.TokenURL}, IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute)),
		ID: randomString()})
	tok.Header["kid"] = key.ID
	return tok.SignedString(key.Private)
}

// serviceRequest sends a request to a platform's service with an access token for scopes and
// decodes a JSON answer into out (when not nil). A 401 drops the cached token.
func (s *Service) serviceRequest(ctx context.Context, reg *models.LTIRegistration, scopes []string, step, method, target, contentType, accept string, body []byte, out any) (http.Header, error) {
	token, err := s.accessToken(ctx, reg, scopes)
	if err != nil {
		return nil, err
	}
	var rd io.Reader
	if body != nil {
		rd = strings.NewReader(string(body))
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", accept)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized {
		s.forgetToken(reg, scopes)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, readRefusal(step, resp)
	}
	if out != nil {
		if err := json.NewDecoder(io.LimitReader(resp.Body, 8<<20)).Decode(out); err != nil {
			return nil, fmt.Errorf("the platform's %s answer: %w", step, err)
		}
	}
	return resp.Header, nil
}
