//go:build unix

package quizzes

import (
	"context"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the processor time the process has used so far, which a busy machine does not
// inflate as it does the time on the clock.
func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestParseGIFTTimeIsLinear parses 20 KB and sixteen times as much of questions with one
// title: linear parsing takes about sixteen times the processor time, quadratic 256. The bound
// sits at 64, four times from each, because the process's processor time also counts whatever
// else the test binary runs meanwhile. The best of five runs counts.
func TestParseGIFTTimeIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	best := func(src string) time.Duration {
		d := time.Hour
		for range 5 {
			start := cpuTime(t)
			if _, err := ParseGIFT(context.Background(), src, 0); err != nil {
				t.Fatal(err)
			}
			d = min(d, cpuTime(t)-start)
		}
		return d
	}
	small, large := best(repeatedTitles(20<<10)), best(repeatedTitles(320<<10))
	if large > 2*time.Second || large > 64*small {
		t.Fatalf("20 KB took %v of processor time, 320 KB %v", small, large)
	}
}
