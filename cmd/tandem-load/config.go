package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"time"

	"tandem/cmd/tandem-load/machine"
)

// Modes the tool runs.
var modes = []string{"cohort", "lessons", "baseline-gin", "baseline-nethttp", "submit", "pairs", "pgbench", "all", "scale"}

// Config is one run of the load tool, from its flags.
type Config struct {
	Mode string

	Target    string // base URL of a running server; replaced by the started one with Serve
	Serve     bool   // start the server binary as a subprocess on a free loopback port
	Bin       string // the tandem binary; built from tandem/cmd/tandem when empty
	ServeBin  string // the binary -serve starts, when not Bin (e.g. the profiling harness)
	DB        string // PostgreSQL URL: the server's database with Serve, and pgbench's server
	PID       int    // server process whose memory is sampled, when not started here
	ServerLog string // where a started server's log goes
	ServerEnv envList

	Learners           int
	Concurrency        int
	MaxRequests        int64
	Duration           time.Duration
	SetupTimeout       time.Duration
	Prefix             string
	LoginFirst         bool
	Password           string
	InstructorEmail    string
	InstructorPassword string
	Reread             float64
	DashEvery          time.Duration
	Think              time.Duration
	AckFile            string
	SpoofClients       bool
	Idempotency        bool

	Lesson         string
	LessonDuration time.Duration
	Rounds         int
	GinProcess     bool

	SubmitDuration time.Duration
	SubmitAttempts int

	PgbenchClients  int
	PgbenchJobs     int
	PgbenchScale    int
	PgbenchDuration time.Duration
	PgbenchDB       string

	Servers        int    // scale: tandem servers started on the one database
	ReplicaURLs    string // scale: passed to every server as TANDEM_DATABASE_REPLICA_URLS
	Active         int    // scale: learners of the seeded cohort who sign in and act
	Instructors    int    // scale: instructors paging and searching the cohort dashboard
	RunID          string // names the seeded cohort; the same id seeds nothing twice
	SeedArgon2KiB  uint32 // the seeded password hash's argon2id memory
	SeedArgon2Time uint32 // and passes

	JSON string

	Log io.Writer // progress lines; nil discards them
}

const usage = `usage: tandem-load [flags] [mode]

Simulates a cohort against a Tandem server on loopback and reports throughput, p50/p95/p99
latency per route, errors by status and the server's peak memory. Every mode stops by itself.

modes:
  cohort        (default) learners register or log in, enrol, read lessons (re-reads send
                If-None-Match), complete lessons, start and submit quiz attempts, read their
                progress; an instructor creates a cohort, adds them and reads its dashboard
  lessons       closed-loop reads of one lesson from the server (the lesson-read figure)
  baseline-gin  the same reads from a bare gin server answering the same bytes, in this process
                (or, with -gin-process, in a child process with its own Go runtime)
  baseline-nethttp  the same from Go's bare net/http (no framework), in this process or a child
  submit        learners start quiz attempts first, then only submit them (submissions/s)
  pairs         learners start a quiz attempt and submit it at once, quiz after quiz (pairs/s)
  pgbench       pgbench -i on a scratch database, then a TPC-B-like run; parses tps
  all           everything above in one run, side by side, with issue 10's and 25's targets as
                ratios: lesson rounds (bare gin and bare net/http, in this process and in a child,
                then the server), sign-in, cohort, quiz pairs (start and submit at once), submit,
                then pgbench after the submissions
  scale         a national cohort: starts -servers servers on -db, seeds -learners learners in
                bulk with SQL (completions, attempts, teams of four with reviewed work and peer
                ratings), signs -active of them in, then for -d they read lessons, take quizzes
                and read their progress, spread round robin over the servers, while -instructors
                instructors page and search the cohort dashboard; reports each process's VmHWM

The target and the database must be on loopback (127.0.0.0/8, ::1 or localhost).

flags:
`

