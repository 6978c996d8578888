package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"tandem/cmd/tandem-load/machine"
)

// Runner runs the phases of one invocation and collects their report.
type Runner struct {
	ctx     context.Context
	cfg     Config
	http    *http.Client
	budget  *Budget
	sampler *machine.Sampler
	report  *Report
	runID   string
	tmp     string
	bin     string
	server  *ServerProc
	acks    *AckLog
	cpuPID  int // the process serving the current phase, whose CPU time is measured

	autovacuum string // the server's PostgreSQL's autovacuum setting, once read
}

// Run runs cfg.Mode and returns its report.
func Run(ctx context.Context, cfg Config) (rep *Report, err error) {
	id := make([]byte, 4)
	_, _ = rand.Read(id)
	r := &Runner{ctx: ctx, cfg: cfg, http: NewHTTPClient(cfg.Concurrency), budget: NewBudget(cfg.MaxRequests), runID: hex.EncodeToString(id),
		report: &Report{Mode: cfg.Mode, Target: cfg.Target, Started: time.Now().UTC(), Commit: gitCommit(), Settings: settings(cfg)}}
	if r.tmp, err = os.MkdirTemp("", "tandem-load-"); err != nil {
		return nil, err
	}
	defer os.RemoveAll(r.tmp)
	if r.acks, err = OpenAckLog(cfg.AckFile); err != nil {
		return nil, err
	}
	defer r.acks.Close()
	if cfg.Serve && cfg.Mode != "pgbench" && cfg.Mode != "scale" {
		if err := r.startServer(); err != nil {
			return nil, err
		}
		defer func() {
			r.sampler.Stop()
			r.report.Server.VmHWMMB = r.sampler.HWM()
			if err := r.server.Stop(); err != nil {
				r.report.Server.Shutdown = err.Error()
			} else {
				r.report.Server.Shutdown = "clean (SIGTERM, drained)"
			}
		}()
	} else {
		r.sampler = machine.NewSampler(cfg.PID)
		if cfg.PID != 0 {
			r.report.Server = &ServerMemory{PID: cfg.PID}
			defer func() {
				r.sampler.Stop()
				r.report.Server.VmHWMMB = r.sampler.HWM()
			}()
		}
	}
	switch cfg.Mode {
	case "pgbench":
		r.report.Pgbench, err = machine.RunPgbench(ctx, cfg.pgbench(), r.logf)
	case "baseline-gin", "lessons":
		err = r.runReads(cfg.Mode == "lessons", cfg.Mode == "baseline-gin", 1)
	case "baseline-nethttp":
		err = r.runNetHTTPBaseline()
	case "cohort", "submit":
		err = r.runCohort(cfg.Mode == "cohort", cfg.Mode == "submit")
	case "pairs":
		err = r.runPairs()
	case "all":
		err = r.runAll()
	case "scale":
		err = r.runScale()
	}
	return r.report, err
}

func (r *Runner) startServer() error {
	if err := machine.EnsureDatabase(r.ctx, r.cfg.DB); err != nil {
		return err
	}
	bin := r.cfg.ServeBin
	if bin == "" {
		var err error
		if bin, err = r.binary(); err != nil {
			return err
		}
	}
	logPath := r.cfg.ServerLog
	if logPath == "" {
		logPath = filepath.Join(os.TempDir(), "tandem-load-server-"+r.runID+".log")
	}
	r.logf("starting %s on loopback against %s (log %s)", bin, redact(r.cfg.DB), logPath)
	dataDir, err := serverDataDir(r.cfg.DB)
	if err != nil {
		return err
	}
	srv, err := StartServer(r.ctx, bin, r.cfg.DB, logPath, dataDir, r.cfg.SpoofClients, r.cfg.ServerEnv)
	if err != nil {
		return err
	}
	r.server, r.cfg.Target, r.report.Target = srv, srv.URL, srv.URL
	r.sampler = machine.NewSampler(srv.PID)
	r.report.Server = &ServerMemory{PID: srv.PID, Log: logPath}
	return nil
}

// serverDataDir is where a started server keeps its master key, one folder per database.
func serverDataDir(dbURL string) (string, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "", err
	}
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "tandem-load", u.Hostname()+"_"+u.Port()+"_"+strings.TrimPrefix(u.Path, "/"))
	return dir, os.MkdirAll(dir, 0o700)
}

// binary returns the tandem binary: -bin, or one built for this run.
func (r *Runner) binary() (string, error) {
	if r.bin == "" && r.cfg.Bin != "" {
		r.bin = r.cfg.Bin
	}
	if r.bin == "" {
		r.logf("building tandem/cmd/tandem")
		bin, err := BuildServer(r.tmp)
		if err != nil {
			return "", err
		}
		r.bin = bin
	}
	return r.bin, nil
}

