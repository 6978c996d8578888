// Package synth generates the prototype lab's synthetic perioperative cohort: about 6,000
// adult surgical patients at two hospitals, their pre-operative physiology and case mix, and
// whether they deteriorated on the ward within 72 hours of surgery.
//
// Nothing here describes real patients. The distributions are illustrative, chosen to look
// plausible to a clinician (see README.md for each parameter and what it rests on), and flaws
// are planted on purpose so that learners can find them: a risk that rises faster after 70
// than a linear age term allows, a label that busy wards under-record, pulse oximeters that
// over-read in darker skin, recorded ethnicity that is missing not at random, a second site
// with another case mix, and an arterial line that stands for a clinician's worry.
//
// The same Params give the same cohort on every machine: every patient draws from its own
// PCG stream, values are rounded to clinical precision, and Cohort.Digest is checked against
// a golden hash in the tests.
package synth
