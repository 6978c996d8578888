package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

type noticePage struct {
	Items []struct {
		ID    string `json:"id"`
		Kind  string `json:"kind"`
		Title string `json:"title"`
		Link  string `json:"link"`
		Read  bool   `json:"read"`
	} `json:"items"`
	NextCursor string `json:"next_cursor"`
	Unread     int    `json:"unread"`
}

// notices reads u's notices at query (such as "?unread=true").
func notices(t *testing.T, env *testenv.Env, u *testenv.User, query string) noticePage {
	t.Helper()
	var p noticePage
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/notifications" + query, Token: u.AccessToken})
	if resp.Status != http.StatusOK {
		t.Fatalf("notifications: %d %s", resp.Status, resp.Body)
	}
	resp.Decode(t, &p)
	return p
}

// kinds counts u's notices by kind.
func kinds(t *testing.T, env *testenv.Env, u *testenv.User) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, n := range notices(t, env, u, "").Items {
		out[n.Kind]++
	}
	return out
}

// firstNotice is the id of u's newest notice.
func firstNotice(t *testing.T, env *testenv.Env, u *testenv.User) string {
	t.Helper()
	p := notices(t, env, u, "")
	if len(p.Items) == 0 {
		t.Fatal("the learner has no notice")
	}
	return p.Items[0].ID
}

// An invitation, a team and each review reach every member of the team in the app; the
// revision asked for is also mailed at once, as the default says, and a teammate who turned
// that mail off gets none. Each reads only their own notices: the instructor, a staff role,
// cannot mark a learner's notice read.
func TestTeamEventsNotifyEachMember(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	nurse, coder := env.Learner("nursing"), env.Learner("computer_science")
	if r := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/me/notification-preferences", Token: coder.AccessToken,
		Body: map[string]any{"email": map[string]string{"revision.requested": "off"}}}); r.Status != http.StatusOK {
		t.Fatalf("preferences: %d %s", r.Status, r.Body)
	}
	cohort := newCohort(t, env, instructor, nurse, coder)
	team := formPairs(t, env, instructor, cohort, 3).Teams[0].ID
	ex := env.App.Catalog.Exercises()[0]
	sub := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: nurse.AccessToken,
		Body: map[string]any{"exercise": ex.Slug, "body_markdown": "Our draft."}}).JSON(t)["id"].(string)
	scores := map[string]int{}
	for _, c := range ex.Rubric {
		scores[c.Criterion] = c.MaxPoints
	}
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/submissions/" + sub + "/reviews", Token: instructor.AccessToken,
		Body: map[string]any{"decision": "revise", "scores": scores}}); r.Status != http.StatusCreated {
		t.Fatalf("review: %d %s", r.Status, r.Body)
	}
	for _, u := range []*testenv.User{nurse, coder} {
		got := kinds(t, env, u)
		if got["invitation.received"] != 1 || got["team.formed"] != 1 || got["revision.requested"] != 1 || len(got) != 3 {
			t.Errorf("%s's notices: %v", u.Name, got)
		}
	}
	p := notices(t, env, nurse, "?unread=true")
	if p.Unread != 3 || p.Items[0].Kind != "revision.requested" || p.Items[0].Link != "/teams/"+cohort+"/"+team+"/"+ex.Slug ||
		!strings.Contains(p.Items[0].Title, ex.Title) {
		t.Errorf("the newest notice: %+v", p)
	}
	mails := env.AwaitMails(t, nurse.Email, "notice.revision.requested", 1)
	if !strings.Contains(mails[0].Text, "/teams/"+cohort+"/"+team+"/"+ex.Slug) {
		t.Errorf("the mail does not link to the team's work: %s", mails[0].Text)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM mail_outbox WHERE user_id = ? AND kind LIKE 'notice.%'", coder.ID); n != "0" {
		t.Errorf("%s notice mails queued for a learner who turned them off", n)
	}

	// Only the reader marks their notices read.
	id := p.Items[0].ID
	for _, u := range []*testenv.User{instructor, coder} {
		if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/notifications/" + id + "/read", Token: u.AccessToken}); r.Status != http.StatusNotFound {
			t.Errorf("someone else marks the nurse's notice read: %d %s", r.Status, r.Body)
		}
		for _, n := range notices(t, env, u, "").Items {
			if n.ID == id {
				t.Errorf("%s reads the nurse's notice", u.Name)
			}
		}
	}
	r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/notifications/" + id + "/read", Token: nurse.AccessToken})
	if r.Status != http.StatusOK || r.JSON(t)["unread"] != 2.0 {
		t.Fatalf("mark read: %d %s", r.Status, r.Body)
	}
	first := notices(t, env, nurse, "?unread=true&limit=1")
	second := notices(t, env, nurse, "?unread=true&limit=1&cursor="+first.NextCursor)
	if len(first.Items) != 1 || len(second.Items) != 1 || first.Items[0].ID == second.Items[0].ID || first.Items[0].Kind != "team.formed" {
		t.Errorf("pages of unread notices: %+v then %+v", first, second)
	}
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/notifications?cursor=nope", Token: nurse.AccessToken}); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("a malformed cursor: %d %s", r.Status, r.Body)
	}
	r = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/notifications/read", Token: nurse.AccessToken})
	if r.Status != http.StatusOK || r.JSON(t)["marked"] != 2.0 {
		t.Fatalf("mark all read: %d %s", r.Status, r.Body)
	}
	count := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/notifications/unread-count", Token: nurse.AccessToken}).JSON(t)
	if count["unread"] != 0.0 || kinds(t, env, coder)["revision.requested"] != 1 {
		t.Errorf("after marking all read: %v; the coder's stay unread", count)
	}
	if got := len(notices(t, env, coder, "?unread=true").Items); got != 3 {
		t.Errorf("the coder's unread notices after the nurse read hers: %d", got)
	}
}

