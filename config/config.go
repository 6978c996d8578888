// Package config reads Tandem's configuration from the environment.
package config

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is everything the server needs to start. Each field comes from one TANDEM_ variable.
type Config struct {
	Addr            string        // TANDEM_ADDR
	DatabaseURL     string        // TANDEM_DATABASE_URL; empty selects embedded SQLite
	DataDir         string        // TANDEM_DATA_DIR
	BaseURL         string        // TANDEM_BASE_URL
	CatalogDir      string        // TANDEM_CATALOG_DIR; empty selects the embedded catalogue
	CertificateFont string        // TANDEM_CERTIFICATE_FONT: a .ttf for names the embedded fonts cannot print
	MasterKey       string        // TANDEM_MASTER_KEY (base64, 32 bytes); empty: a key file in DataDir
	DBMaxConns      int           // TANDEM_DB_MAX_CONNS
	ReplicaURLs     []string      // TANDEM_DATABASE_REPLICA_URLS: comma-separated PostgreSQL streaming replicas for read-only work
	ReplicaMaxLag   time.Duration // TANDEM_DATABASE_REPLICA_MAX_LAG: a replica further behind the primary is skipped
	SlowQuery       time.Duration // TANDEM_SLOW_QUERY: statements slower than this are logged; 0 logs none
	LogLevel        string        // TANDEM_LOG_LEVEL
	LogFormat       string        // TANDEM_LOG_FORMAT: json or text
	AccessTokenTTL  time.Duration // TANDEM_ACCESS_TOKEN_TTL
	RefreshTokenTTL time.Duration // TANDEM_REFRESH_TOKEN_TTL
	ShutdownTimeout time.Duration // TANDEM_SHUTDOWN_TIMEOUT
	DrainDelay      time.Duration // TANDEM_DRAIN_DELAY: before shutdown, answer not-ready and close connections after each response
	Argon2MemoryKiB uint32        // TANDEM_ARGON2_MEMORY_KIB
	Argon2Time      uint32        // TANDEM_ARGON2_TIME
	LoginMaxFails   int           // TANDEM_LOGIN_MAX_FAILURES: per account and window
	LoginIPMaxFails int           // TANDEM_LOGIN_MAX_FAILURES_PER_IP: per client address (an IPv6 one by its /64) and window
	LoginWindow     time.Duration // TANDEM_LOGIN_WINDOW
	RegisterPerHour int           // TANDEM_REGISTRATIONS_PER_IP: new accounts per client address (IPv6: /64) and hour
	ResetsPerIP     int           // TANDEM_PASSWORD_RESETS_PER_IP: password-reset requests per client address (IPv6: /64) and mail window
	MailsPerAddress int           // TANDEM_MAILS_PER_ADDRESS: mails to one address asked for by visitors, per mail window
	MailWindow      time.Duration // TANDEM_ACCOUNT_MAIL_WINDOW
	StartsMax       int           // TANDEM_ATTEMPT_STARTS_MAX: quiz attempts one learner may start per window
	StartsWindow    time.Duration // TANDEM_ATTEMPT_STARTS_WINDOW
	FeedbackMax     int           // TANDEM_FEEDBACK_MAX: lesson feedback writes per learner and window
	FeedbackWindow  time.Duration // TANDEM_FEEDBACK_WINDOW
	JoinCodeMax     int           // TANDEM_JOIN_CODE_MAX_TRIES: join-code lookups and redemptions per user and window
	JoinCodeWindow  time.Duration // TANDEM_JOIN_CODE_WINDOW
	TrustedProxies  []string      // TANDEM_TRUSTED_PROXIES: comma-separated CIDRs whose X-Forwarded-For is believed
	XAPIEndpoint    string        // TANDEM_XAPI_ENDPOINT: an LRS statements URL; empty turns forwarding off
	XAPIUsername    string        // TANDEM_XAPI_USERNAME
	XAPIPassword    string        // TANDEM_XAPI_PASSWORD
	XAPIInterval    time.Duration // TANDEM_XAPI_INTERVAL: how often new events are sent
	SMTPURL         string        // TANDEM_SMTP_URL: smtp://user:pass@host:587 (STARTTLS) or smtps://...:465; empty writes mail to the log
	SMTPCAFile      string        // TANDEM_SMTP_CA_FILE: PEM certificates to trust for the mail server, beside the system's
	MailFrom        string        // TANDEM_MAIL_FROM: the From of every mail
	MailInterval    time.Duration // TANDEM_MAIL_INTERVAL: how often the outbox looks for mail to send
	OIDCProviders   string        // TANDEM_OIDC_PROVIDERS, or the contents of TANDEM_OIDC_PROVIDERS_FILE: institutional identity providers (JSON)
	LTIScoreEvery   time.Duration // TANDEM_LTI_SCORE_INTERVAL: how often scores are published to LTI platforms; 0 turns it off
}

