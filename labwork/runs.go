package labwork

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"tandem/auth"
	"tandem/errs"
	"tandem/lab"
	"tandem/models"
)

// MaxMilliseconds is the longest a learner may say a card took: an hour.
const MaxMilliseconds = 3_600_000

// Run is a learner's run of a lab's patient cards. Next is the card to decide, with no hint
// of what happened; each decision shows the outcome. Workload is nil until rated.
type Run struct {
	ID        string     `json:"id"`
	Team      string     `json:"team"`
	Lab       string     `json:"lab"`
	Learner   Author     `json:"learner"`
	Display   []string   `json:"display"`
	Total     int        `json:"total"`
	StartedAt time.Time  `json:"started_at"`
	Decisions []Decision `json:"decisions"`
	Next      *lab.Card  `json:"next"`
	Workload  *Workload  `json:"workload"`
}

// Decision is a decision on one card and what happened to the patient.
type Decision struct {
	Position     int             `json:"position"`
	Act          bool            `json:"act"`
	Milliseconds int             `json:"milliseconds"`
	DecidedAt    time.Time       `json:"decided_at"`
	Outcome      lab.CaseOutcome `json:"outcome"`
}

// Workload is a run's NASA-TLX ratings (raw form): six subscales from 0 to 100 and RawTLX,
// their unweighted mean (Hart 2006).
type Workload struct {
	Mental      int       `json:"mental"`
	Physical    int       `json:"physical"`
	Temporal    int       `json:"temporal"`
	Performance int       `json:"performance"`
	Effort      int       `json:"effort"`
	Frustration int       `json:"frustration"`
	RawTLX      float64   `json:"raw_tlx"`
	RatedAt     time.Time `json:"rated_at"`
}

// StartRun starts a run of a lab's patient cards for a member, in the display they chose.
func (s *Service) StartRun(ctx context.Context, caller auth.Caller, teamID, slug string) (*Run, error) {
	t, b, err := s.write(ctx, caller, teamID, slug)
	if err != nil {
		return nil, err
	}
	d, err := s.displayOf(ctx, caller.ID, slug)
	if err != nil {
		return nil, err
	}
	cases, err := json.Marshal(b.DrawCases(rand.Uint64()))
	if err != nil {
		return nil, err
	}
	display, err := json.Marshal(d.Items)
	if err != nil {
		return nil, err
	}
	row := &models.LabRun{UserID: caller.ID, TeamID: t.ID, LabSlug: slug, Cases: string(cases), Display: string(display)}
	if err := s.store.CreateLabRun(ctx, row, []models.ProgressEvent{teamEvent(caller.ID, "experienced", t.ID, slug, nil)}); err != nil {
		return nil, err
	}
	return s.runView(ctx, b, row, true)
}

// ownRun opens one of the caller's runs, while they are still in its team; anyone else's run
// is a 404.
func (s *Service) ownRun(ctx context.Context, caller auth.Caller, runID string) (*models.LabRun, *lab.Built, error) {
	run, err := s.store.LabRunByID(ctx, runID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && run.UserID != caller.ID) {
		return nil, nil, errs.NotFound("Run")
	}
	if err != nil {
		return nil, nil, err
	}
	_, b, err := s.write(ctx, caller, run.TeamID, run.LabSlug)
	if err != nil {
		return nil, nil, err
	}
	return run, b, nil
}

// Run returns one of the caller's runs.
func (s *Service) Run(ctx context.Context, caller auth.Caller, runID string) (*Run, error) {
	run, b, err := s.ownRun(ctx, caller, runID)
	if err != nil {
		return nil, err
	}
	return s.runView(ctx, b, run, true)
}

// Runs lists a team's runs of a lab, oldest first: a member's own, or every member's for the
// cohort's instructors.
func (s *Service) Runs(ctx context.Context, caller auth.Caller, teamID, slug string) ([]Run, error) {
	t, asInstructor, err := s.teams.TeamAccess(ctx, caller, teamID)
	if err != nil {
		return nil, err
	}
	b, err := s.labs.Lab(slug)
	if err != nil {
		return nil, err
	}
	whose := caller.ID
	if asInstructor {
		whose = ""
	}
	rows, err := s.store.LabRuns(ctx, t.ID, slug, whose)
	if err != nil {
		return nil, err
	}
	out := make([]Run, 0, len(rows))
	for i := range rows {
		v, err := s.runView(ctx, b, &rows[i], !asInstructor)
		if err != nil {
			return nil, err
		}
		out = append(out, *v)
	}
	return out, nil
}

// NewDecision is a decision as the learner sends it; nil fields were not sent.
type NewDecision struct {
	Position     *int
	Act          *bool
	Milliseconds *int
}

