// Command tandem-load simulates a cohort of learners against a Tandem server on loopback and
// reports throughput and p50/p95/p99 latency per route, errors by status and the server's peak
// memory. Its baseline modes measure bare gin serving the same lesson bytes and pgbench's
// TPC-B-like run on the same PostgreSQL, so that figures from a shared, noisy machine can be
// read as ratios measured side by side. It loads loopback only and always stops by itself.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"

	"tandem/cmd/tandem-load/machine"
)

func main() {
	if len(os.Args) == 3 && (os.Args[1] == machine.BareGinServerArg || os.Args[1] == machine.BareNetHTTPServerArg) {
		if err := machine.ServeBareChild(os.Args[1], os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "tandem-load:", err)
			os.Exit(1)
		}
		return
	}
	cfg, err := ParseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tandem-load:", err)
		os.Exit(2)
	}
	cfg.Log = os.Stderr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := Run(ctx, cfg)
	if rep != nil {
		if cfg.JSON != "-" {
			rep.WriteText(os.Stdout)
		}
		if cfg.JSON != "" {
			if werr := rep.WriteJSON(cfg.JSON, os.Stdout); werr != nil && err == nil {
				err = werr
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tandem-load:", err)
		os.Exit(1)
	}
}

func numCPU() int     { return runtime.NumCPU() }
func gomaxprocs() int { return runtime.GOMAXPROCS(0) }
