// Package app wires Tandem together in one place: configuration in, a ready HTTP handler out.
// The tandem command and the tests both start the platform through it.
package app

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"sync"
	"time"

	"tandem/attempts"
	"tandem/auth"
	"tandem/certificates"
	"tandem/cohorts"
	"tandem/config"
	"tandem/courses"
	"tandem/feedback"
	"tandem/handlers"
	"tandem/keys"
	"tandem/lab"
	"tandem/labwork"
	"tandem/lti"
	"tandem/mail"
	"tandem/models"
	"tandem/notifications"
	"tandem/progress"
	"tandem/regrade"
	"tandem/signin"
	"tandem/teamwork"
	"tandem/xapi"
)

// App is a running Tandem: its store, its accounts and its HTTP handler.
type App struct {
	Store    *models.Store
	Accounts *auth.Service
	Tokens   *auth.Tokens
	Keys     *keys.Ring
	Catalog  *courses.Catalog
	Server   *handlers.Server
	Notices  *notifications.Service
	lti      *lti.Service
	stop     context.CancelFunc
	running  sync.WaitGroup
}

// OpenStore opens the database named by cfg; statements builds the xAPI statement of each
// learning event it records (nil for a store that records none), and master, the master key,
// keys the hashes rate-limit keys are stored as (nil for a store that counts nothing).
func OpenStore(ctx context.Context, cfg config.Config, log *slog.Logger, statements models.StatementBuilder, master []byte) (*models.Store, error) {
	var limitSecret []byte
	if master != nil {
		mac := hmac.New(sha256.New, master)
		mac.Write([]byte("tandem rate-limit keys"))
		limitSecret = mac.Sum(nil)
	}
	return models.Open(ctx, models.Options{URL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath(), MaxConns: cfg.DBMaxConns,
		ReplicaURLs: cfg.ReplicaURLs, ReplicaMaxLag: cfg.ReplicaMaxLag, Logger: log, SlowQuery: cfg.SlowQuery,
		BaseURL: cfg.BaseURL, Statements: statements, LimitSecret: limitSecret})
}

// Open loads the catalogue and the master key, opens and migrates the database, loads the
// keys and builds the server.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger) (*App, error) {
	cat, err := LoadCatalog(cfg.CatalogDir)
	if err != nil {
		return nil, err
	}
	master, err := keys.LoadMasterKey(cfg.MasterKey, cfg.MasterKeyPath())
	if err != nil {
		return nil, err
	}
	st, err := OpenStore(ctx, cfg, log, xapi.Builder{BaseURL: cfg.BaseURL, Catalog: cat}, master)
	if err != nil {
		return nil, err
	}
	a, err := build(ctx, cfg, log, st, cat, master)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	return a, nil
}

