package lab

import (
	"maps"
	"math"
	"slices"
	"testing"

	"tandem/courses"
)

func TestDrawCasesMixesAlertsAndOutcomes(t *testing.T) {
	b := built(t)
	a, again, other := b.DrawCases(7), b.DrawCases(7), b.DrawCases(8)
	if !slices.Equal(a, again) || slices.Equal(a, other) || len(a) != b.Lab.Cards.Total() {
		t.Fatalf("seed 7: %v, again %v; seed 8: %v", a, again, other)
	}
	kinds := map[[2]bool]int{}
	for _, i := range a {
		o := b.Outcome(i)
		kinds[[2]bool{o.Alert, o.Deteriorated}]++
	}
	want := map[[2]bool]int{{true, true}: 2, {true, false}: 2, {false, true}: 1, {false, false}: 3}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("alert %t, deteriorated %t: %d patients, want %d", k[0], k[1], kinds[k], n)
		}
	}
}

// A lab that names its own mix gets runs of that mix.
func TestDrawCasesFollowsTheLabsMix(t *testing.T) {
	b := built(t)
	own := *b.Lab
	own.Cards = courses.CardMix{TrueAlerts: 1, FalseAlarms: 4, Missed: 0, Quiet: 5}
	mixed := *b
	mixed.Lab = &own
	kinds := map[[2]bool]int{}
	for _, i := range mixed.DrawCases(3) {
		o := mixed.Outcome(i)
		kinds[[2]bool{o.Alert, o.Deteriorated}]++
	}
	want := map[[2]bool]int{{true, true}: 1, {true, false}: 4, {false, false}: 5}
	if !maps.Equal(kinds, want) {
		t.Errorf("run of the lab's own mix: %v, want %v", kinds, want)
	}
}

// A card's explanation adds up, with the intercept, to the model's log-odds when every
// column is named; the three it shows are the largest.
func TestCardShowsOnlyTheDisplayAndExplainsTheRisk(t *testing.T) {
	b := built(t)
	c := b.Card(3, 0, []string{CardExplanation, CardRisk})
	if c.Alert != nil || c.Vitals != nil || c.Context != nil || c.Figures != nil || c.Risk == nil || len(c.Explanation) != 3 {
		t.Fatalf("card: %+v", c)
	}
	m, p := b.Models["base"], b.validation[3]
	all := m.Explain(p, 100)
	eta := m.Coefficients[0].Estimate
	for _, x := range all {
		eta += x.LogOdds
	}
	if risk := 1 / (1 + math.Exp(-eta)); math.Abs(risk-*c.Risk) > 1e-12 {
		t.Errorf("explanation sums to risk %g, the card says %g", risk, *c.Risk)
	}
	for _, x := range all[3:] {
		if math.Abs(x.LogOdds) > math.Abs(c.Explanation[2].LogOdds) {
			t.Errorf("%s (%g) is left out of the explanation but moves the risk more than %s", x.Name, x.LogOdds, c.Explanation[2].Name)
		}
	}
}

func TestCheckDisplay(t *testing.T) {
	for _, c := range []struct {
		items []string
		field string
	}{
		{[]string{"alert", "risk"}, ""},
		{CardItems, ""},
		{nil, "items"},
		{[]string{"risk", "mood"}, "items.1"},
		{[]string{"risk", "vitals", "risk"}, "items.2"},
	} {
		got := CheckDisplay(c.items)
		if _, ok := got[c.field]; (c.field == "") != (len(got) == 0) || (c.field != "" && !ok) {
			t.Errorf("%v: %v, want a problem with %q", c.items, got, c.field)
		}
	}
}
