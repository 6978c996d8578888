// Package uitest drives Tandem's web UI in headless Chromium against the real server on
// loopback: journeys a learner takes, every main page checked with axe-core at phone and
// desktop width, and screenshots of each kept under testoutput/screenshots for review.
//
// One browser serves the whole package: TestUI starts it and runs everything else as its
// subtests. Without /usr/bin/chromium (or axe-core in node_modules) the tests skip locally and
// fail under CI=true; .ci/run installs both.
package uitest

import (
	"testing"

	"tandem/testenv"
)

func TestMain(m *testing.M) {
	testenv.Main(m)
}
