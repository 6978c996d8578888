package lti

import "testing"

func TestRolesTeachOrLearn(t *testing.T) {
	const m = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
	for _, c := range []struct {
		roles           []string
		teaches, learns bool
	}{
		{[]string{m + "Instructor"}, true, false},
		{[]string{"http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"}, true, false},
		{[]string{m + "Administrator"}, true, false},
		{[]string{m + "Learner", "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student"}, false, true},
		{[]string{"http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"}, false, false},
		{[]string{m + "Mentor"}, false, false},
		{nil, false, false},
	} {
		if teaches(c.roles) != c.teaches || learns(c.roles) != c.learns {
			t.Errorf("%v: teaches %v learns %v", c.roles, teaches(c.roles), learns(c.roles))
		}
	}
}

func TestLandingStaysInTandem(t *testing.T) {
	s := &Service{baseURL: "https://tandem.example.org"}
	for _, c := range []struct {
		path, target, want string
	}{
		{"/quizzes/q1", "https://tandem.example.org/modules/m1", "/quizzes/q1"},
		{"", "https://tandem.example.org/modules/m1?tab=2", "/modules/m1?tab=2"},
		{"//evil.example.org/", "https://tandem.example.org/modules/m1", "/modules/m1"},
		{"https://evil.example.org/", "https://evil.example.org/x", "/"},
		{"/a\r\nSet-Cookie: x", "", "/"},
		{"", "http://tandem.example.org/modules/m1", "/"},
	} {
		claims := &LaunchClaims{TargetLinkURI: c.target, Custom: map[string]any{"tandem_path": c.path}}
		if got := s.landing(claims); got != c.want {
			t.Errorf("tandem_path %q, target %q: lands at %q, want %q", c.path, c.target, got, c.want)
		}
	}
}

func TestPlatformURLs(t *testing.T) {
	for raw, want := range map[string]bool{
		"https://moodle.example.org":          true,
		"http://127.0.0.1:8080/auth":          true,
		"http://moodle.example.org":           false,
		"https://user:pw@moodle.example.org/": false,
		"ftp://moodle.example.org":            false,
		"moodle.example.org":                  false,
	} {
		if httpURL(raw, false) != want {
			t.Errorf("%s: accepted %v", raw, !want)
		}
	}
	if httpURL("https://moodle.example.org/?x=1", true) {
		t.Error("an issuer with a query was accepted")
	}
}
