package certificates

import (
	"bytes"
	"os"
	"regexp"
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
	for _, want := range []string{
		"TND-7KQ2-M9XD-4RHF",
		"Zo\xeb M\xfcller-Lukasz", // cp1252, with Ł folded to L
		"AI Literacy for Anaesthesiologists",
		"European Society of Anaesthesiology",
		"Credits: 6 CME hours",
		"Issued 4 March 2026  \xb7  Valid until 4 March 2029",
		"https://tandem.example.org/verify/TND-7KQ2-M9XD-4RHF",
		"/BaseFont /Helvetica",
		"/CreationDate (D:20260304101112)",
	} {
		if !bytes.Contains(doc, []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
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
	if bytes.Contains(doc, []byte("Valid until")) || bytes.Contains(doc, []byte("Credits:")) {
		t.Error("PDF shows expiry or credits it does not have")
	}
	data.VerifyURL = ""
	if _, err := PDF(data); err == nil {
		t.Error("PDF without a verification URL")
	}
}

func TestFoldToCP1252(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë Müller-Łukasz":    "Zoë Müller-Lukasz",
		"Łódź Żółć":            "Lódz Zólc",
		"Dvořák Ørsted Œuvre":  "Dvorák Ørsted Œuvre",
		"Ștefan Đorđević":      "Stefan Dordevic",
		"Gößl – “quoted” €":    "Gößl – “quoted” €",
		"Hőgyes Ahmet Yılmaz":  "Hogyes Ahmet Yilmaz",
		"王芳":                   "??",
		"plain ASCII (1) \\ x": "plain ASCII (1) \\ x",
	} {
		if got := foldToCP1252(in); got != want {
			t.Errorf("foldToCP1252(%q) = %q, want %q", in, got, want)
		}
	}
}
