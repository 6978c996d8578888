package cohorts

import (
	"slices"
	"strconv"
	"strings"

	"tandem/errs"
)

// DefaultPerPage is how many learners a page of the dashboard holds unless asked otherwise;
// MaxPerPage is the most a page may hold.
const (
	DefaultPerPage = 100
	MaxPerPage     = 500
)

// Sorts are the orders the dashboard's learners can be listed in.
var Sorts = []string{"name", "discipline", "progress", "last_activity", "team_status"}

// Query is which learners of a cohort's dashboard to list, in which order: those whose name,
// email or institution holds Search (any case), sorted by Sort (descending when Desc), and of
// them page Page (from 1) of PerPage.
type Query struct {
	Search        string
	Sort          string
	Desc          bool
	Page, PerPage int
}

// PageInfo says which page of learners a dashboard lists: its number and size, how many
// learners match the search, and how many the cohort has.
type PageInfo struct {
	Number   int `json:"number"`
	Size     int `json:"per_page"`
	Total    int `json:"total"`
	Learners int `json:"cohort_learners"`
}

// ParseQuery reads a dashboard query from request parameters (get returns "" for a missing
// one), with field-level details for those that are not valid.
func ParseQuery(get func(string) string) (Query, error) {
	q := Query{Search: strings.TrimSpace(get("q")), Sort: get("sort"), Page: 1, PerPage: DefaultPerPage}
	bad := map[string]string{}
	if q.Sort == "" {
		q.Sort = "name"
	} else if !slices.Contains(Sorts, q.Sort) {
		bad["sort"] = errs.Reason("reason.rule_oneof", map[string]any{"Choices": Sorts})
	}
	switch get("order") {
	case "", "asc":
	case "desc":
		q.Desc = true
	default:
		bad["order"] = "must be asc or desc"
	}
	number := func(name string, into *int, most int) {
		if v := get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > most {
				bad[name] = errs.Reason("reason.whole_number_range", map[string]any{"Min": 1, "Max": most})
				return
			}
			*into = n
		}
	}
	number("page", &q.Page, 1_000_000)
	number("per_page", &q.PerPage, MaxPerPage)
	if len(q.Search) > 200 {
		bad["q"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": 200})
	}
	if len(bad) > 0 {
		return q, errs.Invalid(bad)
	}
	return q, nil
}
