package teams

import (
	"math"
	"testing"
)

func TestRubricPoints(t *testing.T) {
	for p, want := range map[float64]bool{0: true, 2.5: true, 0.1: true, 4.3: true, 10: true, 2.55: false, 0.05: false, 1.0000001: false} {
		if got := InTenths(p); got != want {
			t.Errorf("InTenths(%v) = %v", p, got)
		}
	}
	if got := SumPoints(map[string]float64{"a": 0.1, "b": 0.2, "c": 2.5}); got != 2.8 {
		t.Errorf("SumPoints = %v, want 2.8", got)
	}
}

// FuzzSumPoints: scores in tenths add up exactly, in any order, to the sum of their tenths.
func FuzzSumPoints(f *testing.F) {
	f.Add(1, 2, 25)
	f.Add(0, 999, 3)
	f.Fuzz(func(t *testing.T, a, b, c int) {
		tenths := []int{a % 10000, b % 10000, c % 10000}
		scores := map[string]float64{}
		want := 0
		for i, n := range tenths {
			n = int(math.Abs(float64(n)))
			scores[string(rune('a'+i))] = float64(n) / 10
			want += n
			if !InTenths(float64(n) / 10) {
				t.Fatalf("%v has more than one decimal place", float64(n)/10)
			}
		}
		if got := SumPoints(scores); got != float64(want)/10 {
			t.Fatalf("SumPoints(%v) = %v, want %v", scores, got, float64(want)/10)
		}
	})
}
