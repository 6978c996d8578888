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
// collector ran. Near the limit the collector runs sooner instead.
const memoryLimit = 150 << 20

// defaultMemoryLimit sets memoryLimit when the environment (looked up with lookup) has no
// GOMEMLIMIT, and reports whether it did.
func defaultMemoryLimit(lookup func(string) (string, bool)) (int64, bool) {
	if _, set := lookup("GOMEMLIMIT"); set {
		return 0, false
	}
	debug.SetMemoryLimit(memoryLimit)
	return memoryLimit, true
}

// serve runs the server until ctx ends (SIGINT or SIGTERM). It then drains: for
// TANDEM_DRAIN_DELAY it keeps serving but answers not-ready and closes each connection after
// its response, then it finishes in-flight requests and closes the database.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	if limit, set := defaultMemoryLimit(os.LookupEnv); set {
		log.Info("soft memory limit set, GOMEMLIMIT being unset", "bytes", limit)
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
