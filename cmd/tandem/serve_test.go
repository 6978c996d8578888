package main

import (
	"runtime/debug"
	"testing"
)

// A server without GOMEMLIMIT runs with the default soft memory limit; one with GOMEMLIMIT
// keeps what the runtime read from it.
func TestServeSetsASoftMemoryLimitUnlessGOMEMLIMITIsSet(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	debug.SetMemoryLimit(1 << 40)
	if _, set := defaultMemoryLimit(func(string) (string, bool) { return "300MiB", true }); set {
		t.Error("the default was set although GOMEMLIMIT is")
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("with GOMEMLIMIT set the limit is %d, want it left at %d", got, int64(1<<40))
	}
	if _, set := defaultMemoryLimit(func(string) (string, bool) { return "", false }); !set {
		t.Error("no default was set without GOMEMLIMIT")
	}
	if got := debug.SetMemoryLimit(-1); got != 150<<20 {
		t.Errorf("without GOMEMLIMIT the limit is %d, want 150 MiB", got)
	}
}
