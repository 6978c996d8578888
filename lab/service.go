// Package lab runs the catalogue's prototype labs: for each lab it generates the synthetic
// cohort, fits the lab's models on the training split, and answers what the lab's views ask
// about the validation split. The hidden test set and the second site stay inside: nothing
// this package returns to a caller is computed from them.
package lab

import (
	"fmt"
	"sync"

	"tandem/courses"
	"tandem/errs"
	"tandem/lab/model"
	"tandem/lab/synth"
)

// Service holds the catalogue's labs, each built on first use (generating and fitting takes
// a fraction of a second, which no start-up should pay for labs nobody opens).
type Service struct {
	builds map[string]func() (*Built, error)
}

// Built is a lab's cohort and fitted models, with the validation split's scores.
type Built struct {
	Lab        *courses.Lab
	Models     map[string]*model.Model
	validation []*synth.Patient
	labels     []bool
	scores     map[string][]float64
	// train refits models for a proposal; test scores a proposal and is never returned.
	train []*synth.Patient
	test  []*synth.Patient
}

// modelFeatures are the feature sets of the models a lab may name.
var modelFeatures = map[string][]string{"base": model.Base, "shortcut": model.Shortcut}

// NewService prepares every lab of the catalogue.
func NewService(cat *courses.Catalog) *Service {
	s := &Service{builds: map[string]func() (*Built, error){}}
	for _, l := range cat.Labs() {
		s.builds[l.Slug] = sync.OnceValues(func() (*Built, error) { return build(l) })
	}
	return s
}

// Lab returns a lab built, or a 404 for an unknown slug.
func (s *Service) Lab(slug string) (*Built, error) {
	b, ok := s.builds[slug]
	if !ok {
		return nil, errs.NotFound("Lab")
	}
	return b()
}

func build(l *courses.Lab) (*Built, error) {
	c, err := synth.Generate(l.Generator)
	if err != nil {
		return nil, err
	}
	b := &Built{Lab: l, Models: map[string]*model.Model{}, validation: c.Split(synth.Validation), scores: map[string][]float64{}}
	for _, p := range b.validation {
		b.labels = append(b.labels, p.Event)
	}
	train := c.Split(synth.Train)
	b.train, b.test = train, c.Split(synth.Test)
	for _, name := range b.ModelNames() {
		m, err := model.Fit(train, modelFeatures[name])
		if err != nil {
			return nil, fmt.Errorf("lab %s, model %s: %w", l.Slug, name, err)
		}
		b.Models[name] = m
		b.scores[name] = m.Scores(b.validation)
	}
	return b, nil
}

// ModelNames lists the lab's model and, if it has one, the model it is compared with.
func (b *Built) ModelNames() []string {
	if b.Lab.Compare != "" {
		return []string{b.Lab.Model, b.Lab.Compare}
	}
	return []string{b.Lab.Model}
}

// Validation is what the browser may hold: the validation split's scores for each model,
// the recorded labels, and each patient's subgroups.
type Validation struct {
	N      int                  `json:"n"`
	Events int                  `json:"events"`
	Scores map[string][]float64 `json:"scores"`
	Labels []bool               `json:"labels"`
	Groups map[string][]string  `json:"groups"`
}

// Validation returns the validation split's view data.
func (b *Built) Validation() Validation {
	v := Validation{N: len(b.validation), Scores: b.scores, Labels: b.labels, Groups: map[string][]string{}}
	for _, l := range b.labels {
		if l {
			v.Events++
		}
	}
	for _, sub := range b.Lab.Subgroups {
		of := subgroupOf[sub]
		for _, p := range b.validation {
			v.Groups[sub] = append(v.Groups[sub], of(p))
		}
	}
	return v
}

// invalid is a 422 naming one field.
func invalid(field, message string) error { return errs.Invalid(map[string]string{field: message}) }
