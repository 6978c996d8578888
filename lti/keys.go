package lti

import (
	"context"
	"fmt"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"golang.org/x/time/rate"

	"tandem/auth"
	"tandem/keys"
)

// ToolPurpose is the keyring purpose of Tandem's tool keys (RS256, as LTI 1.3 requires).
const ToolPurpose = "lti-tool"

// ToolJWKS publishes Tandem's tool keys, current and retired, creating the first on demand.
func (s *Service) ToolJWKS(ctx context.Context) (keys.JWKS, error) {
	if _, err := s.ring.Signing(ctx, ToolPurpose, keys.RS256); err != nil {
		return keys.JWKS{}, err
	}
	ks, err := s.ring.Keys(ctx, ToolPurpose)
	if err != nil {
		return keys.JWKS{}, err
	}
	return keys.PublicJWKS(ks), nil
}

// RotateToolKey makes a new tool key the one Tandem signs with; the old one stays published.
func (s *Service) RotateToolKey(ctx context.Context, caller auth.Caller) error {
	_, err := s.ring.Rotate(ctx, caller.ID, ToolPurpose, keys.RS256)
	return err
}

// platformKeys returns the key set of a platform, fetched from its URL on first use, refreshed
// hourly, and fetched again when a token names a kid it lacks (at most once a minute, so
// tokens with made-up kids cannot make Tandem hammer the platform).
func (s *Service) platformKeys(ctx context.Context, url string) (keyfunc.Keyfunc, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k, ok := s.sets[url]; ok {
		return k, nil
	}
	noErr := true
	k, err := keyfunc.NewDefaultOverrideCtx(s.ctx, []string{url}, keyfunc.Override{
		Client: s.client, HTTPTimeout: 10 * time.Second, RefreshInterval: time.Hour,
		RefreshUnknownKID: rate.NewLimiter(rate.Every(time.Minute), 1), RateLimitWaitMax: time.Millisecond,
		NoErrorReturnFirstHTTPReq: &noErr,
	})
	if err != nil {
		return nil, fmt.Errorf("platform key set %s: %w", url, err)
	}
	s.sets[url] = k
	return k, nil
}
