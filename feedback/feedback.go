// Package feedback is the content feedback loop: learners rate lessons and report what is
// unclear or wrong, authors see the reports by lesson, module and discipline, and answer them;
// the learner sees the answer, and whether the lesson has been revised since. A report's
// comment is read by content authors (the author role, see auth.RoleAuthor) and platform
// admins, and by the instructors of the cohorts its writer joined, on those cohorts' tracks;
// other instructors see the counts only.
package feedback

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/auth"
	"tandem/courses"
	"tandem/disciplines"
	"tandem/errs"
	"tandem/models"
	"tandem/notifications"
)

// Kinds of feedback a learner can give.
var Kinds = []string{"unclear", "error", "suggestion", "praise"}

// MaxComment is the longest comment accepted, in characters.
const MaxComment = 2000

// Store is what the feedback loop needs from the database.
type Store interface {
	UserByID(ctx context.Context, id string) (*models.User, error)
	SaveFeedback(ctx context.Context, f *models.LessonFeedback, ev models.ProgressEvent) (*models.LessonFeedback, error)
	FeedbackByUser(ctx context.Context, userID, lessonSlug string) ([]models.LessonFeedback, error)
	FeedbackByID(ctx context.Context, id string) (*models.LessonFeedback, error)
	FeedbackStats(ctx context.Context) ([]models.FeedbackStat, error)
	OpenReports(ctx context.Context) ([]models.LessonFeedback, error)
	OpenReportsSeenBy(ctx context.Context, instructorID string) ([]models.LessonFeedback, error)
	FeedbackSeenBy(ctx context.Context, id, instructorID string) (bool, error)
	ResolveFeedback(ctx context.Context, id, resolverID, response string, ev models.ProgressEvent) (*models.LessonFeedback, error)
	HitRateLimit(ctx context.Context, key string, window time.Duration) (int, time.Time, error)
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Notifier tells a learner that their report was answered, in the transaction ctx carries.
type Notifier interface {
	Notify(ctx context.Context, notices ...notifications.Notice) error
}

// Service runs the feedback loop.
type Service struct {
	store   Store
	catalog *courses.Catalog
	notices Notifier
	writes  models.Limit // feedback writes per learner, so a loop or a script cannot flood authors
}

// NewService returns the feedback service; notices tells learners their reports were answered.
func NewService(store Store, catalog *courses.Catalog, notices Notifier, writes models.Limit) *Service {
	return &Service{store: store, catalog: catalog, notices: notices, writes: writes}
}

// Input is what a learner sends about a lesson.
type Input struct {
	Rating  int
	Kind    string
	Comment string
}

// Item is one piece of feedback as its author (the learner) or an instructor sees it.
type Item struct {
	ID            string     `json:"id"`
	Lesson        string     `json:"lesson"`
	LessonTitle   string     `json:"lesson_title"`
	Module        string     `json:"module"`
	Rating        int        `json:"rating"`
	Kind          string     `json:"kind"`
	Comment       string     `json:"comment"`
	Group         string     `json:"discipline_group"`
	Status        string     `json:"status"`
	Response      string     `json:"response,omitempty"`
	ResolvedAt    *time.Time `json:"resolved_at,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	LessonRevised bool       `json:"lesson_revised"`
}

// Give validates and stores the caller's feedback on a lesson, replacing an earlier one.
func (s *Service) Give(ctx context.Context, caller auth.Caller, lessonSlug string, in Input) (*Item, error) {
	userID := caller.ID
	lesson, ok := s.catalog.Lesson(lessonSlug)
	if !ok {
		return nil, errs.NotFound("Lesson")
	}
	fields := map[string]string{}
	if in.Rating < 1 || in.Rating > 5 {
		fields["rating"] = errs.Reason("reason.whole_number_range", map[string]any{"Min": 1, "Max": 5})
	}
	if !slices.Contains(Kinds, in.Kind) {
		fields["kind"] = errs.Reason("reason.rule_oneof", map[string]any{"Choices": Kinds})
	}
	comment := strings.TrimSpace(in.Comment)
	if utf8.RuneCountInString(comment) > MaxComment {
		fields["comment"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": MaxComment})
	}
	if strings.ContainsFunc(comment, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' && r != '\r' }) {
		fields["comment"] = "must not contain control characters"
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	hits, reset, err := s.store.HitRateLimit(ctx, "feedback:"+userID, s.writes.Window)
	if err != nil {
		return nil, err
	}
	if hits > s.writes.Max {
		return nil, errs.TooMany(reset)
	}
	user, err := s.store.UserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	ev := models.NewEvent(userID, "commented", "feedback", "", lesson.Module.Track.Slug, map[string]any{"lesson": lesson.Slug, "rating": in.Rating, "kind": in.Kind})
	saved, err := s.store.SaveFeedback(ctx, &models.LessonFeedback{
		UserID: userID, LessonSlug: lesson.Slug, LessonHash: lesson.Hash, Rating: in.Rating, Kind: in.Kind,
		Comment: comment, Group: disciplines.Group(user.Discipline),
	}, ev)
	if err != nil {
		return nil, err
	}
	return s.item(saved), nil
}

// Mine returns the caller's feedback with the authors' responses; lessonSlug narrows it.
func (s *Service) Mine(ctx context.Context, caller auth.Caller, lessonSlug string) ([]Item, error) {
	userID := caller.ID
	rows, err := s.store.FeedbackByUser(ctx, userID, lessonSlug)
	if err != nil {
		return nil, err
	}
	out := make([]Item, 0, len(rows))
	for i := range rows {
		out = append(out, *s.item(&rows[i]))
	}
	return out, nil
}

// readsEvery reports whether caller reads every report: content authors and platform admins.
func readsEvery(caller auth.Caller) bool {
	return caller.IsAdmin() || slices.Contains(caller.Roles, auth.RoleAuthor)
}

// Resolve closes a report with a response the learner will see, for those who may read it.
func (s *Service) Resolve(ctx context.Context, caller auth.Caller, id, response string) (*Item, error) {
	response = strings.TrimSpace(response)
	if utf8.RuneCountInString(response) > MaxComment {
		return nil, errs.Invalid(map[string]string{"response": errs.Reason("reason.chars_at_most", map[string]any{"Max": MaxComment})})
	}
	if !readsEvery(caller) {
		seen, err := s.store.FeedbackSeenBy(ctx, id, caller.ID)
		if err != nil {
			return nil, err
		}
		if !seen {
			return nil, errs.NotFound("Feedback")
		}
	}
	f, err := s.store.FeedbackByID(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Feedback")
	}
	if err != nil {
		return nil, err
	}
	track := ""
	if l, ok := s.catalog.Lesson(f.LessonSlug); ok {
		track = l.Module.Track.Slug
	}
	ev := models.NewEvent(caller.ID, "responded", "feedback", id, track, map[string]any{"lesson": f.LessonSlug})
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if f, err = s.store.ResolveFeedback(ctx, id, caller.ID, response, ev); err != nil {
			return err
		}
		return s.notices.Notify(ctx, s.answeredNotice(f))
	})
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Feedback")
	}
	if err != nil {
		return nil, err
	}
	return s.item(f), nil
}

func (s *Service) item(f *models.LessonFeedback) *Item {
	it := &Item{ID: f.ID, Lesson: f.LessonSlug, Rating: f.Rating, Kind: f.Kind, Comment: f.Comment, Group: f.Group,
		Status: f.Status, Response: f.Response, ResolvedAt: f.ResolvedAt, CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt}
	if l, ok := s.catalog.Lesson(f.LessonSlug); ok {
		it.LessonTitle, it.Module, it.LessonRevised = l.Title, l.Module.Slug, l.Hash != f.LessonHash
	}
	return it
}

// answeredNotice tells the author of report f that it was answered.
func (s *Service) answeredNotice(f *models.LessonFeedback) notifications.Notice {
	title := f.LessonSlug
	lesson := notifications.Localized(func(string) string { return f.LessonSlug })
	if l, ok := s.catalog.Lesson(f.LessonSlug); ok {
		title = l.Title
		lesson = func(lang string) string { in, _ := l.In(lang); return in.Title }
	}
	n := notifications.Notice{UserID: f.UserID, Kind: "feedback.answered", Title: "Your feedback on “" + title + "” was answered",
		Body: f.Response, Link: "/lessons/" + f.LessonSlug, Data: map[string]any{"Lesson": lesson}}
	if f.Response == "" {
		n.Title, n.Body, n.Message = "Your feedback on “"+title+"” was resolved", "The report is closed.", "feedback.resolved"
	}
	return n
}
