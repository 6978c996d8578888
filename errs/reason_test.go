package errs

import (
	"fmt"
	"testing"
)

func TestReasonCarriesItsIDAndValues(t *testing.T) {
	r := Reason("reason.rule_oneof", map[string]any{"Choices": []string{"asc", "desc"}, "Max": 500, "Value": `a "b"`})
	id, values, ok := ParseReason(r)
	if !ok || id != "reason.rule_oneof" {
		t.Fatalf("ParseReason(%q) = %q %v", r, id, ok)
	}
	if got := fmt.Sprint(values); got != `map[Choices:[asc desc] Max:500 Value:a "b"]` {
		t.Fatalf("values came back as %s", got)
	}
	if id, values, ok := ParseReason(Reason("reason.csv_quote", nil)); !ok || id != "reason.csv_quote" || len(values) != 0 {
		t.Fatalf("a reason without values: %q %v %v", id, values, ok)
	}
}

func TestASentenceIsNoReason(t *testing.T) {
	for _, s := range []string{"must be asc or desc", "", "reason.order {}", "\x00reason.order {"} {
		if id, _, ok := ParseReason(s); ok {
			t.Errorf("ParseReason(%q) read %q", s, id)
		}
	}
}
