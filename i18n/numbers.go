package i18n

import (
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
