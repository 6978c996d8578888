package courses

import (
	"strings"
	"testing"
	"testing/fstest"

	"tandem/lab/synth"
)

const labFile = "labs/threshold-lab/lab.yaml"

func TestLabLoads(t *testing.T) {
	c := mustLoad(t, sampleFS(t))
	lab, ok := c.Lab("threshold-lab")
	if !ok || len(c.Labs()) != 1 {
		t.Fatalf("lab not loaded: %v", c.Labs())
	}
	if lab.Exercise == nil || lab.Exercise.Slug != "early-warning-spec" || len(lab.Modules) != 1 || lab.Modules[0].Slug != "clin-evaluation" {
		t.Errorf("links: exercise %v, modules %v", lab.Exercise, lab.Modules)
	}
	// The generator takes the defaults for what the lab does not name.
	if want := synth.Default(); lab.Generator != want {
		t.Errorf("generator %+v, want the defaults %+v", lab.Generator, want)
	}
	if !strings.Contains(lab.BriefHTML, "<strong>synthetic</strong>") || !strings.Contains(lab.GuideHTML, "<h1") {
		t.Errorf("brief %q, guide %q", lab.BriefHTML, lab.GuideHTML)
	}
	if lab.Cards != DefaultCardMix {
		t.Errorf("a lab that names no mix runs %+v, want %+v", lab.Cards, DefaultCardMix)
	}
	if lab.Hash == "" || lab.Threshold != 0.1 || lab.Compare != "shortcut" {
		t.Errorf("lab %+v", lab)
	}
}

func TestLabProblems(t *testing.T) {
	cases := []struct {
		name   string
		change func(t *testing.T, m fstest.MapFS)
		want   string
	}{
		{"unknown exercise", ed(labFile, "exercise: early-warning-spec", "exercise: nope"), labFile + `:5: unknown exercise "nope"`},
		{"unknown module", ed(labFile, "  - clin-evaluation", "  - clin-nope"), labFile + `:7: unknown module "clin-nope"`},
		{"generator out of range", ed(labFile, "patients: 5000", "patients: 10"), labFile + `:10: generator patients must be between 500 and 20000`},
		{"unknown generator field", ed(labFile, "seed: 5", "sead: 5"), labFile + `:9: unknown field "sead"`},
		{"unknown model", ed(labFile, "model: base", "model: forest"), labFile + `:11: model must be one of base, shortcut, not "forest"`},
		{"compare with itself", ed(labFile, "compare: shortcut", "compare: base"), labFile + `:12: compare must be another of base, shortcut, not "base"`},
		{"threshold", ed(labFile, "threshold: 0.1", "threshold: 1.5"), labFile + `:13: threshold must be a risk between 0 and 1 (exclusive), not 1.5`},
		{"unknown view", ed(labFile, "views: [threshold,", "views: [thresholds,"), labFile + `:14: views 1: "thresholds" is not one of`},
		{"repeated subgroup", ed(labFile, "subgroups: [age_band, sex,", "subgroups: [age_band, age_band,"), labFile + `:15: subgroups 2: "age_band" is listed twice`},
		{"run too short", ed(labFile, "fixes: [recalibration]", "fixes: [recalibration]\ncards: {true_alerts: 1, false_alarms: 1, missed: 0, quiet: 1}"), labFile + `:17: cards: a run shows 4 to 20 patients, not 3`},
		{"run without events", ed(labFile, "fixes: [recalibration]", "fixes: [recalibration]\ncards: {true_alerts: 0, false_alarms: 3, missed: 0, quiet: 3}"), labFile + `:17: cards: a run needs patients who deteriorate`},
		{"negative count", ed(labFile, "fixes: [recalibration]", "fixes: [recalibration]\ncards: {true_alerts: 3, false_alarms: -1, missed: 1, quiet: 3}"), labFile + `:17: cards false_alarms must be 0 or more, not -1`},
		{"slug is not the folder", ed(labFile, "slug: threshold-lab", "slug: other-lab"), labFile + `:1: slug "other-lab" must be the folder name "threshold-lab"`},
		{"no guide", func(t *testing.T, m fstest.MapFS) { delete(m, "labs/threshold-lab/guide.md") }, `labs/threshold-lab/guide.md: missing file`},
		{"stray file", func(t *testing.T, m fstest.MapFS) { m["labs/notes.txt"] = &fstest.MapFile{Data: []byte("x")} }, `labs/notes.txt: unexpected file`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := sampleFS(t)
			tc.change(t, m)
			ps := Check(m)
			for _, p := range ps {
				if strings.Contains(p.String(), tc.want) {
					return
				}
			}
			t.Errorf("want a problem containing %q, got:\n%v", tc.want, ps)
		})
	}
}
