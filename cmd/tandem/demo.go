package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"text/tabwriter"
	"time"

	"tandem/app"
	"tandem/auth"
	"tandem/config"
	"tandem/courses"
	"tandem/disciplines"
)

// demoPerson is one account of the demo; modules is how many modules of their track they
// finish (lessons read, quiz passed).
type demoPerson struct {
	key, name, email, discipline, role, institution string
	modules                                         int
	token                                           string
	id                                              string
}

// demoPeople are the demo's accounts: a platform admin, an instructor, a society admin and a
// mixed cohort of six learners at different points of their tracks.
func demoPeople() []*demoPerson {
	return []*demoPerson{
		{key: "admin", name: "Ines Admin", email: "admin@demo.tandem.example", discipline: disciplines.Other, role: auth.RoleAdmin, institution: "Tandem demo"},
		{key: "instructor", name: "Dr Henrik Lund", email: "instructor@demo.tandem.example", discipline: disciplines.Medicine, role: auth.RoleInstructor, institution: "Demo University Hospital"},
		{key: "society", name: "Claire Dubois", email: "society@demo.tandem.example", discipline: disciplines.Medicine, role: auth.RoleLearner, institution: "Demo Society of Perioperative Medicine"},
		{key: "amara", name: "Amara Okafor", email: "amara@demo.tandem.example", discipline: disciplines.Medicine, role: auth.RoleLearner, institution: "Demo University Hospital", modules: 8},
		{key: "jonas", name: "Jonas Weber", email: "jonas@demo.tandem.example", discipline: disciplines.Nursing, role: auth.RoleLearner, institution: "Demo University Hospital", modules: 8},
		{key: "lucia", name: "Lucía Fernández", email: "lucia@demo.tandem.example", discipline: disciplines.AlliedHealth, role: auth.RoleLearner, institution: "Demo University Hospital", modules: 3},
		{key: "priya", name: "Priya Raman", email: "priya@demo.tandem.example", discipline: disciplines.ComputerScience, role: auth.RoleLearner, institution: "Demo Institute of Technology", modules: 8},
		{key: "tomas", name: "Tomás Silva", email: "tomas@demo.tandem.example", discipline: disciplines.DataScience, role: auth.RoleLearner, institution: "Demo Institute of Technology", modules: 4},
		{key: "mei", name: "Mei Chen", email: "mei@demo.tandem.example", discipline: disciplines.Engineering, role: auth.RoleLearner, institution: "Demo Institute of Technology", modules: 1},
	}
}

// demo fills an instance nobody has used with a realistic demonstration: both tracks in
// progress, a mixed cohort with formed teams and reviewed work, a society's programmes with
// issued and revoked certificates. It drives the platform through its own HTTP API, in
// process, so the demo is what users could have done themselves. It prints the accounts.
func demo(ctx context.Context, cfg config.Config, log *slog.Logger, out io.Writer) error {
	a, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	used, err := a.Store.HasUsers(ctx)
	if err != nil {
		return err
	}
	if used {
		return errors.New("this instance already has accounts; the demo fills only an empty one (point TANDEM_DATA_DIR or TANDEM_DATABASE_URL at a new one)")
	}
	d := &demoRun{ctx: ctx, api: a.Handler(), catalog: a.Catalog, password: demoPassword(), people: map[string]*demoPerson{}}
	for _, p := range demoPeople() {
		u, err := a.Accounts.CreateUser(ctx, auth.Registration{Email: p.email, Password: d.password, Name: p.name,
			Discipline: p.discipline, Institution: p.institution}, p.role)
		if err != nil {
			return fmt.Errorf("create %s: %w", p.email, err)
		}
		p.id = u.ID
		d.people[p.key] = p
		d.order = append(d.order, p)
	}
	if err := d.run(); err != nil {
		return err
	}
	d.print(out, cfg)
	return nil
}

// demoRun is the state of one demo: the platform's handler, the accounts and what was made.
type demoRun struct {
	ctx      context.Context
	api      http.Handler
	catalog  *courses.Catalog
	password string
	people   map[string]*demoPerson
	order    []*demoPerson
	cohort   string
	serials  []string
}

