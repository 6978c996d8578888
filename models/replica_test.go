package models_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"gorm.io/gorm"

	"tandem/models"
	"tandem/testenv"
	"tandem/testenv/pgreplica"
)

// withReplica starts a streaming replica of the package's PostgreSQL database, with settings
// added to its configuration.
func withReplica(t *testing.T, settings ...string) (primaryURL string, replica *pgreplica.Replica) {
	t.Helper()
	if testenv.Backend() != "postgres" {
		t.Skip("replicas are PostgreSQL's: not applicable on SQLite")
	}
	primaryURL = testenv.Config(t).DatabaseURL
	return primaryURL, pgreplica.Start(t, primaryURL, settings...)
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

// A replica that ends a snapshot read partway, as a hot standby does when replaying the
// primary's clean-up of rows the snapshot still sees (a recovery conflict), costs the read
// nothing: it runs again, from its start, on the primary.
func TestSnapshotReadRunsAgainOnThePrimaryWhenTheReplicaEndsItPartway(t *testing.T) {
	primaryURL, replica := withReplica(t, "max_standby_streaming_delay = 0")
	store, ctx := openWithReplica(t, primaryURL, replica), context.Background()
	primary := store.DB().WithContext(ctx)
	exec := func(db *gorm.DB, query string) {
		t.Helper()
		if err := db.Exec(query).Error; err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	exec(primary, "CREATE TABLE snapshot_conflict (id int)")
	t.Cleanup(func() { _ = store.DB().Exec("DROP TABLE IF EXISTS snapshot_conflict").Error })
	exec(primary, "INSERT INTO snapshot_conflict SELECT generate_series(1, 1000)")
	standby, err := sql.Open("pgx", replica.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer standby.Close()
	// caughtUp reports whether the replica has replayed everything the primary has written.
	caughtUp := func() bool {
		var lsn string
		if err := primary.Raw("SELECT pg_current_wal_lsn()::text").Scan(&lsn).Error; err != nil {
			t.Fatal(err)
		}
		var done bool
		err := standby.QueryRowContext(ctx, "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", lsn).Scan(&done)
		return err == nil && done
	}
	pgreplica.WaitUntil(t, "the replica to serve reads", func() bool { return store.ReplicasInUse() == 1 })
	pgreplica.WaitUntil(t, "the replica to catch up", caughtUp)

	type run struct {
		onStandby     bool
		before, after int
	}
	var runs []run
	err = store.ReadSnapshot(ctx, func(tx *gorm.DB) error {
		var r run
		if err := tx.Raw("SELECT pg_is_in_recovery(), (SELECT count(*) FROM snapshot_conflict)").Row().Scan(&r.onStandby, &r.before); err != nil {
			return err
		}
		runs = append(runs, r)
		if len(runs) == 1 {
			// The rows this snapshot counted are deleted and vacuumed away on the primary; the
			// replica, replaying that, ends the snapshot that could still see them.
			exec(primary, "DELETE FROM snapshot_conflict")
			exec(primary, "VACUUM snapshot_conflict")
			pgreplica.WaitUntil(t, "the replica to replay the clean-up", caughtUp)
		}
		return tx.Raw("SELECT count(*) FROM snapshot_conflict").Scan(&runs[len(runs)-1].after).Error
	})
	if err != nil {
		t.Fatalf("snapshot read: %v (runs %+v)", err, runs)
	}
	if len(runs) != 2 || !runs[0].onStandby || runs[0].before != 1000 || runs[1].onStandby || runs[1].before != 0 || runs[1].after != 0 {
		t.Fatalf("runs %+v; want one on the replica that saw 1,000 rows, then one on the primary that saw none", runs)
	}
}
