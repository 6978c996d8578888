package textinput

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		in         string
		any, named string
	}{
		{"Ada Lovelace", "", ""},
		{"Zoë Ångström-Øberg", "", ""},
		{"山田 太郎", "", ""},
		{"Dr 👩‍⚕️ Okafor", "", ""},
		{"نرگس\u200cرضایی", "", ""}, // a Persian name with a zero-width non-joiner
		{"Ada\x00", HasNUL, HasNUL},
		{"Ada\xff", InvalidUTF8, InvalidUTF8},
		{"\u202eecivreS", "", HasFormat},
		{"a\u2066b\u2069", "", HasFormat},
		{"a\u200fb", "", HasFormat},
		{"a\u200bb", "", HasFormat},
		{"\ufeffAda", "", HasFormat},
	} {
		if got := Problem(tc.in); got != tc.any {
			t.Errorf("Problem(%q) = %q, want %q", tc.in, got, tc.any)
		}
		if got := NameProblem(tc.in); got != tc.named {
			t.Errorf("NameProblem(%q) = %q, want %q", tc.in, got, tc.named)
		}
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"\u202eecivreS yrroG": "ecivreS yrroG",
		"Ada\x00 Lovelace\n":  "Ada Lovelace",
		"Dr 👩‍⚕️ Okafor":      "Dr 👩‍⚕️ Okafor",
		"a\u2067b\u2069c":     "abc",
		"bad\xffbyte":         "bad\ufffdbyte",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJSONProblem(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"name":"Ada","n":[1,2,{"x":"\u00e9\n"}]}`, ""},
		{`{"name":"\ud83d\ude00"}`, ""},
		{`{"name":"a\\u0000"}`, ""}, // an escaped backslash, then the text u0000
		{`{"name":"a\u0000"}`, HasNUL},
		{`{"na\u0000me":"a"}`, HasNUL},
		{"{\"name\":\"a\x00\"}", HasNUL},
		{"{\"name\":\"\xc3\x28\"}", InvalidUTF8},
		{`{"name":"\ud83d"}`, InvalidUTF8},
		{`{"name":"\ud83dx"}`, InvalidUTF8},
		{`{"name":"\ude00"}`, InvalidUTF8},
		{`{"name":"\ud83d\u0041"}`, InvalidUTF8},
		{`{"name":"\u12"}`, ""}, // malformed: left to the decoder
	} {
		if got := JSONProblem([]byte(tc.in)); got != tc.want {
			t.Errorf("JSONProblem(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzJSONProblem checks that a document JSONProblem accepts decodes to strings with no NUL
// and no replacement character the client did not send itself.
func FuzzJSONProblem(f *testing.F) {
	for _, s := range []string{`{"a":"b"}`, `{"a":"\u0000"}`, `["\ud83d\ude00","\ud83d"]`, `"\\u0000"`, "\"\xff\"", `{"a\u0000":1}`, `"\uFFFD"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		problem := JSONProblem(b)
		var v any
		if json.Unmarshal(b, &v) != nil || problem != "" {
			return
		}
		sent := bytes.Count(b, []byte("\ufffd")) + strings.Count(strings.ToLower(string(b)), `\ufffd`)
		replaced := 0
		walk(v, func(s string) {
			if strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s) {
				t.Fatalf("accepted %q, which decodes to %q", b, s)
			}
			replaced += strings.Count(s, "\ufffd")
		})
		if replaced > sent {
			t.Fatalf("accepted %q, whose decoding replaced characters", b)
		}
	})
}

func walk(v any, visit func(string)) {
	switch x := v.(type) {
	case string:
		visit(x)
	case []any:
		for _, e := range x {
			walk(e, visit)
		}
	case map[string]any:
		for k, e := range x {
			visit(k)
			walk(e, visit)
		}
	}
}

// FuzzName checks that whatever a certificate prints is an acceptable name.
func FuzzName(f *testing.F) {
	for _, s := range []string{"Ada", "\u202eAda", "a\x00b", "\xff", "👩‍⚕️"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := Printable(s)
		if NameProblem(p) != "" || !utf8.ValidString(p) {
			t.Fatalf("Printable(%q) = %q, which NameProblem refuses: %s", s, p, NameProblem(p))
		}
		if NameProblem(s) == "" && !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }) && p != s {
			t.Fatalf("Printable changed the acceptable name %q to %q", s, p)
		}
	})
}
