package uitest

import (
	"testing"

	"tandem/testenv"
)

// BenchmarkProgressGrid5000 measures, in Chromium, how long the cohort progress grid of 5,000
// learners × 16 modules and one exercise takes to build and lay out, and to filter down to
// one learner. The figures are Chromium's own clock (performance.now), reported per draw.
func BenchmarkProgressGrid5000(b *testing.B) {
	browser := startBrowser(b)
	env := testenv.New(b)
	tb := newTab(b, browser, env.URL, 1280, 800)
	tb.open("/glossary", "Glossary")
	eval[bool](tb, `(async () => {
  const { progressGrid } = await import('/assets/components/progress-grid.js');
  const modules = Array.from({ length: 16 }, (_, i) => ({ slug: 'm' + i, title: 'Module ' + i, track: i < 8 ? 'clinicians' : 'technologists', lessons_total: 3 }));
  const learners = Array.from({ length: 5000 }, (_, i) => ({
    user_id: 'u' + i, name: 'Learner ' + i, email: 'l' + i + '@tandem.test', discipline_group: i % 2 ? 'clinical' : 'technical', percent: 50, tracks: {},
    modules: modules.map(() => ({ lessons_completed: 2, quiz_percent: 70, quiz_passed: true, completed: false })),
    team: 'Team ' + (i >> 2), exercises: [{ version: 2, status: 'accepted', points: 10, late: false, peer_factor: 1 }],
  }));
  window.__grid = { progressGrid, d: { modules, learners, exercises: [{ slug: 'x', title: 'Exercise', max_points: 12 }],
    by_module: modules.map((m) => ({ slug: m.slug, completed_percent: 0, mean_quiz_percent: 70 })), by_discipline: [] } };
  return true;
})()`)
	var draw, filter float64
	for b.Loop() {
		got := eval[[]float64](tb, `(() => {
  const t0 = performance.now();
  document.querySelector('main').replaceChildren(window.__grid.progressGrid(window.__grid.d, []));
  document.body.offsetHeight;
  const t1 = performance.now();
  const f = document.querySelector('.grid-tools input');
  f.value = 'learner 4321';
  f.dispatchEvent(new Event('input'));
  document.body.offsetHeight;
  return [t1 - t0, performance.now() - t1];
})()`)
		draw += got[0]
		filter += got[1]
	}
	b.ReportMetric(draw/float64(b.N), "draw-ms/op")
	b.ReportMetric(filter/float64(b.N), "filter-ms/op")
}

// BenchmarkLabSlider measures, in Chromium, one step of the lab's threshold slider: the
// redraw of the confusion matrix, the metrics, the patients' sentences and the three curve
// markers, and the layout after it (Chromium's own clock, per step).
func BenchmarkLabSlider(b *testing.B) {
	browser := startBrowser(b)
	env := testenv.New(b)
	tb := newTab(b, browser, env.URL, 390, 844)
	tb.open("/labs/threshold-lab", "Where should the alert fire?")
	var total float64
	for b.Loop() {
		total += eval[float64](tb, `(() => {
  const s = document.querySelector('#lab-threshold');
  s.value = String((Number(s.value) + 1) % 60);
  const t0 = performance.now();
  s.dispatchEvent(new Event('input'));
  document.body.offsetHeight;
  return performance.now() - t0;
})()`)
	}
	b.ReportMetric(total/float64(b.N), "redraw-ms/op")
}
