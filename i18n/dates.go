package i18n

import (
	"strconv"
	"time"

	"tandem/locale"
)

// calendar is how one language names months and weekdays and writes a day.
type calendar struct {
	months   [12]string
	weekdays [7]string // Sunday first, as time.Weekday counts
	day      func(d int) string
	date     string // layout of a date, with D the day, M the month and Y the year
	weekday  string // layout of a day of the week, with W the weekday, D the day and M the month
}

// calendars follow each language's usual long date (CLDR's "long" and "full" formats, without
// the year where a weekday is named).
var calendars = map[string]calendar{
	locale.English: {
		months:   [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		day:      strconv.Itoa, date: "D M Y", weekday: "W D M",
	},
	locale.French: {
		months:   [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		weekdays: [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		day: func(d int) string {
			if d == 1 {
				return "1er"
			}
			return strconv.Itoa(d)
		},
		date: "D M Y", weekday: "W D M",
	},
	locale.German: {
		months:   [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		weekdays: [7]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
		day:      func(d int) string { return strconv.Itoa(d) + "." }, date: "D M Y", weekday: "W, D M",
	},
	locale.Italian: {
		months:   [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		weekdays: [7]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"},
		day:      strconv.Itoa, date: "D M Y", weekday: "W D M",
	},
}

func calendarOf(lang string) calendar {
	if c, ok := calendars[lang]; ok {
		return c
	}
	return calendars[locale.Default]
}

// Date writes t's day as lang writes a date in prose: "2 March 2027", "2 mars 2027",
// "2. März 2027", "2 marzo 2027".
func Date(lang string, t time.Time) string {
	c := calendarOf(lang)
	return c.fill(c.date, t)
}

// Weekday writes t's day with its weekday and without the year: "Tuesday 2 March",
// "mardi 2 mars", "Dienstag, 2. März", "martedì 2 marzo".
func Weekday(lang string, t time.Time) string {
	c := calendarOf(lang)
	return c.fill(c.weekday, t)
}

func (c calendar) fill(layout string, t time.Time) string {
	out := make([]byte, 0, 32)
	for i := 0; i < len(layout); i++ {
		switch layout[i] {
		case 'D':
			out = append(out, c.day(t.Day())...)
		case 'M':
			out = append(out, c.months[t.Month()-1]...)
		case 'Y':
			out = strconv.AppendInt(out, int64(t.Year()), 10)
		case 'W':
			out = append(out, c.weekdays[t.Weekday()]...)
		default:
			out = append(out, layout[i])
		}
	}
	return string(out)
}
