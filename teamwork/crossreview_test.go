package teamwork

import (
	"fmt"
	"maps"
	"testing"
)

// Pairing gives each team another to review, never itself, never the team reviewing it when
// there are three or more, and the same pairs from the same seed.
func TestPairTeams(t *testing.T) {
	if pairTeams(nil, 1) != nil || pairTeams([]string{"a"}, 1) != nil {
		t.Fatal("fewer than two teams cannot be paired")
	}
	if got := pairTeams([]string{"b", "a"}, 9); got["a"] != "b" || got["b"] != "a" {
		t.Fatalf("two teams review each other: %v", got)
	}
	for n := 3; n <= 9; n++ {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprintf("team%02d", i)
		}
		differs := false
		for seed := range int64(20) {
			got := pairTeams(ids, seed)
			reviewed := map[string]bool{}
			for reviewer, reviewee := range got {
				if reviewer == reviewee || got[reviewee] == reviewer || reviewed[reviewee] {
					t.Fatalf("%d teams, seed %d: %v", n, seed, got)
				}
				reviewed[reviewee] = true
			}
			if len(got) != n || len(reviewed) != n {
				t.Fatalf("%d teams, seed %d: not everyone paired: %v", n, seed, got)
			}
			reversed := []string{}
			for i := len(ids) - 1; i >= 0; i-- {
				reversed = append(reversed, ids[i])
			}
			if !maps.Equal(got, pairTeams(reversed, seed)) {
				t.Fatalf("the same seed and teams in another order pair differently")
			}
			differs = differs || !maps.Equal(got, pairTeams(ids, seed+1))
		}
		if !differs {
			t.Errorf("%d teams: every seed gives the same pairs", n)
		}
	}
}

// Accuracy is 1 − the mean distance to the instructor's marks as a share of each maximum,
// floored at 0.
func TestAccuracy(t *testing.T) {
	maxima := map[string]int{"a": 4, "b": 6}
	ref := map[string]float64{"a": 4, "b": 6}
	for _, c := range []struct {
		marks map[string]float64
		want  float64
	}{
		{map[string]float64{"a": 4, "b": 6}, 1},
		{map[string]float64{"a": 2, "b": 3}, 0.5},
		{map[string]float64{"a": 3, "b": 6}, 0.875},
		{map[string]float64{"a": 0, "b": 0}, 0},
		{map[string]float64{"a": 1, "b": 4.5}, 0.5},
	} {
		if got := accuracy(c.marks, ref, maxima); got != c.want {
			t.Errorf("accuracy(%v) = %v, want %v", c.marks, got, c.want)
		}
	}
	if accuracy(nil, ref, nil) != 0 {
		t.Error("no criteria, no accuracy")
	}
}

// A criterion's score is the accuracy-weighted mean; marks spread beyond a quarter of the
// maximum disagree; reviews that weigh nothing give no score.
func TestScoreCriterion(t *testing.T) {
	w, spread, disagree := scoreCriterion([]weightedMark{{points: 4, weight: 1}, {points: 0, weight: 0.25}}, 4)
	if w == nil || *w != 3.2 || spread != 4 || !disagree {
		t.Fatalf("weighted %v spread %v disagree %v", w, spread, disagree)
	}
	w, spread, disagree = scoreCriterion([]weightedMark{{points: 3, weight: 0.5}, {points: 4, weight: 0.5}}, 4)
	if *w != 3.5 || spread != 1 || disagree {
		t.Fatalf("a spread of a quarter agrees: %v %v %v", *w, spread, disagree)
	}
	if w, _, _ := scoreCriterion([]weightedMark{{points: 3, weight: 0}}, 4); w != nil {
		t.Fatalf("weightless reviews score %v", *w)
	}
}
