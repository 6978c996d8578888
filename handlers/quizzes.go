package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/quizzes"
)

// StartAttempt creates the caller's next attempt at a quiz: questions drawn and shuffled by
// the server, with nothing that gives an answer away. A retry with the same Idempotency-Key
// gets the same attempt.
func (s *Server) StartAttempt(c *gin.Context) {
	key, ok := idempotencyKey(c)
	if !ok {
		return
	}
	v, err := s.attempts.Start(c.Request.Context(), caller(c), c.Param("quiz"), key)
	if !s.settleSession(c) {
		return
	}
	if err != nil {
		fail(c, err)
		return
	}
	replayed(c, v.Replayed)
	c.JSON(http.StatusCreated, v)
}

// GetAttempt returns one of the caller's attempts, with its result once submitted.
func (s *Server) GetAttempt(c *gin.Context) {
	v, err := s.attempts.Get(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

type submitRequest struct {
	Answers []quizzes.Answer `json:"answers"`
}

// SubmitAttempt grades an attempt once; a retry with the same Idempotency-Key and answers gets
// the same result.
func (s *Server) SubmitAttempt(c *gin.Context) {
	key, ok := idempotencyKey(c)
	if !ok {
		return
	}
	var req submitRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	res, err := s.attempts.Submit(c.Request.Context(), caller(c), c.Param("id"), key, req.Answers)
	if !s.settleSession(c) {
		return
	}
	if err != nil {
		fail(c, err)
		return
	}
	replayed(c, res.Replayed)
	c.JSON(http.StatusOK, res)
}

// GetPerspectives shows how clinical and technical learners answered a judgement question;
// `?attempt=` keys the options by the ids of one of the caller's attempts.
func (s *Server) GetPerspectives(c *gin.Context) {
	p, err := s.attempts.Perspectives(c.Request.Context(), caller(c), c.Param("id"), c.Query("attempt"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// ListMyAttempts lists the caller's attempts (`?quiz=` narrows it), open ones included.
func (s *Server) ListMyAttempts(c *gin.Context) {
	items, err := s.attempts.List(c.Request.Context(), caller(c), c.Query("quiz"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}
