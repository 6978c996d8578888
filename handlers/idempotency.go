package handlers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"regexp"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/models"
)

// IdempotencyTTL is how long a response is kept for retries with the same Idempotency-Key.
const IdempotencyTTL = 24 * time.Hour

var validIdempotencyKey = regexp.MustCompile(`^[A-Za-z0-9._:-]{8,128}$`)

// idempotencyStore is what replaying responses needs.
type idempotencyStore interface {
	ClaimIdempotencyKey(ctx context.Context, key, requestHash string, ttl time.Duration) (*models.IdempotentRequest, bool, error)
	CompleteIdempotencyKey(ctx context.Context, key string, status int, contentType string, body []byte) error
	ReleaseIdempotencyKey(ctx context.Context, key string) error
}

// idempotencyKey reads the request's Idempotency-Key header ("" when absent). A malformed one
// fails the request with 422 and returns false.
func idempotencyKey(c *gin.Context) (string, bool) {
	key := c.GetHeader("Idempotency-Key")
	if key != "" && !validIdempotencyKey.MatchString(key) {
		fail(c, errs.Invalid(map[string]string{"Idempotency-Key": errs.Reason("reason.idempotency_key", map[string]any{"Min": 8, "Max": 128})}))
		return "", false
	}
	return key, true
}

// replayed marks a response answered from an earlier request with the same Idempotency-Key.
func replayed(c *gin.Context, yes bool) {
	if yes {
		c.Header("Idempotent-Replayed", "true")
	}
}

// recorder keeps a copy of what the handler writes.
type recorder struct {
	gin.ResponseWriter
	body bytes.Buffer
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

func (r *recorder) WriteString(s string) (int, error) {
	r.body.WriteString(s)
	return r.ResponseWriter.WriteString(s)
}

// idempotent makes a route safe to retry: a request with an Idempotency-Key header is handled
// once per caller and key; a retry with the same key and body gets the first response again
// (with Idempotent-Replayed: true), a retry while the first is still running gets 409, and the
// same key with a different body gets 422. Requests without the header are handled as usual.
// Attempt starts and submissions, the busiest writes, keep their key in the attempt row instead
// (see attempts.Service), which costs no extra statement.
func (s *Server) idempotent(c *gin.Context) {
	key, ok := idempotencyKey(c)
	if !ok {
		return
	}
	if key == "" {
		c.Next()
		return
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		fail(c, tooLarge())
		return
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body))
	sum := sha256.Sum256(append([]byte(c.Request.Method+" "+c.Request.URL.Path+"\n"), body...))
	hash := hex.EncodeToString(sum[:])
	scoped := callerID(c) + ":" + key
	ctx := c.Request.Context()
	seen, owner, err := s.idem.ClaimIdempotencyKey(ctx, scoped, hash, IdempotencyTTL)
	if err != nil {
		fail(c, err)
		return
	}
	if !owner {
		switch {
		case seen.RequestHash != hash:
			fail(c, errs.KeyReused())
		case seen.Status == 0:
			fail(c, errs.Conflict("request_in_progress", "A request with this Idempotency-Key is still being handled. Retry shortly."))
		default:
			replayed(c, true)
			c.Data(seen.Status, seen.ContentType, seen.Body)
			c.Abort()
		}
		return
	}
	rec := &recorder{ResponseWriter: c.Writer}
	c.Writer = rec
	c.Next()
	status := rec.Status()
	if status >= 500 {
		err = s.idem.ReleaseIdempotencyKey(context.WithoutCancel(ctx), scoped)
	} else {
		err = s.idem.CompleteIdempotencyKey(context.WithoutCancel(ctx), scoped, status, rec.Header().Get("Content-Type"), rec.body.Bytes())
	}
	if err != nil {
		logger(c).Error("store idempotent response", "err", err)
	}
}
