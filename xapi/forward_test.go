// The forwarder against Learning Locker's LRS (npm, in memory) on loopback, with a proxy that
// plays network and LRS faults.
package xapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"tandem/config"
	"tandem/models"
	"tandem/testenv"
	"tandem/xapi"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// newEnv starts Tandem on this package's database with an empty outbox: the tests here share
// the database, run one after another, and each forwards only the events it makes.
func newEnv(t *testing.T, cfg config.Config) *testenv.Env {
	env := testenv.NewWith(t, cfg)
	env.Exec("UPDATE progress_events SET forwarded_at = ? WHERE forwarded_at IS NULL AND lrs_refused_at IS NULL", time.Now().UTC())
	return env
}

func complete(t *testing.T, env *testenv.Env, u *testenv.User, lesson string) {
	t.Helper()
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lessons/" + lesson + "/complete", Token: u.AccessToken}); resp.Status != http.StatusOK {
		t.Fatalf("complete %s: %d %s", lesson, resp.Status, resp.Body)
	}
}

// learningEvents has u enrol and complete three lessons and returns u's stored events.
func learningEvents(t *testing.T, env *testenv.Env, u *testenv.User) []models.ProgressEvent {
	t.Helper()
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/tracks/clinicians/enrol", Token: u.AccessToken}); resp.Status != http.StatusCreated {
		t.Fatalf("enrol: %d %s", resp.Status, resp.Body)
	}
	for _, l := range env.App.Catalog.Lessons()[:3] {
		complete(t, env, u, l.Slug)
	}
	events, err := env.App.Store.Events(context.Background(), u.ID, "", 100)
	if err != nil || len(events) != 4 {
		t.Fatalf("events: %d %v", len(events), err)
	}
	return events
}

// syncBuffer is a log destination tests read while the forwarder writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newForwarder(env *testenv.Env, endpoint, owner string, log *syncBuffer) *xapi.Forwarder {
	return &xapi.Forwarder{Outbox: env.App.Store, Endpoint: endpoint, Owner: owner, Batch: 100,
		Client: &http.Client{Timeout: 2 * time.Second}, Interval: 5 * time.Millisecond,
		Log: slog.New(slog.NewTextHandler(log, nil))}
}

// forwardState is what the database says about an event's way to the LRS.
func forwardState(t *testing.T, env *testenv.Env, id string) string {
	t.Helper()
	return env.Scalar(`SELECT CASE WHEN forwarded_at IS NOT NULL THEN 'forwarded'
WHEN lrs_refused_at IS NOT NULL THEN 'set aside ' || lrs_status || ': ' || lrs_reason ELSE 'waiting' END
FROM progress_events WHERE id = ?`, id)
}

// A batch of four reaches the LRS, which already holds the second statement (sent before an
// answer was lost) and a different statement under the fourth one's id. The LRS refuses the
// batch with 409; Tandem sends one by one, forwards three, and sets aside only the fourth,
// with the LRS's reason.
func TestAConflictMidBatchSetsAsideOnlyTheRefusedStatement(t *testing.T) {
	lrs := testenv.StartLRS(t)
	env := newEnv(t, testenv.Config(t))
	events := learningEvents(t, env, env.Learner("medicine"))
	lrs.Store(t, events[1].Statement)
	other := strings.Replace(events[3].Statement, "verbs/completed", "verbs/attempted", 1)
	lrs.Store(t, other)
	var log syncBuffer
	f := newForwarder(env, lrs.Endpoint, "server-1", &log)
	before, _ := env.App.Store.SetAsideCount(context.Background())
	if n, err := f.Once(context.Background()); n != 4 || err != nil {
		t.Fatalf("once: claimed %d, %v", n, err)
	}
	for i, ev := range events {
		state := forwardState(t, env, ev.ID)
		if i == 3 {
			if !strings.HasPrefix(state, "set aside 409: the LRS holds a different statement") || !strings.Contains(state, "is conflicting") {
				t.Fatalf("the conflicting event: %s", state)
			}
			continue
		}
		if state != "forwarded" {
			t.Fatalf("event %d: %s", i, state)
		}
		lrs.Holds(t, ev.Statement)
	}
	lrs.Holds(t, other)
	if !strings.Contains(log.String(), "level=ERROR") || !strings.Contains(log.String(), events[3].ID) {
		t.Fatalf("the set-aside statement was not logged: %s", log.String())
	}
	if n, err := env.App.Store.SetAsideCount(context.Background()); n != before+1 || err != nil {
		t.Fatalf("set aside: %d, before %d (%v)", n, before, err)
	}
	if n, err := f.Once(context.Background()); n != 0 || err != nil {
		t.Fatalf("a second round claimed %d (%v): a set-aside statement is not resent", n, err)
	}
}

