// Package cohorts runs cohorts: instructors create them, invite learners (who join only by
// accepting, or with a join code), add co-instructors, choose the joint exercises its teams
// work on and read the progress dashboard, teams' work included. Instructors see a learner's
// records only from the day the learner joined, and only for the cohort's tracks and teams.
// The teams' own work (forming teams, submissions, reviews, peer ratings) is package teamwork.
package cohorts

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/auth"
	"tandem/courses"
	"tandem/errs"
	"tandem/models"
	"tandem/textinput"
)

// Store is what cohorts need from the database, one small interface per concern.
type Store interface {
	cohortStore
	dashboardStore
	membershipStore
	learnerStore
}

// cohortStore creates cohorts, changes their settings and exercises, and says who teaches them.
type cohortStore interface {
	CreateCohort(ctx context.Context, c *models.Cohort) error
	CohortByID(ctx context.Context, id string) (*models.Cohort, error)
	CohortRole(ctx context.Context, cohortID, userID string) (string, error)
	CohortsOf(ctx context.Context, userID string) ([]models.Cohort, error)
	AddCohortInstructor(ctx context.Context, actorID, cohortID, userID string) error
	UsersByEmails(ctx context.Context, emails []string) ([]models.User, error)
	UpdateCohort(ctx context.Context, actorID string, c *models.Cohort) error
	CohortExercises(ctx context.Context, cohortID string) ([]models.CohortExercise, error)
	SetCohortExercises(ctx context.Context, actorID, cohortID string, list []models.CohortExercise) error
	TeamExtraDays(ctx context.Context, cohortID string) (map[string]int, error)
}

// dashboardStore reads what the progress dashboard shows: learners' records and events, and
// the teams' latest work and peer ratings.
type dashboardStore interface {
	CohortCounts(ctx context.Context, cohortID string) ([]models.CohortCount, error)
	CohortProgressPage(ctx context.Context, cohortID string, q models.ProgressQuery) ([]models.ProgressRow, int, error)
	CohortProgressCells(ctx context.Context, cohortID string, userIDs []string) ([]models.CohortProgressCell, error)
	TeamIDsOf(ctx context.Context, cohortID string, userIDs []string) ([]string, error)
	CohortExercisesSent(ctx context.Context, cohortID string, exercises []string) ([]string, error)
	CohortEvents(ctx context.Context, cohortID, after string, limit int) ([]models.ProgressEvent, error)
	CohortTeamWork(ctx context.Context, cohortID string, teams []string) ([]models.TeamWork, error)
	TeamPlaces(ctx context.Context, cohortID string, teams []string, each func(userID, teamID, teamName string)) error
	CohortPeerTotals(ctx context.Context, cohortID string, teams []string) ([]models.PeerTotal, error)
}

