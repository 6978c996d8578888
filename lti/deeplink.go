package lti

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"tandem/auth"
	"tandem/errs"
	"tandem/keys"
	"tandem/models"
)

// DeepLinkTTL is how long an instructor has to pick what a deep-linking request adds.
const DeepLinkTTL = time.Hour

// validDeepLinking accepts settings with an https (or loopback) return URL that take resource
// links.
func validDeepLinking(d *DeepLinkingSettings) bool {
	return d != nil && httpURL(d.ReturnURL, false) && len(d.ReturnURL) <= 2000 && slices.Contains(d.AcceptTypes, "ltiResourceLink")
}

// deepLinkRequest is the request to keep for a deep-linking launch; nil for other launches. A
// platform that does not say it takes several items gets one.
func deepLinkRequest(c *LaunchClaims) *models.LTIDeepLink {
	if c.MessageType != MessageDeepLinking {
		return nil
	}
	d := c.DeepLinking
	return &models.LTIDeepLink{DeploymentID: c.DeploymentID, ContextID: c.Context.ID, ReturnURL: d.ReturnURL, Data: d.Data,
		AcceptMultiple: d.AcceptMultiple != nil && *d.AcceptMultiple, ExpiresAt: time.Now().UTC().Add(DeepLinkTTL)}
}

// Pickable is a module or quiz an instructor can add to their course.
type Pickable struct {
	Kind  string `json:"kind"`
	Slug  string `json:"slug"`
	Title string `json:"title"`
	Track string `json:"track"`
}

// DeepLinkView is an open deep-linking request with what can be picked.
type DeepLinkView struct {
	ID             string     `json:"id"`
	AcceptMultiple bool       `json:"accept_multiple"`
	Items          []Pickable `json:"items"`
}

// Pick names a module or a quiz.
type Pick struct{ Kind, Slug string }

// DeepLinkAnswer is the signed response and where the browser posts it (as the form field JWT).
type DeepLinkAnswer struct {
	ReturnURL string `json:"return_url"`
	JWT       string `json:"jwt"`
}

var errDeepLinkSpent = errs.New(http.StatusGone, "lti_deep_link_spent", "This choice was made already or has expired. Start again from your course.")

// openDeepLink returns the caller's unanswered, unexpired request.
func (s *Service) openDeepLink(ctx context.Context, caller auth.Caller, id string) (*models.LTIDeepLink, error) {
	d, err := s.store.LTIDeepLinkByID(ctx, id)
	if errors.Is(err, models.ErrNotFound) || (err == nil && d.UserID != caller.ID) {
		return nil, errs.NotFound("Deep link")
	}
	if err != nil {
		return nil, err
	}
	if d.UsedAt != nil || !d.ExpiresAt.After(time.Now()) {
		return nil, errDeepLinkSpent
	}
	return d, nil
}

