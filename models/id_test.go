package models

import (
	"testing"
	"time"
)

// Ids made a microsecond or more apart sort in the order they were made: a learner's events
// are exported in id order.
func TestNewIDSortsByMicrosecond(t *testing.T) {
	for range 200 {
		a := NewID()
		for start := time.Now(); time.Since(start) < 2*time.Microsecond; {
		}
		if b := NewID(); b <= a {
			t.Fatalf("%s made after %s sorts before it", b, a)
		}
	}
}
