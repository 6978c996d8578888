// Package mailtest runs a real SMTP server on loopback for tests (built on
// github.com/emersion/go-smtp): STARTTLS or TLS from the first byte with a certificate of its
// own, AUTH PLAIN, and every message kept so a test can read it back.
package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Received is one message as the server accepted it.
type Received struct {
	From string
	To   []string
	Data []byte
	TLS  bool // the message came over an encrypted connection
}

// Server is a running SMTP server.
type Server struct {
	Username, Password string
	Addr               string
	Implicit           bool
	CAFile             string // the server's certificate, PEM, for the client to trust
	Roots              *x509.CertPool

	mu       sync.Mutex
	messages []Received
	arrived  chan struct{}
	failures []*smtp.SMTPError // answers to give the next DATA commands instead of accepting
	held     chan struct{}     // while set, messages wait here before they are accepted
	holding  int
}

// Start runs a server until the test ends; implicit selects TLS from the first byte (smtps)
// instead of STARTTLS.
func Start(t testing.TB, implicit bool) *Server {
	t.Helper()
	cert, pemBytes := selfSigned(t)
	s := &Server{Username: "tandem", Password: "mail-secret", Implicit: implicit, arrived: make(chan struct{}, 1000)}
	s.CAFile = filepath.Join(t.TempDir(), "smtp-ca.pem")
	if err := os.WriteFile(s.CAFile, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	s.Roots = x509.NewCertPool()
	s.Roots.AppendCertsFromPEM(pemBytes)
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		_, encrypted := c.TLSConnectionState()
		return &session{srv: s, tls: encrypted}, nil
	}))
	srv.Domain = "localhost"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 1 << 20
	var (
		l   net.Listener
		err error
	)
	if implicit {
		l, err = tls.Listen("tcp", "127.0.0.1:0", srv.TLSConfig)
	} else {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = l.Addr().String()
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() {
		s.Release()
		_ = srv.Close()
	})
	return s
}

// URL is the server's address as TANDEM_SMTP_URL names it.
func (s *Server) URL() string {
	scheme := "smtp"
	if s.Implicit {
		scheme = "smtps"
	}
	return fmt.Sprintf("%s://%s:%s@%s", scheme, s.Username, s.Password, s.Addr)
}

// FailNext makes the next DATA commands answer with code (451 is temporary, 550 permanent),
// one per call.
func (s *Server) FailNext(code int) { s.FailNextSaying(code, "refused by the test server") }

// FailNextSaying is FailNext with the server's own words, as real servers give them (often
// with the recipient's address).
func (s *Server) FailNextSaying(code int, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{code / 100, 0, 0},
		Message: message})
}

// Hold makes every message wait, once its data is in, until Release: a mail server that has
// stopped answering.
func (s *Server) Hold() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.held = make(chan struct{})
}

// Release lets the held messages through.
func (s *Server) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held != nil {
		close(s.held)
		s.held = nil
	}
}

// Holding is how many messages are waiting for Release.
func (s *Server) Holding() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.holding
}

// Messages returns every message accepted so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.messages...)
}

// Wait waits until n messages have arrived in all, and returns them.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration) []Received {
	t.Helper()
	deadline := time.After(timeout)
	for {
		if msgs := s.Messages(); len(msgs) >= n {
			return msgs
		}
		select {
		case <-s.arrived:
		case <-deadline:
			t.Fatalf("mailtest: %d of %d messages arrived within %s", len(s.Messages()), n, timeout)
		}
	}
}

// Await waits until n messages to address have arrived and returns the n-th, parsed.
func (s *Server) Await(t testing.TB, address string, n int) *Parsed {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		var to []Received
		for _, m := range s.Messages() {
			if slices.Contains(m.To, address) {
				to = append(to, m)
			}
		}
		if len(to) >= n {
			p, err := Parse(to[n-1].Data)
			if err != nil {
				t.Fatalf("mailtest: parse the message to %s: %v", address, err)
			}
			return p
		}
		select {
		case <-s.arrived:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			t.Fatalf("mailtest: %d of %d messages to %s arrived", len(to), n, address)
		}
	}
}

type session struct {
	srv    *Server
	tls    bool
	authed bool
	from   string
	to     []string
}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, username, password string) error {
		if username != ss.srv.Username || password != ss.srv.Password {
			return smtp.ErrAuthFailed
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s := ss.srv
	s.mu.Lock()
	held := s.held
	var fail *smtp.SMTPError
	if len(s.failures) > 0 {
		fail, s.failures = s.failures[0], s.failures[1:]
	}
	if held != nil {
		s.holding++
	}
	s.mu.Unlock()
	if held != nil {
		<-held
		s.mu.Lock()
		s.holding--
		s.mu.Unlock()
	}
	if fail != nil {
		return fail
	}
	s.mu.Lock()
	s.messages = append(s.messages, Received{From: ss.from, To: ss.to, Data: data, TLS: ss.tls})
	s.mu.Unlock()
	s.arrived <- struct{}{}
	return nil
}

func (ss *session) Reset() { ss.from, ss.to = "", nil }

func (ss *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and localhost.
func selfSigned(t testing.TB) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mailtest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pemBytes
}
