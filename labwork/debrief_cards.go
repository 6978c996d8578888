package labwork

import (
	"tandem/disciplines"
)

// CardSummary is how one discipline's members ran the lab's patient cards: how many runs they
// finished and rated, how long a card took them on average, their mean raw NASA-TLX, and how
// often they acted on a patient who deteriorated and on one who did not. Averages are nil
// while there is nothing to average.
type CardSummary struct {
	Group            string   `json:"group"`
	Runs             int      `json:"runs"`
	Finished         int      `json:"finished"`
	Rated            int      `json:"rated"`
	MeanSeconds      *float64 `json:"mean_seconds_per_card"`
	MeanRawTLX       *float64 `json:"mean_raw_tlx"`
	ActedOnEvents    int      `json:"acted_on_events"`
	Events           int      `json:"events"`
	ActedOnNonEvents int      `json:"acted_on_non_events"`
	NonEvents        int      `json:"non_events"`
	millis, tlx      float64
	decided          int
}

// newCardSummaries returns an empty row per group.
func newCardSummaries() []CardSummary {
	groups := disciplines.Groups()
	out := make([]CardSummary, len(groups))
	for i, g := range groups {
		out[i].Group = g
	}
	return out
}

// addRun counts one run into the row of its learner's discipline group.
func addRun(rows []CardSummary, r Run) {
	var row *CardSummary
	for i := range rows {
		if rows[i].Group == disciplines.Group(r.Learner.Discipline) {
			row = &rows[i]
		}
	}
	row.Runs++
	if len(r.Decisions) == r.Total {
		row.Finished++
	}
	if r.Workload != nil {
		row.Rated++
		row.tlx += r.Workload.RawTLX
	}
	for _, d := range r.Decisions {
		row.decided++
		row.millis += float64(d.Milliseconds)
		if d.Outcome.Deteriorated {
			row.Events++
			if d.Act {
				row.ActedOnEvents++
			}
		} else {
			row.NonEvents++
			if d.Act {
				row.ActedOnNonEvents++
			}
		}
	}
}

// finishCardSummaries works out each row's averages.
func finishCardSummaries(rows []CardSummary) {
	for i := range rows {
		r := &rows[i]
		if r.decided > 0 {
			v := r.millis / float64(r.decided) / 1000
			r.MeanSeconds = &v
		}
		if r.Rated > 0 {
			v := r.tlx / float64(r.Rated)
			r.MeanRawTLX = &v
		}
	}
}
