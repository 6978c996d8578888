package synth

// Split names the part of the cohort a patient belongs to.
type Split string

// The splits: the first site's patients are divided 60/20/20 into training, validation and
// a hidden test set; the second site's patients form their own split.
const (
	Train      Split = "train"
	Validation Split = "validation"
	Test       Split = "test"
	SecondSite Split = "second_site"
)

// Site names.
const (
	SiteA = "A"
	SiteB = "B"
)

// NotRecorded is the recorded ethnicity of a patient whose ethnicity is missing.
const NotRecorded = "not_recorded"

// The categories of the cohort, in the order tables list them.
var (
	Sexes        = []string{"female", "male"}
	Urgencies    = []string{"elective", "urgent", "emergency"}
	Surgeries    = []string{"orthopaedic", "general", "vascular", "urology", "gynaecology"}
	Ethnicities  = []string{"white", "black", "asian", "mixed_other"}
	SkinTones    = []string{"light", "medium", "dark"}
	ASAClasses   = []int{1, 2, 3, 4}
	wardsOfSiteA = []ward{{"A1", 4}, {"A2", 5}, {"A3", 6}, {"A4", 8}}
	wardsOfSiteB = []ward{{"B1", 5}, {"B2", 6}, {"B3", 7}}
)

// ward is a surgical ward and its staffing: patients per registered nurse on a day shift.
type ward struct {
	name             string
	patientsPerNurse int
}

// Patient is one synthetic surgical patient: what the record holds before the patient
// leaves recovery, and what happened on the ward in the next 72 hours.
type Patient struct {
	ID    int
	Site  string
	Split Split

	Age     int    // years, 18 to 95
	Sex     string // female or male
	ASA     int    // ASA physical status 1 to 4
	Surgery string
	Urgency string

	MAP              int     // mean arterial pressure, mmHg, last value in recovery
	HeartRate        int     // beats per minute
	SpO2             int     // pulse oximetry, %: over-reads in darker skin
	Lactate          float64 // mmol/L, one decimal
	Ward             string
	PatientsPerNurse int
	ArterialLine     bool // placed in theatre

	Ethnicity string // as recorded, or NotRecorded
	SkinTone  string // light, medium or dark (Fitzpatrick I–II, III–IV, V–VI)

	// Event is the recorded outcome, the label every model learns: a rapid-response call,
	// an unplanned critical-care admission or death within 72 hours, as documented.
	Event bool

	// What the record does not show; instructors' answers are computed from these.
	TrueEvent     bool    // whether the patient truly deteriorated, documented or not
	TrueEthnicity string  // the patient's ethnicity, recorded or not
	SaO2          float64 // arterial oxygen saturation, %, one decimal
	TrueRisk      float64 // the generating probability of TrueEvent
}
