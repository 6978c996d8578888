package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/cmd/tandem-load/machine"
)

func sampleReport() *Report {
	rec := NewRecorder()
	for i := 1; i <= 10; i++ {
		rec.Response(routeLesson, 200, time.Duration(i)*time.Millisecond)
	}
	rec.Response(routeSubmit, 503, 40*time.Millisecond)
	rec.Failure(routeSubmit, "connection_refused")
	rec.Response(routeStart, 409, time.Millisecond)
	routes := rec.Summarise(2 * time.Second)
	p := &Phase{Name: "cohort", Seconds: 2, Workers: 4, Requests: 12, PerSecond: 6, Status5xx: 1, Transport: 1,
		LoadBefore: [3]float64{1.5, 1.25, 1}, PeakRSSMB: 61.5, Routes: routes, Errors: errorsOf(routes),
		Counts: map[string]int{"submissions_acknowledged": 0}}
	rates := readRates{server: []float64{7800, 2000, 7000}, gin: []float64{15000, 10000, 14000}, ginChild: []float64{9000, 4000, 10000}}
	return &Report{Mode: "all", Target: "http://127.0.0.1:1", Started: time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC),
		Phases: []*Phase{p}, Server: &ServerMemory{PID: 42, VmHWMMB: 150},
		Seed:    &SeedReport{RunID: "r1", CohortID: "c1", Seconds: 12.5, Rows: map[string]int{"learners": 50000, "teams": 12500}},
		Memory:  []ProcessMemory{{Role: "server-1", PID: 7, VmHWMMB: 90.5, CPUSeconds: 30}, {Role: "load-tool", PID: 9, VmHWMMB: 40, CPUSeconds: 12.5}},
		Pgbench: &machine.PgbenchResult{TPS: 1700, Scale: 1, Clients: 16, Jobs: 1, Duration: "20s", Commands: []string{"pgbench -c 16 -T 20 x"}},
		Targets: Targets(rates, 1100, 900, 1700, []*Phase{p}, 150)}
}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	sampleReport().WriteText(&b)
	out := strings.Join(strings.Fields(b.String()), " ") // column widths are the table's business
	for _, want := range []string{
		"phase cohort: 2.0 s, 4 workers, 12 requests, 6/s, 5xx 1, no answer 1, load 1.50/1.25/1.00",
		"errors: 409:1 503:1 connection_refused:1",
		"cohort c1 (run r1): seeded in 12.5 s; learners:50000 teams:12500",
		"server-1 pid 7: peak RSS (VmHWM) 90.5 MB, CPU 30.0 s",
		"load-tool pid 9: peak RSS (VmHWM) 40.0 MB, CPU 12.5 s",
		"server peak RSS 61.5 MB",
		"GET /api/v1/lessons/:lesson  10  5.0  5.00  10.00  10.00  10.0  200:10  -",
		"503:1  connection_refused:1",
		"pgbench: 1700.0 tps (scale 1, 16 clients, 1 threads, 20s)",
		"server pid 42: peak RSS (VmHWM) 150.0 MB",
		"lesson reads/s vs bare gin in the tool's process (median of rounds)   7000.0    14000.0    0.50   >= 0.50  yes",
		"lesson reads/s vs bare gin in a child process (median of rounds)   7000.0    9000.0    0.70   >= 0.50  yes",
		"quiz submissions/s vs pgbench TPC-B tps  1100.0    1700.0     0.65   >= 0.60  yes",
		"quiz start+submit pairs/s vs pgbench TPC-B tps  900.0  1700.0  0.53  >= 0.50  yes",
		"5xx responses, all server phases         1.0                         0        NO",
		"server peak RSS (VmHWM), MB              150.0                       < 200    yes",
	} {
		if want = strings.Join(strings.Fields(want), " "); !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

func TestWriteJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.json")
	if err := sampleReport().WriteJSON(path, nil); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatalf("report JSON does not read back: %v", err)
	}
	r := back.Phases[0].Route(routeLesson)
	if r.Requests != 10 || r.P95ms != 10 || r.Statuses["200"] != 10 || back.Targets[0].Ratio != 0.5 || back.Server.VmHWMMB != 150 ||
		back.Phases[0].Errors["503"] != 1 || back.Memory[1].VmHWMMB != 40 || back.Seed.Rows["teams"] != 12500 {
		t.Errorf("JSON round trip lost figures: %+v, targets %+v", r, back.Targets)
	}
	var b bytes.Buffer
	if err := sampleReport().WriteJSON("-", &b); err != nil || !json.Valid(b.Bytes()) {
		t.Errorf("JSON to standard output: %v", err)
	}
}
