package certificates

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

func testPDFData() PDFData {
	issued := time.Date(2026, 3, 4, 10, 11, 12, 0, time.UTC)
	expires := issued.AddDate(3, 0, 0)
	return PDFData{
		HolderName:     "Zoë Müller-Łukasz",
		ProgrammeTitle: "AI Literacy for Anaesthesiologists",
		IssuerName:     "European Society of Anaesthesiology",
		Credits:        6,
		CreditUnit:     "CME hours",
		IssuedAt:       issued,
		ExpiresAt:      &expires,
		Serial:         "TND-7KQ2-M9XD-4RHF",
		VerifyURL:      "https://tandem.example.org/verify/TND-7KQ2-M9XD-4RHF",
		Uncompressed:   true,
	}
}

func TestPDF(t *testing.T) {
	doc, err := PDF(testPDFData())
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("CERTIFICATE_PDF_OUT"); out != "" {
		_ = os.WriteFile(out, doc, 0o644) // to look at it: CERTIFICATE_PDF_OUT=/tmp/c.pdf go test
	}
	if !bytes.HasPrefix(doc, []byte("%PDF-")) {
		t.Fatalf("does not start with %%PDF-: %q", doc[:8])
	}
	if pages := regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(doc, -1); len(pages) != 1 {
		t.Errorf("%d pages, want 1", len(pages))
	}
	if !bytes.Contains(doc, []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Error("page is not A4 landscape")
	}
	if images := bytes.Count(doc, []byte("/Subtype /Image")); images != 1 {
		t.Errorf("%d image XObjects, want 1 (the QR code)", images)
	}
	for _, want := range []string{"/FontFile2", "/CreationDate (D:20260304101112)"} {
		if !bytes.Contains(doc, []byte(want)) {
			t.Errorf("PDF lacks %q (fonts must be embedded)", want)
		}
	}
	if bytes.Contains(doc, []byte("/BaseFont /Helvetica")) {
		t.Error("PDF relies on a font the reader must supply")
	}
	text := pdfText(t, doc)
	for _, want := range []string{
		"TND-7KQ2-M9XD-4RHF",
		"Zoë Müller-Łukasz",
		"AI Literacy for Anaesthesiologists",
		"European Society of Anaesthesiology",
		"Credits: 6 CME hours",
		"Issued 4 March 2026 · Valid until 4 March 2029",
		"https://tandem.example.org/verify/TND-7KQ2-M9XD-4RHF",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
}

// pdfText extracts a PDF's text with poppler's pdftotext, as a reader would see it, with runs
// of spaces folded. Without pdftotext the test is skipped, except under CI, where it fails.
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is required under CI")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	cmd := exec.Command(bin, "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(doc)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestPDFIsDeterministic(t *testing.T) {
	for _, uncompressed := range []bool{true, false} {
		data := testPDFData()
		data.Uncompressed = uncompressed
		a, errA := PDF(data)
		b, errB := PDF(data)
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("uncompressed=%v: two renderings differ (%v, %v)", uncompressed, errA, errB)
		}
	}
}

func TestPDFWithoutOptionalParts(t *testing.T) {
	data := testPDFData()
	data.ExpiresAt, data.Credits, data.CreditUnit = nil, 0, ""
	data.HolderName = "Maximiliane Theodora Wilhelmina von Hohenzollern-Sigmaringen-Württemberg"
	doc, err := PDF(data)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, doc)
	if strings.Contains(text, "Valid until") || strings.Contains(text, "Credits:") || !strings.Contains(text, "Württemberg") {
		t.Errorf("PDF text: %s", text)
	}
	data.VerifyURL = ""
	if _, err := PDF(data); err == nil {
		t.Error("PDF without a verification URL")
	}
}

// ipaGothic is a TrueType font with Japanese glyphs, from Debian's fonts-ipafont-gothic.
const ipaGothic = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"

