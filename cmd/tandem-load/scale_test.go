package main

import (
	"context"
	"database/sql"
	"os"
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