// FromEnv reads the configuration, applying the documented defaults.
func FromEnv() (Config, error) {
	c := Config{
		Addr:            env("TANDEM_ADDR", ":8080"),
		DatabaseURL:     os.Getenv("TANDEM_DATABASE_URL"),
		DataDir:         env("TANDEM_DATA_DIR", "."),
		BaseURL:         strings.TrimRight(env("TANDEM_BASE_URL", "http://localhost:8080"), "/"),
		CatalogDir:      os.Getenv("TANDEM_CATALOG_DIR"),
		CertificateFont: os.Getenv("TANDEM_CERTIFICATE_FONT"),
		MasterKey:       os.Getenv("TANDEM_MASTER_KEY"),
		LogLevel:        env("TANDEM_LOG_LEVEL", "info"),
		LogFormat:       env("TANDEM_LOG_FORMAT", "json"),

		XAPIEndpoint: os.Getenv("TANDEM_XAPI_ENDPOINT"),
		XAPIUsername: os.Getenv("TANDEM_XAPI_USERNAME"),
		XAPIPassword: os.Getenv("TANDEM_XAPI_PASSWORD"),

		SMTPURL:    os.Getenv("TANDEM_SMTP_URL"),
		SMTPCAFile: os.Getenv("TANDEM_SMTP_CA_FILE"),
		MailFrom:   os.Getenv("TANDEM_MAIL_FROM"),
	}
	var errs []string
	c.OIDCProviders = os.Getenv("TANDEM_OIDC_PROVIDERS")
	if f := os.Getenv("TANDEM_OIDC_PROVIDERS_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			errs = append(errs, "TANDEM_OIDC_PROVIDERS_FILE cannot be read: "+err.Error())
		}
		c.OIDCProviders = string(b)
	}
	c.ReplicaURLs = replicaURLs(c.DatabaseURL, &errs)
	if p := os.Getenv("TANDEM_TRUSTED_PROXIES"); p != "" {
		for _, s := range strings.Split(p, ",") {
			c.TrustedProxies = append(c.TrustedProxies, strings.TrimSpace(s))
		}
	}
	intVar := func(name string, def int, dst *int) {
		*dst = def
		if v := os.Getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				errs = append(errs, name+" must be a non-negative whole number")
				return
			}
			*dst = n
		}
	}
	durVar := func(name string, def time.Duration, dst *time.Duration) {
		*dst = def
		if v := os.Getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				errs = append(errs, name+" must be a positive duration such as 15m")
				return
			}
			*dst = d
		}
	}
	var mem, tm int
	intVar("TANDEM_DB_MAX_CONNS", 16, &c.DBMaxConns)
	intVar("TANDEM_ARGON2_MEMORY_KIB", 19*1024, &mem)
	intVar("TANDEM_ARGON2_TIME", 2, &tm)
	intVar("TANDEM_LOGIN_MAX_FAILURES", 5, &c.LoginMaxFails)
	intVar("TANDEM_LOGIN_MAX_FAILURES_PER_IP", 50, &c.LoginIPMaxFails)
	durVar("TANDEM_LOGIN_WINDOW", 15*time.Minute, &c.LoginWindow)
	intVar("TANDEM_REGISTRATIONS_PER_IP", 20, &c.RegisterPerHour)
	intVar("TANDEM_PASSWORD_RESETS_PER_IP", 20, &c.ResetsPerIP)
	intVar("TANDEM_MAILS_PER_ADDRESS", 5, &c.MailsPerAddress)
	durVar("TANDEM_ACCOUNT_MAIL_WINDOW", time.Hour, &c.MailWindow)
	intVar("TANDEM_ATTEMPT_STARTS_MAX", 30, &c.StartsMax)
	durVar("TANDEM_ATTEMPT_STARTS_WINDOW", 10*time.Minute, &c.StartsWindow)
	intVar("TANDEM_FEEDBACK_MAX", 30, &c.FeedbackMax)
	durVar("TANDEM_FEEDBACK_WINDOW", time.Hour, &c.FeedbackWindow)
	intVar("TANDEM_JOIN_CODE_MAX_TRIES", 30, &c.JoinCodeMax)
	durVar("TANDEM_JOIN_CODE_WINDOW", time.Hour, &c.JoinCodeWindow)
	durVar("TANDEM_ACCESS_TOKEN_TTL", 15*time.Minute, &c.AccessTokenTTL)
	durVar("TANDEM_REFRESH_TOKEN_TTL", 30*24*time.Hour, &c.RefreshTokenTTL)
	durVar("TANDEM_SHUTDOWN_TIMEOUT", 20*time.Second, &c.ShutdownTimeout)
	durVar("TANDEM_DRAIN_DELAY", 0, &c.DrainDelay)
	durVar("TANDEM_DATABASE_REPLICA_MAX_LAG", 5*time.Second, &c.ReplicaMaxLag)
	durVar("TANDEM_SLOW_QUERY", 500*time.Millisecond, &c.SlowQuery)
	durVar("TANDEM_XAPI_INTERVAL", 5*time.Second, &c.XAPIInterval)
	durVar("TANDEM_MAIL_INTERVAL", 2*time.Second, &c.MailInterval)
	durVar("TANDEM_LTI_SCORE_INTERVAL", 10*time.Second, &c.LTIScoreEvery)
	if c.XAPIEndpoint != "" && !strings.HasPrefix(c.XAPIEndpoint, "https://") && !strings.HasPrefix(c.XAPIEndpoint, "http://") {
		errs = append(errs, "TANDEM_XAPI_ENDPOINT must be an http or https URL")
	}
	c.Argon2MemoryKiB, c.Argon2Time = uint32(mem), uint32(tm)
	if c.Argon2Time == 0 || c.Argon2MemoryKiB < 8 {
		errs = append(errs, "TANDEM_ARGON2_TIME must be at least 1 and TANDEM_ARGON2_MEMORY_KIB at least 8")
	}
	if c.DBMaxConns == 0 {
		errs = append(errs, "TANDEM_DB_MAX_CONNS must be at least 1")
	}
	if len(errs) > 0 {
		return c, fmt.Errorf("configuration: %s", strings.Join(errs, "; "))
	}
	return c, nil
}

