package lab

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"tandem/errs"
	"tandem/lab/metrics"
	"tandem/lab/model"
	"tandem/lab/synth"
)

// The parts a patient card may show, in the order a learner who has not chosen sees them.
const (
	CardAlert       = "alert"
	CardRisk        = "risk"
	CardVitals      = "vitals"
	CardContext     = "context"
	CardExplanation = "explanation"
	CardFigures     = "alert_figures"
)

// CardItems lists every part of a card, in the default order.
var CardItems = []string{CardAlert, CardRisk, CardVitals, CardContext, CardExplanation, CardFigures}

// explained is how many features a card's explanation names.
const explained = 3

// CheckDisplay returns a message per problem with a learner's choice of card parts: each part
// at most once, at least one, every one a part CardItems names.
func CheckDisplay(items []string) map[string]string {
	fields := map[string]string{}
	if len(items) == 0 {
		fields["items"] = errs.Reason("reason.card_parts_none", map[string]any{"Parts": CardItems})
	}
	for i, it := range items {
		switch {
		case !slices.Contains(CardItems, it):
			fields[fmt.Sprintf("items.%d", i)] = errs.Reason("reason.card_part", map[string]any{"Value": it, "Parts": CardItems})
		case slices.Index(items, it) < i:
			fields[fmt.Sprintf("items.%d", i)] = errs.Reason("reason.card_part_twice", map[string]any{"Value": it})
		}
	}
	return fields
}

// DrawCases picks a run's patients from the validation split, by their positions in it, with
// the lab's card mix judged by the lab's model at the lab's threshold, in an order drawn from
// seed.
// The same seed draws the same run.
func (b *Built) DrawCases(seed uint64) []int {
	r := rand.New(rand.NewPCG(seed, 0x7a6e64656d))
	scores := b.scores[b.Lab.Model]
	var out []int
	mix := b.Lab.Cards
	for _, kind := range []struct {
		flagged, event bool
		n              int
	}{{true, true, mix.TrueAlerts}, {true, false, mix.FalseAlarms}, {false, true, mix.Missed}, {false, false, mix.Quiet}} {
		var pool []int
		for i, s := range scores {
			if (s >= b.Lab.Threshold) == kind.flagged && b.labels[i] == kind.event {
				pool = append(pool, i)
			}
		}
		r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		out = append(out, pool[:min(kind.n, len(pool))]...)
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// HasCase says whether i is a validation patient's position.
func (b *Built) HasCase(i int) bool { return i >= 0 && i < len(b.validation) }

// Vitals are a card's last observations in recovery.
type Vitals struct {
	MAP       int     `json:"map"`
	HeartRate int     `json:"heart_rate"`
	SpO2      int     `json:"spo2"`
	Lactate   float64 `json:"lactate"`
}

// PatientContext is who the patient is and where they go.
type PatientContext struct {
	Age              int    `json:"age"`
	Sex              string `json:"sex"`
	ASA              int    `json:"asa"`
	Surgery          string `json:"surgery"`
	Urgency          string `json:"urgency"`
	Ward             string `json:"ward"`
	PatientsPerNurse int    `json:"patients_per_nurse"`
	ArterialLine     bool   `json:"arterial_line"`
}

// AlertFigures are what the alert means on the ward at the lab's threshold: how often an
// alert is a true deterioration, and how many alerts a shift brings.
type AlertFigures struct {
	Threshold      float64            `json:"threshold"`
	PPV            metrics.Proportion `json:"ppv"`
	AlertsPerShift float64            `json:"alerts_per_shift"`
}

// Card is one patient as a learner's display shows them before deciding: only the parts
// Order names, in that order, and never what happened.
type Card struct {
	Position    int                  `json:"position"`
	Order       []string             `json:"order"`
	Alert       *bool                `json:"alert,omitempty"`
	Risk        *float64             `json:"risk,omitempty"`
	Vitals      *Vitals              `json:"vitals,omitempty"`
	Context     *PatientContext      `json:"context,omitempty"`
	Explanation []model.Contribution `json:"explanation,omitempty"`
	Figures     *AlertFigures        `json:"alert_figures,omitempty"`
}

// Card builds the card of validation patient i at a run's position, showing display's parts.
func (b *Built) Card(i, position int, display []string) Card {
	p, score := b.validation[i], b.scores[b.Lab.Model][i]
	c := Card{Position: position, Order: display}
	for _, it := range display {
		switch it {
		case CardAlert:
			alert := score >= b.Lab.Threshold
			c.Alert = &alert
		case CardRisk:
			c.Risk = &score
		case CardVitals:
			c.Vitals = &Vitals{MAP: p.MAP, HeartRate: p.HeartRate, SpO2: p.SpO2, Lactate: p.Lactate}
		case CardContext:
			c.Context = contextOf(p)
		case CardExplanation:
			c.Explanation = b.Models[b.Lab.Model].Explain(p, explained)
		case CardFigures:
			pt := metrics.PointAt(b.scores[b.Lab.Model], b.labels, b.Lab.Threshold)
			c.Figures = &AlertFigures{Threshold: b.Lab.Threshold, PPV: pt.PPV, AlertsPerShift: pt.AlertsPerShift}
		}
	}
	return c
}

func contextOf(p *synth.Patient) *PatientContext {
	return &PatientContext{Age: p.Age, Sex: p.Sex, ASA: p.ASA, Surgery: p.Surgery, Urgency: p.Urgency, Ward: p.Ward,
		PatientsPerNurse: p.PatientsPerNurse, ArterialLine: p.ArterialLine}
}

// CaseOutcome is what happened to a card's patient, shown once the learner has decided.
type CaseOutcome struct {
	// Case is the patient's position in the validation data, for an issue's snapshot.
	Case         int     `json:"case"`
	Deteriorated bool    `json:"deteriorated"`
	Risk         float64 `json:"risk"`
	Alert        bool    `json:"alert"`
}

// Outcome returns what happened to validation patient i: the recorded outcome, and the
// model's risk and alert.
func (b *Built) Outcome(i int) CaseOutcome {
	s := b.scores[b.Lab.Model][i]
	return CaseOutcome{Case: i, Deteriorated: b.labels[i], Risk: s, Alert: s >= b.Lab.Threshold}
}
