package certificates

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"

	"tandem/locale"
)

// NewAchievement is the programme an Issue recognises, as an Open Badges 3.0 Achievement
// (§B.1.1), with its creator (the society) and its image.
func NewAchievement(in Issue) *Achievement {
	issuer := in.issuer()
	description := in.ProgrammeDescription
	if strings.TrimSpace(description) == "" {
		description = in.Criteria // Open Badges requires a description; the criteria are one
	}
	lang := in.Language
	if lang == "" {
		lang = locale.Default
	}
	a := &Achievement{
		ID:              AchievementURLIn(in.BaseURL, in.ProgrammeID, lang),
		InLanguage:      lang,
		Type:            []string{"Achievement"},
		Name:            in.ProgrammeTitle,
		Description:     description,
		Criteria:        Criteria{Narrative: in.Criteria},
		AchievementType: "Certificate",
		Creator:         &issuer,
		Image: &Image{ID: withLanguage(AchievementImageURL(in.BaseURL, in.ProgrammeID), lang), Type: "Image",
			Caption: in.ProgrammeTitle + " — " + in.IssuerName},
	}
	if in.Credits > 0 {
		a.CreditsAvailable = in.Credits
	}
	a.Alignment = in.Alignments
	for _, other := range in.Editions {
		if other != lang {
			a.Related = append(a.Related, Related{ID: AchievementURLIn(in.BaseURL, in.ProgrammeID, other), Type: []string{"Related"}, InLanguage: other})
		}
	}
	return a
}

// AchievementURLIn is the id of the programme's achievement in lang: AchievementURL for the
// English edition, with ?lang= for the others.
func AchievementURLIn(baseURL, programmeID, lang string) string {
	return withLanguage(AchievementURL(baseURL, programmeID), lang)
}

// withLanguage is url for lang's edition: as it is for English, with ?lang= for the others.
func withLanguage(url, lang string) string {
	if lang == locale.Default || lang == "" {
		return url
	}
	return url + "?lang=" + lang
}

// AchievementDocument is what an Achievement's id serves: the Achievement as a JSON-LD document
// of its own.
type AchievementDocument struct {
	Context []string `json:"@context"`
	*Achievement
}

// NewAchievementDocument wraps an Achievement with the contexts that give its terms meaning.
func NewAchievementDocument(a *Achievement) AchievementDocument {
	return AchievementDocument{Context: []string{ContextVC, ContextOB}, Achievement: a}
}

// Badge image geometry: a square badge, its text wrapped to lines of at most lineRunes runes.
const (
	badgeSide = 400
	lineRunes = 24
	maxLines  = 4
)

// BadgeSVG draws a programme's badge image: a ring in Tandem's colours carrying the programme's
// title and the society's name, and the word "certificate" in lang. The text is escaped as XML
// character data, so no title can inject markup, and the same names always give the same bytes.
func BadgeSVG(programmeTitle, issuerName, lang string) []byte {
	word, lang := textIn(lang)
	var b bytes.Buffer
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" xml:lang="` + lang + `">`)
	b.WriteString(`<title>`)
	writeText(&b, programmeTitle+" — "+issuerName)
	b.WriteString(`</title>`)
	b.WriteString(`<circle cx="200" cy="200" r="190" fill="#155e75"/><circle cx="200" cy="200" r="172" fill="#ffffff"/>`)
	b.WriteString(`<circle cx="200" cy="200" r="164" fill="none" stroke="#155e75" stroke-width="3"/>`)
	b.WriteString(`<g font-family="Go, 'DejaVu Sans', Arial, sans-serif" text-anchor="middle" fill="#212529">`)
	title := wrap(programmeTitle, lineRunes, maxLines)
	y := 150 - 14*(len(title)-1)
	for _, line := range title {
		b.WriteString(`<text x="200" y="` + strconv.Itoa(y) + `" font-size="24" font-weight="bold">`)
		writeText(&b, line)
		b.WriteString(`</text>`)
		y += 30
	}
	y += 20
	for _, line := range wrap(issuerName, lineRunes+4, 2) {
		b.WriteString(`<text x="200" y="` + strconv.Itoa(y) + `" font-size="18" fill="#5a6066">`)
		writeText(&b, line)
		b.WriteString(`</text>`)
		y += 24
	}
	b.WriteString(`<text x="200" y="340" font-size="14" fill="#155e75" letter-spacing="2">`)
	writeText(&b, word.certificate)
	b.WriteString(`</text></g></svg>`)
	return b.Bytes()
}

func writeText(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s))
}

// wrap splits text into at most n lines of at most width runes, breaking between words where it
// can; what does not fit ends the last line with an ellipsis.
func wrap(text string, width, n int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		for utf8.RuneCountInString(word) > width {
			r := []rune(word)
			if line != "" {
				lines, line = append(lines, line), ""
			}
			lines, word = append(lines, string(r[:width])), string(r[width:])
		}
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
			line += " " + word
		default:
			lines, line = append(lines, line), word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > n {
		last := []rune(lines[n-1])
		lines = append(lines[:n-1], string(last[:min(len(last), width-1)])+"…")
	}
	return lines
}
