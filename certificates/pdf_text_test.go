package certificates

import (
	"bytes"
	"strings"
	"testing"
)

// TestPDFIsPrintedInTheLearnersLanguage: the fixed wording and dates are French, German or
// Italian as asked, the document's language is set, and an unknown language prints English.
func TestPDFIsPrintedInTheLearnersLanguage(t *testing.T) {
	for lang, want := range map[string][]string{
		"fr": {"CERTIFICAT", "Le présent certificat atteste que", "a suivi avec succès le programme", "Crédits : 6 CME hours",
			"Délivré le 4 mars 2026 · Valable jusqu’au 4 mars 2029", "Numéro de série", "Scanner pour vérifier"},
		"de": {"ZERTIFIKAT", "Hiermit wird bescheinigt, dass", "Ausgestellt am 4. März 2026 · Gültig bis 4. März 2029", "Seriennummer"},
		"it": {"CERTIFICATO", "Si certifica che", "ha completato il programma", "Rilasciato il 4 marzo 2026 · Valido fino al 4 marzo 2029", "Crediti: 6 CME hours"},
		"es": {"CERTIFICATE", "This is to certify that", "Issued 4 March 2026"},
	} {
		c := testPDFData()
		c.Language = lang
		doc, err := PDF(c)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, doc)
		for _, w := range want {
			if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
				t.Errorf("%s: PDF text lacks %q:\n%s", lang, w, text)
			}
		}
		printed := lang
		if lang == "es" {
			printed = "en"
		}
		if !bytes.Contains(doc, []byte("/Lang ("+printed+")")) {
			t.Errorf("%s: document language not %s", lang, printed)
		}
	}
	c := testPDFData()
	c.Language, c.HolderErased = "de", true
	doc, err := PDF(c)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, doc); !strings.Contains(text, "Die Inhaberin oder der Inhaber dieses Zertifikats") || !strings.Contains(text, "Das Zertifikat bleibt gültig.") {
		t.Errorf("erased holder in German:\n%s", text)
	}
}