// ParseFlags reads args into a Config.
func ParseFlags(args []string, stderr io.Writer) (Config, error) {
	var c Config
	fs := flag.NewFlagSet("tandem-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&c.Target, "target", "http://127.0.0.1:8080", "base URL of a running server (loopback only)")
	fs.BoolVar(&c.Serve, "serve", false, "start the server binary as a subprocess on a free loopback port (needs -db)")
	fs.StringVar(&c.Bin, "bin", "", "tandem binary for -serve and for creating the instructor (default: go build tandem/cmd/tandem)")
	fs.StringVar(&c.ServeBin, "serve-bin", "", "binary -serve starts instead of -bin, e.g. the profserve harness (instructors are still created with -bin)")
	fs.StringVar(&c.DB, "db", "", "PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/tandem_load?sslmode=disable; created if missing")
	fs.Var(&c.ServerEnv, "server-env", "KEY=VALUE for the started server's environment only (repeatable), e.g. GOMEMLIMIT=120MiB")
	fs.IntVar(&c.PID, "pid", 0, "server process id whose memory to sample (with -serve: the started server)")
	fs.StringVar(&c.ServerLog, "server-log", "", "file for a started server's log (default: a temporary file)")
	fs.IntVar(&c.Learners, "learners", 1000, "simulated learners (scale: learners seeded in the cohort)")
	fs.IntVar(&c.Concurrency, "c", 64, "concurrent requests (workers)")
	fs.Int64Var(&c.MaxRequests, "n", 2_000_000, "at most this many requests in any one phase (0: no bound but the durations)")
	fs.DurationVar(&c.Duration, "d", 60*time.Second, "length of the cohort phase (scale: of the active phase)")
	fs.DurationVar(&c.SetupTimeout, "setup-timeout", 10*time.Minute, "longest the learners' registration, login and enrolment may take")
	fs.StringVar(&c.Prefix, "prefix", "learner", "learner emails are PREFIX-00001@load.tandem.test ...")
	fs.BoolVar(&c.LoginFirst, "login-first", false, "log learners in first and register only those the server does not know (for re-runs on the same database)")
	fs.StringVar(&c.Password, "password", "load test passphrase 1", "learners' password")
	fs.StringVar(&c.InstructorEmail, "instructor-email", "", "an existing instructor (default: create load-instructor@load.tandem.test by running tandem user create)")
	fs.StringVar(&c.InstructorPassword, "instructor-password", "load test passphrase 1", "the instructor's password")
	fs.Float64Var(&c.Reread, "reread", 0.3, "share of a learner's steps that re-read a lesson with If-None-Match")
	fs.DurationVar(&c.DashEvery, "dash-every", 2*time.Second, "how often the instructor reads the cohort dashboard")
	fs.DurationVar(&c.Think, "think", 0, "pause between a learner's steps (0: closed loop; scale: each learner's own, half to one and a half times this)")
	fs.StringVar(&c.AckFile, "acks", "", "append the id of every submission acknowledged with 2xx to this file (and unacknowledged ones to FILE.unacked)")
	fs.BoolVar(&c.SpoofClients, "xff", true, "send each learner's own X-Forwarded-For address (with -serve the server trusts loopback as a proxy)")
	fs.BoolVar(&c.Idempotency, "idempotency", true, "send Idempotency-Key on attempt starts and submissions")
	fs.StringVar(&c.Lesson, "lesson", "", "lesson slug for lessons and baseline-gin (default: the lesson of median size)")
	fs.DurationVar(&c.LessonDuration, "lesson-d", 10*time.Second, "length of each lessons and baseline-gin round")
	fs.IntVar(&c.Rounds, "rounds", 3, "rounds of bare gin and bare net/http (each in this process, then in a child) and lessons, alternating, in mode all")
	fs.BoolVar(&c.GinProcess, "gin-process", false, "run bare gin in a child process (its own Go runtime, like the server) instead of in this one")
	fs.DurationVar(&c.SubmitDuration, "submit-d", 20*time.Second, "longest the submit phase runs")
	fs.IntVar(&c.SubmitAttempts, "submit-n", 12000, "attempts started before the submit phase")
	fs.IntVar(&c.PgbenchClients, "pgbench-c", 16, "pgbench clients")
	fs.IntVar(&c.PgbenchJobs, "pgbench-j", 1, "pgbench threads")
	fs.IntVar(&c.PgbenchScale, "pgbench-s", 1, "pgbench -i scale factor")
	fs.DurationVar(&c.PgbenchDuration, "pgbench-T", 20*time.Second, "pgbench run length")
	fs.StringVar(&c.PgbenchDB, "pgbench-db", "tandem_load_pgbench", "scratch database for pgbench (created and dropped)")
	fs.IntVar(&c.Servers, "servers", 1, "scale: tandem servers to start on -db, each its own process and port")
	fs.StringVar(&c.ReplicaURLs, "replica-urls", "", "scale: comma-separated read replica URLs, passed to every server as TANDEM_DATABASE_REPLICA_URLS")
	fs.IntVar(&c.Active, "active", 0, "scale: learners of the cohort who sign in and act (default: all of -learners)")
	fs.IntVar(&c.Instructors, "instructors", 4, "scale: instructors reading the cohort dashboard's pages and searching it every -dash-every")
	fs.StringVar(&c.RunID, "run-id", "", "scale: names the seeded cohort and its learners (up to 12 of a-z, 0-9; default: new each run); a run id seeded before is reused as it is")
	seedArgon2 := fs.String("seed-argon2", "19456,2", "scale: argon2id memory in KiB and passes of the seeded learners' password hash (the server verifies with the parameters inside the hash; default: the server's own)")
	fs.StringVar(&c.JSON, "json", "", "also write the report as JSON to this file (- for standard output, instead of the table)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if _, err := fmt.Sscanf(*seedArgon2, "%d,%d", &c.SeedArgon2KiB, &c.SeedArgon2Time); err != nil || c.SeedArgon2KiB < 8 || c.SeedArgon2Time < 1 {
		return c, fmt.Errorf("-seed-argon2 %q: want MEMORY_KIB,PASSES with at least 8 KiB and 1 pass", *seedArgon2)
	}
	c.Mode = "cohort"
	switch fs.NArg() {
	case 0:
	case 1:
		c.Mode = fs.Arg(0)
	default:
		return c, fmt.Errorf("one mode at most, got %q", strings.Join(fs.Args(), " "))
	}
	err := c.Validate() // Validate fills in defaults, so c is returned after it
	return c, err
}

// Validate checks the flags that can be checked before anything runs.
func (c *Config) Validate() error {
	known := false
	for _, m := range modes {
		known = known || m == c.Mode
	}
	switch {
	case !known:
		return fmt.Errorf("unknown mode %q (want one of %s)", c.Mode, strings.Join(modes, ", "))
	case c.Concurrency < 1 || c.Learners < 1:
		return fmt.Errorf("-c and -learners must be at least 1")
	case c.Duration <= 0 || c.LessonDuration <= 0 || c.SubmitDuration <= 0:
		return fmt.Errorf("durations must be positive")
	case c.Reread < 0 || c.Reread > 1:
		return fmt.Errorf("-reread is a share between 0 and 1")
	case c.Serve && c.DB == "":
		return fmt.Errorf("-serve needs -db (the server runs on PostgreSQL)")
	case (c.Mode == "pgbench" || c.Mode == "all") && c.DB == "":
		return fmt.Errorf("mode %s needs -db for pgbench", c.Mode)
	case c.Mode == "scale" && c.DB == "":
		return fmt.Errorf("mode scale needs -db: it seeds the database and starts the servers on it")
	}
	if err := c.validateScale(); err != nil {
		return err
	}
	if (!c.Serve || c.Mode == "pgbench" || c.Mode == "baseline-gin" || c.Mode == "baseline-nethttp") && c.Mode != "scale" {
		u, err := url.Parse(c.Target)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("-target %q is not an http URL", c.Target)
		}
		if err := CheckLoopback(u.Hostname()); err != nil {
			return fmt.Errorf("-target: %w", err)
		}
		c.Target = strings.TrimRight(c.Target, "/")
	}
	if c.DB != "" {
		u, err := url.Parse(c.DB)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return fmt.Errorf("-db %q is not a postgres:// URL", c.DB)
		}
		if err := CheckLoopback(u.Hostname()); err != nil {
			return fmt.Errorf("-db: %w", err)
		}
	}
	return nil
}

