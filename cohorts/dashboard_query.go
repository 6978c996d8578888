package cohorts

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"tandem/errs"
	"tandem/models"
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
		bad["q"] = "must be at most 200 characters"
	}
	if len(bad) > 0 {
		return q, errs.Invalid(bad)
	}
	return q, nil
}

// sortKey is what a learner is sorted by besides who they are: their percent, when they were
// last active, and where their team stands (in a team at all, exercises accepted, exercises
// with work sent).
type sortKey struct {
	percent            float64
	last               time.Time
	inTeam, done, sent int
}

// keyOf is the sort key of a learner's row.
func keyOf(r *LearnerRow) sortKey {
	k := sortKey{percent: r.Percent}
	if r.LastActivity != nil {
		k.last = *r.LastActivity
	}
	if r.Team != "" {
		k.inTeam = 1
	}
	for _, w := range r.Exercises {
		if w.Status == "accepted" {
			k.done++
		}
		if w.Status != "" {
			k.sent++
		}
	}
	return k
}

// order returns the indexes of the learners matching q, in q's order; ties are broken by
// name (compared as people read them, whatever the database's collation) and then id, so
// that pages never overlap.
func (q Query) order(learners []models.User, keys []sortKey) []int {
	needle := strings.ToLower(q.Search)
	out := make([]int, 0, len(learners))
	for i, u := range learners {
		if needle == "" || strings.Contains(strings.ToLower(u.Name), needle) || strings.Contains(strings.ToLower(u.Email), needle) ||
			strings.Contains(strings.ToLower(u.Institution), needle) {
			out = append(out, i)
		}
	}
	col := collate.New(language.Und, collate.IgnoreCase)
	var buf collate.Buffer
	names := make([][]byte, len(learners))
	for _, i := range out {
		names[i] = col.KeyFromString(&buf, learners[i].Name)
	}
	slices.SortFunc(out, func(a, b int) int {
		return cmp.Or(bytes.Compare(names[a], names[b]), cmp.Compare(learners[a].ID, learners[b].ID))
	})
	by := func(a, b int) int {
		ka, kb := &keys[a], &keys[b]
		switch q.Sort {
		case "discipline":
			return cmp.Compare(learners[a].Discipline, learners[b].Discipline)
		case "progress":
			return cmp.Compare(ka.percent, kb.percent)
		case "last_activity":
			return ka.last.Compare(kb.last)
		case "team_status":
			return cmp.Or(cmp.Compare(ka.inTeam, kb.inTeam), cmp.Compare(ka.done, kb.done), cmp.Compare(ka.sent, kb.sent))
		}
		return 0
	}
	if q.Sort == "name" {
		if q.Desc {
			slices.Reverse(out)
		}
		return out
	}
	slices.SortStableFunc(out, func(a, b int) int {
		if q.Desc {
			return by(b, a)
		}
		return by(a, b)
	})
	return out
}
