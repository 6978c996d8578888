package machine

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Memory is a process's resident set size, in kB, as /proc/PID/status reports it.
type Memory struct {
	RSS int64 // VmRSS: now
	HWM int64 // VmHWM: the peak since the process started
}

// ParseStatus reads VmRSS and VmHWM out of the text of /proc/PID/status.
func ParseStatus(text string) (Memory, error) {
	var m Memory
	found := 0
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) != 2 || fields[1] != "kB" {
			return m, fmt.Errorf("unexpected %s line %q", name, sc.Text())
		}
		n, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return m, err
		}
		if name == "VmRSS" {
			m.RSS = n
		} else {
			m.HWM = n
		}
		found++
	}
	if found != 2 {
		return m, errors.New("no VmRSS and VmHWM lines (is it a kernel thread?)")
	}
	return m, nil
}

// Sampler samples a process's memory every 100 ms and keeps the peak per phase.
type Sampler struct {
	pid  int
	mu   sync.Mutex
	hwm  int64 // the process's own peak, last seen
	peak int64 // the highest VmRSS this sampler saw in the current window
	stop chan struct{}
	done chan struct{}
}

// NewSampler starts sampling pid; pid 0 gives a sampler that reports nothing.
func NewSampler(pid int) *Sampler {
	s := &Sampler{pid: pid, stop: make(chan struct{}), done: make(chan struct{})}
	if pid == 0 {
		close(s.done)
		return s
	}
	go s.loop()
	return s
}

func (s *Sampler) loop() {
	defer close(s.done)
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		s.sample()
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
	}
}

func (s *Sampler) sample() {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.pid))
	if err != nil {
		return
	}
	m, err := ParseStatus(string(raw))
	if err != nil {
		return
	}
	s.mu.Lock()
	s.hwm = max(s.hwm, m.HWM)
	s.peak = max(s.peak, m.RSS)
	s.mu.Unlock()
}

// Window returns the highest RSS seen since the last call, in MB, and starts a new window.
func (s *Sampler) Window() float64 {
	if s.pid == 0 {
		return 0
	}
	s.sample()
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.peak
	s.peak = 0
	return mb(p)
}

// HWM is the process's peak resident set (VmHWM) as last seen, in MB.
func (s *Sampler) HWM() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return mb(s.hwm)
}

// Stop ends sampling.
func (s *Sampler) Stop() {
	if s.pid != 0 {
		s.sample()
		close(s.stop)
	}
	<-s.done
}

func mb(kb int64) float64 { return float64(kb*10/1024) / 10 }

// clockTicks is USER_HZ, the unit of /proc/PID/stat times: 100 on every Linux Tandem runs on.
const clockTicks = 100

// ParseStatCPU returns the user plus system CPU time in the text of /proc/PID/stat.
func ParseStatCPU(text string) (time.Duration, error) {
	// The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
	i := strings.LastIndexByte(text, ')')
	if i < 0 {
		return 0, errors.New("no command name in stat")
	}
	f := strings.Fields(text[i+1:])
	if len(f) < 13 {
		return 0, errors.New("short stat line")
	}
	user, err1 := strconv.ParseInt(f[11], 10, 64) // field 14, utime
	sys, err2 := strconv.ParseInt(f[12], 10, 64)  // field 15, stime
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("bad utime or stime in stat: %v %v", err1, err2)
	}
	return time.Duration(user+sys) * time.Second / clockTicks, nil
}

// ProcessCPU is the CPU time pid has used so far, or 0 when it cannot be read.
func ProcessCPU(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	d, _ := ParseStatCPU(string(raw))
	return d
}

// BackendPIDs lists the PostgreSQL backend processes connected to the database of dbURL.
func BackendPIDs(ctx context.Context, dbURL string) []int {
	u, err := url.Parse(dbURL)
	if err != nil {
		return nil
	}
	name := strings.TrimPrefix(u.Path, "/")
	u.Path = "/postgres"
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		return nil
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "SELECT pid FROM pg_stat_activity WHERE datname = $1", name)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var pids []int
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) == nil {
			pids = append(pids, pid)
		}
	}
	return pids
}

// CPUOf sums the CPU time of pids so far.
func CPUOf(pids []int) map[int]time.Duration {
	out := make(map[int]time.Duration, len(pids))
	for _, pid := range pids {
		out[pid] = ProcessCPU(pid)
	}
	return out
}

// CPUSince is the CPU the processes in before have used since, counting only those still there.
func CPUSince(before map[int]time.Duration) time.Duration {
	var d time.Duration
	for pid, t := range before {
		if now := ProcessCPU(pid); now >= t && now > 0 {
			d += now - t
		}
	}
	return d
}