// validateScale checks the flags of the scale mode: the server count, the active learners (all
// of the cohort by default), the run id that names the seeded rows, and that every replica is
// on loopback like the primary.
func (c *Config) validateScale() error {
	if c.Active == 0 {
		c.Active = c.Learners
	}
	switch {
	case c.Servers < 1:
		return fmt.Errorf("-servers must be at least 1")
	case c.Active < 1 || c.Active > c.Learners:
		return fmt.Errorf("-active must be between 1 and -learners (%d)", c.Learners)
	case c.Instructors < 0:
		return fmt.Errorf("-instructors must not be negative")
	case len(c.RunID) > 12 || strings.Trim(c.RunID, "abcdefghijklmnopqrstuvwxyz0123456789") != "":
		return fmt.Errorf("-run-id %q: use up to 12 of a-z and 0-9", c.RunID)
	}
	for _, r := range strings.Split(c.ReplicaURLs, ",") {
		if r == "" {
			continue
		}
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return fmt.Errorf("-replica-urls: %q is not a postgres:// URL", redact(r))
		}
		if err := CheckLoopback(u.Hostname()); err != nil {
			return fmt.Errorf("-replica-urls: %w", err)
		}
	}
	return nil
}

// envList collects repeated KEY=VALUE flags.
type envList []string

func (e *envList) String() string { return strings.Join(*e, " ") }

func (e *envList) Set(v string) error {
	if k, _, ok := strings.Cut(v, "="); !ok || k == "" {
		return fmt.Errorf("want KEY=VALUE, got %q", v)
	}
	*e = append(*e, v)
	return nil
}

// CheckLoopback refuses any host but localhost and loopback addresses: the tool loads the
// machine it runs on and nothing else. Names other than localhost are not resolved.
func CheckLoopback(host string) error {
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	if ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("host %q is not loopback (127.0.0.0/8, ::1 or localhost); this tool only loads the local machine", host)
}

// pgbench is the pgbench run the configuration asks for.
func (c Config) pgbench() machine.Pgbench {
	return machine.Pgbench{DB: c.DB, Database: c.PgbenchDB, Scale: c.PgbenchScale, Clients: c.PgbenchClients,
		Jobs: c.PgbenchJobs, Duration: c.PgbenchDuration}
}
