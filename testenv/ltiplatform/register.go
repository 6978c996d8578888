package ltiplatform

import (
	"encoding/json"
	"net/http"
)

// RegistrationToken is the token the platform hands the tool's registration URL and expects
// back at its registration endpoint (LTI Dynamic Registration §3.3).
const RegistrationToken = "platform-registration-token"

// ToolRegistrations are the client registrations tools posted, as posted.
func (p *Platform) ToolRegistrations() []map[string]any {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]map[string]any(nil), p.registered...)
}

// ConfigurationURL is the platform's OpenID configuration.
func (p *Platform) ConfigurationURL() string { return p.Issuer + "/.well-known/openid-configuration" }

func (p *Platform) registrationRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /.well-known/openid-configuration", p.openIDConfiguration)
	mux.HandleFunc("POST /register", p.registerTool)
}

func (p *Platform) openIDConfiguration(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"issuer": p.Issuer, "authorization_endpoint": p.Issuer + "/auth", "token_endpoint": p.Issuer + "/token",
		"jwks_uri": p.Issuer + "/jwks", "registration_endpoint": p.Issuer + "/register",
		"token_endpoint_auth_methods_supported": []string{"private_key_jwt"}, "scopes_supported": []string{"openid", ScopeLineItem, ScopeScore, ScopeMemberships},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"https://purl.imsglobal.org/spec/lti-platform-configuration": map[string]any{"product_family_code": "testplatform", "version": "1.0",
			"messages_supported": []map[string]string{{"type": "LtiResourceLinkRequest"}, {"type": "LtiDeepLinkingRequest"}}},
	})
}

// registerTool takes a tool's client registration with the registration token and answers
// with the platform's client id and deployment id.
func (p *Platform) registerTool(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+RegistrationToken {
		http.Error(w, "registration token required", http.StatusUnauthorized)
		return
	}
	var reg map[string]any
	if err := json.NewDecoder(r.Body).Decode(&reg); err != nil || reg["initiate_login_uri"] == nil || reg["jwks_uri"] == nil {
		http.Error(w, "a registration needs initiate_login_uri and jwks_uri", http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	p.registered = append(p.registered, reg)
	p.mu.Unlock()
	reg["client_id"] = p.ClientID
	reg["https://purl.imsglobal.org/spec/lti-tool-configuration"] = map[string]any{"deployment_id": p.DeploymentID}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(reg)
}