// One malformed statement makes the LRS refuse the whole batch with 400; only it is set aside.
// An event an older Tandem recorded without a statement is set aside before sending.
func TestABadStatementInABatchIsSetAsideAlone(t *testing.T) {
	lrs := testenv.StartLRS(t)
	env := newEnv(t, testenv.Config(t))
	events := learningEvents(t, env, env.Learner("nursing"))
	env.Exec("UPDATE progress_events SET statement = ? WHERE id = ?",
		strings.Replace(events[2].Statement, "http://adlnet.gov/expapi/verbs/completed", "completed", 1), events[2].ID)
	env.Exec("UPDATE progress_events SET statement = '' WHERE id = ?", events[0].ID)
	f := newForwarder(env, lrs.Endpoint, "server-1", &syncBuffer{})
	if _, err := f.Once(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []string{"set aside 0: no statement was stored", "forwarded", "set aside 400: {", "forwarded"}
	for i, ev := range events {
		if state := forwardState(t, env, ev.ID); !strings.HasPrefix(state, want[i]) {
			t.Fatalf("event %d: %s, want %s…", i, state, want[i])
		}
	}
}

// A timeout, a 5xx, 429, and 401/403 (an operator must fix the credentials) leave every event
// waiting, set nothing aside, and are retried with backoff until the LRS takes the batch; the
// credential problems are logged as errors.
func TestForwardingWaitsWhileTheLRSFailsOrRefusesTandem(t *testing.T) {
	lrs := testenv.StartLRS(t)
	env := newEnv(t, testenv.Config(t))
	events := learningEvents(t, env, env.Learner("medicine"))
	proxy := newLRSProxy(t, lrs, hang, http.StatusServiceUnavailable, http.StatusUnauthorized, http.StatusForbidden, http.StatusTooManyRequests)
	var log syncBuffer
	f := newForwarder(env, proxy.Endpoint(), "server-1", &log)
	f.Client.Timeout = 300 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		f.Run(ctx)
		close(done)
	}()
	defer func() {
		cancel()
		<-done
	}()
	waitFor(t, func() bool { return pending(env) == "0" })
	if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE lrs_refused_at IS NOT NULL AND user_id = ?", events[0].UserID); n != "0" {
		t.Fatalf("%s events set aside for failures that were not the statements' fault", n)
	}
	for _, ev := range events {
		lrs.Holds(t, ev.Statement)
	}
	out := log.String()
	for _, want := range []string{"level=ERROR msg=\"the LRS refuses Tandem's requests", "status=401", "status=403", "level=WARN", "503", "429"} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%s", want, out)
		}
	}
}

// pending counts the events waiting for the LRS.
func pending(env *testenv.Env) string {
	return env.Scalar("SELECT COUNT(*) FROM progress_events WHERE forwarded_at IS NULL AND lrs_refused_at IS NULL")
}

func waitFor(t *testing.T, done func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if done() {
			return
		}
	}
	t.Fatal("gave up waiting")
}

// A server sends a batch and dies before it hears the LRS's answer. Its lease keeps another
// server off the batch until it runs out; then the other sends it again. This LRS answers 409
// to the identical resend; Tandem reads the LRS's copy, finds it the same, and marks the
// events forwarded: nothing lost, nothing set aside, nothing stored twice.
func TestARestartMidBatchLosesNothing(t *testing.T) {
	lrs := testenv.StartLRS(t)
	env := newEnv(t, testenv.Config(t))
	events := learningEvents(t, env, env.Learner("engineering"))
	proxy := newLRSProxy(t, lrs, loseAnswer)
	first := newForwarder(env, proxy.Endpoint(), "server-1", &syncBuffer{})
	first.Lease = time.Hour
	if _, err := first.Once(context.Background()); err == nil {
		t.Fatal("the lost answer was not an error")
	}
	second := newForwarder(env, proxy.Endpoint(), "server-2", &syncBuffer{})
	if n, err := second.Once(context.Background()); n != 0 || err != nil {
		t.Fatalf("another server took %d leased events (%v)", n, err)
	}
	env.Exec("UPDATE progress_events SET forward_lease_until = ? WHERE forward_owner = 'server-1'", time.Now().UTC().Add(-time.Second)) // the hour has passed
	proxy.mu.Lock()
	proxy.conflictOnResend = true
	proxy.mu.Unlock()
	if n, err := second.Once(context.Background()); n != 4 || err != nil {
		t.Fatalf("after the lease: claimed %d, %v", n, err)
	}
	for _, ev := range events {
		if state := forwardState(t, env, ev.ID); state != "forwarded" {
			t.Fatalf("event %s: %s", ev.ID, state)
		}
		lrs.Holds(t, ev.Statement)
	}
	counts := proxy.storedCounts()
	for id, n := range counts {
		if n != 1 {
			t.Fatalf("statement %s stored %d times", id, n)
		}
	}
	if len(counts) != len(events) {
		t.Fatalf("the LRS stored %d statements, want %d", len(counts), len(events))
	}
}

