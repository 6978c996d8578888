package lti

import (
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

// The claims of an LTI 1.3 resource link launch (LTI Core 1.3 §5.3, §5.4).
const (
	claimPrefix         = "https://purl.imsglobal.org/spec/lti/claim/"
	MessageResourceLink = "LtiResourceLinkRequest"
	MessageDeepLinking  = "LtiDeepLinkingRequest"
	Version             = "1.3.0"
	roleMembership      = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
)

// LaunchClaims are the id_token's claims Tandem reads.
type LaunchClaims struct {
	jwt.RegisteredClaims
	AuthorizedParty string `json:"azp,omitempty"`
	Nonce           string `json:"nonce"`
	Name            string `json:"name"`
	GivenName       string `json:"given_name"`
	FamilyName      string `json:"family_name"`
	Email           string `json:"email"`
	MessageType     string `json:"https://purl.imsglobal.org/spec/lti/claim/message_type"`
	Version         string `json:"https://purl.imsglobal.org/spec/lti/claim/version"`
	DeploymentID    string `json:"https://purl.imsglobal.org/spec/lti/claim/deployment_id"`
	TargetLinkURI   string `json:"https://purl.imsglobal.org/spec/lti/claim/target_link_uri"`
	ResourceLink    *struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"https://purl.imsglobal.org/spec/lti/claim/resource_link"`
	Roles   []string `json:"https://purl.imsglobal.org/spec/lti/claim/roles"`
	Context *struct {
		ID    string `json:"id"`
		Label string `json:"label"`
		Title string `json:"title"`
	} `json:"https://purl.imsglobal.org/spec/lti/claim/context"`
	Custom      map[string]any       `json:"https://purl.imsglobal.org/spec/lti/claim/custom"`
	DeepLinking *DeepLinkingSettings `json:"https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"`
	Grades      *GradeService        `json:"https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"`
	Roster      *RosterService       `json:"https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"`
}

// GradeService is the Assignment and Grade Services claim (LTI AGS 2.0 §3.1): the course's
// line items, the launch's own line item, and the scopes the platform grants.
type GradeService struct {
	Scope     []string `json:"scope"`
	LineItems string   `json:"lineitems"`
	LineItem  string   `json:"lineitem"`
}

// RosterService is the Names and Role Provisioning Services claim (LTI NRPS 2.0 §3.6.1).
type RosterService struct {
	MembershipsURL string   `json:"context_memberships_url"`
	Versions       []string `json:"service_versions"`
}

// DeepLinkingSettings are what a deep-linking request asks for (LTI Deep Linking 2.0 §4.4.1).
type DeepLinkingSettings struct {
	ReturnURL      string   `json:"deep_link_return_url"`
	AcceptTypes    []string `json:"accept_types"`
	AcceptMultiple *bool    `json:"accept_multiple"`
	Data           string   `json:"data"`
}

// teaches says whether the roles make the user a teacher of the course: an Instructor (a
// teaching assistant is a sub-role of it) or a course Administrator.
func teaches(roles []string) bool {
	for _, r := range roles {
		if strings.HasPrefix(r, roleMembership+"Instructor") || r == roleMembership+"Administrator" ||
			strings.HasPrefix(r, "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#") {
			return true
		}
	}
	return false
}

// learns says whether the roles make the user a learner of the course.
func learns(roles []string) bool {
	for _, r := range roles {
		if r == roleMembership+"Learner" || strings.HasPrefix(r, "http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#") {
			return true
		}
	}
	return false
}

// custom returns a custom parameter as text.
func (c *LaunchClaims) custom(name string) string {
	v, _ := c.Custom[name].(string)
	return strings.TrimSpace(v)
}

// displayName is the user's name as the platform sends it.
func (c *LaunchClaims) displayName() string {
	if n := strings.TrimSpace(c.Name); n != "" {
		return n
	}
	return strings.TrimSpace(strings.TrimSpace(c.GivenName) + " " + strings.TrimSpace(c.FamilyName))
}
