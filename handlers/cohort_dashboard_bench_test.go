package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"tandem/testenv"
)

// BenchmarkCohortDashboard measures the cohort grid of a national programme: 50,000 learners
// on the shipped curricula (16 modules), in teams with reviewed work and peer ratings, seeded
// set-wise by the database. It reads the first page of 100 learners with every summary row, a
// search, and the whole CSV streamed to a writer that keeps nothing, reporting the peak of the
// heap while the CSV is written.
func BenchmarkCohortDashboard(b *testing.B) {
	if testenv.Backend() != "postgres" {
		b.Skip("the dashboard benchmark runs on PostgreSQL (TANDEM_TEST_DB=postgres)")
	}
	cfg := testenv.Config(b)
	cfg.CatalogDir = ""
	env := testenv.NewWith(b, cfg)
	began := time.Now()
	cohortID, token, _ := seedCohort(b, env, 50_000)
	b.Logf("seeded 50,000 learners in %s", time.Since(began).Round(time.Second))
	handler := env.App.Handler()
	get := func(b *testing.B, path string, w http.ResponseWriter) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		handler.ServeHTTP(w, req)
	}
	path := "/api/v1/cohorts/" + cohortID + "/progress"
	b.Run("FirstPage", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rec := httptest.NewRecorder()
			get(b, path, rec)
			if rec.Code != http.StatusOK {
				b.Fatalf("%d %s", rec.Code, rec.Body.String())
			}
		}
	})
	b.Run("Search", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rec := httptest.NewRecorder()
			get(b, path+"?q=learner%204242&sort=progress&order=desc", rec)
			if rec.Code != http.StatusOK {
				b.Fatalf("%d %s", rec.Code, rec.Body.String())
			}
		}
	})
	b.Run("CSV", func(b *testing.B) {
		b.ReportAllocs()
		peak := heapPeak()
		for b.Loop() {
			w := &discard{header: http.Header{}}
			get(b, path+"?format=csv&sort=name", w)
			if w.status != http.StatusOK || w.bytes < 1<<20 {
				b.Fatalf("%d, %d bytes", w.status, w.bytes)
			}
		}
		b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
	})
}

// discard is a response writer that counts the bytes written and keeps none.
type discard struct {
	header        http.Header
	status, bytes int
}

func (d *discard) Header() http.Header { return d.header }
func (d *discard) WriteHeader(status int) {
	if d.status == 0 {
		d.status = status
	}
}
func (d *discard) Write(p []byte) (int, error) {
	d.WriteHeader(http.StatusOK)
	d.bytes += len(p)
	return len(p), nil
}

// heapPeak samples the live heap every 5 ms until the returned function is called, which
// returns the largest sample.
func heapPeak() func() uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return peak.Load()
	}
}
