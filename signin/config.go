package signin

import (
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// ProviderConfig is one identity provider as the operator configures it (TANDEM_OIDC_PROVIDERS
// or TANDEM_OIDC_PROVIDERS_FILE, a JSON array of these).
type ProviderConfig struct {
	ID           string `json:"id"`            // in Tandem's URLs: /auth/oidc/<id>/start
	Name         string `json:"name"`          // on the sign-in button and as new accounts' institution
	Issuer       string `json:"issuer"`        // the provider's issuer URL (discovery at /.well-known/openid-configuration)
	ClientID     string `json:"client_id"`     // the client id the provider gave Tandem
	ClientSecret string `json:"client_secret"` // its secret
	// Domains, when set, admit only users whose verified email address is at one of these
	// domains (exactly: list subdomains separately).
	Domains []string `json:"domains"`
	// OnlyWay makes this provider the only way to sign in for addresses at Domains: Tandem's
	// password log-in and registration refuse them.
	OnlyWay bool `json:"only_way_for_domains"`
	// TrustEmail takes the provider's email address as verified when the provider sends no
	// email_verified claim at all (Microsoft Entra ID sends none); an explicit false is refused.
	TrustEmail bool `json:"trust_email_without_claim"`
}

var providerID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// ParseProviders reads and checks the providers' JSON; empty text means no providers.
func ParseProviders(raw string) ([]ProviderConfig, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	var out []ProviderConfig
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("OIDC providers: %w", err)
	}
	seen := map[string]bool{}
	for i := range out {
		p := &out[i]
		if err := p.check(); err != nil {
			return nil, fmt.Errorf("OIDC provider %d (%q): %w", i+1, p.ID, err)
		}
		if seen[p.ID] {
			return nil, fmt.Errorf("OIDC provider id %q is used twice", p.ID)
		}
		seen[p.ID] = true
	}
	return out, nil
}

func (p *ProviderConfig) check() error {
	p.Issuer = strings.TrimSpace(p.Issuer)
	switch {
	case !providerID.MatchString(p.ID):
		return fmt.Errorf("id must be lower-case letters, digits and dashes")
	case strings.TrimSpace(p.Name) == "":
		return fmt.Errorf("name is required")
	case p.ClientID == "":
		return fmt.Errorf("client_id is required")
	case !secureURL(p.Issuer):
		return fmt.Errorf("issuer must be an https URL (http only on loopback)")
	case p.OnlyWay && len(p.Domains) == 0:
		return fmt.Errorf("only_way_for_domains needs domains")
	}
	for i, d := range p.Domains {
		d = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(d, "@")))
		if d == "" || strings.ContainsAny(d, "@/ ") {
			return fmt.Errorf("domain %q is not a domain name", p.Domains[i])
		}
		p.Domains[i] = d
	}
	return nil
}

// secureURL reports whether raw is https, or http on a loopback address (for tests and
// development).
func secureURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	if u.Scheme == "https" {
		return true
	}
	ip := net.ParseIP(u.Hostname())
	return u.Scheme == "http" && (u.Hostname() == "localhost" || (ip != nil && ip.IsLoopback()))
}

// admits reports whether the provider's domain rule lets email in.
func (p *ProviderConfig) admits(email string) bool {
	return len(p.Domains) == 0 || slices.Contains(p.Domains, domainOf(email))
}

func domainOf(email string) string {
	at := strings.LastIndex(email, "@")
	if at < 0 {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(email[at+1:]))
}
