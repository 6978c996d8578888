package disciplines

import "testing"

func TestGroups(t *testing.T) {
	for d, want := range map[string]string{
		Medicine: Clinical, Nursing: Clinical, AlliedHealth: Clinical,
		ComputerScience: Technical, DataScience: Technical, Engineering: Technical,
		Other: Other, "astrology": Other, "": Other, "Medicine": Other,
	} {
		if got := Group(d); got != want {
			t.Errorf("Group(%q) = %q, want %q", d, got, want)
		}
	}
	for _, d := range All() {
		if !Valid(d) {
			t.Errorf("%s is listed but not valid", d)
		}
	}
	if Valid("astrology") || Valid("") || len(All()) != 7 {
		t.Errorf("Valid or All is wrong: %v", All())
	}
}
