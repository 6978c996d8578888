package uitest

import (
	"testing"

	"tandem/testenv"
)

// BenchmarkProgressGrid measures, in Chromium, how long the cohort progress grid takes to
// build and lay out a page of 100 learners × 16 modules and one exercise, the page the server
// sends whatever the cohort's size. The figure is Chromium's own clock (performance.now), per
// draw.
func BenchmarkProgressGrid(b *testing.B) {
	browser := startBrowser(b)
	env := testenv.New(b)
	tb := newTab(b, browser, env.URL, 1280, 800)
	tb.open("/glossary", "Glossary")
	eval[bool](tb, `(async () => {
  const { progressGrid } = await import('/assets/components/progress-grid.js');
  const modules = Array.from({ length: 16 }, (_, i) => ({ slug: 'm' + i, title: 'Module ' + i, track: i < 8 ? 'clinicians' : 'technologists', lessons_total: 3 }));
  const learners = Array.from({ length: 100 }, (_, i) => ({
    user_id: 'u' + i, name: 'Learner ' + i, email: 'l' + i + '@tandem.test', discipline_group: i % 2 ? 'clinical' : 'technical', percent: 50, tracks: {},
    modules: modules.map(() => ({ lessons_completed: 2, quiz_percent: 70, quiz_passed: true, completed: false })),
    team: 'Team ' + (i >> 2), exercises: [{ version: 2, status: 'accepted', points: 10, late: false, peer_factor: 1 }], last_activity: null,
  }));
  const stats = modules.map((m) => ({ slug: m.slug, completed: 0, completed_percent: 0, mean_quiz_percent: 70 }));
  window.__grid = { progressGrid, d: { modules, learners, exercises: [{ slug: 'x', title: 'Exercise', max_points: 12 }],
    by_module: stats, by_exercise: [{ slug: 'x', in_teams: 50000, accepted: 25000 }], mean_percent: 50,
    by_discipline: [{ discipline_group: 'clinical', learners: 25000, mean_percent: 50, modules: stats, exercises: [{ slug: 'x', in_teams: 25000, accepted: 12500 }] }],
    page: { number: 1, per_page: 100, total: 50000, cohort_learners: 50000 } } };
  return true;
})()`)
	var draw float64
	for b.Loop() {
		draw += eval[float64](tb, `(() => {
  const t0 = performance.now();
  const d = window.__grid.d;
  document.querySelector('main').replaceChildren(window.__grid.progressGrid(d, [], [], async () => d));
  document.body.offsetHeight;
  return performance.now() - t0;
})()`)
	}
	b.ReportMetric(draw/float64(b.N), "draw-ms/op")
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