// Two servers forwarding at once share the events through their leases: every statement
// reaches the LRS exactly once.
func TestTwoServersForwardingAtOnceSendEachStatementOnce(t *testing.T) {
	lrs := testenv.StartLRS(t)
	env := newEnv(t, testenv.Config(t))
	var all []models.ProgressEvent
	for _, d := range []string{"medicine", "nursing", "data_science", "engineering", "allied_health"} {
		all = append(all, learningEvents(t, env, env.Learner(d))...)
	}
	proxy := newLRSProxy(t, lrs)
	var wg sync.WaitGroup
	for _, owner := range []string{"server-1", "server-2"} {
		f := newForwarder(env, proxy.Endpoint(), owner, &syncBuffer{})
		f.Batch = 3
		wg.Go(func() {
			for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
				n, err := f.Once(context.Background())
				if err != nil {
					t.Errorf("%s: %v", owner, err)
					return
				}
				if n == 0 {
					time.Sleep(5 * time.Millisecond) // the other server holds the rest
				}
				if pending(env) == "0" {
					return
				}
			}
		})
	}
	wg.Wait()
	counts := proxy.storedCounts()
	for _, ev := range all {
		var s struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal([]byte(ev.Statement), &s)
		if counts[s.ID] != 1 {
			t.Fatalf("statement %s reached the LRS %d times", s.ID, counts[s.ID])
		}
	}
	if len(counts) != len(all) {
		t.Fatalf("the LRS stored %d statements, want %d", len(counts), len(all))
	}
}

// Configured with an endpoint and credentials, the server forwards in the background and
// retries while the LRS is overloaded.
func TestEventsReachTheLRSDespiteFailures(t *testing.T) {
	lrs := testenv.StartLRS(t)
	proxy := newLRSProxy(t, lrs, http.StatusServiceUnavailable, http.StatusServiceUnavailable)
	cfg := testenv.Config(t)
	cfg.XAPIEndpoint, cfg.XAPIUsername, cfg.XAPIPassword, cfg.XAPIInterval = proxy.Endpoint(), "tandem", "lrs-secret", 20*time.Millisecond
	env := newEnv(t, cfg)
	u := env.Learner("medicine")
	events := learningEvents(t, env, u)
	waitFor(t, func() bool {
		return env.Scalar("SELECT COUNT(*) FROM progress_events WHERE forwarded_at IS NULL AND user_id = ?", u.ID) == "0"
	})
	for _, ev := range events {
		lrs.Holds(t, ev.Statement)
	}
	proxy.mu.Lock()
	defer proxy.mu.Unlock()
	if proxy.auth != "Basic dGFuZGVtOmxycy1zZWNyZXQ= 1.0.3" {
		t.Fatalf("LRS request credentials and version: %q", proxy.auth)
	}
}

func TestABlockedLRSDoesNotBlockLearners(t *testing.T) {
	lrs := testenv.StartLRS(t)
	proxy := newLRSProxy(t, lrs)
	proxy.hold = make(chan struct{})
	defer close(proxy.hold)
	cfg := testenv.Config(t)
	cfg.XAPIEndpoint, cfg.XAPIInterval = proxy.Endpoint(), 10*time.Millisecond
	env := newEnv(t, cfg)
	u := env.Learner("nursing")
	for _, l := range env.App.Catalog.Lessons()[:4] {
		complete(t, env, u, l.Slug) // each answers while the LRS holds every request
	}
	if n := len(proxy.storedCounts()); n != 0 {
		t.Fatalf("the held LRS stored %d statements", n)
	}
}
