// Package disciplines names the disciplines learners declare and the groups Tandem pairs them
// in: clinical learners and technical learners, with "other" for everyone else.
package disciplines

import "slices"

// The disciplines, as the API spells them.
const (
	Medicine        = "medicine"
	Nursing         = "nursing"
	AlliedHealth    = "allied_health"
	ComputerScience = "computer_science"
	DataScience     = "data_science"
	Engineering     = "engineering"
	// Other is both a discipline and the group of every discipline outside the two.
	Other = "other"
)

// The groups the tracks are written for.
const (
	Clinical  = "clinical"
	Technical = "technical"
)

var (
	clinical  = []string{Medicine, Nursing, AlliedHealth}
	technical = []string{ComputerScience, DataScience, Engineering}
)

// All lists every discipline in the order the API documents them.
func All() []string { return slices.Concat(clinical, technical, []string{Other}) }

// Groups lists the groups: clinical, technical and other.
func Groups() []string { return []string{Clinical, Technical, Other} }

// Group returns the group of discipline d: clinical, technical, or other for anything else.
func Group(d string) string {
	switch {
	case slices.Contains(clinical, d):
		return Clinical
	case slices.Contains(technical, d):
		return Technical
	}
	return Other
}

// Valid reports whether d is one of the disciplines.
func Valid(d string) bool { return slices.Contains(All(), d) }
