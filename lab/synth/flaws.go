package synth

// The planted flaws that are not part of the physiology. Each function is one mechanism; the
// instructor guides of the labs explain what a team should find.

// oximeterBias is the mean over-reading of SpO2 over SaO2 for a skin tone: pulse oximeters
// over-estimate arterial saturation more in darker skin (Sjoding et al., NEJM 2020), so a
// patient with dark skin looks better oxygenated than they are and the model under-rates
// their risk.
func oximeterBias(p Params, tone string) float64 {
	switch tone {
	case "dark":
		return p.OximetryBias
	case "medium":
		return 0.4 * p.OximetryBias
	}
	return 0.08 * p.OximetryBias
}

// documentedChance is the chance that a true deterioration is recorded on a ward where one
// nurse cares for patientsPerNurse patients: busy wards miss rapid-response documentation
// and coding, so the label under-counts their events and a model learns that busy wards are
// safe.
func documentedChance(p Params, patientsPerNurse int) float64 {
	return clamp(1-p.DocumentationLoss*float64(patientsPerNurse-4), 0, 1)
}

// ethnicityMissingChance is the chance that ethnicity is not recorded. It depends on the
// ethnicity itself and on an unplanned admission (missing not at random), so the group "not
// recorded" is sicker and darker-skinned than the recorded ones, and dropping it hides both.
func ethnicityMissingChance(p Params, pt *Patient) float64 {
	x := 1.0*boolFloat(pt.TrueEthnicity == "black") + 0.7*boolFloat(pt.TrueEthnicity == "asian") +
		0.7*boolFloat(pt.TrueEthnicity == "mixed_other") +
		0.5*boolFloat(pt.Urgency == "urgent") + 1.2*boolFloat(pt.Urgency == "emergency")
	return logistic(-2.6 + p.EthnicityMNAR*x)
}

// arterialLineChance is the chance of an arterial line. At the first site anaesthetists place
// one when they are worried, and their worry follows the patient's whole risk, the part no
// variable records included (logit): the line is a shortcut that carries the clinician's
// judgement into a model. The second site places lines by protocol, for vascular surgery and
// ASA 3–4, so there the shortcut means something else.
func arterialLineChance(p Params, s site, pt *Patient, logit float64) float64 {
	if s.byProtocol {
		if pt.Surgery == "vascular" || pt.ASA >= 3 {
			return 0.85
		}
		return 0.05
	}
	return logistic(-2.0 + p.Shortcut*(logit+2.6) + 0.8*boolFloat(pt.Surgery == "vascular"))
}
