package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

func importCSV(env *testenv.Env, instructor *testenv.User, cohortID, csv string) *testenv.Response {
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + cohortID + "/invitations/import", Token: instructor.AccessToken,
		Body: csv, Header: map[string]string{"Content-Type": "text/csv"}})
}

// A cohort of 200 invited from a spreadsheet export, as European spreadsheets write it:
// a byte-order mark, a header, semicolons.
func TestImportInvitationsForACohortOf200(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	id := newCohort(t, env, instructor)
	var b strings.Builder
	b.WriteString("\ufeffName;Email\r\n")
	for i := range 200 {
		fmt.Fprintf(&b, "Student %d;student%03d@university.example\r\n", i, i)
	}
	resp := importCSV(env, instructor, id, b.String())
	if resp.Status != http.StatusCreated {
		t.Fatalf("import: %d %s", resp.Status, resp.Body)
	}
	if n := len(resp.JSON(t)["invited"].([]any)); n != 200 {
		t.Fatalf("%d invited", n)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM cohort_invitations WHERE cohort_id = ? AND status = 'pending'", id); n != "200" {
		t.Fatalf("%s invitations stored", n)
	}
	if mails := env.AwaitMails(t, "student199@university.example", "invitation", 1); len(mails) != 1 || !strings.HasPrefix(mails[0].Text, "Hello Student 199,") {
		t.Fatalf("the last row's mail: %+v", mails)
	}
}

// A file with problems invites nobody and names every row with a problem.
func TestImportInvitationsRefusesBadRowsWhole(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	id := newCohort(t, env, instructor)
	csv := "email,name\n" +
		"ana@university.example,Ana\n" +
		"not-an-address,Ben\n" +
		"\n" +
		"ANA@university.example,Ana again\n" +
		",Nobody\n" +
		"cy@university.example," + strings.Repeat("n", 201) + "\n"
	resp := importCSV(env, instructor, id, csv)
	if resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("import: %d %s", resp.Status, resp.Body)
	}
	var body struct {
		Error struct {
			Details struct {
				Fields map[string]string `json:"fields"`
			} `json:"details"`
		} `json:"error"`
	}
	resp.Decode(t, &body)
	want := map[string]string{
		"rows.3": `"not-an-address" is not an email address`,
		"rows.5": "repeats the address of rows.2",
		"rows.6": "has no email address",
		"rows.7": "has a name longer than 200 characters",
	}
	if got := body.Error.Details.Fields; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("row problems:\n got %v\nwant %v", got, want)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM cohort_invitations WHERE cohort_id = ?", id); n != "0" {
		t.Fatalf("a refused file stored %s invitations", n)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'ana@university.example'"); n != "0" {
		t.Fatal("a refused file sent mail")
	}
	if resp := importCSV(env, instructor, id, "email\n\"unclosed@university.example\n"); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("malformed CSV: %d %s", resp.Status, resp.Body)
	}
	if resp := importCSV(env, instructor, id, "email,name\n"); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a file without rows: %d %s", resp.Status, resp.Body)
	}
}
