package attempts

import (
	"context"
	"errors"
	"time"

	"tandem/auth"
	"tandem/courses"
	"tandem/errs"
	"tandem/models"
	"tandem/notifications"
)

// AccommodationStore is what setting accommodations needs from the database.
type AccommodationStore interface {
	CohortRole(ctx context.Context, cohortID, userID string) (string, error)
	UserByID(ctx context.Context, id string) (*models.User, error)
	SetAccommodation(ctx context.Context, a *models.Accommodation) error
	AccommodationByID(ctx context.Context, id string) (*models.Accommodation, error)
	DeleteAccommodation(ctx context.Context, a *models.Accommodation, actorID string) error
	Accommodations(ctx context.Context, cohortID string) ([]models.Accommodation, error)
	AttemptByIDForStaff(ctx context.Context, id string) (*models.QuizAttempt, error)
	ExtendAttempt(ctx context.Context, a *models.QuizAttempt, d time.Duration, actorID string) error
	OpenTimedAttempts(ctx context.Context, cohortID string, now time.Time) ([]models.QuizAttempt, error)
	UsersByIDs(ctx context.Context, ids []string) ([]models.User, error)
	CohortLearners(ctx context.Context, cohortID string) ([]models.User, error)
	UsersByEmails(ctx context.Context, emails []string) ([]models.User, error)
	AccommodationsForLearner(ctx context.Context, userID string) ([]models.Accommodation, error)
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Granter tells learners of an accommodation made for them, in the transaction ctx carries.
type Granter interface {
	AccommodationGranted(ctx context.Context, userIDs []string, a notifications.Allowance) error
}

// Accommodations sets learners' extra time and attempts: a cohort's instructors for its
// members or the whole cohort, admins also for a learner across the platform.
type Accommodations struct {
	store   AccommodationStore
	catalog *courses.Catalog
	granter Granter
}

// NewAccommodations returns the service over store and the catalogue's quizzes; granter tells
// learners of what is set for them.
func NewAccommodations(store AccommodationStore, catalog *courses.Catalog, granter Granter) *Accommodations {
	return &Accommodations{store: store, catalog: catalog, granter: granter}
}

// Accommodation is one accommodation as the API shows it.
type Accommodation struct {
	ID        string `json:"id"`
	Cohort    string `json:"cohort,omitempty"`
	User      string `json:"user,omitempty"`
	Quiz      string `json:"quiz,omitempty"`
	QuizTitle string `json:"quiz_title,omitempty"`
	// UserName names the learner of an accommodation across the platform, for admins.
	UserName string `json:"user_name,omitempty"`
	Grant
	Note      string    `json:"note"`
	SetBy     string    `json:"set_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Grant is what an accommodation gives.
type Grant struct {
	ExtraTimePercent int `json:"extra_time_percent"`
	ExtraMinutes     int `json:"extra_minutes"`
	ExtraAttempts    int `json:"extra_attempts"`
	ExtraDays        int `json:"extra_days"`
}

// grantOf is what a gives.
func grantOf(a *models.Accommodation) Grant {
	return Grant{ExtraTimePercent: a.ExtraTimePercent, ExtraMinutes: a.ExtraMinutes, ExtraAttempts: a.ExtraAttempts, ExtraDays: a.ExtraDays}
}

// accommodationOf shows a, naming its quiz by title for people.
func (s *Accommodations) accommodationOf(a *models.Accommodation) Accommodation {
	out := Accommodation{ID: a.ID, Cohort: a.CohortID, User: a.UserID, Quiz: a.QuizSlug, Grant: grantOf(a),
		Note: a.Note, SetBy: a.SetBy, UpdatedAt: a.UpdatedAt}
	if q, ok := s.catalog.Quiz(a.QuizSlug); ok {
		out.QuizTitle = q.Title
	}
	return out
}

// mayAccommodate checks who may set or read accommodations of a cohort (its instructors and
// admins; 404 for anyone else) or across the platform (admins).
func (s *Accommodations) mayAccommodate(ctx context.Context, caller auth.Caller, cohort string) error {
	if cohort == "" {
		if caller.IsAdmin() {
			return nil
		}
		return errs.Forbidden("Only admins set accommodations across the platform; instructors set them in their cohorts.")
	}
	role, err := s.store.CohortRole(ctx, cohort, caller.ID)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	if role == "instructor" || caller.IsAdmin() {
		return nil
	}
	return errs.NotFound("Cohort")
}

// MaxExtraDays bounds how many days later a team exercise's due date may move.
const MaxExtraDays = 90

// Set stores an accommodation in, replacing the one of the same cohort, learner and quiz.
// Across the platform an admin may name the learner by email instead of id.
func (s *Accommodations) Set(ctx context.Context, caller auth.Caller, in Accommodation, email string) (*Accommodation, error) {
	if err := s.mayAccommodate(ctx, caller, in.Cohort); err != nil {
		return nil, err
	}
	if in.Cohort == "" && in.User == "" && email != "" {
		users, err := s.store.UsersByEmails(ctx, []string{email})
		if err != nil {
			return nil, err
		}
		if len(users) == 0 {
			return nil, errs.Invalid(map[string]string{"email": "is not the address of an account"})
		}
		in.User = users[0].ID
	}
	fields := map[string]string{}
	if in.Cohort == "" && in.User == "" {
		fields["user"] = "is required for an accommodation across the platform"
	}
	if in.Quiz != "" {
		if _, ok := s.catalog.Quiz(in.Quiz); !ok {
			fields["quiz"] = "is not a quiz of the catalogue"
		}
	}
	for name, v := range map[string][2]int{"extra_time_percent": {in.ExtraTimePercent, 400}, "extra_minutes": {in.ExtraMinutes, 1440}, "extra_attempts": {in.ExtraAttempts, 20}, "extra_days": {in.ExtraDays, MaxExtraDays}} {
		if v[0] < 0 || v[0] > v[1] {
			fields[name] = errs.Reason("reason.between", map[string]any{"Min": 0, "Max": v[1]})
		}
	}
	if in.ExtraDays > 0 && in.Quiz != "" {
		fields["extra_days"] = "applies to team exercises: leave quiz empty"
	}
	if len([]rune(in.Note)) > 500 {
		fields["note"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": 500})
	}
	if in.User != "" && len(fields) == 0 {
		if err := s.checkLearner(ctx, in.Cohort, in.User); err != nil {
			return nil, err
		}
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	m := &models.Accommodation{CohortID: in.Cohort, UserID: in.User, QuizSlug: in.Quiz, ExtraTimePercent: in.ExtraTimePercent,
		ExtraMinutes: in.ExtraMinutes, ExtraAttempts: in.ExtraAttempts, ExtraDays: in.ExtraDays, Note: in.Note, SetBy: caller.ID, UpdatedAt: time.Now().UTC()}
	told, err := s.learnersOf(ctx, m)
	if err != nil {
		return nil, err
	}
	out := s.accommodationOf(m)
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.SetAccommodation(ctx, m); err != nil {
			return err
		}
		if len(told) == 0 {
			return nil
		}
		return s.granter.AccommodationGranted(ctx, told, notifications.Allowance{Quiz: out.Quiz, QuizTitle: out.QuizTitle,
			ExtraTimePercent: m.ExtraTimePercent, ExtraMinutes: m.ExtraMinutes, ExtraAttempts: m.ExtraAttempts, ExtraDays: m.ExtraDays})
	})
	if err != nil {
		return nil, err
	}
	out = s.accommodationOf(m)
	return &out, nil
}

// learnersOf are the learners to tell of accommodation a: its learner, or every member of its
// cohort; none when it gives nothing.
func (s *Accommodations) learnersOf(ctx context.Context, a *models.Accommodation) ([]string, error) {
	if a.ExtraTimePercent+a.ExtraMinutes+a.ExtraAttempts+a.ExtraDays == 0 {
		return nil, nil
	}
	if a.UserID != "" {
		return []string{a.UserID}, nil
	}
	users, err := s.store.CohortLearners(ctx, a.CohortID)
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	return ids, err
}

// checkLearner makes sure the learner exists and, in a cohort, belongs to it.
func (s *Accommodations) checkLearner(ctx context.Context, cohort, user string) error {
	if cohort == "" {
		if _, err := s.store.UserByID(ctx, user); errors.Is(err, models.ErrNotFound) {
			return errs.Invalid(map[string]string{"user": "is not a learner of the platform"})
		} else if err != nil {
			return err
		}
		return nil
	}
	role, err := s.store.CohortRole(ctx, cohort, user)
	if err != nil {
		return err
	}
	if role != "member" {
		return errs.Invalid(map[string]string{"user": "is not a member of the cohort"})
	}
	return nil
}

// List returns a cohort's accommodations, or the platform-wide ones.
func (s *Accommodations) List(ctx context.Context, caller auth.Caller, cohort string) ([]Accommodation, error) {
	if err := s.mayAccommodate(ctx, caller, cohort); err != nil {
		return nil, err
	}
	rows, err := s.store.Accommodations(ctx, cohort)
	if err != nil {
		return nil, err
	}
	out := make([]Accommodation, len(rows))
	ids := make([]string, len(rows))
	for i := range rows {
		out[i], ids[i] = s.accommodationOf(&rows[i]), rows[i].UserID
	}
	if cohort != "" || len(ids) == 0 {
		return out, nil
	}
	users, err := s.store.UsersByIDs(ctx, ids)
	names := map[string]string{}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	for i := range out {
		out[i].UserName = names[out[i].User]
	}
	return out, err
}

// Remove deletes an accommodation; attempts already started keep their deadlines.
func (s *Accommodations) Remove(ctx context.Context, caller auth.Caller, id string) error {
	a, err := s.store.AccommodationByID(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return errs.NotFound("Accommodation")
	}
	if err != nil {
		return err
	}
	if err := s.mayAccommodate(ctx, caller, a.CohortID); err != nil {
		if a.CohortID == "" {
			return errs.NotFound("Accommodation")
		}
		return err
	}
	return s.store.DeleteAccommodation(ctx, a, caller.ID)
}

// Extension is an open attempt's deadline after an instructor extended it.
type Extension struct {
	Attempt  string    `json:"attempt"`
	Deadline time.Time `json:"deadline"`
}

// Extend gives an open timed attempt of a cohort's member (or, for admins without a cohort,
// anyone's) more minutes: the one way an attempt's deadline changes after it started. A submitted attempt gets 409 attempt_submitted.
func (s *Accommodations) Extend(ctx context.Context, caller auth.Caller, cohort, attemptID string, minutes int) (*Extension, error) {
	if err := s.mayAccommodate(ctx, caller, cohort); err != nil {
		return nil, err
	}
	if minutes < 1 || minutes > 1440 {
		return nil, errs.Invalid(map[string]string{"minutes": errs.Reason("reason.between", map[string]any{"Min": 1, "Max": 1440})})
	}
	a, err := s.store.AttemptByIDForStaff(ctx, attemptID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Attempt")
	}
	if err != nil {
		return nil, err
	}
	if cohort != "" {
		if role, err := s.store.CohortRole(ctx, cohort, a.UserID); err != nil {
			return nil, err
		} else if role != "member" {
			return nil, errs.NotFound("Attempt")
		}
	}
	if a.SubmittedAt != nil || a.Deadline == nil {
		return nil, errs.Conflict("attempt_submitted", "This attempt is submitted or has no time limit.")
	}
	err = s.store.ExtendAttempt(ctx, a, time.Duration(minutes)*time.Minute, caller.ID)
	if errors.Is(err, models.ErrConflict) {
		return nil, errs.Conflict("attempt_submitted", "This attempt was submitted or extended meanwhile.")
	}
	if err != nil {
		return nil, err
	}
	return &Extension{Attempt: a.ID, Deadline: *a.Deadline}, nil
}

// allowance is what the most generous of the accommodations that fit gives: the time limit
// (zero for none) and the attempts (zero for unlimited) the learner gets at quiz. Each
// accommodation's time is its own (limit × (1 + percent) + minutes); they do not add up.
func allowance(quiz *courses.Quiz, fits []models.Accommodation) (time.Duration, int) {
	base := time.Duration(quiz.TimeLimitMinutes) * time.Minute
	limit, extra := base, 0
	for _, a := range fits {
		limit = max(limit, base*time.Duration(100+a.ExtraTimePercent)/100+time.Duration(a.ExtraMinutes)*time.Minute)
		extra = max(extra, a.ExtraAttempts)
	}
	if base == 0 {
		limit = 0
	}
	allowed := 0
	if quiz.MaxAttempts > 0 {
		allowed = quiz.MaxAttempts + extra
	}
	return limit, allowed
}
