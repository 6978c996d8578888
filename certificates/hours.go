package certificates

import (
	"math"
	"strings"

	"tandem/errs"
)

// Credits in hours follow the catalogue's minutes: a programme may award no more hours than
// the learning it asks for takes, as its lessons and joint exercises state it (the minutes
// that tandem content check holds to the text, courses/catalog/README.md "Minutes").

// learningMinutes is the time a programme's learning takes: the stated minutes of every lesson
// of its tracks and of its joint exercises. Slugs the catalogue does not know count nothing.
func (s *Service) learningMinutes(tracks, exercises []string) int {
	total := 0
	for _, slug := range tracks {
		if t, ok := s.catalog.Track(slug); ok {
			for _, m := range t.Modules {
				total += m.Minutes
			}
		}
	}
	for _, slug := range exercises {
		if x, ok := s.catalog.Exercise(slug); ok {
			total += x.Minutes
		}
	}
	return total
}

// countsHours reports whether a credit unit counts hours, as "CME hours" and "CPD hour" do.
func countsHours(unit string) bool {
	return strings.Contains(strings.ToLower(unit), "hour")
}

// checkHours returns why credits in hours are more than minutes of learning allow, or "".
func checkHours(credits float64, unit string, minutes int) string {
	if credits <= 0 || !countsHours(unit) || credits*60 <= float64(minutes)+1e-9 {
		return ""
	}
	most := math.Floor(float64(minutes)/60*100) / 100 // two decimals, never above the time
	return errs.Reason("reason.credit_hours", map[string]any{"Most": most, "Minutes": minutes})
}
