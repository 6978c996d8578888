package cohorts

import (
	"fmt"
	"strings"
	"testing"

	"tandem/errs"
	"tandem/i18n"
	"tandem/locale"
)

// english words problems as a reader of English reads them.
func english(problems map[string]string) string {
	e := i18n.Default().Error(locale.English, errs.Invalid(problems))
	return fmt.Sprint(e.Details.(map[string]any)["fields"])
}

func TestParseInviteesCSV(t *testing.T) {
	tests := []struct {
		name     string
		csv      string
		want     string // invitees as email/name, space-separated
		problems string
	}{
		{"plain rows", "ana@uni.example,Ana\nben@uni.example\n", "ana@uni.example/Ana ben@uni.example/", "map[]"},
		{"header with columns swapped", "Name,E-mail\nAna,ana@uni.example\n", "ana@uni.example/Ana", "map[]"},
		{"semicolons and a byte-order mark", "\ufeffemail;name\r\nana@uni.example;Ana Ávila\r\n", "ana@uni.example/Ana Ávila", "map[]"},
		{"tabs", "ana@uni.example\tAna\n", "ana@uni.example/Ana", "map[]"},
		{"quoted name with a comma", "email,name\nana@uni.example,\"Ávila, Ana\"\n", "ana@uni.example/Ávila, Ana", "map[]"},
		{"blank rows skipped", "\n\nana@uni.example\n\n", "ana@uni.example/", "map[]"},
		{"address as typed kept", " Ana@Uni.Example ,Ana\n", "Ana@Uni.Example/Ana", "map[]"},
		{"repeat named by row", "email\nana@uni.example\nANA@uni.example\n", "", "map[rows.3:repeats the address of rows.2]"},
		{"header only", "email,name\n", "", "map[invitations:must name at least one email address]"},
		{"not an address", "email\nana at uni\n", "", `map[rows.2:"ana at uni" is not an email address]`},
		{"display name is not an address", "Ana <ana@uni.example>\n", "", `map[rows.1:"Ana <ana@uni.example>" is not an email address]`},
		{"control character in name", "ana@uni.example,A\x07na\n", "", "map[rows.1:has a name with control characters]"},
		{"unclosed quote", "email\n\"ana@uni.example\n", "", "map[rows.2:is not valid CSV: extraneous or missing \" in quoted-field]"},
		{"bare quote", "email\nana\"@uni.example\n", "", "map[rows.2:is not valid CSV: bare \" in non-quoted-field]"},
		{"backslash in an address", "email\nana\\uni\n", "", `map[rows.2:"ana\\uni" is not an email address]`},
		{"name too long", "ana@uni.example," + strings.Repeat("a", 201) + "\n", "", "map[rows.1:has a name longer than 200 characters]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			list, problems := ParseInviteesCSV(strings.NewReader(tc.csv))
			var got []string
			for _, in := range list {
				got = append(got, in.Email+"/"+in.Name)
			}
			if len(problems) > 0 {
				got = nil
			}
			if strings.Join(got, " ") != tc.want || english(problems) != tc.problems {
				t.Fatalf("got %q %s\nwant %q %s", got, english(problems), tc.want, tc.problems)
			}
		})
	}
}

func TestParseInviteesCSVLimit(t *testing.T) {
	var b strings.Builder
	for i := range MaxInvitees + 1 {
		fmt.Fprintf(&b, "p%d@uni.example\n", i)
	}
	if _, problems := ParseInviteesCSV(strings.NewReader(b.String())); problems["invitations"] == "" {
		t.Fatalf("%d rows accepted: %v", MaxInvitees+1, problems)
	}
}

// FuzzParseInviteesCSV: whatever a file holds, every invitee it yields is a valid, distinct
// address, or the file is refused with problems.
func FuzzParseInviteesCSV(f *testing.F) {
	for _, seed := range []string{"email,name\nana@uni.example,Ana\n", "a@b.c;X\n", "\"", "email\n\n,\n", "\ufeffname\temail\nA\ta@b.c"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, csv string) {
		list, problems := ParseInviteesCSV(strings.NewReader(csv))
		if len(problems) > 0 {
			return
		}
		seen := map[string]bool{}
		for _, in := range list {
			if p := inviteeProblem(in); p != "" || seen[normalEmail(in.Email)] {
				t.Fatalf("yielded %+v (%s) from %q", in, p, csv)
			}
			seen[normalEmail(in.Email)] = true
		}
		if len(list) == 0 {
			t.Fatalf("no invitees and no problem from %q", csv)
		}
	})
}

func TestJoinCodesAsTyped(t *testing.T) {
	code := newCode()
	if n, ok := normalCode(code); !ok || n != code {
		t.Fatalf("a drawn code %q reads as %q %v", code, n, ok)
	}
	for typed, want := range map[string]string{
		"k7qm 2xpd 9rta":  "K7QM-2XPD-9RTA",
		"K7QM2XPD9RTA":    "K7QM-2XPD-9RTA",
		"ko1m-2xpd-9rtl":  "K01M-2XPD-9RT1",
		"K7QM-2XPD-9RT":   "",
		"K7QM-2XPD-9RTU":  "",
		"K7QM-2XPD-9RTA1": "",
	} {
		got, ok := normalCode(typed)
		if (want == "") == ok || got != want {
			t.Errorf("normalCode(%q) = %q %v, want %q", typed, got, ok, want)
		}
	}
}