// A name the Go fonts cannot print is printed in the configured fallback font, which is
// embedded only when a text needs it; without one the PDF is still made.
func TestPDFPrintsNamesInTheFallbackFont(t *testing.T) {
	ttf, err := os.ReadFile(ipaGothic)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI (apt-get install fonts-ipafont-gothic): %v", ipaGothic, err)
		}
		t.Skipf("%s is not installed", ipaGothic)
	}
	font, err := ParseFont(ttf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseFont([]byte("not a font")); err == nil {
		t.Error("ParseFont accepted bytes that are not a font")
	}
	embedsFallback := func(doc []byte) bool {
		return bytes.Contains(doc, []byte("/BaseFont /utf8"+strings.ToLower(fallbackFamily)))
	}

	data := testPDFData()
	data.HolderName, data.Fallback = "山田 花子", font
	doc, err := PDF(data)
	if err != nil {
		t.Fatal(err)
	}
	if !embedsFallback(doc) || !strings.Contains(pdfText(t, doc), "山田 花子") {
		t.Errorf("a Japanese name: fallback embedded %v, text %q", embedsFallback(doc), pdfText(t, doc))
	}
	if !strings.Contains(pdfText(t, doc), "AI Literacy for Anaesthesiologists") {
		t.Error("the programme title, which the Go fonts print, is missing")
	}

	data = testPDFData()
	data.Fallback = font
	if doc, err := PDF(data); err != nil || embedsFallback(doc) {
		t.Errorf("a name the Go fonts print: err %v, fallback embedded %v", err, embedsFallback(doc))
	}

	data = testPDFData()
	data.HolderName = "山田 花子"
	if doc, err := PDF(data); err != nil || embedsFallback(doc) {
		t.Errorf("no fallback given: err %v, fallback embedded %v", err, embedsFallback(doc))
	}
}

// A holder who erased their account: the PDF names no one, says why, and says the certificate
// remains valid.
func TestPDFOfErasedHolder(t *testing.T) {
	d := testPDFData()
	d.HolderName, d.HolderErased = "", true
	doc, err := PDF(d)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, doc)
	for _, want := range []string{"This is to certify that The holder of this certificate has completed", "erased their Tandem account",
		"This certificate remains valid.", "TND-7KQ2-M9XD-4RHF"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Zoë") {
		t.Errorf("the erased holder's name is printed:\n%s", text)
	}
}

// A name or title with characters no font here can print (emoji, a script without a font)
// still makes a certificate: each run of them prints as one replacement character, and
// bidirectional or invisible controls from older data are left out, so nothing prints
// reversed.
func TestPDFPrintsEveryName(t *testing.T) {
	for _, tc := range []struct{ name, title, wantName, wantTitle string }{
		{"Ada 😀 Lovelace", "AI 🩺 in practice", "Ada \ufffd Lovelace", "AI \ufffd in practice"},
		{"Dr 👩\u200d⚕\ufe0f Okafor", "AI Literacy", "Dr \ufffd Okafor", "AI Literacy"},
		{"山田 花子", "AI Literacy", "\ufffd \ufffd", "AI Literacy"},
		{"\u202eecivreS yrroG", "AI \u2066Literacy\u2069", "ecivreS yrroG", "AI Literacy"},
		{"Zoë\u200b Müller", "𝔄𝔦 Literacy", "Zoë Müller", "\ufffd Literacy"},
	} {
		d := testPDFData()
		d.HolderName, d.ProgrammeTitle, d.IssuerName = tc.name, tc.title, "Society 🏥"
		doc, err := PDF(d)
		if err != nil {
			t.Errorf("%q: %v", tc.name, err)
			continue
		}
		// pdftotext spaces replacement characters as it likes: compare without spaces.
		text := strings.ReplaceAll(pdfText(t, doc), " ", "")
		for _, want := range []string{"certifythat" + tc.wantName + "hascompletedtheprogramme" + tc.wantTitle + "Credits", "Society\ufffd"} {
			if want = strings.ReplaceAll(want, " ", ""); !strings.Contains(text, want) {
				t.Errorf("%q: PDF text lacks %q:\n%s", tc.name, want, text)
			}
		}
	}
}

// FuzzPDFNames: any holder name and programme title make a certificate.
func FuzzPDFNames(f *testing.F) {
	for _, s := range []string{"Ada 😀", "\u202eAda", "山田 花子", "a\x00b", "\xff\xfe", "👩\u200d⚕\ufe0f", "𝔄"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, title string) {
		if strings.TrimSpace(name) == "" {
			return // refused before it reaches a certificate
		}
		d := testPDFData()
		d.HolderName, d.ProgrammeTitle = name, title
		if _, err := PDF(d); err != nil {
			t.Fatalf("PDF of %q, %q: %v", name, title, err)
		}
	})
}
