package uitest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"testing"
	"time"
)

// TestOpenAPILint lints the served OpenAPI document (handlers/openapi.yaml, embedded as it is)
// with Redocly's recommended rules (redocly.yaml) and fails on any error or warning. It needs
// node and @redocly/cli from `npm ci --prefix uitest`: skipped locally without them, failed under CI.
func TestOpenAPILint(t *testing.T) {
	requireTool(t, "node_modules/@redocly/cli/package.json", "npm ci --prefix uitest")
	npx, err := exec.LookPath("npx")
	if err != nil {
		npx = "/usr/bin/npx"
		requireTool(t, npx, "apt-get install nodejs npm")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npx, "--prefix", ".", "--no-install", "redocly", "lint",
		"--config", "redocly.yaml", "--format", "json", "../handlers/openapi.yaml")
	// Nothing leaves the machine: no usage reports, no update checks.
	cmd.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true",
		"REDOCLY_SUPPRESS_NOTIFICATIONS=true", "DO_NOT_TRACK=1", "NO_UPDATE_NOTIFIER=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	var report struct {
		Totals struct {
			Errors   int `json:"errors"`
			Warnings int `json:"warnings"`
		} `json:"totals"`
		Problems []struct {
			RuleID   string `json:"ruleId"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
			Location []struct {
				Pointer string `json:"pointer"`
			} `json:"location"`
		} `json:"problems"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("redocly lint: %v (%v)\n%s\n%s", err, runErr, out, stderr.String())
	}
	for _, p := range report.Problems {
		where := ""
		if len(p.Location) > 0 {
			where = p.Location[0].Pointer
		}
		t.Errorf("%s %s at %s: %s", p.Severity, p.RuleID, where, p.Message)
	}
	if report.Totals.Errors+report.Totals.Warnings > 0 || runErr != nil {
		t.Fatalf("redocly lint: %d errors, %d warnings (%v)", report.Totals.Errors, report.Totals.Warnings, runErr)
	}
}