// Decide records the caller's decision on their run's next card and shows what happened.
// A card decided already is a 409; another card than the next, or a field out of range, a 422.
func (s *Service) Decide(ctx context.Context, caller auth.Caller, runID string, in NewDecision) (*Run, error) {
	run, b, err := s.ownRun(ctx, caller, runID)
	if err != nil {
		return nil, err
	}
	cases, err := casesOf(run)
	if err != nil {
		return nil, err
	}
	fields := map[string]string{}
	if in.Position == nil || *in.Position < 0 || *in.Position >= len(cases) {
		fields["position"] = errs.Reason("reason.run_card", map[string]any{"Max": len(cases) - 1})
	}
	if in.Act == nil {
		fields["act"] = "is required: true to act on the patient, false not to"
	}
	if in.Milliseconds == nil || *in.Milliseconds < 0 || *in.Milliseconds > MaxMilliseconds {
		fields["milliseconds"] = errs.Reason("reason.run_time", map[string]any{"Max": errs.Grouped(MaxMilliseconds)})
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	i := cases[*in.Position]
	choice := map[bool]string{true: "act", false: "wait"}[*in.Act]
	ev := teamEvent(caller.ID, "interacted", run.TeamID, run.LabSlug, map[string]any{"choice": choice})
	d := &models.LabRunDecision{RunID: run.ID, Position: *in.Position, CaseIndex: i, Act: *in.Act, Milliseconds: *in.Milliseconds}
	switch err := s.store.DecideLabCase(ctx, d, []models.ProgressEvent{ev}); {
	case errors.Is(err, models.ErrConflict):
		return nil, errs.Conflict("already_decided", "This card is decided already.")
	case errors.Is(err, models.ErrOutOfTurn):
		return nil, errs.Invalid(map[string]string{"position": fmt.Sprintf("decide the cards in turn: the next is %d", len(run.Decisions))})
	case err != nil:
		return nil, err
	}
	run.Decisions = append(run.Decisions, *d)
	return s.runView(ctx, b, run, true)
}

// Rate records the caller's NASA-TLX ratings of a run once every card is decided, once.
func (s *Service) Rate(ctx context.Context, caller auth.Caller, runID string, ratings map[string]*int) (*Run, error) {
	run, b, err := s.ownRun(ctx, caller, runID)
	if err != nil {
		return nil, err
	}
	w, err := checkWorkload(ratings)
	if err != nil {
		return nil, err
	}
	cases, err := casesOf(run)
	if err != nil {
		return nil, err
	}
	if len(run.Decisions) < len(cases) {
		return nil, errs.Conflict("run_unfinished", "Decide every card of the run before rating its workload.")
	}
	raw := float64(w.Mental+w.Physical+w.Temporal+w.Performance+w.Effort+w.Frustration) / 6
	ev := teamEvent(caller.ID, "responded", run.TeamID, run.LabSlug, map[string]any{"score": raw, "max_score": 100})
	switch err := s.store.RateLabRun(ctx, run.ID, w, raw, []models.ProgressEvent{ev}); {
	case errors.Is(err, models.ErrConflict):
		return nil, errs.Conflict("already_rated", "This run's workload is rated already.")
	case err != nil:
		return nil, err
	}
	run, err = s.store.LabRunByID(ctx, run.ID)
	if err != nil {
		return nil, err
	}
	return s.runView(ctx, b, run, true)
}

// TLXScales are the NASA-TLX subscales, as the API names them.
var TLXScales = []string{"mental", "physical", "temporal", "performance", "effort", "frustration"}

// checkWorkload wants every subscale, each a whole number from 0 to 100.
func checkWorkload(r map[string]*int) (models.LabWorkload, error) {
	fields := map[string]string{}
	v := map[string]int{}
	for _, k := range TLXScales {
		switch p := r[k]; {
		case p == nil:
			fields[k] = "is required: a rating from 0 to 100"
		case *p < 0 || *p > 100:
			fields[k] = "must be a rating from 0 to 100"
		default:
			v[k] = *p
		}
	}
	if len(fields) > 0 {
		return models.LabWorkload{}, errs.Invalid(fields)
	}
	return models.LabWorkload{Mental: v["mental"], Physical: v["physical"], Temporal: v["temporal"], Performance: v["performance"],
		Effort: v["effort"], Frustration: v["frustration"]}, nil
}

func casesOf(run *models.LabRun) ([]int, error) {
	var cases []int
	if err := json.Unmarshal([]byte(run.Cases), &cases); err != nil {
		return nil, fmt.Errorf("run %s cases: %w", run.ID, err)
	}
	return cases, nil
}

// runView shows a run; withNext adds the next card, for the learner whose run it is.
func (s *Service) runView(ctx context.Context, b *lab.Built, run *models.LabRun, withNext bool) (*Run, error) {
	cases, err := casesOf(run)
	if err != nil {
		return nil, err
	}
	for _, i := range cases {
		if !b.HasCase(i) {
			return nil, errs.Conflict("lab_changed", "The lab's patients have changed since this run began; start a new run.")
		}
	}
	names, err := s.authors(ctx, []string{run.UserID})
	if err != nil {
		return nil, err
	}
	v := &Run{ID: run.ID, Team: run.TeamID, Lab: run.LabSlug, Learner: names[run.UserID], Total: len(cases), StartedAt: run.StartedAt,
		Decisions: []Decision{}}
	if err := json.Unmarshal([]byte(run.Display), &v.Display); err != nil {
		return nil, fmt.Errorf("run %s display: %w", run.ID, err)
	}
	for _, d := range run.Decisions {
		v.Decisions = append(v.Decisions, Decision{Position: d.Position, Act: d.Act, Milliseconds: d.Milliseconds, DecidedAt: d.CreatedAt,
			Outcome: b.Outcome(d.CaseIndex)})
	}
	if n := len(run.Decisions); withNext && n < len(cases) {
		card := b.Card(cases[n], n, v.Display)
		v.Next = &card
	}
	if run.RawTLX != nil {
		v.Workload = &Workload{Mental: deref(run.Mental), Physical: deref(run.Physical), Temporal: deref(run.Temporal),
			Performance: deref(run.Performance), Effort: deref(run.Effort), Frustration: deref(run.Frustration), RawTLX: *run.RawTLX}
		if run.RatedAt != nil {
			v.Workload.RatedAt = *run.RatedAt
		}
	}
	return v, nil
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
