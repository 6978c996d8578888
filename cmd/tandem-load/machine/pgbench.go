package machine

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// PgbenchResult is a TPC-B-like pgbench run against the server's PostgreSQL.
type PgbenchResult struct {
	TPS        float64    `json:"tps"`
	Scale      int        `json:"scale"`
	Clients    int        `json:"clients"`
	Jobs       int        `json:"jobs"`
	Duration   string     `json:"duration"`
	LatencyMS  float64    `json:"latency_avg_ms,omitempty"`
	DBCPU      float64    `json:"db_cpu_us_per_transaction,omitempty"`
	LoadBefore [3]float64 `json:"load_before"`
	LoadAfter  [3]float64 `json:"load_after"`
	Commands   []string   `json:"commands"`
}

var (
	tpsLine     = regexp.MustCompile(`(?m)^tps = ([0-9.]+) \((without initial connection time|excluding connections establishing)\)`)
	latencyLine = regexp.MustCompile(`(?m)^latency average = ([0-9.]+) ms`)
)

// ParsePgbench reads tps (without connection time) and the average latency out of
// pgbench's output.
func ParsePgbench(out string) (tps, latencyMS float64, err error) {
	m := tpsLine.FindStringSubmatch(out)
	if m == nil {
		return 0, 0, fmt.Errorf("no tps line in pgbench output:\n%s", out)
	}
	tps, err = strconv.ParseFloat(m[1], 64)
	if l := latencyLine.FindStringSubmatch(out); l != nil {
		latencyMS, _ = strconv.ParseFloat(l[1], 64)
	}
	return tps, latencyMS, err
}

// pgbenchArgs turns a postgres:// URL into pgbench's connection flags and password.
func pgbenchArgs(dbURL string) (args []string, password string, err error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return nil, "", err
	}
	args = []string{"-h", u.Hostname()}
	if p := u.Port(); p != "" {
		args = append(args, "-p", p)
	}
	if u.User != nil {
		args = append(args, "-U", u.User.Username())
		password, _ = u.User.Password()
	}
	return args, password, nil
}

// Pgbench says how to run pgbench: on the server of DB, in a scratch database named Database
// that is created and dropped, at Scale, with Clients connections on Jobs threads for Duration.
type Pgbench struct {
	DB       string
	Database string
	Scale    int
	Clients  int
	Jobs     int
	Duration time.Duration
}

// RunPgbench initialises cfg's scratch database, runs the TPC-B-like script on it and drops
// it.
func RunPgbench(ctx context.Context, cfg Pgbench, logf func(string, ...any)) (*PgbenchResult, error) {
	bin, err := exec.LookPath("pgbench")
	if err != nil {
		return nil, fmt.Errorf("pgbench not found: apt-get update && apt-get install -y postgresql-contrib")
	}
	conn, password, err := pgbenchArgs(cfg.DB)
	if err != nil {
		return nil, err
	}
	u, _ := url.Parse(cfg.DB)
	u.Path = "/" + cfg.Database
	if err := EnsureDatabase(ctx, u.String()); err != nil {
		return nil, err
	}
	defer func() {
		if err := DropDatabase(context.WithoutCancel(ctx), cfg.DB, cfg.Database); err != nil {
			logf("drop %s: %v", cfg.Database, err)
		}
	}()
	res := &PgbenchResult{Scale: cfg.Scale, Clients: cfg.Clients, Jobs: cfg.Jobs, Duration: cfg.Duration.String()}
	initArgs := append(append([]string{"-i", "-q", "-s", strconv.Itoa(cfg.Scale)}, conn...), cfg.Database)
	runArgs := append(append([]string{"-c", strconv.Itoa(cfg.Clients), "-j", strconv.Itoa(cfg.Jobs),
		"-T", strconv.Itoa(int(cfg.Duration.Seconds()))}, conn...), cfg.Database)
	run := func(args []string) (string, error) {
		res.Commands = append(res.Commands, "pgbench "+strings.Join(args, " "))
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = os.Environ()
		if password != "" {
			cmd.Env = append(cmd.Env, "PGPASSWORD="+password)
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("pgbench %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out), nil
	}
	logf("pgbench: initialising %s at scale %d", cfg.Database, cfg.Scale)
	if _, err := run(initArgs); err != nil {
		return nil, err
	}
	res.LoadBefore = LoadAverage()
	logf("pgbench: %d clients for %s", cfg.Clients, cfg.Duration)
	start := time.Now()
	// pgbench's backends connect as the run starts; measure their CPU from then on.
	cpu := make(chan time.Duration, 1)
	go func() {
		time.Sleep(2 * time.Second)
		before := CPUOf(BackendPIDs(ctx, u.String()))
		time.Sleep(cfg.Duration - 3*time.Second)
		cpu <- CPUSince(before)
	}()
	out, err := run(runArgs)
	if err != nil {
		return nil, err
	}
	dbCPU := <-cpu
	res.LoadAfter = LoadAverage()
	res.TPS, res.LatencyMS, err = ParsePgbench(out)
	if window := cfg.Duration - 3*time.Second; res.TPS > 0 && window > 0 {
		res.DBCPU = math.Round(float64(dbCPU.Microseconds()) / (res.TPS * window.Seconds()))
	}
	logf("pgbench: %.1f tps in %s", res.TPS, time.Since(start).Round(time.Second))
	return res, err
}

// LoadAverage reads the 1, 5 and 15 minute load averages from /proc/loadavg.
func LoadAverage() [3]float64 {
	var l [3]float64
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return l
	}
	f := strings.Fields(string(raw))
	for i := 0; i < 3 && i < len(f); i++ {
		l[i], _ = strconv.ParseFloat(f[i], 64)
	}
	return l
}
