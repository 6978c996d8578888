package uitest

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(axePath)
	return string(b), err
})

// requireAxe skips locally without node_modules/axe-core and fails under CI.
func requireAxe(t *testing.T) {
	t.Helper()
	requireTool(t, axePath, "npm ci --prefix uitest")
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// audit runs axe-core on the page as it is now. Serious and critical violations fail the
// test; the others are logged.
func (tb *tab) audit(name string) {
	tb.t.Helper()
	src, err := axeSource()
	if err != nil {
		tb.t.Fatalf("read axe-core: %v", err)
	}
	if !eval[bool](tb, `typeof window.axe === 'object'`) {
		eval[bool](tb, src+"\n;true")
	}
	found := eval[[]axeViolation](tb, `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
		id: v.id, impact: v.impact || '', help: v.help,
		nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
	})))`)
	for _, v := range found {
		msg := fmt.Sprintf("axe %s on %s: %s (%s)\n    %s", v.Impact, name, v.ID, v.Help, strings.Join(v.Nodes, "\n    "))
		if v.Impact == "serious" || v.Impact == "critical" {
			tb.t.Error(msg)
		} else {
			tb.t.Log(msg)
		}
	}
}
