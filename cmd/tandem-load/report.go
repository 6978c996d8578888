package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"tandem/cmd/tandem-load/machine"
)

// Report is everything one run measured.
type Report struct {
	Mode     string                 `json:"mode"`
	Target   string                 `json:"target"`
	Started  time.Time              `json:"started"`
	Commit   string                 `json:"commit,omitempty"`
	Settings map[string]any         `json:"settings"`
	Phases   []*Phase               `json:"phases"`
	Server   *ServerMemory          `json:"server,omitempty"`
	Seed     *SeedReport            `json:"seed,omitempty"`
	Memory   []ProcessMemory        `json:"processes,omitempty"` // scale: every server and the tool
	Pgbench  *machine.PgbenchResult `json:"pgbench,omitempty"`
	Targets  []Target               `json:"targets,omitempty"`
	Notes    []string               `json:"notes,omitempty"`
}

// Phase is one stretch of load: its length, the machine's load average around it, its routes
// and the server's peak resident memory while it ran.
type Phase struct {
	Name       string         `json:"name"`
	Seconds    float64        `json:"seconds"`
	Workers    int            `json:"workers"`
	LoadBefore [3]float64     `json:"load_before"`
	LoadAfter  [3]float64     `json:"load_after"`
	Requests   int            `json:"requests"`
	PerSecond  float64        `json:"per_second"`
	Status5xx  int            `json:"status_5xx"`
	Transport  int            `json:"transport_errors"`
	PeakRSSMB  float64        `json:"server_peak_rss_mb,omitempty"`
	ServerCPU  float64        `json:"server_cpu_us_per_request,omitempty"` // CPU of the serving process
	ToolCPU    float64        `json:"tool_cpu_us_per_request,omitempty"`   // CPU of this process (with in-process gin: both)
	DBCPU      float64        `json:"db_cpu_us_per_request,omitempty"`     // CPU of the PostgreSQL backends serving the server
	Routes     []RouteStats   `json:"routes"`
	Counts     map[string]int `json:"counts,omitempty"`
	Errors     map[string]int `json:"errors,omitempty"`                   // responses of 400 and over by status, and requests without answer by kind
	AtBound    bool           `json:"stopped_at_request_bound,omitempty"` // ended by -n, not by its duration or work
}

// ServerMemory is the server process's memory over the run.
type ServerMemory struct {
	PID      int     `json:"pid"`
	VmHWMMB  float64 `json:"vmhwm_mb"`
	Log      string  `json:"log,omitempty"`
	Shutdown string  `json:"shutdown,omitempty"`
}

// SeedReport is the cohort the scale mode seeded in bulk, and how long that took.
type SeedReport struct {
	RunID    string  `json:"run_id"`
	CohortID string  `json:"cohort_id"`
	Seconds  float64 `json:"seconds"`
	// SummariseSeconds is how long `tandem rebuild-summaries` took to summarise the seeded records.
	SummariseSeconds float64        `json:"summarise_seconds"`
	Reused           bool           `json:"reused"` // seeded by an earlier run with the same run id
	Rows             map[string]int `json:"rows"`
}

// ProcessMemory is one process's peak resident memory (VmHWM) and CPU time over the run.
type ProcessMemory struct {
	Role       string  `json:"role"` // server-1, server-2, ..., or load-tool
	PID        int     `json:"pid"`
	URL        string  `json:"url,omitempty"`
	VmHWMMB    float64 `json:"vmhwm_mb"`
	CPUSeconds float64 `json:"cpu_seconds"`
}

// Target is one of issue 10's goals, measured.
type Target struct {
	Name      string  `json:"name"`
	Measured  float64 `json:"measured"`
	Reference float64 `json:"reference,omitempty"`
	Ratio     float64 `json:"ratio,omitempty"`
	Goal      string  `json:"goal"`
	Met       bool    `json:"met"`
}

// Route returns the statistics of route in p, or a zero value.
func (p *Phase) Route(route string) RouteStats {
	for _, r := range p.Routes {
		if r.Route == route {
			return r
		}
	}
	return RouteStats{Route: route}
}

