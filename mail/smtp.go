package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTPConfig says how to reach a mail server.
type SMTPConfig struct {
	Host     string
	Port     int
	Implicit bool             // TLS from the first byte (smtps://), rather than STARTTLS
	TLS      gomail.TLSPolicy // for STARTTLS: mandatory unless the URL asks otherwise
	Username string
	Password string
	From     string // the From header, e.g. "Tandem <no-reply@tandem.example.org>"
	RootCAs  *x509.CertPool
	Timeout  time.Duration
}

// ParseSMTPURL reads TANDEM_SMTP_URL: smtp://user:pass@host:587 (STARTTLS, required) or
// smtps://user:pass@host:465 (TLS from the start). A relay on the same network that offers no
// TLS can be named with ?tls=none (or ?tls=opportunistic to use TLS when offered).
func ParseSMTPURL(raw, from string) (SMTPConfig, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return SMTPConfig{}, errors.New("TANDEM_SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465")
	}
	c := SMTPConfig{Host: u.Hostname(), From: from, Timeout: 30 * time.Second, TLS: gomail.TLSMandatory}
	switch u.Scheme {
	case "smtp":
		c.Port = 587
	case "smtps":
		c.Port, c.Implicit = 465, true
	default:
		return SMTPConfig{}, errors.New("TANDEM_SMTP_URL must start with smtp:// or smtps://")
	}
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil || c.Port < 1 || c.Port > 65535 {
			return SMTPConfig{}, errors.New("TANDEM_SMTP_URL has an invalid port")
		}
	}
	switch u.Query().Get("tls") {
	case "", "required":
	case "opportunistic":
		c.TLS = gomail.TLSOpportunistic
	case "none":
		c.TLS = gomail.NoTLS
	default:
		return SMTPConfig{}, errors.New("TANDEM_SMTP_URL: tls must be required, opportunistic or none")
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	if _, err := mail.ParseAddress(from); err != nil {
		return SMTPConfig{}, fmt.Errorf("TANDEM_MAIL_FROM is not a valid address: %w", err)
	}
	return c, nil
}

// LoadRootCAs adds the PEM certificates in file (TANDEM_SMTP_CA_FILE) to the system's, for a
// mail server whose certificate an internal authority signed.
func LoadRootCAs(file string) (*x509.CertPool, error) {
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("TANDEM_SMTP_CA_FILE: %w", err)
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("TANDEM_SMTP_CA_FILE holds no PEM certificate")
	}
	return pool, nil
}

// SMTP sends mail through a mail server with github.com/wneessen/go-mail, one connection per
// batch.
type SMTP struct {
	cfg    SMTPConfig
	domain string // the right part of Message-IDs: the From address's domain
}

// NewSMTP returns a sender for cfg.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	addr, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("mail From: %w", err)
	}
	_, domain, _ := strings.Cut(addr.Address, "@")
	return &SMTP{cfg: cfg, domain: domain}, nil
}

func (s *SMTP) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(s.cfg.Timeout),
		gomail.WithTLSConfig(&tls.Config{ServerName: s.cfg.Host, RootCAs: s.cfg.RootCAs, MinVersion: tls.VersionTLS12})}
	if s.cfg.Implicit {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(s.cfg.TLS))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	return gomail.NewClient(s.cfg.Host, opts...)
}

// Send delivers batch over one connection. A connection or log-in failure fails every mail of
// the batch (temporarily); otherwise each mail gets its own answer.
func (s *SMTP) Send(ctx context.Context, batch []Outgoing) []error {
	errs := make([]error, len(batch))
	fill := func(err error) []error {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = err
			}
		}
		return errs
	}
	msgs := make([]*gomail.Msg, len(batch))
	for i, o := range batch {
		msgs[i], errs[i] = s.message(o)
	}
	c, err := s.client()
	if err != nil {
		return fill(Permanent(err))
	}
	if err := c.DialWithContext(ctx); err != nil {
		return fill(fmt.Errorf("connect to the mail server: %w", err))
	}
	defer func() { _ = c.Close() }()
	for i, m := range msgs {
		if m != nil {
			errs[i] = classify(c.Send(m))
		}
	}
	return errs
}

func (s *SMTP) message(o Outgoing) (*gomail.Msg, error) {
	m := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := m.From(s.cfg.From); err != nil {
		return nil, Permanent(err)
	}
	if err := m.To(o.To); err != nil {
		return nil, Permanent(err)
	}
	m.Subject(o.Subject)
	m.SetDateWithValue(o.Date)
	m.SetMessageIDWithValue(o.ID + "@" + s.domain)
	m.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	m.SetBodyString(gomail.TypeTextPlain, o.Text)
	m.AddAlternativeString(gomail.TypeTextHTML, o.HTML)
	return m, nil
}

// permanentError marks a failure that a retry cannot fix (a refused address, a malformed
// mail).
type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// Permanent marks err as a failure a retry cannot fix.
func Permanent(err error) error { return permanentError{err} }

// IsPermanent reports whether err is a failure a retry cannot fix.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// classify marks the mail server's 5xx answers permanent.
func classify(err error) error {
	var se *gomail.SendError
	if err != nil && errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 {
		return Permanent(err)
	}
	return err
}
