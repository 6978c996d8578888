package models

import (
	"context"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// MigrateTo brings the schema up to migration id only, so that a test can store rows as they
// were before a later migration and check what that migration makes of them.
func (s *Store) MigrateTo(ctx context.Context, id string) error {
	return gormigrate.New(s.db.WithContext(ctx), &gormigrate.Options{
		TableName: "schema_migrations", IDColumnName: "id", IDColumnSize: 64, UseTransaction: true,
	}, s.migrations()).MigrateTo(id)
}

// DB is the store's database handle, for tests that write rows directly.
func (s *Store) DB() *gorm.DB { return s.db }

// AggregatedItemData is ItemData added up from the responses, even for a platform-wide scope,
// for tests that check the kept item sums against it.
func (s *Store) AggregatedItemData(ctx context.Context, sc ResponseScope) (*ItemData, error) {
	return s.aggregatedItemData(ctx, sc)
}

// StopReplicaChecks stops checking the replicas, so that a test sees what a read does with a
// replica still taken as healthy.
func (s *Store) StopReplicaChecks() {
	s.replicas.stop()
	<-s.replicas.done
}

// ReadsFromStandby reports whether read-only work (reader) runs on a standby now.
func (s *Store) ReadsFromStandby(ctx context.Context) (bool, error) {
	var standby bool
	err := s.reader(ctx).Raw("SELECT pg_is_in_recovery()").Scan(&standby).Error
	return standby, err
}

// ReadSnapshot runs fn as the item analysis runs its reads: in one read-only snapshot, on a
// replica when there is one, again on the primary when the replica fails partway.
func (s *Store) ReadSnapshot(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.readSnapshot(ctx, fn)
}

// HoldSubmissions makes SubmitAttempt wait instead of writing, as it does while all its
// leaders are busy. waiting counts the submissions held; release writes them group by group
// and returns each group's size.
func (s *Store) HoldSubmissions() (waiting func() int, release func() []int) {
	return hold(&s.submits, s.submitGroup)
}

// HoldStarts is HoldSubmissions for StartAttempt.
func (s *Store) HoldStarts() (waiting func() int, release func() []int) {
	return hold(&s.starts, s.startGroup)
}

func hold[T any](q *groupQueue[T], write func([]*grouped[T])) (waiting func() int, release func() []int) {
	for { // once the groups being written are done
		q.mu.Lock()
		if q.leaders == 0 {
			q.leaders = groupLeaders
			q.mu.Unlock()
			break
		}
		q.mu.Unlock()
		time.Sleep(time.Millisecond)
	}
	waiting = func() int {
		q.mu.Lock()
		defer q.mu.Unlock()
		return len(q.waiting)
	}
	release = func() []int {
		q.mu.Lock()
		q.leaders = 1 // this one leads until none wait
		q.mu.Unlock()
		var sizes []int
		for group := q.next(); group != nil; group = q.next() {
			sizes = append(sizes, len(group))
			write(group)
		}
		return sizes
	}
	return waiting, release
}
