package synth

// site is one hospital's case mix. The second site is the first moved by Params.SiteShift:
// older, sicker, more often unplanned, with more Black and Asian patients, busier wards, and
// arterial lines placed by protocol rather than by worry.
type site struct {
	index      int // 0 or 1: part of each patient's random stream
	name       string
	ageMean    float64
	female     float64 // share of women
	asaShift   float64 // added to the latent ASA score
	urgency    []float64
	surgery    []float64
	ethnicity  []float64
	wards      []ward
	wardMix    []float64 // elective and urgent patients
	wardMixEm  []float64 // emergencies, sent more often to the busiest ward
	byProtocol bool      // arterial lines for vascular surgery and ASA 3-4 only
}

// siteA is the development site.
func siteA() site {
	return site{index: 0, name: SiteA, ageMean: 54, female: 0.52,
		urgency:   []float64{0.78, 0.12, 0.10},
		surgery:   []float64{0.28, 0.30, 0.08, 0.18, 0.16},
		ethnicity: []float64{0.72, 0.12, 0.10, 0.06},
		wards:     wardsOfSiteA, wardMix: []float64{0.3, 0.3, 0.2, 0.2}, wardMixEm: []float64{0.15, 0.25, 0.25, 0.35}}
}

// siteB is the second site, shifted from the first by s (Params.SiteShift, 0 to 2).
func siteB(s float64) site {
	return site{index: 1, name: SiteB, ageMean: 58 + 8*s, female: 0.52 - 0.03*s, asaShift: 0.4 * s,
		urgency:   []float64{0.78 - 0.2*s, 0.12 + 0.06*s, 0.10 + 0.14*s},
		surgery:   []float64{0.28 - 0.06*s, 0.30 + 0.04*s, 0.08 + 0.04*s, 0.18 - 0.01*s, 0.16 - 0.01*s},
		ethnicity: []float64{0.72 - 0.12*s, 0.12 + 0.08*s, 0.10 + 0.03*s, 0.06 + 0.01*s},
		wards:     wardsOfSiteB, wardMix: []float64{0.3, 0.4, 0.3}, wardMixEm: []float64{0.2, 0.35, 0.45},
		byProtocol: true}
}

// skinToneMix is the chance of light, medium and dark skin for each true ethnicity
// (illustrative: skin tone varies widely within every recorded ethnicity).
var skinToneMix = map[string][]float64{
	"white":       {0.82, 0.16, 0.02},
	"black":       {0.03, 0.22, 0.75},
	"asian":       {0.20, 0.62, 0.18},
	"mixed_other": {0.30, 0.45, 0.25},
}
