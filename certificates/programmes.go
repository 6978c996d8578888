package certificates

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/errs"
	"tandem/models"
	"tandem/textinput"
)

// programmeStore is what programmes need from the database.
type programmeStore interface {
	CreateProgramme(ctx context.Context, p *models.Programme) error
	ProgrammeByID(ctx context.Context, id string) (*models.Programme, error)
	Programmes(ctx context.Context) ([]models.Programme, error)
}

// ProgrammeInput is what a society admin sends to define a programme.
type ProgrammeInput struct {
	Title, Description string
	Tracks             []string
	MinQuizPercent     int
	Exercises          []string
	Credits            float64
	CreditUnit         string
	ValidityDays       int
}

// ProgrammeView is a programme as the API shows it.
type ProgrammeView struct {
	ID             string           `json:"id"`
	Title          string           `json:"title"`
	Description    string           `json:"description"`
	Tracks         []string         `json:"tracks"`
	MinQuizPercent int              `json:"min_quiz_percent"`
	Exercises      []string         `json:"exercises"`
	Credits        float64          `json:"credits"`
	CreditUnit     string           `json:"credit_unit"`
	ValidityDays   int              `json:"validity_days"`
	Issuer         OrganisationView `json:"issuer"`
	// LearningMinutes is what the programme's lessons and exercises take today, the most that
	// credits in hours may claim.
	LearningMinutes int `json:"learning_minutes"`
	// RetiredAt is when the society stopped issuing the programme; what it issued stays valid.
	RetiredAt *time.Time `json:"retired_at,omitempty"`
}

func (s *Service) programmeView(p *models.Programme, o *models.Organisation) ProgrammeView {
	v := ProgrammeView{ID: p.ID, Title: p.Title, Description: p.Description, MinQuizPercent: p.MinQuizPercent,
		Credits: p.Credits, CreditUnit: p.CreditUnit, ValidityDays: p.ValidityDays, Issuer: orgView(o), RetiredAt: p.RetiredAt}
	_ = json.Unmarshal([]byte(p.Tracks), &v.Tracks)
	_ = json.Unmarshal([]byte(p.Exercises), &v.Exercises)
	if v.Exercises == nil {
		v.Exercises = []string{}
	}
	v.LearningMinutes = s.learningMinutes(v.Tracks, v.Exercises)
	return v
}

// CreateProgramme defines a certificate programme of a society.
func (s *Service) CreateProgramme(ctx context.Context, caller Caller, orgID string, in ProgrammeInput) (*ProgrammeView, error) {
	o, err := s.organisation(ctx, caller, orgID)
	if err != nil {
		return nil, err
	}
	fields := s.checkProgramme(in)
	if o.Kind != "society" {
		fields["organisation"] = "only societies issue certificates"
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	title := strings.TrimSpace(in.Title)
	tracks, _ := json.Marshal(nonNil(in.Tracks))
	exercises, _ := json.Marshal(nonNil(in.Exercises))
	p := &models.Programme{OrganisationID: o.ID, Title: title, Description: strings.TrimSpace(in.Description), Tracks: string(tracks),
		MinQuizPercent: in.MinQuizPercent, Exercises: string(exercises), Credits: in.Credits, CreditUnit: strings.TrimSpace(in.CreditUnit),
		ValidityDays: in.ValidityDays, CreatedBy: caller.ID}
	if err := s.store.CreateProgramme(ctx, p); err != nil {
		return nil, err
	}
	v := s.programmeView(p, o)
	return &v, nil
}

// checkProgramme returns a message per field that a programme's input gets wrong, for creating
// a programme and for editing one alike.
func (s *Service) checkProgramme(in ProgrammeInput) map[string]string {
	fields := map[string]string{}
	title := strings.TrimSpace(in.Title)
	switch {
	case title == "" || utf8.RuneCountInString(title) > 300:
		fields["title"] = errs.Reason("reason.chars_range", map[string]any{"Min": 1, "Max": 300})
	case textinput.NameProblem(title) != "":
		fields["title"] = textinput.NameProblem(title)
	}
	if utf8.RuneCountInString(in.Description) > 5000 {
		fields["description"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": 5000})
	}
	if len(in.Tracks) == 0 && len(in.Exercises) == 0 {
		fields["tracks"] = "must name at least one track or exercise (a programme needs a requirement)"
	}
	if len(in.Tracks) == 0 && in.MinQuizPercent > 0 {
		fields["min_quiz_percent"] = "must be 0 when the programme requires no track: quizzes belong to tracks"
	}
	for _, t := range in.Tracks {
		if _, ok := s.catalog.Track(t); !ok {
			fields["tracks"] = "must be slugs of catalogue tracks"
		}
	}
	for _, e := range in.Exercises {
		if _, ok := s.catalog.Exercise(e); !ok {
			fields["exercises"] = "must be slugs of catalogue exercises"
		}
	}
	if in.MinQuizPercent < 0 || in.MinQuizPercent > 100 {
		fields["min_quiz_percent"] = errs.Reason("reason.number_range", map[string]any{"Min": 0, "Max": 100})
	}
	if in.Credits < 0 || in.Credits > 1000 {
		fields["credits"] = errs.Reason("reason.number_range", map[string]any{"Min": 0, "Max": 1000})
	}
	if in.Credits > 0 && strings.TrimSpace(in.CreditUnit) == "" {
		fields["credit_unit"] = "is required when credits are given (e.g. CME hours)"
	}
	if _, known := fields["credits"]; !known && fields["tracks"] == "" && fields["exercises"] == "" {
		if why := checkHours(in.Credits, in.CreditUnit, s.learningMinutes(in.Tracks, in.Exercises)); why != "" {
			fields["credits"] = why
		}
	}
	if in.ValidityDays < 0 || in.ValidityDays > 3650 {
		fields["validity_days"] = "must be from 0 (no expiry) to 3650"
	}
	return fields
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Programmes lists every programme with its issuer.
func (s *Service) Programmes(ctx context.Context) ([]ProgrammeView, error) {
	rows, err := s.store.Programmes(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(rows))
	for _, p := range rows {
		ids = append(ids, p.OrganisationID)
	}
	byID, err := s.organisationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]ProgrammeView, 0, len(rows))
	for i := range rows {
		out = append(out, s.programmeView(&rows[i], byID[rows[i].OrganisationID]))
	}
	return out, nil
}

// Programme returns one programme with its issuer.
func (s *Service) Programme(ctx context.Context, id string) (*models.Programme, *models.Organisation, error) {
	p, err := s.store.ProgrammeByID(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil, errs.NotFound("Programme")
	}
	if err != nil {
		return nil, nil, err
	}
	o, err := s.store.OrganisationByID(ctx, p.OrganisationID)
	if err != nil {
		return nil, nil, err
	}
	return p, o, nil
}

// ProgrammeView returns one programme as the API shows it.
func (s *Service) ProgrammeView(ctx context.Context, id string) (*ProgrammeView, error) {
	p, o, err := s.Programme(ctx, id)
	if err != nil {
		return nil, err
	}
	v := s.programmeView(p, o)
	return &v, nil
}
