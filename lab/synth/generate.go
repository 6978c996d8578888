package synth

import (
	"fmt"
	"math"
)

// Log-odds of true deterioration, per unit named; illustrative values of a plausible sign and
// size, not estimates from any study (README.md).
const (
	riskIntercept = -4.5
	riskAge       = 0.35 // per decade from 60, linear
	riskMale      = 0.15
	riskMAP       = -0.25 // per 10 mmHg from 90
	riskHR        = 0.20  // per 10 beats/min from 75
	riskSaO2      = -0.45 // per percentage point from 96
	riskLactate   = 0.50  // per mmol/L from 1.2
	frailtySD     = 1.0   // unmeasured severity: what no recorded variable shows
)

var (
	riskASA     = map[int]float64{1: 0, 2: 0.35, 3: 0.85, 4: 1.45}
	riskUrgency = map[string]float64{"elective": 0, "urgent": 0.45, "emergency": 0.9}
	riskSurgery = map[string]float64{"orthopaedic": 0.1, "general": 0.45, "vascular": 0.7, "urology": 0, "gynaecology": -0.15}
)

// Generate builds the cohort p describes. It is deterministic: the same p gives the same
// cohort on every machine.
func Generate(p Params) (*Cohort, error) {
	if bad := p.Validate(); bad != nil {
		return nil, fmt.Errorf("synth: invalid parameters: %v", bad)
	}
	c := &Cohort{Params: p, Patients: make([]*Patient, 0, p.Patients+p.SecondSitePatients)}
	a, b := siteA(), siteB(p.SiteShift)
	for i := range p.Patients {
		c.Patients = append(c.Patients, patient(p, a, i))
	}
	for i := range p.SecondSitePatients {
		pt := patient(p, b, i)
		pt.ID += p.Patients
		pt.Split = SecondSite
		c.Patients = append(c.Patients, pt)
	}
	assignSplits(p, c.Patients[:p.Patients])
	return c, nil
}

// patient draws patient i of site s. The order of the draws is fixed (see draw).
func patient(p Params, s site, i int) *Patient {
	d := newDraw(p.Seed, s.index, i)
	pt := &Patient{ID: i + 1, Site: s.name}
	pt.Age = int(clamp(math.Round(d.normal(s.ageMean, 17)), 18, 95))
	pt.Sex = Sexes[boolIndex(!d.bernoulli(s.female))]
	asaLatent := 0.03*float64(pt.Age-50) + s.asaShift + d.normal(0, 1)
	pt.ASA = asaClass(asaLatent)
	pt.Urgency = Urgencies[d.pick(s.urgency)]
	pt.Surgery = Surgeries[d.pick(s.surgery)]
	pt.TrueEthnicity = Ethnicities[d.pick(s.ethnicity)]
	pt.SkinTone = SkinTones[d.pick(skinToneMix[pt.TrueEthnicity])]
	physiology(p, pt, d)
	frailty := d.normal(0, frailtySD)
	wardMix := s.wardMix
	if pt.Urgency == "emergency" {
		wardMix = s.wardMixEm
	}
	w := s.wards[d.pick(wardMix)]
	pt.Ward, pt.PatientsPerNurse = w.name, w.patientsPerNurse
	logit := trueLogit(p, pt) + frailty
	pt.TrueRisk = logistic(logit)
	pt.ArterialLine = d.bernoulli(arterialLineChance(p, s, pt, logit))
	pt.TrueEvent = d.bernoulli(pt.TrueRisk)
	pt.Event = d.bernoulli(documentedChance(p, pt.PatientsPerNurse)) && pt.TrueEvent
	pt.Ethnicity = pt.TrueEthnicity
	if d.bernoulli(ethnicityMissingChance(p, pt)) {
		pt.Ethnicity = NotRecorded
	}
	return pt
}

// physiology draws the last recovery observations; SpO2 carries the oximeter's bias.
func physiology(p Params, pt *Patient, d draw) {
	asa := float64(pt.ASA - 1)
	em, urg := boolFloat(pt.Urgency == "emergency"), boolFloat(pt.Urgency == "urgent")
	pt.SaO2 = round1(clamp(d.normal(96.6-0.04*float64(pt.Age-60)-0.5*asa-0.6*em, 1.6), 80, 100))
	pt.SpO2 = int(math.Round(clamp(pt.SaO2+oximeterBias(p, pt.SkinTone)+d.normal(0, 1), 70, 100)))
	pt.MAP = int(clamp(math.Round(d.normal(93-2*asa-5*em, 11)), 45, 140))
	pt.HeartRate = int(clamp(math.Round(d.normal(75+2*asa+8*em+4*urg, 12)), 40, 160))
	pt.Lactate = round1(clamp(d.logNormal(math.Log(1.1)+0.08*asa+0.3*em+0.12*urg, 0.35), 0.3, 12))
}

// trueLogit is the log-odds of true deterioration from what is recorded and the true SaO2,
// before the unmeasured frailty; above 70 the age hinge adds to the linear age effect.
func trueLogit(p Params, pt *Patient) float64 {
	age := float64(pt.Age)
	return riskIntercept + riskAge*(age-60)/10 + p.AgeHinge*math.Max(0, age-70)/10 +
		riskMale*boolFloat(pt.Sex == "male") + riskASA[pt.ASA] + riskUrgency[pt.Urgency] + riskSurgery[pt.Surgery] +
		riskMAP*float64(pt.MAP-90)/10 + riskHR*float64(pt.HeartRate-75)/10 +
		riskSaO2*(pt.SaO2-96) + riskLactate*(pt.Lactate-1.2)
}

func asaClass(latent float64) int {
	switch {
	case latent < -0.9:
		return 1
	case latent < 0.6:
		return 2
	case latent < 2.0:
		return 3
	}
	return 4
}

// assignSplits divides the first site's patients into train (half), validation and test (a
// quarter each) in an order shuffled on a stream of their own. The development registry
// enrolled only a share of the patients aged 70 or more (Params.OlderInTraining): the others
// can only be in validation or test, so the model learns its age slope from younger patients.
func assignSplits(p Params, pts []*Patient) {
	src := newDraw(p.Seed, 2, 0).src
	order := make([]int, len(pts))
	for i := range order {
		order[i] = i
	}
	for i := len(order) - 1; i > 0; i-- {
		j := int(src.Uint64() % uint64(i+1))
		order[i], order[j] = order[j], order[i]
	}
	nTrain, nVal := len(pts)/2, len(pts)/4
	var rest []int
	for _, i := range order {
		enrolled := pts[i].Age < 70 || float64(src.Uint64()>>11)/(1<<53) < p.OlderInTraining
		if enrolled && nTrain > 0 {
			pts[i].Split = Train
			nTrain--
			continue
		}
		rest = append(rest, i)
	}
	for rank, i := range rest {
		if rank < nVal {
			pts[i].Split = Validation
		} else {
			pts[i].Split = Test
		}
	}
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func boolIndex(b bool) int { return int(boolFloat(b)) }
