package lti

import (
	"context"
	"errors"
	"net/http"
	"regexp"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// RosterStore is what syncing a platform course's roster needs from the database.
type RosterStore interface {
	LTIContextServiceOf(ctx context.Context, registrationID, contextID string) (*models.LTIContextService, error)
	SyncLTIRoster(ctx context.Context, actorID, cohortID, registrationID, issuer string, roster []models.LTIRosterEntry) (*models.LTIRosterResult, error)
}

// RosterPerson is someone a roster sync names.
type RosterPerson struct {
	UserID string `json:"user_id,omitempty"`
	Name   string `json:"name"`
	Role   string `json:"role"`
}

// RosterReport is what a roster sync did: who joined the cohort, who waits for their first
// launch (Tandem makes no account for someone who never opened it), and the members the
// platform no longer lists (they stay until an instructor removes them).
type RosterReport struct {
	OnRoster         int            `json:"on_roster"`
	Joined           []RosterPerson `json:"joined"`
	InstructorsAdded []RosterPerson `json:"instructors_added"`
	Waiting          []RosterPerson `json:"waiting"`
	NoLongerOnRoster []RosterPerson `json:"no_longer_on_roster"`
	Ignored          int            `json:"ignored"`
}

// rosterMember is a member of an NRPS membership container (LTI NRPS 2.0 §2.2).
type rosterMember struct {
	UserID string   `json:"user_id"`
	Name   string   `json:"name"`
	Given  string   `json:"given_name"`
	Family string   `json:"family_name"`
	Roles  []string `json:"roles"`
	Status string   `json:"status"`
}

// maxRosterPages bounds how many pages of a roster Tandem follows.
const maxRosterPages = 50

var nextLink = regexp.MustCompile(`<([^>]+)>\s*;\s*rel="?next"?`)

// SyncRoster reads the roster of the platform course a cohort is linked to (Names and Role
// Provisioning Services) and places the people Tandem knows in the cohort in their role.
func (s *Service) SyncRoster(ctx context.Context, caller auth.Caller, cohortID string) (*RosterReport, error) {
	link, err := s.linkedCohort(ctx, caller, cohortID)
	if err != nil {
		return nil, err
	}
	cs, err := s.store.LTIContextServiceOf(ctx, link.RegistrationID, link.ContextID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && cs.MembershipsURL == "") {
		return nil, errs.Conflict("lti_roster_unavailable", "The platform's course offers no roster service (Names and Role Provisioning) to Tandem.")
	}
	if err != nil {
		return nil, err
	}
	reg, err := s.store.LTIRegistrationByID(ctx, link.RegistrationID)
	if err != nil {
		return nil, err
	}
	members, err := s.fetchRoster(ctx, reg, cs.MembershipsURL)
	if err != nil {
		return nil, err
	}
	return s.placeRoster(ctx, caller.ID, cohortID, reg, members)
}

// fetchRoster reads every page of a course's roster.
func (s *Service) fetchRoster(ctx context.Context, reg *models.LTIRegistration, url string) ([]rosterMember, error) {
	var all []rosterMember
	for page := 0; url != "" && page < maxRosterPages; page++ {
		var container struct {
			Members []rosterMember `json:"members"`
		}
		h, err := s.serviceRequest(ctx, reg, []string{ScopeMemberships}, "memberships", http.MethodGet, url, "",
			"application/vnd.ims.lti-nrps.v2.membershipcontainer+json", nil, &container)
		var pe *platformError
		if errors.As(err, &pe) {
			return nil, errs.New(http.StatusBadGateway, "lti_platform_refused", pe.Error())
		}
		if err != nil {
			return nil, errs.New(http.StatusBadGateway, "lti_platform_unreachable", "The platform's roster service could not be reached: "+err.Error())
		}
		all = append(all, container.Members...)
		url = ""
		if m := nextLink.FindStringSubmatch(h.Get("Link")); m != nil && httpURL(m[1], false) {
			url = m[1]
		}
	}
	return all, nil
}

// placeRoster maps the roster's active members to roles and syncs them into the cohort.
func (s *Service) placeRoster(ctx context.Context, callerID, cohortID string, reg *models.LTIRegistration, members []rosterMember) (*RosterReport, error) {
	rep := &RosterReport{Joined: []RosterPerson{}, InstructorsAdded: []RosterPerson{}, Waiting: []RosterPerson{}, NoLongerOnRoster: []RosterPerson{}}
	var entries []models.LTIRosterEntry
	names := map[string]string{}
	for _, m := range members {
		instructor := teaches(m.Roles)
		if m.UserID == "" || len(m.UserID) > 255 || (m.Status != "" && m.Status != "Active") || (!instructor && !learns(m.Roles)) {
			rep.Ignored++
			continue
		}
		entries = append(entries, models.LTIRosterEntry{Subject: m.UserID, Instructor: instructor})
		c := LaunchClaims{Name: m.Name, GivenName: m.Given, FamilyName: m.Family}
		names[m.UserID] = clip(c.displayName(), 200)
	}
	rep.OnRoster = len(entries)
	res, err := s.store.SyncLTIRoster(ctx, callerID, cohortID, reg.ID, reg.Issuer, entries)
	if err != nil {
		return nil, err
	}
	ids := append(append(append([]string{}, res.Joined...), res.InstructorsAdded...), res.Removed...)
	userNames, err := s.userNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	person := func(id, role string) RosterPerson { return RosterPerson{UserID: id, Name: userNames[id], Role: role} }
	for _, id := range res.Joined {
		rep.Joined = append(rep.Joined, person(id, "learner"))
	}
	for _, id := range res.InstructorsAdded {
		rep.InstructorsAdded = append(rep.InstructorsAdded, person(id, "instructor"))
	}
	for _, id := range res.Removed {
		rep.NoLongerOnRoster = append(rep.NoLongerOnRoster, person(id, "learner"))
	}
	for _, e := range entries {
		if res.Linked[e.Subject] == "" {
			role := "learner"
			if e.Instructor {
				role = "instructor"
			}
			rep.Waiting = append(rep.Waiting, RosterPerson{Name: names[e.Subject], Role: role})
		}
	}
	return rep, nil
}
