package auth

import (
	"context"
	"sync"
	"time"

	"tandem/models"
)

// SessionReader reads the current token epochs and ended sessions.
type SessionReader interface {
	SessionStates(ctx context.Context, userIDs, sessionIDs []string) (models.SessionState, error)
}

// Gate checks every authenticated request's access token against the database: the token's
// epoch must be the user's current token epoch, the account must exist, and the token's session
// must not have been signed out. Raising the epoch (password change or reset, erasure, a role
// taken away, "sign out everywhere") or ending a session therefore refuses the old tokens on
// every server at once: servers keep no cache that could be stale.
//
// It stays cheap by sharing reads: a check waits for the next read that starts after it
// arrived (so it sees every change committed before the request came in), and all checks
// waiting together share that one read. Under load many requests share each statement; an idle
// server pays one small indexed read per request.
//
// The busiest writes, starting and submitting quiz attempts, need no read of their own: their
// first statement, which starts after the request arrived as the Gate's read would, checks the
// session too (models.SessionCheck), and the write is refused with 401 when it has ended. The
// guarantee is the same: nothing is cached, and a change committed before the request came in
// is seen. When such a request fails before its first statement, the Gate checks it before
// anything is answered.
type Gate struct {
	store   SessionReader
	mu      sync.Mutex
	waiting []*check
	reading bool
}

type check struct {
	userID, sessionID string
	epoch             int64
	done              chan verdict
}

// verdict is a check's answer: the session's error, or the user's chosen language.
type verdict struct {
	language string
	err      error
}

// NewGate returns a gate reading from store.
func NewGate(store SessionReader) *Gate { return &Gate{store: store} }

// ErrSessionEnded is returned for a token whose session, epoch or account has ended, by the
// Gate and by the statements that check a session themselves (models.SessionCheck).
var ErrSessionEnded = models.ErrSessionEnded

// Check returns the user's chosen interface language ("" when none) when claims still belong to
// a live session, ErrSessionEnded when not, or the database's error. The language comes with
// the same read, so applying it costs nothing more.
func (g *Gate) Check(ctx context.Context, claims *Claims) (string, error) {
	c := &check{userID: claims.Subject, sessionID: claims.SessionID, epoch: claims.Epoch, done: make(chan verdict, 1)}
	g.mu.Lock()
	g.waiting = append(g.waiting, c)
	if !g.reading {
		g.reading = true
		go g.read()
	}
	g.mu.Unlock()
	select {
	case v := <-c.done:
		return v.language, v.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// read answers the waiting checks, one shared statement at a time, until none are left.
func (g *Gate) read() {
	for {
		g.mu.Lock()
		batch := g.waiting
		g.waiting = nil
		if len(batch) == 0 {
			g.reading = false
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		g.answer(batch)
	}
}

func (g *Gate) answer(batch []*check) {
	users := make([]string, 0, len(batch))
	var sessions []string
	seen := map[string]bool{}
	for _, c := range batch {
		if !seen["u"+c.userID] {
			seen["u"+c.userID] = true
			users = append(users, c.userID)
		}
		if c.sessionID != "" && !seen["s"+c.sessionID] {
			seen["s"+c.sessionID] = true
			sessions = append(sessions, c.sessionID)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	st, err := g.store.SessionStates(ctx, users, sessions)
	cancel()
	for _, c := range batch {
		switch epoch, ok := st.Epochs[c.userID]; {
		case err != nil:
			c.done <- verdict{err: err}
		case !ok || epoch != c.epoch || st.Ended[c.sessionID]:
			c.done <- verdict{err: ErrSessionEnded}
		default:
			c.done <- verdict{language: st.Languages[c.userID]}
		}
	}
}
