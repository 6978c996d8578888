package handlers_test

import (
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tandem/lab/metrics"
	"tandem/lab/model"
	"tandem/lab/synth"
	"tandem/testenv"
)

const testLab = "threshold-lab"

func TestLabIsReadableWithItsValidationData(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	list := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/labs"}).JSON(t)["items"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["slug"] != testLab {
		t.Fatalf("labs: %v", list)
	}
	lab := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/labs/" + testLab}).JSON(t)
	coefs := lab["coefficients"].(map[string]any)
	if len(coefs["base"].([]any)) == 0 || len(coefs["shortcut"].([]any)) != len(coefs["base"].([]any))+1 {
		t.Errorf("coefficients: %v", coefs)
	}
	if strings.Contains(string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/labs/" + testLab}).Body), "planted flaw") {
		t.Error("the lab gives its instructor guide away")
	}
	var v struct {
		N      int                  `json:"n"`
		Scores map[string][]float64 `json:"scores"`
		Labels []bool               `json:"labels"`
		Groups map[string][]string  `json:"groups"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/labs/" + testLab + "/validation"}).Decode(t, &v)
	if v.N != 1250 || len(v.Scores["base"]) != 1250 || len(v.Labels) != 1250 || len(v.Groups["skin_tone"]) != 1250 {
		t.Fatalf("validation: n %d, %d scores, %d labels", v.N, len(v.Scores["base"]), len(v.Labels))
	}
	// What the server computes at a threshold is what the validation data give.
	var m struct {
		Point metrics.Point `json:"point"`
		AUROC float64       `json:"auroc"`
		Sweep metrics.Sweep `json:"sweep"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/labs/" + testLab + "/metrics?threshold=0.13"}).Decode(t, &m)
	if want := metrics.PointAt(v.Scores["base"], v.Labels, 0.13).Confusion; m.Point.Confusion != want {
		t.Errorf("confusion at 0.13: %+v, from the validation data %+v", m.Point.Confusion, want)
	}
	if m.AUROC < 0.75 || len(m.Sweep.Thresholds) != 101 {
		t.Errorf("AUROC %.3f, %d sweep steps", m.AUROC, len(m.Sweep.Thresholds))
	}
}

