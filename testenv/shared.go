package testenv

import (
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"testing"
)

// sharedApp is the package's one app for the tests that may share it, started by the first of
// them and closed by Main once every test has run.
var sharedApp struct {
	once sync.Once
	env  *Env
	stop func()
	drop func() // drops the shared app's database
	dir  string
	err  error
}

// Shared returns the package's shared app, served with Config's settings on a database of its
// own. Starting an app (migrating, loading the catalogue) is the costly part of most tests, so
// tests that need no configuration of their own call Shared and t.Parallel(). A test that
// counts rows across the whole platform, reads the shared mailbox, depends on rate-limit
// counters or the clock, or changes a platform-wide setting keeps an app of its own (New) and
// runs alone.
func Shared(t testing.TB) *Env {
	t.Helper()
	sharedApp.once.Do(startShared)
	if sharedApp.err != nil {
		t.Fatalf("testenv: shared app: %v", sharedApp.err)
	}
	e := *sharedApp.env
	e.T, e.mailsFrom = t, mailCount()
	return &e
}

func startShared() {
	dir, err := os.MkdirTemp("", "tandem-shared-")
	if err != nil {
		sharedApp.err = err
		return
	}
	sharedApp.dir = dir
	cfg, ok := packageConfig(func() string { return dir })
	if !ok {
		sharedApp.err = errors.New("call testenv.Main from TestMain")
		return
	}
	// A database of its own: the shared app stays up while the tests that start their own apps
	// run again (go test -count), and its outbox would send their mail.
	if cfg, sharedApp.drop, err = newDatabase(cfg, dir); err != nil {
		sharedApp.err = err
		return
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		sharedApp.err = fmt.Errorf("listen: %w", err)
		return
	}
	sharedApp.env, sharedApp.stop, sharedApp.err = start(cfg, l, Logger().Handler())
	if sharedApp.err == nil {
		sharedApp.env.router, sharedApp.env.doc, sharedApp.err = contractOf(sharedApp.env)
	}
}

// runShared runs the package's tests, then closes the shared app if one started.
func runShared(m *testing.M) int {
	code := m.Run()
	if sharedApp.stop != nil {
		sharedApp.stop()
	}
	if sharedApp.drop != nil {
		sharedApp.drop()
	}
	if sharedApp.dir != "" {
		_ = os.RemoveAll(sharedApp.dir)
	}
	return code
}