// DeepLink shows the caller's open request with every module and quiz of the catalogue.
func (s *Service) DeepLink(ctx context.Context, caller auth.Caller, id string) (*DeepLinkView, error) {
	d, err := s.openDeepLink(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	v := &DeepLinkView{ID: d.ID, AcceptMultiple: d.AcceptMultiple, Items: []Pickable{}}
	for _, m := range s.catalog.Modules() {
		v.Items = append(v.Items, Pickable{Kind: "module", Slug: m.Slug, Title: m.Title, Track: m.Track.Slug})
		if m.Quiz != nil {
			v.Items = append(v.Items, Pickable{Kind: "quiz", Slug: m.Quiz.Slug, Title: m.Quiz.Title, Track: m.Track.Slug})
		}
	}
	return v, nil
}

// AnswerDeepLink signs the response that adds picks to the platform's course, with Tandem's
// tool key, and spends the request.
func (s *Service) AnswerDeepLink(ctx context.Context, caller auth.Caller, id string, picks []Pick) (*DeepLinkAnswer, error) {
	d, err := s.openDeepLink(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	items, lineItems, err := s.contentItems(picks, d.AcceptMultiple)
	if err != nil {
		return nil, err
	}
	reg, err := s.store.LTIRegistrationByID(ctx, d.RegistrationID)
	if err != nil {
		return nil, err
	}
	key, err := s.ring.Signing(ctx, ToolPurpose, keys.RS256)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	claims := jwt.MapClaims{"iss": reg.ClientID, "aud": reg.Issuer, "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(),
		"nonce": randomString(), "https://purl.imsglobal.org/spec/lti/claim/deployment_id": d.DeploymentID,
		"https://purl.imsglobal.org/spec/lti/claim/message_type":     "LtiDeepLinkingResponse",
		"https://purl.imsglobal.org/spec/lti/claim/version":          Version,
		"https://purl.imsglobal.org/spec/lti-dl/claim/content_items": items}
	if d.Data != "" {
		claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] = d.Data
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = key.ID
	signed, err := tok.SignedString(key.Private)
	if err != nil {
		return nil, err
	}
	if err := s.store.AnswerLTIDeepLink(ctx, d.ID); errors.Is(err, models.ErrTokenSpent) {
		return nil, errDeepLinkSpent
	} else if err != nil {
		return nil, err
	}
	if d.ContextID != "" {
		for i := range lineItems {
			lineItems[i].RegistrationID, lineItems[i].ContextID = d.RegistrationID, d.ContextID
		}
		if err := s.store.AddLTILineItems(ctx, lineItems); err != nil {
			return nil, err
		}
	}
	return &DeepLinkAnswer{ReturnURL: d.ReturnURL, JWT: signed}, nil
}

// contentItems turns picks into resource links to their pages in Tandem, each with the line
// item the platform makes for its grade, and returns those line items too.
func (s *Service) contentItems(picks []Pick, multiple bool) ([]map[string]any, []models.LTILineItem, error) {
	if len(picks) == 0 || len(picks) > 50 || (!multiple && len(picks) > 1) {
		return nil, nil, errs.Invalid(map[string]string{"items": "pick 1 item, or up to 50 where the platform accepts several"})
	}
	items := make([]map[string]any, 0, len(picks))
	var lineItems []models.LTILineItem
	for _, p := range picks {
		var title, path string
		switch p.Kind {
		case "module":
			if m, ok := s.catalog.Module(p.Slug); ok {
				title, path = m.Title, "/modules/"+m.Slug
			}
		case "quiz":
			if q, ok := s.catalog.Quiz(p.Slug); ok {
				title, path = q.Title, "/quizzes/"+q.Slug
			}
		}
		if path == "" {
			return nil, nil, errs.Invalid(map[string]string{"items": errs.Reason("reason.deep_link_unknown", map[string]any{"Kind": p.Kind, "Slug": p.Slug})})
		}
		res := resourceOf(path)
		label, maximum := gradable(s.catalog, res)
		items = append(items, map[string]any{"type": "ltiResourceLink", "title": title, "url": s.baseURL + path,
			"custom":   map[string]string{"tandem_path": path},
			"lineItem": map[string]any{"scoreMaximum": maximum, "label": label, "resourceId": res, "tag": p.Kind}})
		lineItems = append(lineItems, models.LTILineItem{ResourceID: res, Label: label, ScoreMaximum: maximum})
	}
	return items, lineItems, nil
}

// ReturnURL checks that raw is a response Tandem signed for the answered request id and
// returns where the browser posts it.
func (s *Service) ReturnURL(ctx context.Context, id, raw string) (string, error) {
	ks, err := s.ring.Keys(ctx, ToolPurpose)
	if err != nil {
		return "", err
	}
	claims := jwt.MapClaims{}
	_, err = jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		for _, k := range ks {
			if k.ID == t.Header["kid"] {
				return k.Public, nil
			}
		}
		return nil, errors.New("unknown kid")
	}, jwt.WithValidMethods([]string{"RS256"}), jwt.WithExpirationRequired())
	notOurs := errs.Invalid(map[string]string{"jwt": "is not the response Tandem signed for this request"})
	if err != nil {
		return "", notOurs
	}
	d, err := s.store.LTIDeepLinkByID(ctx, id)
	if errors.Is(err, models.ErrNotFound) || (err == nil && d.UsedAt == nil) {
		return "", errs.NotFound("Deep link")
	}
	if err != nil {
		return "", err
	}
	if claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] != d.DeploymentID {
		return "", notOurs
	}
	return d.ReturnURL, nil
}
