package handlers_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tandem/testenv"
)

// fakeLRS is a Learning Record Store on loopback that fails its first calls, can be held
// still, and records the statements it accepts.
type fakeLRS struct {
	mu       sync.Mutex
	ids      map[string]int
	failures atomic.Int32
	hold     chan struct{}
	auth     atomic.Value
}

func (l *fakeLRS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if l.hold != nil {
		<-l.hold
	}
	user, pass, _ := r.BasicAuth()
	l.auth.Store(user + ":" + pass + " " + r.Header.Get("X-Experience-API-Version"))
	if l.failures.Add(-1) >= 0 {
		http.Error(w, "overloaded", http.StatusServiceUnavailable)
		return
	}
	var statements []struct {
		ID string `json:"id"`
	}
	if err := json.NewDecoder(r.Body).Decode(&statements); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	l.mu.Lock()
	for _, s := range statements {
		l.ids[s.ID]++
	}
	l.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func (l *fakeLRS) count() (distinct, total int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, n := range l.ids {
		distinct++
		total += n
	}
	return distinct, total
}

func TestEventsReachTheLRSDespiteFailures(t *testing.T) {
	lrs := &fakeLRS{ids: map[string]int{}}
	lrs.failures.Store(2)
	srv := httptest.NewServer(lrs)
	defer srv.Close()
	cfg := testenv.Config(t)
	cfg.XAPIEndpoint, cfg.XAPIUsername, cfg.XAPIPassword, cfg.XAPIInterval = srv.URL+"/statements", "tandem", "lrs-secret", 20*time.Millisecond
	env := testenv.NewWith(t, cfg)
	u := env.Learner("medicine")
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/tracks/clinicians/enrol", Token: u.AccessToken})
	for _, l := range env.App.Catalog.Lessons()[:3] {
		complete(t, env, u, l.Slug)
	}
	want := 4
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if distinct, _ := lrs.count(); distinct >= want {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	distinct, total := lrs.count()
	if distinct < want || total != distinct {
		t.Fatalf("the LRS has %d statements (%d deliveries), want %d, each once", distinct, total, want)
	}
	if got := lrs.auth.Load(); got != "tandem:lrs-secret 1.0.3" {
		t.Fatalf("LRS request credentials and version: %v", got)
	}
	// The forwarder marks events after the LRS has answered; give it the same time.
	pending := "?"
	for time.Now().Before(deadline) {
		if pending = env.Scalar("SELECT COUNT(*) FROM progress_events WHERE forwarded_at IS NULL AND user_id = ?", u.ID); pending == "0" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if pending != "0" {
		t.Fatalf("%s events not marked forwarded", pending)
	}
}

func TestABlockedLRSDoesNotBlockLearners(t *testing.T) {
	lrs := &fakeLRS{ids: map[string]int{}, hold: make(chan struct{})}
	srv := httptest.NewServer(lrs)
	cfg := testenv.Config(t)
	cfg.XAPIEndpoint, cfg.XAPIInterval = srv.URL+"/statements", 10*time.Millisecond
	env := testenv.NewWith(t, cfg)
	u := env.Learner("nursing")
	for _, l := range env.App.Catalog.Lessons()[:4] {
		complete(t, env, u, l.Slug) // each answers while the LRS holds every request
	}
	if distinct, _ := lrs.count(); distinct != 0 {
		t.Fatalf("the held LRS accepted %d statements", distinct)
	}
	close(lrs.hold)
	srv.Close()
}