// A learner whose feedback is answered is told so, with the answer and the lesson's page.
func TestAnsweredFeedbackNotifiesItsAuthor(t *testing.T) {
	env := testenv.New(t)
	learner, admin := env.Learner("medicine"), env.WithRole(auth.RoleAdmin, "other")
	lesson := env.App.Catalog.Lessons()[0]
	id := giveFeedback(env, learner, lesson.Slug, 2, "unclear", "Which threshold?").JSON(t)["id"].(string)
	if r := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/feedback/" + id, Token: admin.AccessToken,
		Body: map[string]any{"status": "resolved", "response": "The lesson now names it."}}); r.Status != http.StatusOK {
		t.Fatalf("resolve: %d %s", r.Status, r.Body)
	}
	p := notices(t, env, learner, "")
	if len(p.Items) != 1 || p.Items[0].Kind != "feedback.answered" || p.Items[0].Link != "/lessons/"+lesson.Slug || !strings.Contains(p.Items[0].Title, lesson.Title) {
		t.Fatalf("the learner's notices: %+v", p)
	}
	if got := notices(t, env, admin, ""); len(got.Items) != 0 {
		t.Errorf("the admin got notices: %+v", got)
	}
}

// Preferences start from each kind's default; an invalid choice saves nothing.
func TestNotificationPreferences(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("nursing")
	put := func(body map[string]any) *testenv.Response {
		return env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/me/notification-preferences", Token: u.AccessToken, Body: body})
	}
	for _, bad := range []map[string]any{
		{"email": map[string]string{"review.returned": "off", "no.such": "off"}},
		{"email": map[string]string{"review.returned": "weekly"}},
		{"email": map[string]string{"review.returned": "off"}, "time_zone": "Mars/Olympus"},
	} {
		if r := put(bad); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("%v: %d %s", bad, r.Status, r.Body)
		}
	}
	if r := put(map[string]any{}); r.Status != http.StatusBadRequest && r.Status != http.StatusUnprocessableEntity {
		t.Errorf("no email map: %d %s", r.Status, r.Body)
	}
	modes := func(body map[string]any) map[string]string {
		out := map[string]string{}
		for _, k := range body["kinds"].([]any) {
			out[k.(map[string]any)["kind"].(string)] = k.(map[string]any)["email"].(string)
		}
		return out
	}
	got := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/notification-preferences", Token: u.AccessToken}).JSON(t)
	if m := modes(got); got["time_zone"] != "UTC" || m["review.returned"] != "immediate" || m["team.formed"] != "digest" || m["invitation.received"] != "off" {
		t.Errorf("defaults after refused changes: %v", got)
	}
	r := put(map[string]any{"email": map[string]string{"review.returned": "digest", "due.soon": "off"}, "time_zone": "Europe/Vienna"})
	if m := modes(r.JSON(t)); r.Status != http.StatusOK || m["review.returned"] != "digest" || m["due.soon"] != "off" || m["team.formed"] != "digest" {
		t.Fatalf("save: %d %s", r.Status, r.Body)
	}
	got = env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/notification-preferences", Token: u.AccessToken}).JSON(t)
	if m := modes(got); got["time_zone"] != "Europe/Vienna" || m["review.returned"] != "digest" {
		t.Errorf("read back: %v", got)
	}
}

// Notices are the reader's personal data: their export carries them, and erasing the account
// deletes them with the reader's notification settings.
func TestNotificationsAreExportedAndErased(t *testing.T) {
	env := testenv.New(t)
	admin, learner := env.WithRole(auth.RoleAdmin, "other"), env.Learner("nursing")
	lesson := env.App.Catalog.Lessons()[0]
	id := giveFeedback(env, learner, lesson.Slug, 2, "unclear", "Which threshold?").JSON(t)["id"].(string)
	if r := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/feedback/" + id, Token: admin.AccessToken,
		Body: map[string]any{"status": "resolved", "response": "It is named now."}}); r.Status != http.StatusOK {
		t.Fatalf("resolve: %d %s", r.Status, r.Body)
	}
	if r := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/me/notification-preferences", Token: learner.AccessToken,
		Body: map[string]any{"email": map[string]string{"feedback.answered": "immediate"}, "time_zone": "Europe/Oslo"}}); r.Status != http.StatusOK {
		t.Fatalf("preferences: %d %s", r.Status, r.Body)
	}
	var export struct {
		Notifications []struct {
			Kind string `json:"kind"`
			Body string `json:"body"`
		} `json:"notifications"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/export", Token: learner.AccessToken}).Decode(t, &export)
	if len(export.Notifications) != 1 || export.Notifications[0].Kind != "feedback.answered" || export.Notifications[0].Body != "It is named now." {
		t.Errorf("the export's notices: %+v", export.Notifications)
	}
	if r := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: learner.AccessToken, Body: map[string]string{"password": testenv.Password}}); r.Status != http.StatusNoContent {
		t.Fatalf("erase: %d %s", r.Status, r.Body)
	}
	for _, table := range []string{"notifications", "notification_preferences", "notification_settings"} {
		if n := env.Scalar("SELECT COUNT(*) FROM "+table+" WHERE user_id = ?", learner.ID); n != "0" {
			t.Errorf("%s rows of %s stay after erasure", n, table)
		}
	}
}
