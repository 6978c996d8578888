package certificates

import (
	"tandem/courses"
)

// alignmentType is the Open Badges AlignmentTargetType of a competency (CTDL-ASN's
// ceasn:Competency, one of the values the specification lists).
const alignmentType = "ceasn:Competency"

// alignments are the competency domains that the modules of a programme's tracks map their
// objectives to, one alignment each, in the framework's order.
func (s *Service) alignments(tracks []string) []Alignment {
	codes := map[string]bool{}
	for _, slug := range tracks {
		t, ok := s.catalog.Track(slug)
		if !ok {
			continue
		}
		for _, m := range t.Modules {
			if m.Accreditation == nil {
				continue
			}
			for _, c := range m.Accreditation.Competencies {
				codes[c.Code] = true
			}
		}
	}
	return alignmentsOf(courses.Framework(), codes)
}

// alignmentsOf is the framework's domains whose codes are in codes, as alignments.
func alignmentsOf(fw courses.CompetencyFramework, codes map[string]bool) []Alignment {
	var out []Alignment
	for _, d := range fw.Domains {
		if codes[d.Code] {
			out = append(out, Alignment{Type: []string{"Alignment"}, TargetName: d.Name, TargetURL: fw.URL,
				TargetDescription: d.Statement, TargetFramework: fw.Name, TargetCode: d.Code, TargetType: alignmentType})
		}
	}
	return out
}
