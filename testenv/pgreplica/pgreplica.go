// Package pgreplica starts a real streaming replica of the test PostgreSQL cluster on a free
// loopback port: pg_basebackup of the primary, then a hot standby that streams from it. The
// primary's pg_hba.conf must let 127.0.0.1 replicate (.ci/run makes sure it does).
package pgreplica

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for the replica's own queries
)

// Replica is one running standby and its data directory.
type Replica struct {
	t       testing.TB
	dir     string
	port    int
	primary *url.URL
	pgCtl   string
}

// Start makes a replica of the cluster that primaryURL (a postgres:// URL) is on, starts it
// and stops and removes it when the test ends; settings are lines added to its
// postgresql.conf ("max_standby_streaming_delay = 0"). A replica that cannot be made skips the
// test with the reason, or fails it under CI=true.
func Start(t testing.TB, primaryURL string, settings ...string) *Replica {
	t.Helper()
	r, err := start(t, primaryURL, settings)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("pgreplica: a streaming replica is required under CI: %v", err)
		}
		t.Skipf("pgreplica: no streaming replica: %v", err)
	}
	return r
}

func start(t testing.TB, primaryURL string, settings []string) (*Replica, error) {
	primary, err := url.Parse(primaryURL)
	if err != nil {
		return nil, err
	}
	pgCtl, err := findPgCtl()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "tandem-replica-")
	if err != nil {
		return nil, err
	}
	r := &Replica{t: t, dir: dir, primary: primary, pgCtl: pgCtl}
	t.Cleanup(r.remove)
	if err := r.own(dir); err != nil {
		return nil, err
	}
	if r.port, err = freePort(); err != nil {
		return nil, err
	}
	host, port := primary.Hostname(), primary.Port()
	if port == "" {
		port = "5432"
	}
	data := filepath.Join(dir, "data")
	if out, err := r.run("pg_basebackup", "-h", host, "-p", port, "-U", primary.User.Username(),
		"-D", data, "-R", "-X", "stream", "-c", "fast", "--no-sync"); err != nil {
		return nil, fmt.Errorf("pg_basebackup: %v: %s", err, out)
	}
	// Debian keeps the primary's configuration outside its data directory: the standby
	// gets its own, listening only on loopback with its socket in its own directory.
	conf := fmt.Sprintf("listen_addresses = '127.0.0.1'\nport = %d\nunix_socket_directories = '%s'\nhot_standby = on\nfsync = off\nshared_buffers = 32MB\n", r.port, dir)
	for _, line := range settings {
		conf += line + "\n"
	}
	hba := "local all all trust\nhost all all 127.0.0.1/32 trust\n"
	for name, text := range map[string]string{"postgresql.conf": conf, "pg_hba.conf": hba} {
		if err := os.WriteFile(filepath.Join(data, name), []byte(text), 0o600); err != nil {
			return nil, err
		}
		if err := r.own(filepath.Join(data, name)); err != nil {
			return nil, err
		}
	}
	if err := r.start(); err != nil {
		return nil, err
	}
	return r, nil
}

// URL is primaryURL's database on the replica.
func (r *Replica) URL() string {
	u := *r.primary
	u.Host = "127.0.0.1:" + strconv.Itoa(r.port)
	return u.String()
}

// Exec runs a statement on the replica, such as SELECT pg_wal_replay_pause().
func (r *Replica) Exec(query string) {
	r.t.Helper()
	db, err := sql.Open("pgx", r.URL())
	if err != nil {
		r.t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, query); err != nil {
		r.t.Fatalf("pgreplica: %s: %v", query, err)
	}
}

// Stop shuts the replica down at once, as a crash or a network cut would look to clients.
func (r *Replica) Stop() {
	r.t.Helper()
	if out, err := r.run(r.pgCtl, "-D", filepath.Join(r.dir, "data"), "-m", "immediate", "-w", "stop"); err != nil {
		r.t.Fatalf("pgreplica: stop: %v: %s", err, out)
	}
}

// Restart starts a stopped replica again; it catches up from the primary.
func (r *Replica) Restart() {
	r.t.Helper()
	if err := r.start(); err != nil {
		r.t.Fatalf("pgreplica: %v", err)
	}
}

func (r *Replica) start() error {
	if out, err := r.run(r.pgCtl, "-D", filepath.Join(r.dir, "data"), "-l", filepath.Join(r.dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(r.dir, "log"))
		return fmt.Errorf("start: %v: %s\n%s", err, out, log)
	}
	return nil
}

// remove stops the replica if it runs and deletes its directory.
func (r *Replica) remove() {
	_, _ = r.run(r.pgCtl, "-D", filepath.Join(r.dir, "data"), "-m", "immediate", "-w", "stop")
	_ = os.RemoveAll(r.dir)
}

// run runs a PostgreSQL program as the postgres user when the tests run as root, which
// PostgreSQL refuses to run as.
func (r *Replica) run(name string, args ...string) ([]byte, error) {
	if os.Geteuid() == 0 {
		args = append([]string{"-u", "postgres", "--", name}, args...)
		name = "runuser"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	return exec.CommandContext(ctx, name, args...).CombinedOutput()
}

// own hands path to the postgres user when the tests run as root.
func (r *Replica) own(path string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return err
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(path, uid, gid)
}

// findPgCtl finds pg_ctl on PATH or, as Debian installs it, under /usr/lib/postgresql.
func findPgCtl() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		return p, nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(found) == 0 {
		return "", fmt.Errorf("pg_ctl is not installed")
	}
	return found[len(found)-1], nil
}

// freePort is a loopback port nothing listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	_, port, _ := strings.Cut(l.Addr().String(), ":")
	return strconv.Atoi(port)
}

// WaitUntil polls ok for up to a minute, the time a replica may take to catch up or to be
// found up or down, and fails the test when it stays false.
func WaitUntil(t testing.TB, what string, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(time.Minute); !ok(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
