package labwork

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"tandem/auth"
	"tandem/errs"
	"tandem/lab"
	"tandem/models"
)

// Display is a learner's choice of what a lab's patient cards show, in order. Saved is false
// while the learner keeps the default.
type Display struct {
	Lab       string     `json:"lab"`
	Items     []string   `json:"items"`
	Parts     []string   `json:"parts"`
	Saved     bool       `json:"saved"`
	UpdatedAt *time.Time `json:"updated_at"`
}

// Display returns the caller's display for a lab, or the default one; an unknown lab is a 404.
func (s *Service) Display(ctx context.Context, caller auth.Caller, slug string) (*Display, error) {
	if _, err := s.labs.Lab(slug); err != nil {
		return nil, err
	}
	return s.displayOf(ctx, caller.ID, slug)
}

func (s *Service) displayOf(ctx context.Context, userID, slug string) (*Display, error) {
	d := &Display{Lab: slug, Items: slices.Clone(lab.CardItems), Parts: lab.CardItems}
	row, err := s.store.LabDisplayOf(ctx, userID, slug)
	if errors.Is(err, models.ErrNotFound) {
		return d, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(row.Items), &d.Items); err != nil {
		return nil, fmt.Errorf("display of %s on %s: %w", userID, slug, err)
	}
	// A part the catalogue's code no longer knows is left out rather than shown wrongly.
	d.Items = slices.DeleteFunc(d.Items, func(it string) bool { return !slices.Contains(lab.CardItems, it) })
	d.Saved, d.UpdatedAt = true, &row.UpdatedAt
	return d, nil
}

// SaveDisplay stores the caller's display for a lab: the card parts to show, in order. A part
// that is unknown or listed twice, or no part at all, is a 422 and nothing is stored.
func (s *Service) SaveDisplay(ctx context.Context, caller auth.Caller, slug string, items []string) (*Display, error) {
	if _, err := s.labs.Lab(slug); err != nil {
		return nil, err
	}
	if fields := lab.CheckDisplay(items); len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	raw, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	if err := s.store.SaveLabDisplay(ctx, &models.LabDisplay{UserID: caller.ID, LabSlug: slug, Items: string(raw)}); err != nil {
		return nil, err
	}
	return s.displayOf(ctx, caller.ID, slug)
}
