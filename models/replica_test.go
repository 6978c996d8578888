package models_test

import (
	"context"
	"testing"
	"time"

	"tandem/models"
	"tandem/testenv"
	"tandem/testenv/pgreplica"
)

// withReplica starts a streaming replica of the package's PostgreSQL database.
func withReplica(t *testing.T) (primaryURL string, replica *pgreplica.Replica) {
	t.Helper()
	if testenv.Backend() != "postgres" {
		t.Skip("replicas are PostgreSQL's: not applicable on SQLite")
	}
	primaryURL = testenv.Config(t).DatabaseURL
	return primaryURL, pgreplica.Start(t, primaryURL)
}

// openWithReplica opens the store on primaryURL with replica, skipped past 20 seconds behind
// (a generous lag: these tests are about where reads go, not about lag).
func openWithReplica(t *testing.T, primaryURL string, replica *pgreplica.Replica) *models.Store {
	t.Helper()
	store, err := models.Open(context.Background(), models.Options{URL: primaryURL, MaxConns: 2,
		ReplicaURLs: []string{replica.URL()}, ReplicaMaxLag: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	return store
}

// Only the reader goes to a replica; a replica that stops between two checks costs a read
// nothing: it runs again on the primary and the replica is skipped from then on.
func TestReaderFailsOverToThePrimaryWhenItsReplicaStops(t *testing.T) {
	primaryURL, replica := withReplica(t)
	store, ctx := openWithReplica(t, primaryURL, replica), context.Background()
	pgreplica.WaitUntil(t, "the replica to serve reads", func() bool { return store.ReplicasInUse() == 1 })
	if standby, err := store.ReadsFromStandby(ctx); err != nil || !standby {
		t.Fatalf("reader on a standby = %v, %v; want the replica", standby, err)
	}
	var standby bool
	if err := store.DB().WithContext(ctx).Raw("SELECT pg_is_in_recovery()").Scan(&standby).Error; err != nil || standby {
		t.Fatalf("default handle on a standby = %v, %v; want the primary", standby, err)
	}

	store.StopReplicaChecks()
	replica.Stop()
	if standby, err := store.ReadsFromStandby(ctx); err != nil || standby {
		t.Fatalf("with the replica stopped: on a standby = %v, err %v; want the primary, no error", standby, err)
	}
	if n := store.ReplicasInUse(); n != 0 {
		t.Fatalf("a replica that failed a read is still in use (%d)", n)
	}
}

// A replica that is down when the server starts does not stop it starting.
func TestStoreOpensWithItsReplicaDown(t *testing.T) {
	primaryURL, replica := withReplica(t)
	replica.Stop()
	store := openWithReplica(t, primaryURL, replica)
	if standby, err := store.ReadsFromStandby(context.Background()); err != nil || standby {
		t.Fatalf("on a standby = %v, err %v; want the primary", standby, err)
	}
}

// The embedded SQLite has no replicas: asking for them is refused, not ignored.
func TestSQLiteRefusesReplicas(t *testing.T) {
	_, err := models.Open(context.Background(), models.Options{SQLitePath: t.TempDir() + "/tandem.db",
		ReplicaURLs: []string{"postgres://postgres@127.0.0.1:5433/tandem"}})
	if err == nil {
		t.Fatal("SQLite opened with a replica")
	}
}
