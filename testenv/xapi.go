package testenv

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The xAPI tools come from uitest/package.json (npm ci --prefix uitest): Learning Locker's
// statement validator and its xAPI statements service, run with its in-memory store.
const (
	xapiValidatorModule = "uitest/node_modules/@learninglocker/xapi-validation"
	xapiLRSModule       = "uitest/node_modules/@learninglocker/xapi-statements"
)

// repoRoot is the folder holding go.mod, found from the test's working directory.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testenv: no go.mod above the test's folder")
		}
		dir = parent
	}
}

// requireNodeModule skips the test without node or the npm module locally, and fails it
// under CI=true, where .ci/run installs both.
func requireNodeModule(t testing.TB, module string) string {
	t.Helper()
	root := repoRoot(t)
	_, nodeErr := exec.LookPath("node")
	_, modErr := os.Stat(filepath.Join(root, module))
	if nodeErr == nil && modErr == nil {
		return root
	}
	msg := fmt.Sprintf("node or %s is missing (npm ci --prefix uitest)", module)
	if os.Getenv("CI") == "true" {
		t.Fatalf("testenv: %s; under CI the xAPI tests need it", msg)
	}
	t.Skipf("testenv: %s; skipping", msg)
	return ""
}

// ValidateStatements checks every statement with Learning Locker's xAPI validator and fails
// the test with each problem it reports.
func ValidateStatements(t testing.TB, statements []json.RawMessage) {
	t.Helper()
	root := requireNodeModule(t, xapiValidatorModule)
	in, err := json.Marshal(statements)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(root, "uitest/xapi/validate.cjs"))
	cmd.Dir = filepath.Join(root, "uitest")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("testenv: xAPI validator: %v\n%s", err, stderr.String())
	}
	var problems [][]string
	if err := json.Unmarshal(out, &problems); err != nil || len(problems) != len(statements) {
		t.Fatalf("testenv: xAPI validator answered %q (%v)", out, err)
	}
	for i, p := range problems {
		if len(p) > 0 {
			t.Errorf("statement %d is not valid xAPI: %v\n%s", i, p, statements[i])
		}
	}
}

// LRS is Learning Locker's xAPI statements service, running in memory on loopback. One serves
// all the tests of a package (it takes seconds to start); statement ids never repeat across
// tests, so they do not disturb each other.
type LRS struct {
	// Endpoint is its statements resource.
	Endpoint string
	cmd      *exec.Cmd
	stderr   *bytes.Buffer
}

var shared struct {
	once sync.Once
	lrs  *LRS
	err  error
}

// StartLRS returns the package's LRS, starting it on first use.
func StartLRS(t testing.TB) *LRS {
	t.Helper()
	root := requireNodeModule(t, xapiLRSModule)
	shared.once.Do(func() { shared.lrs, shared.err = startLRS(root) })
	if shared.err != nil {
		t.Fatalf("testenv: start the LRS: %v", shared.err)
	}
	return shared.lrs
}

func startLRS(root string) (*LRS, error) {
	cmd := exec.Command("node", filepath.Join(root, "uitest/xapi/lrs.cjs"))
	cmd.Dir = filepath.Join(root, "uitest")
	l := &LRS{cmd: cmd, stderr: &bytes.Buffer{}}
	cmd.Stderr = l.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	ready := make(chan error, 1)
	go func() {
		var port struct {
			Port int `json:"port"`
		}
		line, err := bufio.NewReader(stdout).ReadBytes('\n')
		if err == nil {
			err = json.Unmarshal(line, &port)
		}
		l.Endpoint = fmt.Sprintf("http://127.0.0.1:%d/xAPI/statements", port.Port)
		ready <- err
	}()
	select {
	case err = <-ready:
	case <-time.After(90 * time.Second):
		err = fmt.Errorf("not listening after 90 s")
	}
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, fmt.Errorf("%w\n%s", err, l.stderr.String())
	}
	return l, nil
}

// stopLRS stops the package's LRS if a test started it; asked to stop, it removes its files.
func stopLRS() {
	l := shared.lrs
	if l == nil {
		return
	}
	done := make(chan struct{})
	go func() {
		_ = l.cmd.Wait()
		close(done)
	}()
	_ = l.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = l.cmd.Process.Kill()
		<-done
	}
}

// Store stores a statement in the LRS directly, as an earlier send or another system did.
func (l *LRS) Store(t testing.TB, statement string) {
	t.Helper()
	resp := l.request(t, http.MethodPost, l.Endpoint, strings.NewReader(statement))
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("testenv: the LRS did not store %s: %d", statement, resp.StatusCode)
	}
}

// Holds fails the test unless the LRS holds statement as Tandem stored it (the LRS adds what
// xAPI lets it: stored, authority, version).
func (l *LRS) Holds(t testing.TB, statement string) {
	t.Helper()
	var want map[string]any
	if err := json.Unmarshal([]byte(statement), &want); err != nil {
		t.Fatal(err)
	}
	resp := l.request(t, http.MethodGet, l.Endpoint+"?statementId="+url.QueryEscape(fmt.Sprint(want["id"])), nil)
	defer resp.Body.Close()
	var got map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&got)
	for _, k := range []string{"id", "actor", "verb", "object", "result", "context"} {
		g, _ := json.Marshal(got[k])
		w, _ := json.Marshal(want[k])
		if resp.StatusCode != http.StatusOK || !bytes.Equal(g, w) {
			t.Fatalf("testenv: the LRS (%d) holds %s %s, Tandem stored %s", resp.StatusCode, k, g, w)
		}
	}
}

func (l *LRS) request(t testing.TB, method, target string, body io.Reader) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Experience-API-Version", "1.0.3")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("testenv: LRS: %v", err)
	}
	return resp
}
