// Package notifications tells people what happened that concerns them: a review came back, a
// revision was asked for, a team was formed, an invitation arrived, a feedback report was
// answered, a due date is near. Every notice appears in the reader's in-app list; each kind
// is also mailed at once, in a daily digest, or not at all, as the reader chooses. Other
// packages hand notices to Notify inside the transaction of the change they announce, so a
// notice is written exactly when its change is.
package notifications

import (
	"context"
	"strings"
	"unicode/utf8"

	"tandem/errs"
	"tandem/i18n"
	"tandem/mail"
	"tandem/models"
)

// Notice is one thing to tell one user. Kind is a stable key (see Kinds); Link is a path of
// the web UI, such as /teams/<cohort>/<team>. OnceKey, when set, makes the notice one of a
// kind: a user is never given two notices with the same key. Title and Body are the English;
// a kind with messages (notice.<kind>.title and .body, or notice.<Message>.… when a kind has
// several wordings) is written in its reader's language from Data, which fills their
// placeholders, and stored as the reader saw it.
type Notice struct {
	UserID  string
	Kind    string
	Title   string
	Body    string
	Link    string
	OnceKey string
	Message string
	Data    map[string]any
}

// Kind is a kind of notice: its stable key, how the settings page names it, and how it is
// mailed until the user chooses.
type Kind struct {
	Key          string `json:"kind"`
	Label        string `json:"label"`
	DefaultEmail string `json:"default_email"`
}

// Kinds are the kinds of notice, in the order the settings page lists them. A notice of
// another kind is refused, so every notice a user can receive is one they can set.
var Kinds = []Kind{
	{Key: "review.returned", Label: "Your team's work was reviewed", DefaultEmail: models.MailImmediate},
	{Key: "revision.requested", Label: "A revision of your team's work was asked for", DefaultEmail: models.MailImmediate},
	{Key: "team.formed", Label: "You were placed in a team", DefaultEmail: models.MailDigest},
	{Key: "invitation.received", Label: "You were invited to a cohort", DefaultEmail: models.MailOff},
	{Key: "feedback.answered", Label: "Your feedback on a lesson was answered", DefaultEmail: models.MailDigest},
	{Key: "due.soon", Label: "A due date is near and your team has not submitted", DefaultEmail: models.MailImmediate},
	{Key: "quiz.regraded", Label: "A quiz you took was graded again and your result changed", DefaultEmail: models.MailImmediate},
	{Key: "accommodation.granted", Label: "You were given extra time, attempts or days", DefaultEmail: models.MailImmediate},
}

// kindOf returns the kind with key.
func kindOf(key string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Key == key {
			return k, true
		}
	}
	return Kind{}, false
}

// Store is what notifications need from the database.
type Store interface {
	Recipients(ctx context.Context, ids []string) (map[string]models.Recipient, error)
	AddNotifications(ctx context.Context, rows []models.Notification, mailFor func(models.Notification) *models.OutboxMail) (int, error)
	Notifications(ctx context.Context, userID string, unread bool, before string, limit int) ([]models.Notification, error)
	UnreadNotifications(ctx context.Context, userID string) (int64, error)
	MarkNotificationRead(ctx context.Context, userID, id string) error
	MarkAllNotificationsRead(ctx context.Context, userID string) (int64, error)
	NotificationSettings(ctx context.Context, userID string) (models.NotificationSetting, []models.NotificationPreference, error)
	SaveNotificationSettings(ctx context.Context, userID, timeZone string, prefs []models.NotificationPreference) error
}

// Service writes notices and answers their readers.
type Service struct {
	store   Store
	baseURL string
}

// NewService returns the notification service; baseURL makes a notice's link absolute in mail.
func NewService(store Store, baseURL string) *Service {
	return &Service{store: store, baseURL: strings.TrimRight(baseURL, "/")}
}

// Notify writes notices, each to its user's list, and queues the mail of those its reader
// wants at once, in the transaction ctx carries (see models.Store.InTx) or one of its own.
// Notices to users without an account any more are dropped; a notice whose OnceKey its user
// has had already is skipped.
func (s *Service) Notify(ctx context.Context, notices ...Notice) error {
	if len(notices) == 0 {
		return nil
	}
	ids := make([]string, 0, len(notices))
	for _, n := range notices {
		if err := n.check(); err != nil {
			return err
		}
		ids = append(ids, n.UserID)
	}
	who, err := s.store.Recipients(ctx, ids)
	if err != nil {
		return err
	}
	rows := make([]models.Notification, 0, len(notices))
	for _, n := range notices {
		r, ok := who[n.UserID]
		if !ok {
			continue
		}
		title, body := n.textIn(languageOf(r))
		row := models.Notification{UserID: n.UserID, Kind: n.Kind, Title: clip(title, 300), Body: clip(body, 2000), Link: n.Link, Email: emailMode(r, n.Kind)}
		if n.OnceKey != "" {
			row.OnceKey = &n.OnceKey
		}
		rows = append(rows, row)
	}
	_, err = s.store.AddNotifications(ctx, rows, func(row models.Notification) *models.OutboxMail {
		return s.immediateMail(who[row.UserID], row).Row()
	})
	return err
}

// check refuses a notice no reader could make sense of: a programming error, reported as one.
func (n Notice) check() error {
	_, known := kindOf(n.Kind)
	switch {
	case !known:
		return errs.New(500, "unknown_notice_kind", "A notice of an unknown kind was refused: "+n.Kind)
	case n.UserID == "" || strings.TrimSpace(n.Title) == "":
		return errs.New(500, "incomplete_notice", "A notice without a reader or a title was refused.")
	case n.Link != "" && !strings.HasPrefix(n.Link, "/"):
		return errs.New(500, "notice_link_not_local", "A notice's link must be a path of the web UI.")
	}
	return nil
}

// emailMode is how r wants notices of kind mailed: an unverified address is never mailed.
func emailMode(r models.Recipient, kind string) string {
	if !r.Verified {
		return models.MailOff
	}
	if m, ok := r.Prefs[kind]; ok {
		return m
	}
	k, _ := kindOf(kind)
	return k.DefaultEmail
}

// immediateMail is the mail of one notice, in its reader's language.
func (s *Service) immediateMail(r models.Recipient, n models.Notification) mail.Message {
	lang, cat := languageOf(r), i18n.Default()
	m := mail.Message{Kind: "notice." + n.Kind, To: r.Email, UserID: r.UserID, Lang: lang, Subject: n.Title,
		Greeting:   cat.Text(lang, "notice.mail.greeting", map[string]any{"Name": r.Name}),
		Paragraphs: []string{n.Title + "."},
		Note:       cat.Text(lang, "notice.mail.settings_note", map[string]any{"URL": s.baseURL + "/account#notifications"})}
	if n.Body != "" {
		m.Paragraphs = append(m.Paragraphs, n.Body)
	}
	if n.Link != "" {
		m.Action = &mail.Action{Label: cat.Text(lang, "notice.mail.open", nil), URL: s.baseURL + n.Link}
	}
	return m
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
