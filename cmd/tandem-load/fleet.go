package main

import (
	"fmt"
	"os"
	"path/filepath"

	"tandem/cmd/tandem-load/machine"
)

// Fleet is the servers a scale run started on one PostgreSQL, each its own process on its own
// loopback port, and the samplers of their memory.
type Fleet struct {
	servers  []*ServerProc
	samplers []*machine.Sampler
}

// URLs are the servers' base URLs, in the order they started.
func (f *Fleet) URLs() []string {
	out := make([]string, len(f.servers))
	for i, s := range f.servers {
		out[i] = s.URL
	}
	return out
}

// startFleet starts cfg.Servers servers on cfg.DB, one after the other: the first migrates the
// database and writes the master key to the shared data folder, the others find both ready.
// With -replica-urls each server is given them as TANDEM_DATABASE_REPLICA_URLS.
func (r *Runner) startFleet() (*Fleet, error) {
	if err := machine.EnsureDatabase(r.ctx, r.cfg.DB); err != nil {
		return nil, err
	}
	bin := r.cfg.ServeBin
	if bin == "" {
		var err error
		if bin, err = r.binary(); err != nil {
			return nil, err
		}
	}
	dataDir, err := serverDataDir(r.cfg.DB)
	if err != nil {
		return nil, err
	}
	env := append([]string{}, r.cfg.ServerEnv...)
	if r.cfg.ReplicaURLs != "" {
		env = append(env, "TANDEM_DATABASE_REPLICA_URLS="+r.cfg.ReplicaURLs)
	}
	f := &Fleet{}
	for i := 1; i <= r.cfg.Servers; i++ {
		logPath := filepath.Join(os.TempDir(), fmt.Sprintf("tandem-load-server-%s-%d.log", r.runID, i))
		if r.cfg.ServerLog != "" {
			logPath = fmt.Sprintf("%s.%d", r.cfg.ServerLog, i)
		}
		r.logf("starting server %d of %d: %s against %s (log %s)", i, r.cfg.Servers, bin, redact(r.cfg.DB), logPath)
		srv, err := StartServer(r.ctx, bin, r.cfg.DB, logPath, dataDir, r.cfg.SpoofClients, env)
		if err != nil {
			r.stopFleet(f)
			return nil, fmt.Errorf("server %d: %w", i, err)
		}
		f.servers = append(f.servers, srv)
		f.samplers = append(f.samplers, machine.NewSampler(srv.PID))
	}
	return f, nil
}

// stopFleet reads each server's peak memory (VmHWM) and CPU time into the report, then stops
// it; the load tool's own figures come last.
func (r *Runner) stopFleet(f *Fleet) {
	for i, srv := range f.servers {
		f.samplers[i].Stop()
		pm := ProcessMemory{Role: fmt.Sprintf("server-%d", i+1), PID: srv.PID, URL: srv.URL, VmHWMMB: f.samplers[i].HWM(),
			CPUSeconds: machine.ProcessCPU(srv.PID).Seconds()}
		if err := srv.Stop(); err != nil {
			r.report.Notes = append(r.report.Notes, fmt.Sprintf("%s (pid %d) did not stop cleanly: %v; log %s", pm.Role, srv.PID, err, srv.Log))
		}
		r.report.Memory = append(r.report.Memory, pm)
	}
	self := machine.NewSampler(os.Getpid())
	self.Stop() // one sample: VmHWM is the peak since the process started
	r.report.Memory = append(r.report.Memory, ProcessMemory{Role: "load-tool", PID: os.Getpid(), VmHWMMB: self.HWM(),
		CPUSeconds: machine.ProcessCPU(os.Getpid()).Seconds()})
}
