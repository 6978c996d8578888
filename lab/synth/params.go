package synth

import "fmt"

// Params are the generator's settings. Zero values are not defaults: start from Default and
// change what a lab needs. Each flaw has a strength; 0 switches it off.
type Params struct {
	// Seed fixes every random draw.
	Seed uint64 `yaml:"seed" json:"seed"`
	// Patients is the size of the first site's cohort (split into train, validation and test).
	Patients int `yaml:"patients" json:"patients"`
	// SecondSitePatients is the size of the second site's cohort.
	SecondSitePatients int `yaml:"second_site_patients" json:"second_site_patients"`
	// AgeHinge is the extra log-odds of deterioration per decade above 70, on top of the
	// linear age effect: the model's linear age term cannot follow it.
	AgeHinge float64 `yaml:"age_hinge" json:"age_hinge"`
	// OlderInTraining is the share of patients aged 70 or more that the development registry
	// enrolled, so that training holds fewer of them than validation and test (1: no
	// under-representation).
	OlderInTraining float64 `yaml:"older_in_training" json:"older_in_training"`
	// DocumentationLoss is the share of true events left unrecorded per patient a nurse cares
	// for beyond four (so 0.07 records 72% of events on a ward of one nurse to eight).
	DocumentationLoss float64 `yaml:"documentation_loss" json:"documentation_loss"`
	// OximetryBias is the mean over-reading of SpO2 over the arterial saturation, in
	// percentage points, for dark skin; medium skin gets 40% of it, light skin 8%.
	OximetryBias float64 `yaml:"oximetry_bias" json:"oximetry_bias"`
	// EthnicityMNAR scales how much being Black, Asian or of mixed or other ethnicity and an
	// unplanned admission raise the chance that ethnicity is not recorded (0: missing
	// completely at random at the base rate).
	EthnicityMNAR float64 `yaml:"ethnicity_mnar" json:"ethnicity_mnar"`
	// Shortcut is how strongly the first site's arterial lines follow the clinician's worry
	// (the patient's true risk, measured or not); the second site places them by protocol.
	Shortcut float64 `yaml:"shortcut" json:"shortcut"`
	// SiteShift scales how much older, sicker and more often unplanned the second site's
	// patients are (0: the same case mix as the first site).
	SiteShift float64 `yaml:"site_shift" json:"site_shift"`
}

// Default is the cohort the shipped labs use: 5,000 patients at the first site, 1,000 at
// the second, every flaw at its documented strength.
func Default() Params {
	return Params{Seed: 5, Patients: 5000, SecondSitePatients: 1000, AgeHinge: 1.0, OlderInTraining: 0.25,
		DocumentationLoss: 0.07, OximetryBias: 3, EthnicityMNAR: 1, Shortcut: 1.6, SiteShift: 1}
}

// Limits of the parameters, wide enough for any teaching purpose and small enough that one
// cohort stays cheap to generate and evaluate.
const (
	MinPatients = 500
	MaxPatients = 20000
)

// Validate returns a message per invalid field, keyed by its YAML name; nil when all are valid.
func (p Params) Validate() map[string]string {
	bad := map[string]string{}
	if p.Patients < MinPatients || p.Patients > MaxPatients {
		bad["patients"] = fmt.Sprintf("must be between %d and %d", MinPatients, MaxPatients)
	}
	if p.SecondSitePatients < 100 || p.SecondSitePatients > MaxPatients {
		bad["second_site_patients"] = fmt.Sprintf("must be between 100 and %d", MaxPatients)
	}
	check := func(name string, v, lo, hi float64) {
		if v < lo || v > hi {
			bad[name] = fmt.Sprintf("must be between %g and %g", lo, hi)
		}
	}
	check("age_hinge", p.AgeHinge, 0, 3)
	check("older_in_training", p.OlderInTraining, 0, 1)
	check("documentation_loss", p.DocumentationLoss, 0, 0.2)
	check("oximetry_bias", p.OximetryBias, 0, 6)
	check("ethnicity_mnar", p.EthnicityMNAR, 0, 3)
	check("shortcut", p.Shortcut, 0, 3)
	check("site_shift", p.SiteShift, 0, 2)
	if len(bad) == 0 {
		return nil
	}
	return bad
}