func build(ctx context.Context, cfg config.Config, log *slog.Logger, st *models.Store, cat *courses.Catalog, master []byte) (*App, error) {
	if err := st.Migrate(ctx); err != nil {
		return nil, err
	}
	if err := syncCatalog(ctx, st, cat); err != nil {
		return nil, err
	}
	if rebuilt, err := st.EnsureSummaries(ctx); err != nil {
		return nil, fmt.Errorf("summarise cohorts: %w", err)
	} else if rebuilt {
		log.Info("cohort summaries rebuilt for the catalogue's modules")
	}
	sealer, err := keys.NewSealer(master)
	if err != nil {
		return nil, err
	}
	ring := keys.NewRing(st, sealer)
	tokens := auth.NewTokens(ring, cfg.BaseURL, cfg.AccessTokenTTL)
	if _, err := ring.Signing(ctx, auth.AccessPurpose, keys.EdDSA); err != nil {
		return nil, fmt.Errorf("access-token key: %w", err)
	}
	accounts, err := auth.NewService(st, auth.Hasher{MemoryKiB: cfg.Argon2MemoryKiB, Time: cfg.Argon2Time, Threads: 1, Slots: make(chan struct{}, runtime.GOMAXPROCS(0))}, tokens,
		auth.LoginLimits{PerAccount: cfg.LoginMaxFails, PerAddress: cfg.LoginIPMaxFails, Window: cfg.LoginWindow, RegisterPerHour: cfg.RegisterPerHour,
			ResetsPerAddress: cfg.ResetsPerIP, MailsPerAddress: cfg.MailsPerAddress, MailWindow: cfg.MailWindow}, cfg.RefreshTokenTTL, cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	prog := progress.NewService(st, cat)
	font, err := certificateFont(cfg.CertificateFont)
	if err != nil {
		return nil, err
	}
	notices := notifications.NewService(st, cfg.BaseURL)
	cohortService, labs := cohorts.NewService(st, cat, cfg.BaseURL, notices, models.Limit{Max: cfg.JoinCodeMax, Window: cfg.JoinCodeWindow}), lab.NewService(cat)
	teamWork := teamwork.NewService(st, cohortService, cat, notices)
	certs := certificates.NewService(st, cat, prog, ring, cfg.BaseURL, font)
	ltiService := lti.NewService(st, accounts, cat, ring, cfg.BaseURL, &http.Client{Timeout: 10 * time.Second})
	providers, err := signin.ParseProviders(cfg.OIDCProviders)
	if err != nil {
		return nil, err
	}
	srv, err := handlers.New(handlers.Deps{
		Log: log, Store: st, Accounts: accounts, Tokens: tokens, Catalog: cat,
		Attempts: attempts.NewService(st, cat, models.Limit{Max: cfg.StartsMax, Window: cfg.StartsWindow}), Accommodations: attempts.NewAccommodations(st, cat, notices), Regrades: regrade.NewService(st, cat, notices, log), Progress: prog,
		Feedback: feedback.NewService(st, cat, notices, models.Limit{Max: cfg.FeedbackMax, Window: cfg.FeedbackWindow}),
		Cohorts:  cohortService, TeamWork: teamWork, Certificates: certs, Notifications: notices,
		Admin: certificates.NewAdmin(certs, st), Staff: auth.NewStaff(st, accounts), Marking: attempts.NewMarking(st, cat),
		Labs: labs, LabWork: labwork.NewService(st, teamWork, labs),
		LTI:     ltiService,
		SignIn:  signin.NewService(st, accounts, providers, cfg.BaseURL, &http.Client{Timeout: 10 * time.Second}),
		BaseURL: cfg.BaseURL, TrustedProxies: cfg.TrustedProxies,
	})
	if err != nil {
		return nil, err
	}
	sender, err := mailSender(cfg, log)
	if err != nil {
		return nil, err
	}
	a := &App{Store: st, Accounts: accounts, Tokens: tokens, Keys: ring, Catalog: cat, Server: srv, Notices: notices, lti: ltiService}
	a.startBackground(cfg, log, sender)
	return a, nil
}

// PruneEvery is how often expired idempotency keys, rate-limit counters and refresh tokens are
// deleted.
const PruneEvery = time.Hour

// longestLimitWindow bounds the rate-limit windows that are not settings (registration), and
// every other unless its setting is longer (see limitWindow), so a counter older than it has
// expired whatever its key.
const longestLimitWindow = 24 * time.Hour

// limitWindow is the longest rate-limit window cfg sets, at least longestLimitWindow.
func limitWindow(cfg config.Config) time.Duration {
	return max(longestLimitWindow, cfg.LoginWindow, cfg.MailWindow, cfg.StartsWindow, cfg.FeedbackWindow, cfg.JoinCodeWindow)
}

// startBackground starts the work that runs beside requests: pruning expired rows, folding
// the queued item-sum changes, sending queued mail, and forwarding learning events to an
// external Learning Record Store when one is configured.
func (a *App) startBackground(cfg config.Config, log *slog.Logger, sender mail.Sender) {
	ctx, stop := context.WithCancel(context.Background())
	a.stop = stop
	window := limitWindow(cfg)
	a.running.Go(func() { a.prune(ctx, log, window) })
	a.running.Go(func() { a.foldItemSums(ctx, log) })
	host, _ := os.Hostname()
	owner := fmt.Sprintf("%s-%d-%s", host, os.Getpid(), models.NewID()[16:24])
	outbox := &mail.Outbox{Store: a.Store, Sender: sender, Owner: owner, Log: log, Interval: cfg.MailInterval,
		Batch: 20, SendTimeout: 30 * time.Second, MaxAttempts: 12}
	a.running.Go(func() { outbox.Run(ctx) })
	a.startNotices(ctx, owner, cfg.BaseURL, log)
	if cfg.LTIScoreEvery > 0 {
		p := a.ScorePublisher(owner, log)
		p.Interval = cfg.LTIScoreEvery
		a.running.Go(func() { p.Run(ctx) })
	}
	if cfg.XAPIEndpoint == "" {
		return
	}
	f := &xapi.Forwarder{Outbox: a.Store, Endpoint: cfg.XAPIEndpoint,
		Username: cfg.XAPIUsername, Password: cfg.XAPIPassword, Owner: owner,
		Client: &http.Client{Timeout: 30 * time.Second}, Log: log, Interval: cfg.XAPIInterval, Batch: 100}
	a.running.Go(func() { f.Run(ctx) })
	log.Info("forwarding learning events", "lrs", cfg.XAPIEndpoint)
}

// ScorePublisher is a publisher of scores to LTI platforms for the server named owner, with
// the production settings: events wait 30 seconds, a failed score is tried 8 times over about
// two hours (one minute, then doubling) before its instructors must retry it.
func (a *App) ScorePublisher(owner string, log *slog.Logger) *lti.Publisher {
	return &lti.Publisher{LTI: a.lti, Store: a.Store, Owner: owner, Log: log, Interval: 10 * time.Second, Batch: 50, Window: 5000,
		Lease: 2 * time.Minute, Lag: 30 * time.Second, FirstRetry: time.Minute, MaxAttempts: 8}
}

// every runs fn every interval until ctx ends.
func every(ctx context.Context, interval time.Duration, fn func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn()
		}
	}
}

