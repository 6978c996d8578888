package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"tandem/auth"
	"tandem/config"
	"tandem/testenv"
	"tandem/testenv/pgreplica"
)

// replicaLearner is a learner of a server that reads through a streaming replica, and
// completes the catalogue's lessons one after another.
type replicaLearner struct {
	t       *testing.T
	env     *testenv.Env
	replica *pgreplica.Replica
	user    *testenv.User
	done    int
}

// completeNext completes the next lesson: a write, which goes to the primary.
func (l *replicaLearner) completeNext() {
	l.t.Helper()
	lessons := l.env.App.Catalog.Lessons()
	if l.done == len(lessons) {
		l.t.Fatal("the test catalogue has too few lessons")
	}
	complete(l.t, l.env, l.user, lessons[l.done].Slug)
	l.done++
}

// statements counts the learner's statements, as the xAPI statements API (read-only work)
// returns them.
func (l *replicaLearner) statements() int {
	return l.count("/api/v1/me/statements?limit=100", "statements")
}

// exportedCompletions counts the lessons completed in the learner's own export, which must
// show what they just did.
func (l *replicaLearner) exportedCompletions() int {
	return l.count("/api/v1/me/export", "lesson_completions")
}

// count GETs path as the learner and counts the items of the list under key.
func (l *replicaLearner) count(path, key string) int {
	l.t.Helper()
	resp := l.env.Do(testenv.Request{Method: "GET", Path: path, Token: l.user.AccessToken})
	if resp.Status != http.StatusOK {
		l.t.Fatalf("GET %s: %d %s", path, resp.Status, resp.Body)
	}
	return len(resp.JSON(l.t)[key].([]any))
}

// inUse waits until the replica serves reads again and has replayed everything.
func (l *replicaLearner) inUse() {
	l.t.Helper()
	pgreplica.WaitUntil(l.t, "the replica to serve reads", func() bool { return l.env.App.Store.ReplicasInUse() == 1 })
	pgreplica.WaitUntil(l.t, "the replica to catch up", func() bool { return l.statements() == l.done })
}

// servedByReplica proves that statements come from the replica: with its replay paused, a
// lesson completed now is missing from them, while the learner's own export, read from
// the primary, shows it.
func (l *replicaLearner) servedByReplica() {
	l.t.Helper()
	l.replica.Exec("SELECT pg_wal_replay_pause()")
	l.completeNext()
	if n := l.statements(); n != l.done-1 {
		l.t.Fatalf("statements with the replica paused: %d, want %d (the replica's, without the newest)", n, l.done-1)
	}
	if n := l.exportedCompletions(); n != l.done {
		l.t.Fatalf("own export: %d completions, want %d: read-your-writes must read the primary", n, l.done)
	}
}

// withReplica starts a streaming replica of cfg's database and a server reading through it,
// skipping it once 10 seconds behind.
func withReplica(t *testing.T, cfg config.Config) (*testenv.Env, *pgreplica.Replica) {
	t.Helper()
	replica := pgreplica.Start(t, cfg.DatabaseURL)
	cfg.ReplicaURLs, cfg.ReplicaMaxLag = []string{replica.URL()}, 10*time.Second
	return testenv.NewWith(t, cfg), replica
}

// Read-only routes read from a streaming replica while it is up and caught up, from the
// primary while it lags or is down, and from the replica again once it is back; writes and
// read-your-writes routes always go to the primary; no request fails on the way.
func TestReadOnlyRoutesUseAReplicaWhileItIsUpAndCaughtUp(t *testing.T) {
	if testenv.Backend() != "postgres" {
		t.Skip("replicas are PostgreSQL's: not applicable on SQLite")
	}
	env, replica := withReplica(t, testenv.Config(t))
	l := &replicaLearner{t: t, env: env, replica: replica, user: env.Learner("medicine")}
	l.completeNext()
	l.inUse()
	l.servedByReplica()

	// Lagging: replay stays paused, so fresh statements can only come from the primary.
	pgreplica.WaitUntil(t, "statements to fall back to the primary", func() bool { return l.statements() == l.done })
	if n := env.App.Store.ReplicasInUse(); n != 0 {
		t.Fatalf("a replica lagging past the maximum is in use (%d)", n)
	}
	l.replica.Exec("SELECT pg_wal_replay_resume()")
	l.inUse()
	l.servedByReplica()
	l.replica.Exec("SELECT pg_wal_replay_resume()")
	l.inUse()

	// Down: every read still answers, with fresh data, from the primary.
	replica.Stop()
	l.completeNext()
	if n := l.statements(); n != l.done {
		t.Fatalf("statements with the replica down: %d, want %d", n, l.done)
	}
	pgreplica.WaitUntil(t, "the stopped replica to be skipped", func() bool { return env.App.Store.ReplicasInUse() == 0 })
	l.completeNext()
	if n := l.statements(); n != l.done {
		t.Fatalf("statements with the replica skipped: %d, want %d", n, l.done)
	}
	replica.Restart()
	l.inUse()
	l.servedByReplica()
}

// Quiz item analysis is read-only work: with the replica's replay paused, an attempt submitted
// now is not counted yet; once replay resumes, it is.
func TestItemAnalysisReadsFromTheReplica(t *testing.T) {
	if testenv.Backend() != "postgres" {
		t.Skip("replicas are PostgreSQL's: not applicable on SQLite")
	}
	env, replica := withReplica(t, testenv.OwnDatabase(t, testenv.Config(t))) // counts every attempt of the platform
	admin := env.WithRole(auth.RoleAdmin, "other")
	attempts := func() int {
		var st statisticsBody
		env.Do(testenv.Request{Method: "GET", Path: "/api/v1/quizzes/" + evalQuiz + "/statistics?attempts=all", Token: admin.AccessToken}).Decode(t, &st)
		return st.AttemptCount
	}
	pass := func() {
		u := env.Learner("nursing")
		if resp := submit(env, u, start(t, env, u, evalQuiz).ID, rightAnswers("wait")); resp.Status != http.StatusOK {
			t.Fatalf("submit: %d %s", resp.Status, resp.Body)
		}
	}
	pass()
	pgreplica.WaitUntil(t, "the replica to serve reads", func() bool { return env.App.Store.ReplicasInUse() == 1 })
	pgreplica.WaitUntil(t, "the replica to catch up", func() bool { return attempts() == 1 })
	replica.Exec("SELECT pg_wal_replay_pause()")
	pass()
	if n := attempts(); n != 1 {
		t.Fatalf("attempts counted with the replica paused: %d, want 1 (the replica's)", n)
	}
	replica.Exec("SELECT pg_wal_replay_resume()")
	pgreplica.WaitUntil(t, "the second attempt to be counted", func() bool { return attempts() == 2 })
	// Down, before any check has noticed: the snapshot cannot begin on the replica, and the
	// primary answers at once, with the newest attempt.
	replica.Stop()
	pass()
	if n := attempts(); n != 3 {
		t.Fatalf("attempts counted with the replica down: %d, want 3 (the primary's)", n)
	}
}
