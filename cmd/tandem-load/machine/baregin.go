package machine

import (
	"bufio"
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

	"github.com/gin-gonic/gin"
)

// bareGin is a gin engine with no middleware answering every lesson route with body, the
// reference for what serving those bytes costs on this machine.
func bareGin(body []byte) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.GET("/api/v1/lessons/:lesson", func(c *gin.Context) {
		c.Data(http.StatusOK, "application/json; charset=utf-8", body)
	})
	return e
}

// StartBareGin serves bareGin(body) on a free loopback port in this process.
func StartBareGin(body []byte) (base string, stop func(), err error) {
	return startBare(bareGin(body))
}

// startBare serves h on a free loopback port in this process.
func startBare(h http.Handler) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// StartBareGinProcess serves bareGin(body) from a child process of this binary, so that, like
// the real server, it has a Go runtime of its own.
func StartBareGinProcess(body []byte, dir string) (base string, pid int, stop func(), err error) {
	return startBareProcess(BareGinServerArg, body, dir)
}

// startBareProcess runs this binary with arg (BareGinServerArg or BareNetHTTPServerArg) and
// the file of body, and waits for the base URL the child prints.
func startBareProcess(arg string, body []byte, dir string) (base string, pid int, stop func(), err error) {
	file := filepath.Join(dir, arg+".json")
	if err := os.WriteFile(file, body, 0o644); err != nil {
		return "", 0, nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return "", 0, nil, err
	}
	cmd := exec.Command(self, arg, file)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", 0, nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", 0, nil, err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return "", 0, nil, fmt.Errorf("bare server child %s did not start: %v", arg, err)
	}
	return strings.TrimSpace(line), cmd.Process.Pid, func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}, nil
}

// BareGinServerArg runs this binary as the bare gin child: it serves the file named next and
// prints its base URL on standard output (ServeBareChild).
const BareGinServerArg = "__bare-gin-server"

// ServeBareChild is a bare server child's work: serve file's bytes with the server arg names
// until stopped.
func ServeBareChild(arg, file string) error {
	handler := bareGin
	if arg == BareNetHTTPServerArg {
		handler = bareNetHTTP
	}
	body, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Println("http://" + ln.Addr().String())
	srv := &http.Server{Handler: handler(body), ReadHeaderTimeout: 10 * time.Second}
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
