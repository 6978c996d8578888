package errs

import (
	"encoding/json"
	"fmt"
	"strings"
)

// A field reason of Invalid is most often an English sentence ("must be asc or desc") that
// i18n finds by its text to word it in the reader's language. A reason that places values (a
// limit, an address, the allowed choices) cannot be found by its text, so Reason writes it as
// the id of its reason.* message and the values that message names; i18n then words it for
// every reader, English included, and a client never sees this form. It starts with a control
// character, which no sentence of the code holds and no client can send.
const reasonMark = "\x00"

// Reason writes the field reason of message id (reason.*) with values (numbers, strings and
// lists of them, by the names the message places them under; nil when it places none):
// Reason("reason.chars_at_most", map[string]any{"Max": 200}) reads "must be at most 200
// characters" in English.
func Reason(id string, values map[string]any) string {
	b, err := json.Marshal(values)
	if err != nil {
		panic(fmt.Sprintf("errs: values of %s: %v", id, err))
	}
	return reasonMark + id + " " + string(b)
}

// ParseReason reads a field reason that Reason wrote; ok is false for a reason written as a
// sentence. Numbers come back as float64 and lists as []any.
func ParseReason(reason string) (id string, values map[string]any, ok bool) {
	rest, ok := strings.CutPrefix(reason, reasonMark)
	if !ok {
		return "", nil, false
	}
	id, raw, _ := strings.Cut(rest, " ")
	if err := json.Unmarshal([]byte(raw), &values); err != nil {
		return "", nil, false
	}
	return id, values, true
}

// Grouped is a whole number that a reason writes with its digits grouped in threes from four
// digits on, as Tandem's English has always written some limits ("at most 2,000 characters");
// a plain number is grouped only from five digits.
type Grouped int64

// MarshalJSON writes g as {"grouped": g}, which tells it apart from a plain number.
func (g Grouped) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]int64{"grouped": int64(g)})
}
