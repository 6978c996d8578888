// Command profserve serves Tandem as `tandem serve` does, through tandem/app, and adds
// net/http/pprof on a second loopback port, so that the server can be profiled under
// tandem-load without putting pprof into the real binary. It is a measuring instrument, not a
// way to run Tandem:
//
//	go build -o /tmp/profserve ./cmd/tandem-load/profserve
//	tandem-load -serve -serve-bin /tmp/profserve -db ... submit &
//	go tool pprof -seconds 15 http://127.0.0.1:6061/debug/pprof/profile
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"syscall"
	"time"

	"tandem/app"
	"tandem/config"
	"tandem/logs"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "profserve:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	fs := flag.NewFlagSet("profserve", flag.ContinueOnError)
	pprofAddr := fs.String("pprof", "127.0.0.1:6061", "loopback address for /debug/pprof/")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 1 || fs.NArg() == 1 && fs.Arg(0) != "serve" {
		return errors.New("profserve only serves (create users with the tandem binary)")
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	for _, addr := range []string{*pprofAddr, cfg.Addr} {
		host, _, err := net.SplitHostPort(addr)
		if ip := net.ParseIP(host); err != nil || host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return fmt.Errorf("%s: profserve listens on loopback only", addr)
		}
	}
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	batch := logs.NewBatch(os.Stderr, 100*time.Millisecond) // as tandem serve logs
	defer batch.Flush()
	log := slog.New(batch.Handler(slog.NewJSONHandler(batch, &slog.HandlerOptions{Level: level})))
	a, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	go http.ListenAndServe(*pprofAddr, mux)
	srv := &http.Server{Addr: cfg.Addr, Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Info("profserve serving", "addr", cfg.Addr, "pprof", *pprofAddr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}
