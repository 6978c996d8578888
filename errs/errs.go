// Package errs defines the error that Tandem's domain code returns to say what a client did
// wrong: an HTTP status, a stable snake_case code, a safe message and optional details.
package errs

import (
	"fmt"
	"net/http"
	"time"
)

// Error is a client-facing error. Cause, when set, is logged but never sent.
type Error struct {
	Status  int
	Code    string
	Message string
	Details any
	Cause   error
}

// Error returns the message, with the cause when there is one.
func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Cause)
	}
	return e.Code + ": " + e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Cause }

// New returns an error with the given status, code and message.
func New(status int, code, message string) *Error {
	return &Error{Status: status, Code: code, Message: message}
}

// Invalid is a 422 with a message per field.
func Invalid(fields map[string]string) *Error {
	return &Error{Status: http.StatusUnprocessableEntity, Code: "validation_failed",
		Message: "Some fields are not valid.", Details: map[string]any{"fields": fields}}
}

// NotFound is a 404 saying which kind of thing was not found.
func NotFound(what string) *Error {
	return &Error{Status: http.StatusNotFound, Code: "not_found", Message: what + " not found."}
}

// Forbidden is a 403.
func Forbidden(message string) *Error {
	return &Error{Status: http.StatusForbidden, Code: "forbidden", Message: message}
}

// Unauthorized is a 401 with its own code.
func Unauthorized(code, message string) *Error {
	return &Error{Status: http.StatusUnauthorized, Code: code, Message: message}
}

// Conflict is a 409 with its own code.
func Conflict(code, message string) *Error {
	return &Error{Status: http.StatusConflict, Code: code, Message: message}
}

// KeyReused is a 422 for an Idempotency-Key sent again with a different request.
func KeyReused() *Error {
	return &Error{Status: http.StatusUnprocessableEntity, Code: "idempotency_key_reused",
		Message: "This Idempotency-Key was used for a different request."}
}

// TooMany is the 429 for a rate limit that resets at reset.
func TooMany(reset time.Time) *Error {
	secs := max(int(time.Until(reset).Seconds()+0.999), 1)
	return &Error{Status: http.StatusTooManyRequests, Code: "rate_limited",
		Message: fmt.Sprintf("Too many attempts. Try again in %d seconds.", secs),
		Details: map[string]any{"retry_after_seconds": secs}}
}
