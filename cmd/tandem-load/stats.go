package main

import (
	"maps"
	"math"
	"slices"
	"sort"
	"time"
)

// Recorder collects the outcome of every request one worker sends. Each worker owns one, so
// recording takes no lock; Merge combines them when a phase ends.
type Recorder struct {
	routes map[string]*routeSamples
}

type routeSamples struct {
	durations []time.Duration // one per response, whatever its status
	statuses  map[int]int
	transport map[string]int // requests that got no response, by kind of failure
}

// NewRecorder returns an empty recorder.
func NewRecorder() *Recorder { return &Recorder{routes: map[string]*routeSamples{}} }

func (r *Recorder) route(name string) *routeSamples {
	rs := r.routes[name]
	if rs == nil {
		rs = &routeSamples{statuses: map[int]int{}, transport: map[string]int{}}
		r.routes[name] = rs
	}
	return rs
}

// Response records a response with status after d.
func (r *Recorder) Response(route string, status int, d time.Duration) {
	rs := r.route(route)
	rs.durations = append(rs.durations, d)
	rs.statuses[status]++
}

// Failure records a request that got no response.
func (r *Recorder) Failure(route, kind string) { r.route(route).transport[kind]++ }

// Merge adds everything other recorded into r.
func (r *Recorder) Merge(other *Recorder) {
	for name, o := range other.routes {
		rs := r.route(name)
		rs.durations = append(rs.durations, o.durations...)
		for k, v := range o.statuses {
			rs.statuses[k] += v
		}
		for k, v := range o.transport {
			rs.transport[k] += v
		}
	}
}

// Percentile returns the nearest-rank p-th percentile (0 < p <= 100) of sorted durations: the
// smallest value with at least p% of the samples at or below it. It returns 0 for no samples.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(n)))
	return sorted[min(max(rank, 1), n)-1]
}

// RouteStats summarises one route over a phase.
type RouteStats struct {
	Route      string         `json:"route"`
	Requests   int            `json:"requests"`
	PerSecond  float64        `json:"per_second"`
	P50ms      float64        `json:"p50_ms"`
	P95ms      float64        `json:"p95_ms"`
	P99ms      float64        `json:"p99_ms"`
	Maxms      float64        `json:"max_ms"`
	Statuses   map[string]int `json:"statuses"`
	Transport  map[string]int `json:"transport_errors,omitempty"`
	Status5xx  int            `json:"status_5xx"`
	Successful int            `json:"successful"` // 2xx and 304
}

// Summarise computes per-route statistics over elapsed, sorted by route.
func (r *Recorder) Summarise(elapsed time.Duration) []RouteStats {
	out := make([]RouteStats, 0, len(r.routes))
	for _, name := range slices.Sorted(maps.Keys(r.routes)) {
		rs := r.routes[name]
		d := slices.Clone(rs.durations)
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		st := RouteStats{Route: name, Requests: len(d), Statuses: map[string]int{},
			P50ms: ms(Percentile(d, 50)), P95ms: ms(Percentile(d, 95)), P99ms: ms(Percentile(d, 99))}
		if len(d) > 0 {
			st.Maxms = ms(d[len(d)-1])
		}
		for code, n := range rs.statuses {
			st.Statuses[statusText(code)] = n
			if code >= 500 {
				st.Status5xx += n
			}
			if code >= 200 && code < 300 || code == 304 {
				st.Successful += n
			}
		}
		if len(rs.transport) > 0 {
			st.Transport = maps.Clone(rs.transport)
		}
		if elapsed > 0 {
			st.PerSecond = float64(st.Requests) / elapsed.Seconds()
		}
		out = append(out, st)
	}
	return out
}

func ms(d time.Duration) float64 { return math.Round(float64(d)/float64(time.Microsecond)) / 1000 }

func statusText(code int) string {
	const digits = "0123456789"
	if code < 100 || code > 999 {
		return "other"
	}
	return string([]byte{digits[code/100], digits[code/10%10], digits[code%10]})
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
