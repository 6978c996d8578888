package teams

import "math"

// InTenths reports whether rubric points p have at most one decimal place, as Canvas and
// Moodle rubrics allow (2.5 of 5).
func InTenths(p float64) bool {
	return math.Abs(p*10-math.Round(p*10)) < 1e-6
}

// SumPoints adds rubric points in tenths, so that 0.1 + 0.2 is 0.3 and not a float's
// approximation of it.
func SumPoints(scores map[string]float64) float64 {
	var tenths int64
	for _, p := range scores {
		tenths += int64(math.Round(p * 10))
	}
	return float64(tenths) / 10
}
