package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Cohort is a generated cohort: the parameters it came from and its patients, the first
// site's first, in ID order.
type Cohort struct {
	Params   Params
	Patients []*Patient
}

// Split returns the patients of one split, in ID order.
func (c *Cohort) Split(s Split) []*Patient {
	var out []*Patient
	for _, p := range c.Patients {
		if p.Split == s {
			out = append(out, p)
		}
	}
	return out
}

// Digest is the hex SHA-256 of every patient's fields, hidden ones included, one line each in
// a fixed text form. Two machines that generate the same cohort get the same digest.
func (c *Cohort) Digest() string {
	h := sha256.New()
	for _, p := range c.Patients {
		fmt.Fprintf(h, "%d,%s,%s,%d,%s,%d,%s,%s,%d,%d,%d,%.1f,%s,%d,%t,%s,%s,%t,%t,%s,%.1f,%.6f\n",
			p.ID, p.Site, p.Split, p.Age, p.Sex, p.ASA, p.Surgery, p.Urgency, p.MAP, p.HeartRate, p.SpO2,
			p.Lactate, p.Ward, p.PatientsPerNurse, p.ArterialLine, p.Ethnicity, p.SkinTone, p.Event,
			p.TrueEvent, p.TrueEthnicity, p.SaO2, p.TrueRisk)
	}
	return hex.EncodeToString(h.Sum(nil))
}
