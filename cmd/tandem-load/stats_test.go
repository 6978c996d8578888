package main

import (
	"testing"
	"time"
)

func durations(ms ...int) []time.Duration {
	out := make([]time.Duration, len(ms))
	for i, m := range ms {
		out[i] = time.Duration(m) * time.Millisecond
	}
	return out
}

func TestPercentile(t *testing.T) {
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one sample is every percentile", durations(7), 99, 7 * time.Millisecond},
		{"median of odd count", durations(1, 2, 3, 4, 5), 50, 3 * time.Millisecond},
		{"median of even count is the lower middle", durations(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p95 of 1..100", hundred, 95, 95 * time.Millisecond},
		{"p99 of 1..100", hundred, 99, 99 * time.Millisecond},
		{"p100 is the maximum", hundred, 100, 100 * time.Millisecond},
		{"tiny p is the minimum", hundred, 0.001, time.Millisecond},
		{"p99 of 10 samples is the maximum", durations(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{"p95 of 20 samples is the 19th", durations(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), 95, 19 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
			}
		})
	}
}

func TestRecorderMergeAndSummarise(t *testing.T) {
	a, b := NewRecorder(), NewRecorder()
	for i := 1; i <= 50; i++ {
		a.Response("GET /x", 200, time.Duration(i)*time.Millisecond)
		b.Response("GET /x", 304, time.Duration(50+i)*time.Millisecond)
	}
	b.Response("POST /y", 503, 3*time.Millisecond)
	b.Response("POST /y", 201, 5*time.Millisecond)
	b.Failure("POST /y", "connection_refused")
	a.Merge(b)
	got := a.Summarise(2 * time.Second)
	if len(got) != 2 || got[0].Route != "GET /x" || got[1].Route != "POST /y" {
		t.Fatalf("routes = %+v, want GET /x then POST /y", got)
	}
	x, y := got[0], got[1]
	if x.Requests != 100 || x.PerSecond != 50 || x.P50ms != 50 || x.P95ms != 95 || x.P99ms != 99 || x.Maxms != 100 {
		t.Errorf("GET /x = %+v", x)
	}
	if x.Statuses["200"] != 50 || x.Statuses["304"] != 50 || x.Successful != 100 || x.Status5xx != 0 {
		t.Errorf("GET /x statuses = %v, successful %d, 5xx %d", x.Statuses, x.Successful, x.Status5xx)
	}
	if y.Requests != 2 || y.Status5xx != 1 || y.Successful != 1 || y.Transport["connection_refused"] != 1 {
		t.Errorf("POST /y = %+v", y)
	}
}

func TestBudget(t *testing.T) {
	b := NewBudget(2)
	if !b.Take() || !b.Take() || b.Take() || !b.Spent() {
		t.Error("a budget of 2 should allow exactly two requests")
	}
	u := NewBudget(0)
	for range 1000 {
		if !u.Take() {
			t.Fatal("an unbounded budget refused a request")
		}
	}
	if u.Spent() {
		t.Error("an unbounded budget is never spent")
	}
	b.Refill(1)
	if b.Spent() || !b.Take() || b.Take() {
		t.Error("a spent budget refilled with 1 should allow exactly one more request")
	}
}

func TestReadRatesRatioIsTheMedianOfRounds(t *testing.T) {
	server, gin := []float64{7000, 2000, 5000, 9000}, []float64{14000, 16000, 5000, 10000}
	// per round 0.5, 0.125, 1.0, 0.9: the median is (0.5 + 0.9) / 2
	if got := Ratio(server, gin); got < 0.6999 || got > 0.7001 {
		t.Errorf("Ratio = %v, want 0.7", got)
	}
	if got := Ratio([]float64{1}, nil); got != 0 {
		t.Errorf("Ratio without a gin round = %v, want 0", got)
	}
}
