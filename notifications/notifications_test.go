package notifications_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"tandem/notifications"
	"tandem/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// count is how many rows query finds.
func count(env *testenv.Env, query string, args ...any) string { return env.Scalar(query, args...) }

// A notice written in a transaction that rolls back is never stored, and neither is its mail.
func TestNoticeOfRolledBackChangeIsNotWritten(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	boom := errors.New("the change failed")
	err := env.App.Store.InTx(context.Background(), func(ctx context.Context) error {
		if err := env.App.Notices.Notify(ctx, notifications.Notice{UserID: u.ID, Kind: "review.returned", Title: "Accepted", Link: "/teams"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx: %v", err)
	}
	if n := count(env, "SELECT COUNT(*) FROM notifications WHERE user_id = ?", u.ID); n != "0" {
		t.Errorf("%s notices of a rolled-back change", n)
	}
	if n := count(env, "SELECT COUNT(*) FROM mail_outbox WHERE user_id = ? AND kind LIKE 'notice.%'", u.ID); n != "0" {
		t.Errorf("%s mails of a rolled-back change", n)
	}
	if err := env.App.Notices.Notify(context.Background(), notifications.Notice{UserID: u.ID, Kind: "no.such", Title: "?"}); err == nil {
		t.Error("a notice of an unknown kind was written")
	}
}

// Two servers writing digests at once mail each user one digest per day of their own time
// zone, from 07:00 there, listing their unread notices; a user who read everything gets none.
func TestDigestIsMailedOncePerLocalDay(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	vienna, auckland, reader := env.Learner("medicine"), env.Learner("nursing"), env.Learner("engineering")
	for u, zone := range map[*testenv.User]string{vienna: "Europe/Vienna", auckland: "Pacific/Auckland"} {
		if r := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/me/notification-preferences", Token: u.AccessToken,
			Body: map[string]any{"email": map[string]string{}, "time_zone": zone}}); r.Status != http.StatusOK {
			t.Fatalf("preferences: %d %s", r.Status, r.Body)
		}
	}
	for _, u := range []*testenv.User{vienna, auckland, reader} {
		for _, title := range []string{"You are in team Alpha", "You are in team Beta"} {
			if err := env.App.Notices.Notify(ctx, notifications.Notice{UserID: u.ID, Kind: "team.formed", Title: title, Link: "/teams"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/notifications/read", Token: reader.AccessToken}); r.Status != http.StatusOK {
		t.Fatalf("read all: %d", r.Status)
	}
	// 18:30 UTC on 5 December: 19:30 in Vienna, 07:30 on 6 December in Auckland.
	clock := time.Date(2026, 12, 5, 18, 30, 0, 0, time.UTC)
	run := func() {
		var wg sync.WaitGroup
		for _, owner := range []string{"server-a", "server-b"} {
			d := env.App.Digest(owner, env.URL, testenv.Logger())
			d.Now = func() time.Time { return clock }
			wg.Go(func() {
				if _, err := d.Once(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	digests := func(u *testenv.User) string {
		return count(env, "SELECT COUNT(*) FROM mail_outbox WHERE user_id = ? AND kind = 'notice.digest'", u.ID)
	}
	run()
	run()
	if digests(vienna) != "1" || digests(auckland) != "1" || digests(reader) != "0" {
		t.Fatalf("digests: Vienna %s, Auckland %s, a reader of everything %s", digests(vienna), digests(auckland), digests(reader))
	}
	mails := env.AwaitMails(t, vienna.Email, "notice.digest", 1)
	if text := mails[0].Text; !contains(text, "2 notices since your last digest", "You are in team Alpha", env.URL+"/teams") {
		t.Errorf("the digest: %s", text)
	}

	// A new notice the same local day waits for the next day; 04:00 UTC on 6 December is
	// 05:00 in Vienna, too early, and 17:00 in Auckland, whose day's digest went already.
	if err := env.App.Notices.Notify(ctx, notifications.Notice{UserID: vienna.ID, Kind: "team.formed", Title: "You are in team Gamma"},
		notifications.Notice{UserID: auckland.ID, Kind: "team.formed", Title: "You are in team Gamma"}); err != nil {
		t.Fatal(err)
	}
	clock = time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	run()
	if digests(vienna) != "1" || digests(auckland) != "1" {
		t.Fatalf("digests before the next local morning: Vienna %s, Auckland %s", digests(vienna), digests(auckland))
	}
	clock = time.Date(2026, 12, 6, 18, 30, 0, 0, time.UTC)
	run()
	if digests(vienna) != "2" || digests(auckland) != "2" {
		t.Fatalf("digests the next day: Vienna %s, Auckland %s", digests(vienna), digests(auckland))
	}
}

// A due date within 48 hours reminds each member of a team that has not submitted, once,
// however many servers look at the same time; a team that submitted is not reminded.
func TestDueDateReminderIsSentOnce(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	d := teamsDueTomorrow(t, env)
	learners, ex, teams := d.learners, d.ex, d.teams
	submitted := teams[0]
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + submitted.ID + "/submissions", Token: tokenOf(learners, submitted.Members[0]),
		Body: map[string]any{"exercise": ex.Slug, "body_markdown": "Done early."}}); r.Status != http.StatusCreated {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if _, err := env.App.DueReminder(testenv.Logger()).Once(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if _, err := env.App.DueReminder(testenv.Logger()).Once(ctx); err != nil {
		t.Fatal(err)
	}
	for _, tm := range teams {
		want := "1"
		if tm.ID == submitted.ID {
			want = "0"
		}
		for _, m := range tm.Members {
			if n := count(env, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = 'due.soon'", m); n != want {
				t.Errorf("member of team %s: %s due-date notices, want %s", tm.ID, n, want)
			}
			if want == "1" {
				env.AwaitMails(t, emailOf(learners, m), "notice.due.soon", 1)
			}
		}
	}
}

// A digest leased by a server that stopped mid-way is left alone until the lease runs out,
// then written by another server, once.
func TestDigestLeftByAStoppedServerIsWrittenOnceItsLeaseEnds(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	u := env.Learner("medicine")
	if err := env.App.Notices.Notify(ctx, notifications.Notice{UserID: u.ID, Kind: "team.formed", Title: "You are in Team 4"}); err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	if ok, err := env.App.Store.ClaimDigest(ctx, "stopped-server", u.ID, "2026-12-05", time.Hour); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	d := env.App.Digest("server-b", env.URL, testenv.Logger())
	d.Now = func() time.Time { return clock }
	digests := func() string {
		return count(env, "SELECT COUNT(*) FROM mail_outbox WHERE user_id = ? AND kind = 'notice.digest'", u.ID)
	}
	if _, err := d.Once(ctx); err != nil || digests() != "0" {
		t.Fatalf("while another server holds the lease: %v, %s digests", err, digests())
	}
	env.Exec("UPDATE notification_settings SET lease_until = ? WHERE user_id = ?", time.Now().UTC().Add(-time.Second), u.ID) // the hour has passed
	for range 2 {
		if _, err := d.Once(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if digests() != "1" {
		t.Fatalf("after the lease ran out: %s digests", digests())
	}
}

// A team given later due dates is reminded before its own due date, not the cohort's: the
// other teams are reminded as the cohort's date nears, it only as its own does.
func TestDueDateReminderWaitsForATeamsLaterDueDate(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	d := teamsDueTomorrow(t, env)
	instructor, cohort, teams, now := d.instructor, d.cohort, d.teams, time.Now().UTC()
	later := teams[1]
	if r := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/accommodations", Token: instructor.AccessToken,
		Body: map[string]any{"cohort": cohort, "user": later.Members[0], "extra_days": 4}}); r.Status != http.StatusOK {
		t.Fatalf("accommodation: %d %s", r.Status, r.Body)
	}
	remind := func(at time.Time) {
		t.Helper()
		d := env.App.DueReminder(testenv.Logger())
		d.Now = func() time.Time { return at }
		if _, err := d.Once(ctx); err != nil {
			t.Fatal(err)
		}
	}
	reminded := func(tm team) string {
		t.Helper()
		return count(env, "SELECT COUNT(*) FROM notifications WHERE kind = 'due.soon' AND user_id IN (?, ?)", tm.Members[0], tm.Members[1])
	}
	remind(now)
	if reminded(teams[0]) != "2" || reminded(later) != "0" {
		t.Fatalf("a day before the cohort's due date: %s of the first team and %s of the team with 4 more days reminded", reminded(teams[0]), reminded(later))
	}
	remind(now.AddDate(0, 0, 4))
	if reminded(later) != "2" {
		t.Fatalf("a day before its own due date: %s of the team with 4 more days reminded", reminded(later))
	}
}
