package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"tandem/app"
	"tandem/config"
)

// memoryLimit is the Go runtime's soft memory limit a server runs with unless GOMEMLIMIT says
// otherwise. Its work needs a few tens of MiB; password hashing is what would take it past:
// each argon2id computation allocates TANDEM_ARGON2_MEMORY_KIB (19 MiB), one per core at a
// time, and when a cohort signs in at once their garbage piled up to a 200 MB process before the
// collector ran. Near the limit the collector runs sooner instead. With gcPercent the heap
// stays nearer the limit than with Go's default, so the limit is 140 MiB rather than 150: 1,200
// learners signing in at once took the process to 188 and 192 MB in two runs, where 150 MiB
// took it to as much as 200 MB.
const memoryLimit = 140 << 20

// gcPercent is the garbage collector's target a server runs with unless GOGC says otherwise:
// the heap may grow to five times what is live before the next collection (Go's default is
// twice), and memoryLimit still makes the collector run sooner near the limit. Quiz starts and
// submissions allocate briskly while little stays live; with Go's default the collector took
// about a tenth of the server's CPU on the quiz path.
const gcPercent = 400

// defaultMemorySettings sets memoryLimit when the environment (looked up with lookup) has no
// GOMEMLIMIT, and gcPercent when it has no GOGC; it returns the limit and percent it set, 0
// for each it left to the environment.
func defaultMemorySettings(lookup func(string) (string, bool)) (limit int64, percent int) {
	if _, set := lookup("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(memoryLimit)
		limit = memoryLimit
	}
	if _, set := lookup("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
		percent = gcPercent
	}
	return limit, percent
}

// serve runs the server until ctx ends (SIGINT or SIGTERM). It then drains: for
// TANDEM_DRAIN_DELAY it keeps serving but answers not-ready and closes each connection after
// its response, then it finishes in-flight requests and closes the database.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	if limit, percent := defaultMemorySettings(os.LookupEnv); limit != 0 || percent != 0 {
		log.Info("memory settings of the Go runtime set where the environment has none", "gomemlimit_bytes", limit, "gogc", percent)
	}
	a, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           a.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	log.Info("tandem serving", "addr", ln.Addr().String(), "database", a.Store.Dialect(), "base_url", cfg.BaseURL)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	if cfg.DrainDelay > 0 {
		log.Info("shutting down: draining connections", "delay", cfg.DrainDelay)
		a.Server.Drain()
		time.Sleep(cfg.DrainDelay)
	}
	log.Info("shutting down: draining requests", "timeout", cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

func migrate(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	st, err := app.OpenStore(ctx, cfg, log, nil, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	log.Info("schema up to date", "database", st.Dialect())
	return nil
}
