package main

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// SetUpCohort logs the instructor in, creates a cohort on every track and adds the learners
// who signed in.
func (s *Sim) SetUpCohort(c *Client) error {
	in := s.instructor
	login, _ := json.Marshal(map[string]string{"email": in.Email, "password": s.cfg.InstructorPassword})
	r, err := c.Do(Call{Route: "POST /api/v1/auth/login", Method: "POST", Path: "/api/v1/auth/login", Body: login, ClientAddr: in.Addr})
	if err != nil {
		return err
	}
	if r.Status != http.StatusOK || in.takeSession(r.Body) != nil {
		return fmt.Errorf("instructor login %s: %d %.200s", in.Email, r.Status, r.Body)
	}
	var tracks []string
	for _, t := range s.catalog.Tracks {
		tracks = append(tracks, t.Slug)
	}
	body, _ := json.Marshal(map[string]any{"name": "Load cohort " + s.runID, "tracks": tracks})
	r, err = s.call(c, in, Call{Route: "POST /api/v1/cohorts", Method: "POST", Path: "/api/v1/cohorts", Body: body})
	if err != nil {
		return err
	}
	var cohort struct {
		ID string `json:"id"`
	}
	if r.Status != http.StatusCreated || json.Unmarshal(r.Body, &cohort) != nil || cohort.ID == "" {
		return fmt.Errorf("create cohort: %d %.200s", r.Status, r.Body)
	}
	var emails []string
	for _, l := range s.active() {
		emails = append(emails, l.Email)
	}
	for len(emails) > 0 {
		batch := emails[:min(len(emails), 1000)]
		emails = emails[len(batch):]
		body, _ := json.Marshal(map[string]any{"emails": batch})
		r, err := s.call(c, in, Call{Route: "POST /api/v1/cohorts/:id/members", Method: "POST", Path: "/api/v1/cohorts/" + cohort.ID + "/members", Body: body})
		if err != nil {
			return err
		}
		if r.Status != http.StatusOK {
			return fmt.Errorf("add cohort members: %d %.200s", r.Status, r.Body)
		}
	}
	// Mixed teams of four, as an instructor forms them before the joint exercises: the
	// dashboard the instructor reads then carries its team columns.
	form, _ := json.Marshal(map[string]any{"team_size": 4, "seed": 1})
	r, err = s.call(c, in, Call{Route: "POST /api/v1/cohorts/:id/teams/form", Method: "POST", Path: "/api/v1/cohorts/" + cohort.ID + "/teams/form", Body: form})
	if err != nil {
		return err
	}
	if r.Status != http.StatusCreated {
		return fmt.Errorf("form teams: %d %.200s", r.Status, r.Body)
	}
	s.cohortID = cohort.ID
	return nil
}
