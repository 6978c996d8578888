package uitest

import (
	"os/exec"
	"testing"
)

// TestUIModulesTypeCheck runs TypeScript's checker over the UI's JavaScript modules with their
// JSDoc types (tsconfig.json beside this file): no build step at run time, but a call with the
// wrong shape, a misspelt property or a possibly missing element fails here.
func TestUIModulesTypeCheck(t *testing.T) {
	requireTool(t, "node_modules/typescript/bin/tsc", "npm ci --prefix uitest")
	node, err := exec.LookPath("node")
	if err != nil {
		node = "/usr/bin/node"
		requireTool(t, node, "apt-get install nodejs")
	}
	out, err := exec.Command(node, "node_modules/typescript/bin/tsc", "-p", "tsconfig.json").CombinedOutput()
	if err != nil {
		t.Fatalf("the UI modules do not type-check: %v\n%s", err, out)
	}
}