// replicaURLs reads TANDEM_DATABASE_REPLICA_URLS. Replicas are PostgreSQL's streaming
// replicas of the primary at TANDEM_DATABASE_URL: the embedded SQLite has none.
func replicaURLs(primary string, errs *[]string) []string {
	list := os.Getenv("TANDEM_DATABASE_REPLICA_URLS")
	if list == "" {
		return nil
	}
	if !isPostgresURL(primary) {
		*errs = append(*errs, "TANDEM_DATABASE_REPLICA_URLS needs a PostgreSQL primary in TANDEM_DATABASE_URL: the embedded SQLite has no replicas")
		return nil
	}
	var out []string
	for _, u := range strings.Split(list, ",") {
		if u = strings.TrimSpace(u); u == "" {
			continue
		}
		if !isPostgresURL(u) {
			*errs = append(*errs, "TANDEM_DATABASE_REPLICA_URLS must list postgres:// or postgresql:// URLs separated by commas")
			return nil
		}
		out = append(out, u)
	}
	return out
}

func isPostgresURL(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// SQLitePath is where the embedded database lives when no database URL is set.
func (c Config) SQLitePath() string { return filepath.Join(c.DataDir, "tandem.db") }

// MailFromAddress is the From of every mail: TANDEM_MAIL_FROM, or Tandem at no-reply on the
// base URL's host.
func (c Config) MailFromAddress() string {
	if c.MailFrom != "" {
		return c.MailFrom
	}
	host := "localhost"
	if u, err := url.Parse(c.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "Tandem <no-reply@" + host + ">"
}

// MasterKeyPath is where the generated master key is kept when TANDEM_MASTER_KEY is unset.
func (c Config) MasterKeyPath() string { return filepath.Join(c.DataDir, "master.key") }

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
