package i18n

import (
	"fmt"
	"math"
	"strings"
)

// Reason renders field reason id (a reason.* message) in lang, placing values as lang writes
// them: whole numbers by Integer (an errs.Grouped one grouped from four digits), other numbers
// by Decimal, lists joined by commas.
func (c *Catalog) Reason(lang, id string, values map[string]any) string {
	data := make(map[string]any, len(values))
	for name, v := range values {
		data[name] = placed(lang, v)
	}
	return c.Text(lang, id, data)
}

// placed writes one value of a reason as lang writes it.
func placed(lang string, v any) string {
	switch v := v.(type) {
	case int:
		return Integer(lang, int64(v))
	case int64:
		return Integer(lang, v)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return Integer(lang, int64(v))
		}
		return Decimal(lang, v, 6)
	case map[string]any:
		if n, ok := v["grouped"].(float64); ok {
			return Decimal(lang, n, 0)
		}
	case []string:
		return strings.Join(v, ", ")
	case []any:
		out := make([]string, len(v))
		for i, item := range v {
			out[i] = placed(lang, item)
		}
		return strings.Join(out, ", ")
	}
	return fmt.Sprint(v)
}
