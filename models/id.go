package models

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// NewID returns a new 32-character id: a millisecond timestamp, the microsecond within it, then
// 64 random bits, so ids sort by creation time (index locality, cursor pagination, and the
// order of a learner's events, which can be a fraction of a millisecond apart) and cannot be
// guessed.
func NewID() string {
	var b [16]byte
	now := time.Now()
	binary.BigEndian.PutUint64(b[:8], uint64(now.UnixMilli())<<16|uint64(now.UnixMicro()%1000))
	_, _ = rand.Read(b[8:])
	return hex.EncodeToString(b[:])
}
