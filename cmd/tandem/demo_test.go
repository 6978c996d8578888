package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"tandem/app"
	"tandem/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// The demo fills an empty instance with accounts that sign in, a cohort, teams and
// certificates that verify (the last one revoked), and refuses an instance already in use.
func TestDemoFillsAnEmptyInstanceOnly(t *testing.T) {
	ctx := context.Background()
	cfg := testenv.OwnDatabase(t, testenv.Config(t))
	cfg.CatalogDir = ""
	var out bytes.Buffer
	if err := demo(ctx, cfg, testenv.Logger(), &out); err != nil {
		t.Fatalf("demo: %v", err)
	}
	serials := regexp.MustCompile(`TND(-[0-9A-Z]{4}){3}`).FindAllString(out.String(), -1)
	password := regexp.MustCompile(`password (demo-\S+)`).FindStringSubmatch(out.String())
	if len(serials) != 3 || password == nil || !strings.Contains(out.String(), "amara@demo.tandem.example") {
		t.Fatalf("the demo printed:\n%s", out.String())
	}
	a, err := app.Open(ctx, cfg, testenv.Logger())
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	d := &demoRun{ctx: ctx, api: a.Handler(), catalog: a.Catalog}
	for i, serial := range serials {
		var v struct {
			Status string `json:"status"`
		}
		if err := d.call(nil, "GET", "/certificates/"+serial+"/verify", nil, http.StatusOK, &v); err != nil {
			t.Fatal(err)
		}
		if want := map[bool]string{true: "revoked", false: "valid"}[i == len(serials)-1]; v.Status != want {
			t.Errorf("certificate %s is %s, want %s", serial, v.Status, want)
		}
	}
	instructor := &demoPerson{email: "instructor@demo.tandem.example"}
	var session struct {
		AccessToken string `json:"access_token"`
	}
	if err := d.call(nil, "POST", "/auth/login", map[string]string{"email": instructor.email, "password": password[1]}, http.StatusOK, &session); err != nil {
		t.Fatal(err)
	}
	instructor.token = session.AccessToken
	var cohorts struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := d.call(instructor, "GET", "/cohorts", nil, http.StatusOK, &cohorts); err != nil || len(cohorts.Items) != 1 {
		t.Fatalf("the instructor's cohorts: %v %v", cohorts, err)
	}
	var teams struct {
		Items []any `json:"items"`
	}
	if err := d.call(instructor, "GET", "/cohorts/"+cohorts.Items[0].ID+"/teams", nil, http.StatusOK, &teams); err != nil || len(teams.Items) != 3 {
		t.Errorf("the demo cohort's teams: %d %v", len(teams.Items), err)
	}
	if err := demo(ctx, cfg, testenv.Logger(), &out); err == nil || !strings.Contains(err.Error(), "already has accounts") {
		t.Errorf("a second demo on the same instance: %v", err)
	}
}
