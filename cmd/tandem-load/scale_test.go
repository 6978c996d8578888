package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"tandem/testenv"
)

// TestScaleEndToEnd seeds a cohort of 200 learners on PostgreSQL, starts two servers on it and
// runs every learner and two instructors against them for a few seconds: every route of the
// mix is in the report with its percentiles, no request failed, both servers were sent
// requests, and each server and the tool report their peak memory. Seeding the same run id
// again writes nothing.
func TestScaleEndToEnd(t *testing.T) {
	if testenv.Backend() != "postgres" {
		t.Skip("the scale mode seeds PostgreSQL in bulk (TANDEM_TEST_DB=postgres)")
	}
	db := testenv.OwnDatabase(t, testenv.Config(t)).DatabaseURL
	dataDir, err := serverDataDir(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dataDir) })
	rep, text := runTool(t, 15*time.Minute, "-db", db, "-servers", "2", "-learners", "200", "-c", "8", "-d", "4s", "-think", "200ms",
		"-instructors", "2", "-dash-every", "300ms", "-seed-argon2", "64,1", "-run-id", "e2e", "-server-env", "TANDEM_LOG_LEVEL=error", "scale")
	t.Log(text)

	if s := rep.Seed; s == nil || s.Reused || s.Rows["learners"] != 200 || s.Rows["teams"] != 50 || s.Rows["team_members"] != 200 || s.Rows["peer_evaluations"] != 200*3*2 {
		t.Errorf("seed: %+v", rep.Seed)
	}
	phases := map[string]*Phase{}
	for _, p := range rep.Phases {
		phases[p.Name] = p
		if len(p.Errors) > 0 || p.Requests == 0 {
			t.Errorf("phase %s: %d requests, errors %v", p.Name, p.Requests, p.Errors)
		}
	}
	if in := phases["sign-in"]; in == nil || in.Counts["signed_in"] != 202 {
		t.Fatalf("sign-in of 200 learners and 2 instructors: %+v", in)
	}
	active := phases["active"]
	if active == nil || active.Counts["learners_acted"] != 200 || active.PerSecond <= 0 {
		t.Fatalf("active phase: %+v", active)
	}
	for _, server := range []string{"requests_to_server_1", "requests_to_server_2"} {
		if active.Counts[server] == 0 {
			t.Errorf("%s: 0; counts %v", server, active.Counts)
		}
	}
	for _, route := range []string{routeLesson, routeModule, routeComplete, routeProgress, routeStart, routeSubmit, routeDashPage, routeDashSearch} {
		if r := active.Route(route); r.Requests == 0 || r.P50ms <= 0 || r.P95ms < r.P50ms || r.P99ms < r.P95ms || r.Successful != r.Requests {
			t.Errorf("route %s: %+v", route, r)
		}
	}
	roles := map[string]ProcessMemory{}
	for _, m := range rep.Memory {
		roles[m.Role] = m
		if m.VmHWMMB <= 0 || m.PID == 0 {
			t.Errorf("%s: no peak memory: %+v", m.Role, m)
		}
	}
	if len(roles) != 3 || roles["server-1"].PID == roles["server-2"].PID {
		t.Errorf("want two servers and the tool, each its own process: %+v", rep.Memory)
	}

	again, err := SeedCohort(context.Background(), db, &Seed{RunID: "e2e"})
	if err != nil || !again.Reused || again.Rows["cohort_members"] != 200 {
		t.Errorf("seeding run e2e again: %+v, %v", again, err)
	}
	conn, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var users int
	if err := conn.QueryRow("SELECT count(*) FROM users WHERE email LIKE 'scale-e2e-%'").Scan(&users); err != nil || users != 202 {
		t.Errorf("users of run e2e after seeding twice: %d, %v", users, err)
	}
}

// TestFleetPassesReplicaURLs starts two servers with -replica-urls: each is its own process on
// its own port, answers /readyz, and has the replicas in its environment as
// TANDEM_DATABASE_REPLICA_URLS. The replica here is the primary itself, a valid replica.
func TestFleetPassesReplicaURLs(t *testing.T) {
	if testenv.Backend() != "postgres" {
		t.Skip("the servers run on PostgreSQL (TANDEM_TEST_DB=postgres)")
	}
	db := testenv.OwnDatabase(t, testenv.Config(t)).DatabaseURL
	dataDir, err := serverDataDir(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dataDir) })
	cfg, err := ParseFlags([]string{"-db", db, "-servers", "2", "-replica-urls", db, "-server-env", "TANDEM_LOG_LEVEL=error", "scale"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	r := &Runner{ctx: ctx, cfg: cfg, report: &Report{}, runID: "fleet", tmp: t.TempDir()}
	f, err := r.startFleet()
	if err != nil {
		t.Fatal(err)
	}
	defer r.stopFleet(f)
	if urls := f.URLs(); len(urls) != 2 || urls[0] == urls[1] {
		t.Fatalf("want two servers on two ports: %v", urls)
	}
	for _, srv := range f.servers {
		environ, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", srv.PID))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(strings.Split(string(environ), "\x00"), "TANDEM_DATABASE_REPLICA_URLS="+db) {
			t.Errorf("server pid %d runs without the replica URLs", srv.PID)
		}
		if resp, err := http.Get(srv.URL + "/readyz"); err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("server %s not ready: %v", srv.URL, err)
		} else {
			resp.Body.Close()
		}
	}
}
