package main

import (
	"fmt"
	"os"
	"sync"
)

// AckLog writes the id of every quiz submission the server acknowledged with 2xx, one a line,
// so a fault run can count how many of them the database holds. Submissions that were never
// acknowledged go to a second file with their last outcome. A nil AckLog records nothing.
type AckLog struct {
	mu      sync.Mutex
	acked   *os.File
	unacked *os.File
}

// OpenAckLog appends to path and path+".unacked"; an empty path gives a nil log.
func OpenAckLog(path string) (*AckLog, error) {
	if path == "" {
		return nil, nil
	}
	a, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	u, err := os.OpenFile(path+".unacked", os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		a.Close()
		return nil, err
	}
	return &AckLog{acked: a, unacked: u}, nil
}

// Acked records a submission answered with 2xx. Each line is written at once, so it survives
// whatever happens to the run afterwards.
func (l *AckLog) Acked(attemptID string) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintln(l.acked, attemptID)
}

// Unacked records a submission that got no 2xx, with why.
func (l *AckLog) Unacked(attemptID, outcome string) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintln(l.unacked, attemptID, outcome)
}

// Close closes both files.
func (l *AckLog) Close() error {
	if l == nil {
		return nil
	}
	err := l.acked.Close()
	if e := l.unacked.Close(); err == nil {
		err = e
	}
	return err
}
