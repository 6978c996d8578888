package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// BuildServer compiles tandem/cmd/tandem into dir and returns the binary's path.
func BuildServer(dir string) (string, error) {
	bin := filepath.Join(dir, "tandem")
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin, "tandem/cmd/tandem")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build tandem/cmd/tandem (run from the module): %v\n%s", err, out)
	}
	return bin, nil
}

// ServerProc is a tandem server this tool started.
type ServerProc struct {
	URL  string
	PID  int
	Env  []string // the environment it runs with, reused for `tandem user create`
	Log  string
	cmd  *exec.Cmd
	done chan error
}

// StartServer runs bin on a free loopback port against dbURL and waits until /readyz answers.
// Its data folder keeps the master key the server generates on first start (unless
// TANDEM_MASTER_KEY is set), so later runs on the same database can unseal its signing keys.
func StartServer(ctx context.Context, bin, dbURL, logPath, dataDir string, trustLoopback bool, extraEnv []string) (*ServerProc, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	env := append(os.Environ(),
		"TANDEM_ADDR="+addr,
		"TANDEM_DATABASE_URL="+dbURL,
		"TANDEM_DATA_DIR="+dataDir,
		"TANDEM_BASE_URL=http://"+addr,
	)
	if trustLoopback {
		// Learners reach the server through a "proxy" on loopback, each with its own address,
		// as they would through a hospital's or university's reverse proxy.
		env = append(env, "TANDEM_TRUSTED_PROXIES=127.0.0.1/32,::1/128")
	}
	env = append(env, extraEnv...)
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve")
	cmd.Env, cmd.Stdout, cmd.Stderr = env, logFile, logFile
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, err
	}
	s := &ServerProc{URL: "http://" + addr, PID: cmd.Process.Pid, Env: env, Log: logPath, cmd: cmd, done: make(chan error, 1)}
	go func() {
		s.done <- cmd.Wait()
		logFile.Close()
	}()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("server exited during start-up (%v); see %s", err, logPath)
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		resp, err := http.Get(s.URL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
	}
	s.Stop()
	return nil, fmt.Errorf("server not ready after 2 minutes; see %s", logPath)
}

// Stop sends SIGTERM, waits for the drain, and kills the server if it is still running after
// 40 seconds.
func (s *ServerProc) Stop() error {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		return err
	case <-time.After(40 * time.Second):
		_ = s.cmd.Process.Kill()
		return errors.New("server did not stop within 40s of SIGTERM; killed")
	}
}

// CreateInstructor runs `tandem user create` for an instructor. An existing account is fine:
// the caller logs in next and finds out whether the password matches.
func CreateInstructor(bin string, env []string, email, password string) error {
	cmd := exec.Command(bin, "user", "create", "--email", email, "--name", "Load Instructor", "--role", "instructor", "--discipline", "medicine")
	cmd.Env = append(env, "TANDEM_PASSWORD="+password, "TANDEM_LOG_LEVEL=error")
	out, err := cmd.CombinedOutput()
	if err != nil && !strings.Contains(string(out), "email_taken") {
		return fmt.Errorf("tandem user create: %v: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}
