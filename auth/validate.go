package auth

import (
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"

	"tandem/errs"
	"tandem/models"
	"tandem/textinput"
)

// Platform roles. society_admin is held per organisation, through a membership.
const (
	RoleLearner      = "learner"
	RoleInstructor   = "instructor"
	RoleSocietyAdmin = "society_admin"
	RoleAdmin        = "admin"
	// RoleAuthor is held in an organisation, granted by platform admins only: a content author
	// reads every lesson report with its comment and answers it.
	RoleAuthor = "author"
)

// PlatformRoles are the roles a user account itself can hold.
var PlatformRoles = []string{RoleLearner, RoleInstructor, RoleAdmin}

// commonPasswords are refused outright (NIST SP 800-63B asks for a blocklist rather than
// composition rules). Passwords shorter than the minimum never reach this list.
var commonPasswords = map[string]bool{
	"password123": true, "password1234": true, "1234567890": true, "12345678910": true,
	"qwertyuiop": true, "iloveyou123": true, "qwerty12345": true, "abcdefghij": true,
	"passwordpassword": true, "letmein1234": true, "welcome1234": true, "0987654321": true,
	"1111111111": true, "0000000000": true, "administrator": true, "changeme123": true,
}

// MinPasswordLength and MaxPasswordLength bound passwords, in characters.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 128
)

func checkEmail(email string, fields map[string]string) string {
	email = strings.ToLower(strings.TrimSpace(email))
	addr, err := mail.ParseAddress(email)
	switch {
	case email == "":
		fields["email"] = "is required"
	case err != nil || addr.Address != email || !strings.Contains(email[strings.LastIndex(email, "@"):], "."):
		fields["email"] = "is not a valid email address"
	case len(email) > 254:
		fields["email"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": 254})
	}
	return email
}

func checkPassword(password, email string, fields map[string]string) {
	n := utf8.RuneCountInString(password)
	lower := strings.ToLower(password)
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	switch {
	case n < MinPasswordLength:
		fields["password"] = errs.Reason("reason.chars_at_least", map[string]any{"Min": MinPasswordLength})
	case n > MaxPasswordLength:
		fields["password"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": MaxPasswordLength})
	case commonPasswords[lower] || strings.Count(lower, lower[:1]) == len(lower):
		fields["password"] = "is too common; choose a longer passphrase"
	case len(local) >= 4 && strings.Contains(lower, local):
		fields["password"] = "must not contain your email address"
	}
}

func checkText(name, value string, required bool, maxLen int, fields map[string]string) string {
	value = strings.TrimSpace(value)
	switch {
	case required && value == "":
		fields[name] = "is required"
	case utf8.RuneCountInString(value) > maxLen:
		fields[name] = "is too long"
	case textinput.NameProblem(value) != "":
		fields[name] = textinput.NameProblem(value)
	case strings.ContainsFunc(value, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		fields[name] = "must not contain control characters"
	}
	return value
}

// Caller is who is making a request: their user id and the roles their token carries.
type Caller struct {
	ID    string
	Roles []string
	// Session is set on the routes that leave the token's session check to the first
	// statement of their own work (see Gate); the store checks it there.
	Session *models.SessionCheck
}

// IsAdmin reports whether the caller is a platform admin.
func (c Caller) IsAdmin() bool { return slices.Contains(c.Roles, RoleAdmin) }