func (d *demoRun) run() error {
	for _, p := range d.order {
		var session struct {
			AccessToken string `json:"access_token"`
		}
		if err := d.call(nil, "POST", "/auth/login", map[string]string{"email": p.email, "password": d.password}, http.StatusOK, &session); err != nil {
			return err
		}
		p.token = session.AccessToken
	}
	for _, p := range d.order {
		if p.modules > 0 {
			if err := d.learn(p); err != nil {
				return fmt.Errorf("%s learns: %w", p.name, err)
			}
		}
	}
	steps := []func() error{d.formCohort, d.teamWork, d.certify}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// trackOf is the track a learner's discipline takes.
func trackOf(p *demoPerson) string {
	if disciplines.Group(p.discipline) == disciplines.Technical {
		return "technologists"
	}
	return "clinicians"
}

// learn enrols p in their track and finishes its first p.modules modules: every lesson read
// and the quiz passed.
func (d *demoRun) learn(p *demoPerson) error {
	track, ok := d.catalog.Track(trackOf(p))
	if !ok {
		return fmt.Errorf("no track %s", trackOf(p))
	}
	if err := d.call(p, "POST", "/tracks/"+track.Slug+"/enrol", nil, 0, nil); err != nil {
		return err
	}
	for _, m := range track.Modules[:min(p.modules, len(track.Modules))] {
		for _, l := range m.Lessons {
			if err := d.call(p, "POST", "/lessons/"+l.Slug+"/complete", nil, 0, nil); err != nil {
				return err
			}
		}
		if m.Quiz != nil {
			if err := d.pass(p, m.Quiz); err != nil {
				return err
			}
		}
	}
	return nil
}

// formCohort has the instructor open a cohort of both tracks and invite the six learners,
// who accept.
func (d *demoRun) formCohort() error {
	instructor := d.people["instructor"]
	var cohort struct {
		ID string `json:"id"`
	}
	if err := d.call(instructor, "POST", "/cohorts", map[string]any{"name": "Perioperative AI, demo cohort",
		"tracks": []string{"clinicians", "technologists"}, "starts_on": time.Now().UTC().Format(time.DateOnly)}, http.StatusCreated, &cohort); err != nil {
		return err
	}
	d.cohort = cohort.ID
	var invitations []map[string]string
	var learners []*demoPerson
	for _, p := range d.order {
		if p.modules > 0 {
			invitations = append(invitations, map[string]string{"email": p.email})
			learners = append(learners, p)
		}
	}
	if err := d.call(instructor, "POST", "/cohorts/"+d.cohort+"/invitations", map[string]any{"invitations": invitations}, http.StatusCreated, nil); err != nil {
		return err
	}
	for _, p := range learners {
		var mine struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		if err := d.call(p, "GET", "/me/invitations", nil, http.StatusOK, &mine); err != nil {
			return err
		}
		for _, inv := range mine.Items {
			if err := d.call(p, "POST", "/invitations/"+inv.ID+"/accept", nil, 0, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// teamWork forms mixed pairs; the first team's work on the first exercise is accepted, the
// second is asked to revise, the third has not submitted yet.
func (d *demoRun) teamWork() error {
	instructor := d.people["instructor"]
	var formed struct {
		Teams []struct {
			ID      string `json:"id"`
			Members []struct {
				UserID string `json:"user_id"`
			} `json:"members"`
		} `json:"teams"`
	}
	if err := d.call(instructor, "POST", "/cohorts/"+d.cohort+"/teams/form", map[string]any{"team_size": 2, "seed": 1}, http.StatusCreated, &formed); err != nil {
		return err
	}
	exercises := d.catalog.Exercises()
	if len(exercises) == 0 {
		return nil
	}
	ex := exercises[0]
	for i, team := range formed.Teams[:min(2, len(formed.Teams))] {
		author := d.byID(team.Members[0].UserID)
		var sub struct {
			ID string `json:"id"`
		}
		body := fmt.Sprintf("## Our answer to %s\n\nA first version written by a clinician and an engineer together.", ex.Title)
		if err := d.call(author, "POST", "/teams/"+team.ID+"/submissions", map[string]any{"exercise": ex.Slug, "body_markdown": body}, http.StatusCreated, &sub); err != nil {
			return err
		}
		scores := map[string]int{}
		for _, c := range ex.Rubric {
			scores[c.Criterion] = c.MaxPoints
			if i == 1 {
				scores[c.Criterion] = c.MaxPoints / 2
			}
		}
		review := map[string]any{"decision": "accept", "scores": scores}
		if i == 1 {
			review = map[string]any{"decision": "revise", "scores": scores, "comment": "Say who acts on the alert, and within how long."}
		}
		if err := d.call(instructor, "POST", "/submissions/"+sub.ID+"/reviews", review, http.StatusCreated, nil); err != nil {
			return err
		}
	}
	return nil
}

// certify has the admin open a society with an admin of its own, who creates a programme per
// track; the learners who finished claim their certificates, and one is revoked.
func (d *demoRun) certify() error {
	admin, society := d.people["admin"], d.people["society"]
	var org struct {
		ID string `json:"id"`
	}
	if err := d.call(admin, "POST", "/organisations", map[string]any{"name": "Demo Society of Perioperative Medicine", "kind": "society",
		"url": "https://society.demo.tandem.example"}, http.StatusCreated, &org); err != nil {
		return err
	}
	if err := d.call(admin, "POST", "/organisations/"+org.ID+"/members", map[string]string{"email": society.email, "role": "society_admin"}, http.StatusCreated, nil); err != nil {
		return err
	}
	programmes := map[string]string{}
	for track, title := range map[string]string{"clinicians": "AI literacy for perioperative clinicians", "technologists": "Healthcare foundations for AI engineers"} {
		var prog struct {
			ID string `json:"id"`
		}
		if err := d.call(society, "POST", "/organisations/"+org.ID+"/programmes", map[string]any{"title": title,
			"description": "Awarded by the demo society to those who finish the track and pass its quizzes.", "tracks": []string{track},
			"min_quiz_percent": 60, "credits": 3, "credit_unit": "CME hours", "validity_days": 730}, http.StatusCreated, &prog); err != nil {
			return err
		}
		programmes[track] = prog.ID
	}
	for _, p := range d.order {
		if p.modules < 8 {
			continue
		}
		var cert struct {
			Serial string `json:"serial"`
		}
		if err := d.call(p, "POST", "/programmes/"+programmes[trackOf(p)]+"/claim", nil, http.StatusCreated, &cert); err != nil {
			return err
		}
		d.serials = append(d.serials, cert.Serial)
	}
	revoked := d.serials[len(d.serials)-1]
	return d.call(society, "POST", "/certificates/"+revoked+"/revoke", map[string]string{"reason": "Issued in error during the demonstration"}, http.StatusOK, nil)
}

func (d *demoRun) byID(id string) *demoPerson {
	for _, p := range d.order {
		if p.id == id {
			return p
		}
	}
	return d.order[0]
}

// call sends one request to the platform's API as p (nil for nobody) and decodes the answer
// into out. want is the status expected; 0 accepts any 2xx.
func (d *demoRun) call(p *demoPerson, method, path string, body any, want int, out any) error {
	var in io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		in = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(d.ctx, method, "/api/v1"+path, in)
	if err != nil {
		return err
	}
	req.RemoteAddr = "127.0.0.1:1"
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if p != nil {
		req.Header.Set("Authorization", "Bearer "+p.token)
	}
	rec := httptest.NewRecorder()
	d.api.ServeHTTP(rec, req)
	ok := rec.Code == want || (want == 0 && rec.Code >= 200 && rec.Code < 300)
	if !ok {
		return fmt.Errorf("%s %s: %d %s", method, path, rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	if out != nil {
		return json.Unmarshal(rec.Body.Bytes(), out)
	}
	return nil
}

// print lists the accounts to sign in with and what each shows.
func (d *demoRun) print(out io.Writer, cfg config.Config) {
	fmt.Fprintln(out, say("demo_ready", map[string]any{"URL": cfg.BaseURL}))
	fmt.Fprintf(out, "%s\n\n", say("demo_password", map[string]any{"Password": d.password}))
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "EMAIL\tNAME\tWHAT THEY SHOW")
	what := map[string]string{
		"admin":      "platform admin: organisations, roles, audit log",
		"instructor": "instructor of the demo cohort: progress, teams, reviews",
		"society":    "society admin: two programmes, issued and revoked certificates",
	}
	for _, p := range d.order {
		role := what[p.key]
		if role == "" {
			role = fmt.Sprintf("learner (%s), %d of 8 modules done", trackOf(p), p.modules)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", p.email, p.name, role)
	}
	w.Flush()
	fmt.Fprintf(out, "\n%s\n", say("demo_certificates", map[string]any{"Serials": strings.Join(d.serials, ", "), "URL": cfg.BaseURL}))
}

// demoPassword is a fresh password for the demo accounts, well within the password rules.
func demoPassword() string { return "demo-" + strings.ToLower(rand.Text()[:16]) }