// serverEnv is the environment `tandem user create` needs to reach the server's database and
// keys: the started server's, or this process's with -db as the database.
func (r *Runner) serverEnv() ([]string, error) {
	if r.server != nil {
		return r.server.Env, nil
	}
	env := os.Environ()
	if r.cfg.DB != "" {
		env = append(env, "TANDEM_DATABASE_URL="+r.cfg.DB)
	} else if os.Getenv("TANDEM_DATABASE_URL") == "" {
		return nil, fmt.Errorf("to create the instructor, give -db (with the server's TANDEM_MASTER_KEY or TANDEM_DATA_DIR in the environment), or give -instructor-email")
	}
	return env, nil
}

// Phase runs fn on workers goroutines against base, each with its own client and recorder,
// and adds what they sent to the report.
func (r *Runner) Phase(name, base string, workers int, fn func(w int, c *Client)) *Phase {
	p := &Phase{Name: name, Workers: workers, LoadBefore: machine.LoadAverage()}
	r.budget.Refill(r.cfg.MaxRequests)
	r.logf("phase %s: %d workers, load %s", name, workers, loadText(p.LoadBefore))
	r.sampler.Window()
	recs := make([]*Recorder, workers)
	servedBy := r.cpuPID
	switch {
	case servedBy < 0:
		servedBy = 0
	case servedBy == 0 && r.server != nil:
		servedBy = r.server.PID
	case servedBy == 0:
		servedBy = r.cfg.PID
	}
	serverCPU, toolCPU := machine.ProcessCPU(servedBy), machine.ProcessCPU(os.Getpid())
	var dbCPU map[int]time.Duration
	if r.cpuPID == 0 && r.cfg.DB != "" && (r.server != nil || r.cfg.PID != 0) {
		dbCPU = machine.CPUOf(machine.BackendPIDs(r.ctx, r.cfg.DB))
	}
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		recs[w] = NewRecorder()
		c := &Client{HTTP: r.http, Base: base, Rec: recs[w], Budget: r.budget}
		wg.Go(func() { fn(w, c) })
	}
	wg.Wait()
	elapsed := time.Since(start)
	all := NewRecorder()
	for _, rec := range recs {
		all.Merge(rec)
	}
	p.Seconds, p.Routes, p.PeakRSSMB, p.LoadAfter = elapsed.Seconds(), all.Summarise(elapsed), r.sampler.Window(), machine.LoadAverage()
	for _, rs := range p.Routes {
		p.Requests += rs.Requests
		p.Status5xx += rs.Status5xx
		for _, n := range rs.Transport {
			p.Transport += n
		}
	}
	p.Errors = errorsOf(p.Routes)
	p.PerSecond = float64(p.Requests) / elapsed.Seconds()
	if p.Requests > 0 {
		perRequest := func(d time.Duration) float64 { return math.Round(float64(d.Microseconds()) / float64(p.Requests)) }
		if servedBy != 0 {
			p.ServerCPU = perRequest(machine.ProcessCPU(servedBy) - serverCPU)
		}
		p.ToolCPU = perRequest(machine.ProcessCPU(os.Getpid()) - toolCPU)
		if dbCPU != nil {
			p.DBCPU = perRequest(machine.CPUSince(dbCPU))
		}
	}
	p.AtBound = r.budget.Spent()
	r.report.Phases = append(r.report.Phases, p)
	r.logf("phase %s: %d requests in %.1f s (%.0f/s), 5xx %d, no answer %d", name, p.Requests, p.Seconds, p.PerSecond, p.Status5xx, p.Transport)
	if p.AtBound {
		r.logf("phase %s stopped at the request bound (-n %d): its figures cover a shorter run than asked", name, r.cfg.MaxRequests)
	}
	return p
}

func (r *Runner) logf(format string, args ...any) {
	if r.cfg.Log != nil {
		fmt.Fprintf(r.cfg.Log, time.Now().Format("15:04:05 ")+format+"\n", args...)
	}
}

func settings(cfg Config) map[string]any {
	return map[string]any{"learners": cfg.Learners, "concurrency": cfg.Concurrency, "max_requests": cfg.MaxRequests,
		"duration": cfg.Duration.String(), "reread": cfg.Reread, "xff": cfg.SpoofClients, "idempotency": cfg.Idempotency,
		"lesson_duration": cfg.LessonDuration.String(), "rounds": cfg.Rounds, "gin_process": cfg.GinProcess, "server_env": cfg.ServerEnv, "submit_duration": cfg.SubmitDuration.String(),
		"submit_attempts": cfg.SubmitAttempts, "cpus": numCPU(), "gomaxprocs": gomaxprocs(),
		"servers": cfg.Servers, "replicas": len(strings.FieldsFunc(cfg.ReplicaURLs, func(r rune) bool { return r == ',' })), "active": cfg.Active,
		"instructors": cfg.Instructors, "think": cfg.Think.String(), "dash_every": cfg.DashEvery.String()}
}

func gitCommit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// redact hides a password in a database URL.
func redact(dbURL string) string {
	if i, j := strings.Index(dbURL, "://"), strings.LastIndex(dbURL, "@"); i >= 0 && j > i {
		if k := strings.Index(dbURL[i+3:j], ":"); k >= 0 {
			return dbURL[:i+3+k] + ":***" + dbURL[j:]
		}
	}
	return dbURL
}
