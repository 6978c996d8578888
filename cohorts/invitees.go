package cohorts

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"net/mail"
	"strconv"
	"strings"
	"unicode/utf8"

	"tandem/errs"
	"tandem/textinput"
)

// Invitee is someone to invite: an email address as the instructor typed it and, optionally,
// a name to greet them with.
type Invitee struct {
	Email string
	Name  string
}

// MaxInvitees bounds one request that invites.
const MaxInvitees = 2000

// normalEmail is the form an address is compared in.
func normalEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// inviteeProblem says what is wrong with one invitee, or "" when nothing is.
func inviteeProblem(in Invitee) string {
	email := normalEmail(in.Email)
	switch a, err := mail.ParseAddress(email); {
	case email == "":
		return "has no email address"
	case err != nil || a.Address != email || len(email) > 254:
		// Escaped as Go quotes it, so that invisible characters show; each language adds its
		// own quotation marks.
		quoted := strconv.Quote(strings.TrimSpace(in.Email))
		return errs.Reason("reason.invitee_email", map[string]any{"Value": quoted[1 : len(quoted)-1]})
	case utf8.RuneCountInString(in.Name) > 200:
		return errs.Reason("reason.invitee_name_long", map[string]any{"Max": 200})
	case strings.ContainsFunc(in.Name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return "has a name with control characters"
	case textinput.NameProblem(in.Name) != "":
		return "has a name with invalid, bidirectional or invisible formatting characters"
	}
	return ""
}

// checkInvitees returns a problem per invitee, keyed by key(i) for the i-th, and the
// invitees without repeats. A repeat of an address is a problem only when strict.
func checkInvitees(list []Invitee, key func(i int) string, strict bool) ([]Invitee, map[string]string) {
	problems := map[string]string{}
	first := map[string]int{}
	var out []Invitee
	for i, in := range list {
		in.Email, in.Name = strings.TrimSpace(in.Email), strings.TrimSpace(in.Name)
		if p := inviteeProblem(in); p != "" {
			problems[key(i)] = p
			continue
		}
		if j, seen := first[normalEmail(in.Email)]; seen {
			if strict {
				problems[key(i)] = errs.Reason("reason.invitee_repeat", map[string]any{"Field": key(j)})
			}
			continue
		}
		first[normalEmail(in.Email)] = i
		out = append(out, in)
	}
	switch {
	case len(out) == 0 && len(problems) == 0:
		problems["invitations"] = "must name at least one email address"
	case len(out) > MaxInvitees:
		problems["invitations"] = errs.Reason("reason.invitations_most", map[string]any{"Max": MaxInvitees})
	}
	return out, problems
}

// ParseInviteesCSV reads invitees from a spreadsheet's CSV export: an email address and an
// optional name per row, separated by commas, semicolons (as European spreadsheets export) or
// tabs. A first row naming its columns ("email", "name", in any order) is read as a header.
// Problems are keyed "rows.N" with N the row number a spreadsheet shows.
func ParseInviteesCSV(r io.Reader) ([]Invitee, map[string]string) {
	br := bufio.NewReader(r)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
		_, _ = br.Discard(3)
	}
	head, _ := br.Peek(4096)
	cr := csv.NewReader(br)
	cr.Comma, cr.FieldsPerRecord, cr.TrimLeadingSpace = delimiter(head), -1, true
	var list []Invitee
	var rows []int
	emailCol, nameCol := 0, 1
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return nil, map[string]string{"rows." + strconv.Itoa(perr.StartLine): csvReason(perr.Err)}
		}
		if err != nil {
			return nil, map[string]string{"csv": "could not be read"}
		}
		line, _ := cr.FieldPos(0)
		if n == 0 && isHeader(rec) {
			emailCol, nameCol = columns(rec)
			continue
		}
		if blank(rec) {
			continue
		}
		list = append(list, Invitee{Email: cell(rec, emailCol), Name: cell(rec, nameCol)})
		rows = append(rows, line)
		if len(list) > MaxInvitees {
			return nil, map[string]string{"invitations": errs.Reason("reason.csv_rows_most", map[string]any{"Max": MaxInvitees})}
		}
	}
	return checkInvitees(list, func(i int) string { return "rows." + strconv.Itoa(rows[i]) }, true)
}

// csvReason says why a row is not valid CSV.
func csvReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return errs.Reason("reason.csv_quote", nil)
	case errors.Is(err, csv.ErrBareQuote):
		return errs.Reason("reason.csv_bare_quote", nil)
	}
	return errs.Reason("reason.csv_invalid", map[string]any{"Problem": err.Error()})
}

// delimiter guesses a CSV file's separator from its first line.
func delimiter(head []byte) rune {
	first, _, _ := strings.Cut(string(head), "\n")
	best, count := ',', strings.Count(first, ",")
	for _, d := range []rune{';', '\t'} {
		if n := strings.Count(first, string(d)); n > count {
			best, count = d, n
		}
	}
	return best
}

func isHeader(rec []string) bool {
	for _, c := range rec {
		if h := strings.ToLower(strings.TrimSpace(c)); h == "email" || h == "e-mail" || h == "email address" {
			return true
		}
	}
	return false
}

// columns finds the email and name columns of a header row; -1 for a column it lacks.
func columns(rec []string) (email, name int) {
	email, name = -1, -1
	for i, c := range rec {
		switch strings.ToLower(strings.TrimSpace(c)) {
		case "email", "e-mail", "email address":
			email = i
		case "name", "full name":
			name = i
		}
	}
	return email, name
}

func cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
