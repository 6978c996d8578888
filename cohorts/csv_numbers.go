package cohorts

import (
	"strconv"
	"strings"
)

// csvPercent writes a percentage for a spreadsheet to one decimal place, without a trailing
// ".0": 66.66666666666667 is 66.7 and 100 is 100.
func csvPercent(f float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(f, 'f', 1, 64), ".0")
}

// csvFactor writes a peer adjustment factor to two decimal places, as the grid shows it:
// 1.0095238095238097 is 1.01.
func csvFactor(f float64) string {
	return strconv.FormatFloat(f, 'f', 2, 64)
}