// membershipStore is what invitations, join codes and leaving need from the database.
type membershipStore interface {
	UserByID(ctx context.Context, id string) (*models.User, error)
	SaveInvitations(ctx context.Context, actorID, cohortID string, rows []models.CohortInvitation, mailFor func(models.CohortInvitation) *models.OutboxMail) error
	CohortInvitations(ctx context.Context, cohortID string) ([]models.CohortInvitation, error)
	InvitationByID(ctx context.Context, id string) (*models.CohortInvitation, error)
	InvitationByTokenHash(ctx context.Context, hash string) (*models.CohortInvitation, error)
	PendingInvitations(ctx context.Context, email string, now time.Time) ([]models.CohortInvitation, error)
	AnswerInvitation(ctx context.Context, id, userID string, accept bool) error
	RevokeInvitation(ctx context.Context, actorID, cohortID, id string) error
	SetJoinCode(ctx context.Context, code *models.CohortJoinCode) error
	DeleteJoinCode(ctx context.Context, actorID, cohortID string) error
	JoinCodeOf(ctx context.Context, cohortID string) (*models.CohortJoinCode, error)
	JoinCodeByHash(ctx context.Context, hash string) (*models.CohortJoinCode, error)
	JoinByCode(ctx context.Context, hash, userID string) (string, error)
	CohortMembers(ctx context.Context, cohortID string) ([]models.Member, error)
	LeaveCohort(ctx context.Context, cohortID, userID string) error
	HitRateLimit(ctx context.Context, key string, window time.Duration) (int, time.Time, error)
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Service runs cohorts.
type Service struct {
	store     Store
	catalog   *courses.Catalog
	baseURL   string
	notices   Notifier
	codeTries models.Limit // join-code lookups and redemptions per user, so codes cannot be guessed
	now       func() time.Time
}

// NewService returns the cohort service; invitation mails link to the web UI at baseURL, and
// notices tells people with an account of their invitations.
func NewService(store Store, catalog *courses.Catalog, baseURL string, notices Notifier, codeTries models.Limit) *Service {
	return &Service{store: store, catalog: catalog, baseURL: baseURL, notices: notices, codeTries: codeTries, now: func() time.Time { return time.Now().UTC() }}
}

// Caller is who is asking.
type Caller = auth.Caller

// Cohort is a cohort as the API shows it.
type Cohort struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Tracks    []string  `json:"tracks"`
	StartsOn  string    `json:"starts_on,omitempty"`
	EndsOn    string    `json:"ends_on,omitempty"`
	TimeZone  string    `json:"time_zone"`
	OwnerID   string    `json:"owner_id"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

func view(c *models.Cohort, role string) Cohort {
	tracks := make([]string, 0, len(c.Tracks))
	for _, t := range c.Tracks {
		tracks = append(tracks, t.TrackSlug)
	}
	slices.Sort(tracks)
	return Cohort{ID: c.ID, Name: c.Name, Tracks: tracks, StartsOn: c.StartsOn, EndsOn: c.EndsOn, TimeZone: c.TimeZone,
		OwnerID: c.OwnerID, Role: role, CreatedAt: c.CreatedAt}
}

// NewCohort is what an instructor sends to create a cohort.
type NewCohort struct {
	Name     string
	Tracks   []string
	StartsOn string
	EndsOn   string
	TimeZone string // IANA name; UTC when empty
}

// Create makes a cohort with the caller as its instructor.
func (s *Service) Create(ctx context.Context, caller Caller, in NewCohort) (*Cohort, error) {
	if in.TimeZone == "" {
		in.TimeZone = "UTC"
	}
	name := strings.TrimSpace(in.Name)
	fields := settingsErrors(name, in.StartsOn, in.EndsOn, in.TimeZone)
	if len(in.Tracks) == 0 {
		fields["tracks"] = "must name at least one track"
	}
	seen := map[string]bool{}
	var tracks []models.CohortTrack
	for _, t := range in.Tracks {
		if _, ok := s.catalog.Track(t); !ok || seen[t] {
			fields["tracks"] = "must be distinct slugs of catalogue tracks"
			continue
		}
		seen[t] = true
		tracks = append(tracks, models.CohortTrack{TrackSlug: t})
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	c := &models.Cohort{Name: name, OwnerID: caller.ID, StartsOn: in.StartsOn, EndsOn: in.EndsOn, TimeZone: in.TimeZone, Tracks: tracks}
	if err := s.store.CreateCohort(ctx, c); err != nil {
		return nil, err
	}
	v := view(c, "instructor")
	return &v, nil
}

// settingsErrors checks a cohort's name, dates and time zone, per field.
func settingsErrors(name, startsOn, endsOn, timeZone string) map[string]string {
	fields := map[string]string{}
	switch {
	case name == "" || utf8.RuneCountInString(name) > 200:
		fields["name"] = errs.Reason("reason.chars_range", map[string]any{"Min": 1, "Max": 200})
	case textinput.NameProblem(name) != "":
		fields["name"] = textinput.NameProblem(name)
	}
	for field, v := range map[string]string{"starts_on": startsOn, "ends_on": endsOn} {
		if _, err := time.Parse(time.DateOnly, v); v != "" && err != nil {
			fields[field] = "must be a date like 2027-02-01"
		}
	}
	if startsOn != "" && endsOn != "" && endsOn < startsOn {
		fields["ends_on"] = "must not be before starts_on"
	}
	if _, err := time.LoadLocation(timeZone); err != nil || timeZone == "" || timeZone == "Local" {
		fields["time_zone"] = "must be a time zone name like Europe/Berlin"
	}
	return fields
}

// CohortChange is what an instructor changes in a cohort's settings; nil fields stay.
type CohortChange struct {
	Name, StartsOn, EndsOn, TimeZone *string
}

// Update changes a cohort's name, dates or time zone, for its instructors.
func (s *Service) Update(ctx context.Context, caller Caller, cohortID string, in CohortChange) (*Cohort, error) {
	c, _, err := s.Access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	if in.Name != nil {
		c.Name = strings.TrimSpace(*in.Name)
	}
	if in.StartsOn != nil {
		c.StartsOn = *in.StartsOn
	}
	if in.EndsOn != nil {
		c.EndsOn = *in.EndsOn
	}
	if in.TimeZone != nil {
		c.TimeZone = *in.TimeZone
	}
	if fields := settingsErrors(c.Name, c.StartsOn, c.EndsOn, c.TimeZone); len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	if err := s.store.UpdateCohort(ctx, caller.ID, c); err != nil {
		return nil, err
	}
	v := view(c, "instructor")
	return &v, nil
}

// Mine lists the cohorts the caller teaches or belongs to.
func (s *Service) Mine(ctx context.Context, caller Caller) ([]Cohort, error) {
	rows, err := s.store.CohortsOf(ctx, caller.ID)
	if err != nil {
		return nil, err
	}
	out := make([]Cohort, 0, len(rows))
	for i := range rows {
		role, err := s.store.CohortRole(ctx, rows[i].ID, caller.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, view(&rows[i], role))
	}
	return out, nil
}

// Get returns a cohort the caller teaches or belongs to.
func (s *Service) Get(ctx context.Context, caller Caller, id string) (*Cohort, error) {
	c, role, err := s.Access(ctx, caller, id, false)
	if err != nil {
		return nil, err
	}
	v := view(c, role)
	return &v, nil
}

// Access loads a cohort and checks the caller may see it: its instructors and admins always;
// members unless instructorOnly. Anyone else gets 404, so cohorts are not discoverable.
func (s *Service) Access(ctx context.Context, caller Caller, cohortID string, instructorOnly bool) (*models.Cohort, string, error) {
	c, err := s.store.CohortByID(ctx, cohortID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, "", errs.NotFound("Cohort")
	}
	if err != nil {
		return nil, "", err
	}
	role, err := s.store.CohortRole(ctx, cohortID, caller.ID)
	if err != nil {
		return nil, "", err
	}
	switch {
	case role == "instructor", caller.IsAdmin():
		return c, "instructor", nil
	case role == "member" && instructorOnly:
		return nil, "", errs.Forbidden("Only the cohort's instructors may do this.")
	case role == "member":
		return c, role, nil
	}
	return nil, "", errs.NotFound("Cohort")
}

// Added is the answer of the route that used to add learners by email and now invites them:
// the addresses invited. Added and Unknown stay, always empty, for clients that read them.
type Added struct {
	Invited   []string  `json:"invited"`
	ExpiresAt time.Time `json:"expires_at"`
	Added     []string  `json:"added"`
	Unknown   []string  `json:"unknown"`
}

// AddMembers invites learners by email (see Invite); repeated addresses count once.
func (s *Service) AddMembers(ctx context.Context, caller Caller, cohortID string, emails []string) (*Added, error) {
	list := make([]Invitee, len(emails))
	for i, e := range emails {
		list[i] = Invitee{Email: e}
	}
	res, err := s.inviteList(ctx, caller, cohortID, list, func(i int) string { return "emails." + strconv.Itoa(i) })
	if err != nil {
		return nil, err
	}
	return &Added{Invited: res.Invited, ExpiresAt: res.ExpiresAt, Added: []string{}, Unknown: []string{}}, nil
}

// AddInstructor makes another instructor a co-instructor of the cohort.
func (s *Service) AddInstructor(ctx context.Context, caller Caller, cohortID, email string) error {
	if _, _, err := s.Access(ctx, caller, cohortID, true); err != nil {
		return err
	}
	users, err := s.store.UsersByEmails(ctx, []string{normalEmail(email)})
	if err != nil {
		return err
	}
	if len(users) != 1 {
		return errs.Invalid(map[string]string{"email": "belongs to no account"})
	}
	if users[0].Role != auth.RoleInstructor && users[0].Role != auth.RoleAdmin {
		return errs.Invalid(map[string]string{"email": "belongs to an account that is not an instructor"})
	}
	return s.store.AddCohortInstructor(ctx, caller.ID, cohortID, users[0].ID)
}
