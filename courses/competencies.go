package courses

// CompetencyFramework is a published competency framework that module objectives are mapped
// to, and that certificates name as alignments.
type CompetencyFramework struct {
	Name     string
	Citation string
	URL      string
	Domains  []CompetencyDomain
}

// CompetencyDomain is one domain of a framework, with its code and the framework's statement.
type CompetencyDomain struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Statement string `json:"statement"`
}

// Framework is the framework Tandem maps objectives to: the six competency domains for the
// use of AI-based tools by health care professionals of Russell et al. (2023), with their
// domain statements as the paper's abstract gives them.
func Framework() CompetencyFramework {
	return CompetencyFramework{
		Name: "Competencies for the Use of Artificial Intelligence-Based Tools by Health Care Professionals",
		Citation: "Russell RG, Lovett Novak L, Patel M, Garvey KV, Craig KJT, Jackson GP, Moore D, Miller BM. " +
			"Competencies for the Use of Artificial Intelligence-Based Tools by Health Care Professionals. " +
			"Academic Medicine. 2023;98(3):348-356.",
		URL: "https://doi.org/10.1097/ACM.0000000000004963",
		Domains: []CompetencyDomain{
			{"1", "Basic knowledge of AI", "Explain what AI is and describe its health care applications."},
			{"2", "Social and ethical implications of AI", "Explain how social, economic, and political systems influence AI-based tools and how these relationships impact justice, equity, and ethics."},
			{"3", "AI-enhanced clinical encounters", "Carry out AI-enhanced clinical encounters that integrate diverse sources of information in creating patient-centered care plans."},
			{"4", "Evidence-based evaluation of AI-based tools", "Evaluate the quality, accuracy, safety, contextual appropriateness, and biases of AI-based tools and their underlying data sets in providing care to patients and populations."},
			{"5", "Workflow analysis for AI-based tools", "Analyze and adapt to changes in teams, roles, responsibilities, and workflows resulting from implementation of AI-based tools."},
			{"6", "Practice-based learning and improvement regarding AI-based tools", "Participate in continuing professional development and practice-based improvement activities related to use of AI tools in health care."},
		},
	}
}

// domain returns the framework's domain with the given number (1 to 6).
func (f CompetencyFramework) domain(n int) (CompetencyDomain, bool) {
	if n < 1 || n > len(f.Domains) {
		return CompetencyDomain{}, false
	}
	return f.Domains[n-1], true
}
