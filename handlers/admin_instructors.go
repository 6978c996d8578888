package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/auth"
	"tandem/models"
)

type instructorView struct {
	ID          string    `json:"id"`
	Email       string    `json:"email"`
	Name        string    `json:"name"`
	Discipline  string    `json:"discipline"`
	Institution string    `json:"institution"`
	Since       time.Time `json:"created_at"`
}

func instructorOf(u *models.User) instructorView {
	return instructorView{ID: u.ID, Email: u.Email, Name: u.Name, Discipline: u.Discipline, Institution: u.Institution, Since: u.CreatedAt}
}

// ListInstructors lists the accounts that hold the instructor role, for platform admins.
func (s *Server) ListInstructors(c *gin.Context) {
	users, err := s.staff.Instructors(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	items := make([]instructorView, 0, len(users))
	for i := range users {
		items = append(items, instructorOf(&users[i]))
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

type instructorRequest struct {
	Email       string `json:"email" binding:"required"`
	Name        string `json:"name"`
	Discipline  string `json:"discipline"`
	Institution string `json:"institution"`
}

// AddInstructor promotes the account with the email to instructor (200), or creates it (201)
// and mails its owner a link to choose a password.
func (s *Server) AddInstructor(c *gin.Context) {
	var req instructorRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	u, created, err := s.staff.AddInstructor(c.Request.Context(), caller(c), auth.NewInstructor{
		Email: req.Email, Name: req.Name, Discipline: req.Discipline, Institution: req.Institution})
	if err != nil {
		fail(c, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.JSON(status, gin.H{"instructor": instructorOf(u), "created": created})
}
