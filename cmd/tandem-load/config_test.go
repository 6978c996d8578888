package main

import (
	"io"
	"strings"
	"testing"
)

func TestCheckLoopback(t *testing.T) {
	for _, host := range []string{"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1"} {
		if err := CheckLoopback(host); err != nil {
			t.Errorf("CheckLoopback(%q) = %v, want allowed", host, err)
		}
	}
	for _, host := range []string{"", "example.org", "localhost.example.org", "10.0.0.1", "0.0.0.0", "192.168.1.2", "::", "fe80::1", "128.0.0.1"} {
		if err := CheckLoopback(host); err == nil {
			t.Errorf("CheckLoopback(%q) allowed, want refused", host)
		}
	}
}

func TestParseFlagsRefusesRemoteTargets(t *testing.T) {
	tests := []struct {
		args []string
		want string // "" for no error
	}{
		{[]string{"-target", "http://127.0.0.1:8080"}, ""},
		{[]string{"-target", "http://localhost:9/", "lessons"}, ""},
		{[]string{"-target", "http://example.org"}, "not loopback"},
		{[]string{"-target", "http://10.1.2.3:8080"}, "not loopback"},
		{[]string{"-db", "postgres://postgres@db.internal:5432/x"}, "not loopback"},
		{[]string{"-serve", "-db", "postgres://postgres@192.168.0.2/x"}, "not loopback"},
		{[]string{"-serve"}, "needs -db"},
		{[]string{"pgbench"}, "needs -db"},
		{[]string{"-db", "postgres://postgres@127.0.0.1:5432/x?sslmode=disable", "pgbench"}, ""},
		{[]string{"fly"}, "unknown mode"},
		{[]string{"-reread", "2"}, "share"},
		{[]string{"cohort", "lessons"}, "one mode"},
		{[]string{"scale"}, "needs -db"},
		{[]string{"-db", "postgres://postgres@127.0.0.1/x", "-servers", "3", "-learners", "50000", "-active", "10000", "scale"}, ""},
		{[]string{"-db", "postgres://postgres@127.0.0.1/x", "-replica-urls", "postgres://postgres@127.0.0.1:5433/x,postgres://postgres@10.0.0.9/x", "scale"}, "not loopback"},
		{[]string{"-db", "postgres://postgres@127.0.0.1/x", "-learners", "10", "-active", "11", "scale"}, "-active"},
		{[]string{"-db", "postgres://postgres@127.0.0.1/x", "-servers", "0", "scale"}, "-servers"},
		{[]string{"-run-id", "Run-1"}, "-run-id"},
		{[]string{"-seed-argon2", "4,1"}, "-seed-argon2"},
	}
	for _, tt := range tests {
		_, err := ParseFlags(tt.args, io.Discard)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("ParseFlags(%q) = %v, want no error", tt.args, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("ParseFlags(%q) = %v, want an error containing %q", tt.args, err, tt.want)
		}
	}
}

func TestRedact(t *testing.T) {
	if got := redact("postgres://u:pw@127.0.0.1/db"); got != "postgres://u:***@127.0.0.1/db" {
		t.Errorf("redact = %q", got)
	}
	if got := redact("postgres://u@127.0.0.1/db"); got != "postgres://u@127.0.0.1/db" {
		t.Errorf("redact without password = %q", got)
	}
}
