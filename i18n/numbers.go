package i18n

import (
	"strconv"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"tandem/locale"
)

// Decimal writes v with at most digits fraction digits as lang writes numbers: 72.5 in
// English, 72,5 in French, German and Italian.
func Decimal(lang string, v float64, digits int) string {
	if !locale.Valid(lang) {
		lang = locale.Default
	}
	p := message.NewPrinter(language.Make(lang))
	return p.Sprint(number.Decimal(v, number.MaxFractionDigits(digits)))
}

// Integer writes n as lang writes a whole number in prose, grouping its digits in threes from
// five digits on: 2000 in every language, but 200,000 in English, 200 000 in French and
// 200.000 in German and Italian (four digits stay whole, as style guides of all four allow
// and as Tandem's English has always written its limits).
func Integer(lang string, n int64) string {
	if n > -10_000 && n < 10_000 {
		return strconv.FormatInt(n, 10)
	}
	return Decimal(lang, float64(n), 0)
}
