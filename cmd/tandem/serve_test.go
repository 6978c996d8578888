package main

import (
	"runtime/debug"
	"testing"
)

// A server without GOMEMLIMIT and GOGC runs with the default soft memory limit and collector
// target; one with either keeps what the runtime read from it.
func TestServeSetsMemoryDefaultsUnlessTheEnvironmentHasThem(t *testing.T) {
	limitBefore, percentBefore := debug.SetMemoryLimit(-1), debug.SetGCPercent(100)
	t.Cleanup(func() {
		debug.SetMemoryLimit(limitBefore)
		debug.SetGCPercent(percentBefore)
	})
	debug.SetMemoryLimit(1 << 40)
	debug.SetGCPercent(150)
	environment := func(set ...string) func(string) (string, bool) {
		return func(key string) (string, bool) {
			for _, k := range set {
				if k == key {
					return "300MiB", true
				}
			}
			return "", false
		}
	}
	if limit, percent := defaultMemorySettings(environment("GOMEMLIMIT", "GOGC")); limit != 0 || percent != 0 {
		t.Errorf("defaults set (limit %d, percent %d) although GOMEMLIMIT and GOGC are", limit, percent)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("with GOMEMLIMIT set the limit is %d, want it left at %d", got, int64(1<<40))
	}
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("with GOGC set the collector's target is %d, want it left at 150", got)
	}
	if limit, percent := defaultMemorySettings(environment("GOGC")); limit != 140<<20 || percent != 0 {
		t.Errorf("with GOGC only: set limit %d and percent %d, want 140 MiB and none", limit, percent)
	}
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("with GOGC set the collector's target is %d, want it left at 150", got)
	}
	debug.SetMemoryLimit(1 << 40)
	if limit, percent := defaultMemorySettings(environment()); limit != 140<<20 || percent != 400 {
		t.Errorf("with neither: set limit %d and percent %d, want 140 MiB and 400", limit, percent)
	}
	if got := debug.SetMemoryLimit(-1); got != 140<<20 {
		t.Errorf("without GOMEMLIMIT the limit is %d, want 140 MiB", got)
	}
	if got := debug.SetGCPercent(100); got != 400 {
		t.Errorf("without GOGC the collector's target is %d, want 400", got)
	}
}