// WriteText writes r as tables.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "tandem-load %s against %s, %s", r.Mode, r.Target, r.Started.Format(time.RFC3339))
	if r.Commit != "" {
		fmt.Fprintf(w, ", commit %s", r.Commit)
	}
	fmt.Fprintln(w)
	for _, p := range r.Phases {
		fmt.Fprintf(w, "\nphase %s: %.1f s, %d workers, %d requests, %.0f/s, 5xx %d, no answer %d, load %s -> %s",
			p.Name, p.Seconds, p.Workers, p.Requests, p.PerSecond, p.Status5xx, p.Transport, loadText(p.LoadBefore), loadText(p.LoadAfter))
		if p.PeakRSSMB > 0 {
			fmt.Fprintf(w, ", server peak RSS %.1f MB", p.PeakRSSMB)
		}
		if p.ServerCPU > 0 {
			fmt.Fprintf(w, ", serving CPU %.0f us/request", p.ServerCPU)
		}
		if p.DBCPU > 0 {
			fmt.Fprintf(w, ", PostgreSQL CPU %.0f us/request", p.DBCPU)
		}
		if p.ToolCPU > 0 {
			fmt.Fprintf(w, ", load tool CPU %.0f us/request", p.ToolCPU)
		}
		if p.AtBound {
			fmt.Fprint(w, ", STOPPED AT THE REQUEST BOUND (-n)")
		}
		fmt.Fprintln(w)
		for _, k := range sortedKeys(p.Counts) {
			fmt.Fprintf(w, "  %s: %d\n", k, p.Counts[k])
		}
		if len(p.Errors) > 0 {
			fmt.Fprintf(w, "  errors: %s\n", countsText(p.Errors))
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "route\tn\t/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\tstatuses\tno answer\t")
		for _, rs := range p.Routes {
			fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%.1f\t%s\t%s\t\n", rs.Route, rs.Requests, rs.PerSecond,
				rs.P50ms, rs.P95ms, rs.P99ms, rs.Maxms, countsText(rs.Statuses), countsText(rs.Transport))
		}
		tw.Flush()
	}
	if r.Pgbench != nil {
		fmt.Fprintf(w, "\npgbench: %.1f tps (scale %d, %d clients, %d threads, %s), PostgreSQL CPU %.0f us/transaction, load %s -> %s\n  %s\n",
			r.Pgbench.TPS, r.Pgbench.Scale, r.Pgbench.Clients, r.Pgbench.Jobs, r.Pgbench.Duration, r.Pgbench.DBCPU,
			loadText(r.Pgbench.LoadBefore), loadText(r.Pgbench.LoadAfter), strings.Join(r.Pgbench.Commands, "\n  "))
	}
	if r.Seed != nil {
		r.Seed.writeText(w)
	}
	if len(r.Memory) > 0 {
		fmt.Fprintln(w)
	}
	for _, m := range r.Memory {
		fmt.Fprintf(w, "%s pid %d: peak RSS (VmHWM) %.1f MB, CPU %.1f s\n", m.Role, m.PID, m.VmHWMMB, m.CPUSeconds)
	}
	if r.Server != nil {
		fmt.Fprintf(w, "\nserver pid %d: peak RSS (VmHWM) %.1f MB", r.Server.PID, r.Server.VmHWMMB)
		if r.Server.Shutdown != "" {
			fmt.Fprintf(w, "; shutdown: %s", r.Server.Shutdown)
		}
		fmt.Fprintln(w)
	}
	if len(r.Targets) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "target\tmeasured\treference\tratio\tgoal\tmet")
		for _, t := range r.Targets {
			ref, ratio := "", ""
			if t.Reference > 0 {
				ref, ratio = strconv.FormatFloat(t.Reference, 'f', 1, 64), strconv.FormatFloat(t.Ratio, 'f', 2, 64)
			}
			fmt.Fprintf(tw, "%s\t%.1f\t%s\t%s\t%s\t%s\n", t.Name, t.Measured, ref, ratio, t.Goal, yesNo(t.Met))
		}
		tw.Flush()
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note:", n)
	}
}

func (s *SeedReport) writeText(w io.Writer) {
	how := "seeded"
	if s.Reused {
		how = "reused, seeded before"
	}
	fmt.Fprintf(w, "\ncohort %s (run %s): %s in %.1f s; %s\n", s.CohortID, s.RunID, how, s.Seconds, countsText(s.Rows))
}

// WriteJSON writes r as indented JSON to path, or to w when path is "-".
func (r *Report) WriteJSON(path string, w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if path == "-" {
		_, err = w.Write(b)
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// errorsOf counts a phase's error responses (400 and over) by status, and its requests that got
// no answer by kind, over every route.
func errorsOf(routes []RouteStats) map[string]int {
	out := map[string]int{}
	for _, rs := range routes {
		for status, n := range rs.Statuses {
			if status >= "400" || status == "other" {
				out[status] += n
			}
		}
		for kind, n := range rs.Transport {
			out[kind] += n
		}
	}
	return out
}

func countsText(m map[string]int) string {
	parts := make([]string, 0, len(m))
	for _, k := range sortedKeys(m) {
		parts = append(parts, k+":"+strconv.Itoa(m[k]))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}

func loadText(l [3]float64) string { return fmt.Sprintf("%.2f/%.2f/%.2f", l[0], l[1], l[2]) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "NO"
}