// prune deletes expired rows every PruneEvery until ctx ends; window is the longest rate-limit
// window. Several servers may prune at once; the deletes do not conflict.
func (a *App) prune(ctx context.Context, log *slog.Logger, window time.Duration) {
	every(ctx, PruneEvery, func() {
		p, err := a.Store.PruneExpired(ctx, time.Now().UTC(), handlers.IdempotencyTTL, window)
		if err != nil {
			log.Warn("prune expired rows", "err", err)
			return
		}
		log.Info("pruned expired rows", "idempotency_keys", p.IdempotencyKeys, "rate_limits", p.RateLimits, "refresh_tokens", p.RefreshTokens,
			"account_tokens", p.AccountTokens, "mails", p.Mails, "lti_states", p.LTIStates)
	})
}

// Item-sum folding: how often the queued changes to the item sums are added to them, and how
// many are added in one transaction. Readers count what is still queued, so the interval only
// bounds the queue: the longer it is, the more submissions of one quiz add up to one row update.
// A fold's cost is mostly the rows it updates (each question, discipline group and rest level
// of each selection of the quizzes in it), nearly as many for a hundred submissions as for
// thousands: under a busy cohort's quiz submissions, folding every second in batches of 500
// took nearly half of PostgreSQL's statement time, every five seconds in batches of 5,000
// about a third.
const (
	foldEvery = 5 * time.Second
	foldBatch = 5000
)

// foldItemSums adds the queued item-sum changes to the sums every foldEvery until ctx ends.
// Every server tries; while one folds, the others skip (see models.Store.FoldItemSums).
func (a *App) foldItemSums(ctx context.Context, log *slog.Logger) {
	every(ctx, foldEvery, func() {
		for {
			n, err := a.Store.FoldItemSums(ctx, foldBatch)
			if err != nil && ctx.Err() == nil {
				log.Warn("fold item sums", "err", err)
			}
			if err != nil || n < foldBatch {
				return
			}
		}
	})
}

// Handler is the HTTP handler of the whole platform.
func (a *App) Handler() http.Handler { return a.Server.Handler() }

// Close stops the background work and closes the database.
func (a *App) Close() error {
	a.stop()
	a.lti.Close()
	a.running.Wait()
	return a.Store.Close()
}

// mailSender sends through the mail server of TANDEM_SMTP_URL, or into the log without one.
func mailSender(cfg config.Config, log *slog.Logger) (mail.Sender, error) {
	if cfg.SMTPURL == "" {
		log.Info("TANDEM_SMTP_URL is not set: mails are written to the log, links included")
		return mail.LogSender{Log: log}, nil
	}
	sc, err := mail.ParseSMTPURL(cfg.SMTPURL, cfg.MailFromAddress())
	if err != nil {
		return nil, err
	}
	if cfg.SMTPCAFile != "" {
		if sc.RootCAs, err = mail.LoadRootCAs(cfg.SMTPCAFile); err != nil {
			return nil, err
		}
	}
	return mail.NewSMTP(sc)
}

// certificateFont reads the font certificates print names in that the embedded fonts cannot
// print (TANDEM_CERTIFICATE_FONT); none when path is empty.
func certificateFont(path string) (*certificates.Font, error) {
	if path == "" {
		return nil, nil
	}
	ttf, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("TANDEM_CERTIFICATE_FONT: %w", err)
	}
	return certificates.ParseFont(ttf)
}
