// Package testenv runs Tandem for tests: a fresh database per test package on PostgreSQL or the
// embedded SQLite (TANDEM_TEST_DB), the real app on a loopback server, fixture builders, and a
// check of every response against the served OpenAPI document.
package testenv

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for creating and dropping test databases

	"tandem/config"
)

const packageDBVar = "TANDEM_TESTENV_PACKAGE_DB"

// Backend is the database the tests run against: "postgres" or "sqlite" (the default).
func Backend() string {
	if os.Getenv("TANDEM_TEST_DB") == "postgres" {
		return "postgres"
	}
	return "sqlite"
}

// Main creates this package's database, runs its tests and drops the database. On PostgreSQL it
// uses TANDEM_TEST_DATABASE_URL or the local server at 127.0.0.1:5432; when that is unreachable
// the package is skipped, except under CI=true, where it fails.
func Main(m *testing.M) {
	code := runMain(m)
	stopLRS()
	os.Exit(code)
}

func runMain(m *testing.M) int {
	if Backend() == "sqlite" {
		dir, err := os.MkdirTemp("", "tandem-test-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "testenv:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		os.Setenv(packageDBVar, "sqlite:"+dir)
		return runShared(m)
	}
	admin := os.Getenv("TANDEM_TEST_DATABASE_URL")
	if admin == "" {
		admin = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	name := "tandem_test_" + packageName() + "_" + randomHex(4)
	db, err := sql.Open("pgx", admin)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = db.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			fmt.Fprintf(os.Stderr, "testenv: PostgreSQL is required under CI and is unreachable: %v\n", err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "testenv: PostgreSQL unreachable, skipping the PostgreSQL run of this package: %v\n", err)
		return 0
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		fmt.Fprintln(os.Stderr, "testenv: create database:", err)
		return 1
	}
	defer func() {
		if _, err := db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			fmt.Fprintln(os.Stderr, "testenv: drop database:", err)
		}
	}()
	u, err := url.Parse(admin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		return 1
	}
	u.Path = "/" + name
	os.Setenv(packageDBVar, u.String())
	return runShared(m)
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

func packageName() string {
	wd, _ := os.Getwd()
	return nonWord.ReplaceAllString(strings.ToLower(filepath.Base(wd)), "_")
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Config returns a configuration for a test app on this package's database: fast password
// hashing, a generous per-address login limit, and the loopback proxy trusted so tests can set
// X-Forwarded-For to play different clients.
func Config(t testing.TB) config.Config {
	t.Helper()
	c, ok := packageConfig(t.TempDir)
	if !ok {
		t.Fatal("testenv: call testenv.Main from TestMain")
	}
	return c
}

// packageConfig is Config on this package's database, with tempDir for the data folder on
// PostgreSQL; ok is false outside testenv.Main.
func packageConfig(tempDir func() string) (c config.Config, ok bool) {
	target := os.Getenv(packageDBVar)
	if target == "" {
		return c, false
	}
	c = config.Config{
		BaseURL: "http://tandem.test", DBMaxConns: 16, LogLevel: "error",
		AccessTokenTTL: 15 * time.Minute, RefreshTokenTTL: 24 * time.Hour, ShutdownTimeout: 5 * time.Second,
		Argon2MemoryKiB: 64, Argon2Time: 1,
		LoginMaxFails: 5, LoginIPMaxFails: 1000, LoginWindow: 15 * time.Minute, RegisterPerHour: 100000,
		ResetsPerIP: 20, MailsPerAddress: 5, MailWindow: time.Hour, StartsMax: 30, StartsWindow: 10 * time.Minute,
		FeedbackMax: 30, FeedbackWindow: time.Hour, JoinCodeMax: 30, JoinCodeWindow: time.Hour,
		TrustedProxies: []string{"127.0.0.1/32", "::1/128"}, MailInterval: 100 * time.Millisecond,
	}
	if dir, ok := strings.CutPrefix(target, "sqlite:"); ok {
		c.DataDir = dir
	} else {
		c.DatabaseURL = target
		c.DataDir = tempDir()
	}
	c.MasterKey = "dGFuZGVtLXRlc3QtbWFzdGVyLWtleS0zMi1ieXRlcyE="
	c.CatalogDir = CatalogDir()
	return c, true
}

// OwnDatabase points cfg at a database of its own, created now and dropped when the test ends,
// for an app that must not share background work (the mail outbox) with the other apps of the
// package that run at the same time.
func OwnDatabase(t testing.TB, cfg config.Config) config.Config {
	t.Helper()
	cfg, drop, err := newDatabase(cfg, t.TempDir())
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	t.Cleanup(drop)
	return cfg
}

// newDatabase points cfg at a new, empty database: the data folder dir on SQLite, a database
// beside cfg's on PostgreSQL. drop removes the PostgreSQL one; the caller removes dir.
func newDatabase(cfg config.Config, dir string) (_ config.Config, drop func(), _ error) {
	if cfg.DatabaseURL == "" {
		cfg.DataDir = dir
		return cfg, func() {}, nil
	}
	u, err := url.Parse(cfg.DatabaseURL)
	if err != nil {
		return cfg, nil, err
	}
	name := strings.TrimPrefix(u.Path, "/") + "_own_" + randomHex(3)
	u.Path = "/postgres"
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		return cfg, nil, err
	}
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		_ = db.Close()
		return cfg, nil, fmt.Errorf("create database: %w", err)
	}
	drop = func() {
		_, _ = db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		_ = db.Close()
	}
	u.Path = "/" + name
	cfg.DatabaseURL = u.String()
	return cfg, drop, nil
}

// CatalogDir is the small test catalogue beside this file: two paired tracks whose quizzes
// use every question type and setting the tests need. Tests of the shipped curricula set
// Config.CatalogDir to "" to load the embedded catalogue instead.
func CatalogDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "catalog")
}

// Logger discards logs unless TANDEM_TEST_LOG is set.
func Logger() *slog.Logger {
	if os.Getenv("TANDEM_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// CatalogWith copies the test catalogue into a folder of the test's own, with the first old
// in file (a path inside the catalogue) replaced by new, and returns the folder.
func CatalogWith(t testing.TB, file, old, new string) string {
	t.Helper()
	dir, src := t.TempDir(), CatalogDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == file {
			if !strings.Contains(string(b), old) {
				t.Fatalf("testenv: %s does not contain %q", file, old)
			}
			b = []byte(strings.Replace(string(b), old, new, 1))
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatalf("testenv: copy catalogue: %v", err)
	}
	return dir
}