func TestLabMetricsPerGroup(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	var m struct {
		Groups   []metrics.Group   `json:"groups"`
		Fairness *metrics.Fairness `json:"fairness"`
		Point    metrics.Point     `json:"point"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/labs/" + testLab + "/metrics?threshold=0.1&subgroup=age_band"}).Decode(t, &m)
	if len(m.Groups) != 3 || m.Fairness == nil || len(m.Fairness.Criteria) != 5 {
		t.Fatalf("groups %d, fairness %+v", len(m.Groups), m.Fairness)
	}
	n := 0
	for _, g := range m.Groups {
		n += g.Point.N
		if g.Name == "70+" && g.Observed <= g.Expected {
			t.Errorf("patients aged 70 or more should be under-predicted: observed %.3f, expected %.3f", g.Observed, g.Expected)
		}
	}
	if n != m.Point.N || !m.Fairness.BaseRatesDiffer {
		t.Errorf("groups add up to %d of %d; base rates differ: %v", n, m.Point.N, m.Fairness.BaseRatesDiffer)
	}
	one := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/labs/" + testLab + "/metrics?subgroup=age_band&group=70%2B"}).JSON(t)
	if one["group"] != "70+" || one["point"].(map[string]any)["n"].(float64) != float64(m.Groups[2].Point.N) {
		t.Errorf("one group: %v", one["point"])
	}
}

func TestLabMetricsRefuseBadQueries(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	for query, field := range map[string]string{
		"threshold=abc": "threshold", "threshold=1.5": "threshold", "threshold=-0.1": "threshold", "threshold=NaN": "threshold",
		"model=forest": "model", "subgroup=height": "subgroup", "group=70%2B": "group", "subgroup=sex&group=other": "group",
	} {
		resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/labs/" + testLab + "/metrics?" + query})
		if resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), `"`+field+`"`) {
			t.Errorf("%s: %d %s", query, resp.Status, resp.Body)
		}
	}
	for _, path := range []string{"/api/v1/labs/nope", "/api/v1/labs/nope/metrics", "/api/v1/labs/nope/validation"} {
		if resp := env.Do(testenv.Request{Method: "GET", Path: path}); resp.Status != http.StatusNotFound {
			t.Errorf("%s: %d", path, resp.Status)
		}
	}
}

// TestLabHiddenSetNeverLeaves calls every lab route, as a visitor and as an instructor, and a
// team's lab routes as a member and as the instructor after proposing every fix the lab opens,
// and looks for any score of the hidden test set or the second site in the answers, from the
// lab's models and from the models a proposal refits.
func TestLabHiddenSetNeverLeaves(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	lt := newLabTeam(t, env)
	c, err := synth.Generate(synth.Default())
	if err != nil {
		t.Fatal(err)
	}
	hidden := map[string]bool{}
	withoutStaffing := slices.DeleteFunc(slices.Clone(model.Base), func(f string) bool { return f == "ward_staffing" })
	for _, features := range [][]string{model.Base, model.Shortcut, withoutStaffing} {
		m, err := model.Fit(c.Split(synth.Train), features)
		if err != nil {
			t.Fatal(err)
		}
		for _, split := range []synth.Split{synth.Test, synth.SecondSite} {
			for _, s := range m.Scores(c.Split(split)) {
				hidden[strconv.FormatFloat(s, 'g', -1, 64)] = true
			}
		}
	}
	for _, body := range []map[string]any{{"fix": "recalibration"}, {"fix": "group_recalibration", "subgroup": "skin_tone"},
		{"fix": "group_thresholds", "subgroup": "sex", "thresholds": map[string]any{"male": 0.2}}, {"fix": "drop_feature", "feature": "ward_staffing"},
		{"fix": "review_band", "review_band": map[string]any{"lower": 0.05, "upper": 0.2}}} {
		if resp := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/proposals", Token: lt.clin1.AccessToken, Body: body}); resp.Status != http.StatusCreated {
			t.Fatalf("propose %v: %d %s", body, resp.Status, resp.Body)
		}
	}
	logIssue(t, env, lt, lt.tech1)
	number := regexp.MustCompile(`-?\d+\.\d+(e-?\d+)?`)
	paths := []string{"/api/v1/labs", "/api/v1/labs/" + testLab, "/api/v1/labs/" + testLab + "/validation",
		"/api/v1/labs/" + testLab + "/guide"}
	for _, q := range []string{"", "?threshold=0.2", "?model=shortcut&subgroup=ethnicity", "?subgroup=skin_tone&group=dark"} {
		paths = append(paths, "/api/v1/labs/"+testLab+"/metrics"+q)
	}
	doc := string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/openapi.json"}).Body)
	if n, team, runs := strings.Count(doc, `"/api/v1/labs`), strings.Count(doc, `"/api/v1/teams/{id}/labs/`), strings.Count(doc, `"/api/v1/lab-runs/`); n != 6 || team != 5 || runs != 3 {
		t.Fatalf("the document has %d lab routes, %d team lab routes and %d run routes; this test knows 6, 5 and 3: add the new one here", n, team, runs)
	}
	check := func(p, token string) {
		body := string(env.Do(testenv.Request{Method: "GET", Path: p, Token: token}).Body)
		for _, num := range number.FindAllString(body, -1) {
			if hidden[num] {
				t.Fatalf("%s gives a hidden score away: %s", p, num)
			}
		}
		if strings.Contains(body, `"n":1250`) == false && strings.Contains(p, "validation") {
			t.Errorf("%s: not the validation split", p)
		}
	}
	for _, p := range paths {
		for _, token := range []string{"", lt.instructor.AccessToken} {
			check(p, token)
		}
	}
	run := startRun(t, env, lt, lt.clin2)
	for pos := range run.Total {
		check("/api/v1/lab-runs/"+run.ID, lt.clin2.AccessToken)
		if resp := decide(env, run.ID, lt.clin2, pos, true); resp.Status != http.StatusCreated {
			t.Fatalf("decide: %d %s", resp.Status, resp.Body)
		}
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lab-runs/" + run.ID + "/workload", Token: lt.clin2.AccessToken, Body: tlx}); resp.Status != http.StatusCreated {
		t.Fatalf("workload: %d %s", resp.Status, resp.Body)
	}
	check("/api/v1/lab-runs/"+run.ID, lt.clin2.AccessToken)
	check("/api/v1/labs/"+testLab+"/display", lt.clin2.AccessToken)
	var proposals struct{ Items []proposalBody }
	env.Do(testenv.Request{Method: "GET", Path: lt.base + "/proposals", Token: lt.clin2.AccessToken}).Decode(t, &proposals)
	for _, p := range proposals.Items {
		if resp := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/submissions", Token: lt.clin2.AccessToken, Body: map[string]any{"proposal": p.ID}}); resp.Status != http.StatusCreated {
			t.Fatalf("submit: %d %s", resp.Status, resp.Body)
		}
	}
	check("/api/v1/teams/"+lt.team+"/submissions", lt.instructor.AccessToken)
	check("/api/v1/cohorts/"+lt.cohort+"/labs/"+testLab+"/debrief", lt.instructor.AccessToken)
	check("/api/v1/cohorts/"+lt.cohort+"/labs/"+testLab+"/debrief?format=csv", lt.instructor.AccessToken)
	for _, p := range []string{lt.base + "/proposals", lt.base + "/issues", lt.base + "/runs"} {
		for _, u := range []*testenv.User{lt.clin2, lt.instructor} {
			check(p, u.AccessToken)
		}
	}
	if math.IsNaN(float64(len(hidden))) || len(hidden) < 6000 {
		t.Fatalf("only %d hidden scores to look for", len(hidden))
	}
}
