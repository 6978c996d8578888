package handlers_test

import (
	"net/http"
	"testing"

	"tandem/testenv"
)

// The marking queue comes in pages, oldest first: each page's cursor leads to the next, every
// answer shows once, and marking an answer of an earlier page does not shift the next one. A
// cursor that is not one gets 422.
func TestReflectionQueuePages(t *testing.T) {
	m := newMarking(t)
	var ids []string
	for _, u := range []*testenv.User{m.learner, m.env.Learner("medicine"), m.env.Learner("engineering")} {
		if u != m.learner {
			join(t, m.env, m.clin, m.cohort, u)
		}
		id, _ := m.answerAs(t, u, "False alarms cost the ward time.")
		ids = append(ids, id)
	}
	type page struct {
		Items []struct {
			AttemptID string `json:"attempt_id"`
		} `json:"items"`
		NextCursor string `json:"next_cursor"`
	}
	read := func(after string) page {
		t.Helper()
		resp := m.env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + m.cohort + "/reflections?limit=2&after=" + after, Token: m.clin.AccessToken})
		if resp.Status != http.StatusOK {
			t.Fatalf("page after %q: %d %s", after, resp.Status, resp.Body)
		}
		var p page
		resp.Decode(t, &p)
		return p
	}
	first := read("")
	if len(first.Items) != 2 || first.Items[0].AttemptID != ids[0] || first.Items[1].AttemptID != ids[1] || first.NextCursor == "" {
		t.Fatalf("the first page: %+v", first)
	}
	// The oldest answer is marked by both sides and leaves the awaiting queue meanwhile.
	for _, u := range []*testenv.User{m.clin, m.tech} {
		if resp := m.mark(u, ids[0], 2, 2, "Clear."); resp.Status != http.StatusCreated {
			t.Fatalf("mark: %d %s", resp.Status, resp.Body)
		}
	}
	second := read(first.NextCursor)
	if len(second.Items) != 1 || second.Items[0].AttemptID != ids[2] || second.NextCursor != "" {
		t.Fatalf("the second page: %+v", second)
	}
	if resp := m.env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + m.cohort + "/reflections?after=nonsense", Token: m.clin.AccessToken}); resp.Status != http.StatusUnprocessableEntity {
		t.Errorf("a made-up cursor: %d %s", resp.Status, resp.Body)
	}
}
