// Package model fits and applies the prototype lab's prediction models: logistic regressions
// of recorded deterioration on the synthetic cohort's pre-operative features, fitted in Go by
// iteratively reweighted least squares, with every coefficient open to inspection.
package model

import (
	"slices"

	"tandem/lab/synth"
)

// Column is one column of the design matrix: a number per patient, with a unit in its label.
type Column struct {
	Name  string
	Label string
	value func(*synth.Patient) float64
}

// Feature is what a team may keep or drop: one variable of the record, as one or more columns
// (a category with k levels is k-1 indicator columns against its first level).
type Feature struct {
	Name    string
	Label   string
	Columns []Column
}

// Features lists every feature a model may use, in the order coefficients are shown.
var Features = []Feature{
	{"age", "Age", []Column{{"age", "Age, per 10 years", func(p *synth.Patient) float64 { return float64(p.Age-60) / 10 }}}},
	{"sex", "Sex", []Column{indicator("sex_male", "Male (vs female)", func(p *synth.Patient) bool { return p.Sex == "male" })}},
	{"asa", "ASA physical status", levels("asa", "ASA", []string{"2", "3", "4"}, func(p *synth.Patient) string { return string(rune('0' + p.ASA)) })},
	{"urgency", "Urgency", levels("urgency", "Urgency", synth.Urgencies[1:], func(p *synth.Patient) string { return p.Urgency })},
	{"surgery", "Type of surgery", levels("surgery", "Surgery", synth.Surgeries[1:], func(p *synth.Patient) string { return p.Surgery })},
	{"map", "Mean arterial pressure", []Column{{"map", "MAP, per 10 mmHg", func(p *synth.Patient) float64 { return float64(p.MAP-90) / 10 }}}},
	{"heart_rate", "Heart rate", []Column{{"heart_rate", "Heart rate, per 10 beats/min", func(p *synth.Patient) float64 { return float64(p.HeartRate-75) / 10 }}}},
	{"spo2", "SpO2 (pulse oximetry)", []Column{{"spo2", "SpO2, per percentage point", func(p *synth.Patient) float64 { return float64(p.SpO2 - 96) }}}},
	{"lactate", "Lactate", []Column{{"lactate", "Lactate, per mmol/L", func(p *synth.Patient) float64 { return p.Lactate - 1.2 }}}},
	{"ward_staffing", "Ward staffing", []Column{{"ward_staffing", "Patients per nurse on the ward", func(p *synth.Patient) float64 { return float64(p.PatientsPerNurse - 5) }}}},
	{"arterial_line", "Arterial line placed", []Column{indicator("arterial_line", "Arterial line placed in theatre", func(p *synth.Patient) bool { return p.ArterialLine })}},
}

// Base is the feature set of the lab's main model; Shortcut adds the arterial line.
var (
	Base     = []string{"age", "sex", "asa", "urgency", "surgery", "map", "heart_rate", "spo2", "lactate", "ward_staffing"}
	Shortcut = append(slices.Clone(Base), "arterial_line")
)

// FeatureByName returns the feature with the given name.
func FeatureByName(name string) (Feature, bool) {
	i := slices.IndexFunc(Features, func(f Feature) bool { return f.Name == name })
	if i < 0 {
		return Feature{}, false
	}
	return Features[i], true
}

func indicator(name, label string, is func(*synth.Patient) bool) Column {
	return Column{name, label, func(p *synth.Patient) float64 {
		if is(p) {
			return 1
		}
		return 0
	}}
}

// levels is one indicator column per level of a category, against the level left out.
func levels(prefix, label string, lv []string, of func(*synth.Patient) string) []Column {
	cols := make([]Column, len(lv))
	for i, l := range lv {
		cols[i] = indicator(prefix+"_"+l, label+": "+l, func(p *synth.Patient) bool { return of(p) == l })
	}
	return cols
}
