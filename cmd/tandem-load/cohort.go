package main

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// SetUpCohort logs the instructor in, creates a cohort on every track and has the learners who
// signed in join it with its join code, as learners join by their own consent.
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
	r, err = s.call(c, in, Call{Route: "POST /api/v1/cohorts/:id/join-code", Method: "POST", Path: "/api/v1/cohorts/" + cohort.ID + "/join-code", Body: []byte("{}")})
	if err != nil {
		return err
	}
	var code struct {
		Code string `json:"code"`
	}
	if r.Status != http.StatusCreated || json.Unmarshal(r.Body, &code) != nil {
		return fmt.Errorf("join code: %d %.200s", r.Status, r.Body)
	}
	redeem, _ := json.Marshal(code)
	for _, l := range s.active() {
		r, err := s.call(c, l, Call{Route: "POST /api/v1/join-codes/redeem", Method: "POST", Path: "/api/v1/join-codes/redeem", Body: redeem})
		if err != nil {
			return err
		}
		if r.Status != http.StatusOK {
			return fmt.Errorf("join the cohort: %d %.200s", r.Status, r.Body)
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
