package certificates

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/boombuler/barcode/qr"
	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"tandem/textinput"
)

// PDFData is what the printable certificate shows.
type PDFData struct {
	HolderName     string
	HolderErased   bool // the holder erased their account: no name, a note that it stays valid
	ProgrammeTitle string
	IssuerName     string
	Credits        float64
	CreditUnit     string
	IssuedAt       time.Time
	ExpiresAt      *time.Time
	Serial         string
	VerifyURL      string // printed and encoded in the QR code
	Uncompressed   bool   // write plain content streams, for tests and debugging
	Fallback       *Font  // for names and titles the Go fonts cannot print; nil for none
	// Language is what the certificate's fixed wording is printed in: en, fr, de or it
	// (English when empty or unknown).
	Language string
}

// What a certificate says in place of the name of a holder who erased their account.
const (
	// ErasedHolder stands where the holder's name was.
	ErasedHolder = "The holder of this certificate"
	// ErasedNote explains why, and that nothing else changed.
	ErasedNote = "The holder has erased their Tandem account, so their name is no longer shown. This certificate remains valid."
)

// Page geometry, in millimetres on A4 landscape.
const (
	pageW, pageH = 297.0, 210.0
	textLeft     = 30.0
	textW        = pageW - 2*textLeft
	qrSide       = 38.0
)

var (
	ink    = [3]int{33, 37, 41}
	muted  = [3]int{90, 96, 102}
	accent = [3]int{21, 94, 117}
)

// PDF renders a one-page A4 landscape certificate with the holder, programme, society, credits,
// dates, serial, the verification URL and a QR code of it. The Go fonts (BSD-licensed, Latin,
// Greek and Cyrillic) are embedded as subsets, so names print as written and the PDF looks the
// same on every reader; a name or title they cannot print is printed in c.Fallback when given. The same data always gives the same bytes: the document dates are the
// issue time and the resource catalogues are sorted.
func PDF(c PDFData) ([]byte, error) {
	words, lang := textIn(c.Language)
	if c.HolderErased {
		c.HolderName = words.erasedHolder
	}
	if c.VerifyURL == "" || c.Serial == "" || c.HolderName == "" || c.IssuedAt.IsZero() {
		return nil, errors.New("certificates: a certificate PDF needs holder, serial, issue date and verification URL")
	}
	qrImage, err := qrPNG(c.VerifyURL)
	if err != nil {
		return nil, err
	}
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetCompression(!c.Uncompressed)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(c.IssuedAt.UTC())
	pdf.SetModificationDate(c.IssuedAt.UTC())
	pdf.SetCreator("Tandem", false)
	pdf.SetLang(lang)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(textLeft, 20, textLeft)
	for _, f := range []struct {
		family, style string
		ttf           []byte
	}{{"Go", "", goregular.TTF}, {"Go", "B", gobold.TTF}, {"Go", "I", goitalic.TTF}, {"GoMono", "B", gomonobold.TTF}} {
		pdf.AddUTF8FontFromBytes(f.family, f.style, f.ttf)
	}
	goFont, err := goRegular()
	if err != nil {
		return nil, err
	}
	var issuerFamily, holderFamily, programmeFamily string
	c.IssuerName, issuerFamily = fontedText(c.IssuerName, goFont, c.Fallback)
	c.HolderName, holderFamily = fontedText(c.HolderName, goFont, c.Fallback)
	c.ProgrammeTitle, programmeFamily = fontedText(c.ProgrammeTitle, goFont, c.Fallback)
	c.CreditUnit = printable(c.CreditUnit, goFont)
	if issuerFamily == fallbackFamily || holderFamily == fallbackFamily || programmeFamily == fallbackFamily {
		for _, style := range []string{"", "B"} {
			pdf.AddUTF8FontFromBytes(fallbackFamily, style, c.Fallback.ttf)
		}
	}
	pdf.SetTitle("Certificate "+c.Serial, true)
	pdf.SetSubject(c.ProgrammeTitle, true)
	pdf.SetAuthor(c.IssuerName, true)
	if err := pdf.Error(); err != nil {
		return nil, err
	}
	pdf.AddPage()

	// Frame.
	pdf.SetDrawColor(accent[0], accent[1], accent[2])
	pdf.SetLineWidth(1.2)
	pdf.Rect(10, 10, pageW-20, pageH-20, "D")
	pdf.SetLineWidth(0.3)
	pdf.Rect(13, 13, pageW-26, pageH-26, "D")

	setColor(pdf, accent)
	pdf.SetFont("Go", "B", 15)
	pdf.SetXY(textLeft, 26)
	pdf.CellFormat(textW, 8, words.certificate, "", 1, "C", false, 0, "")
	setColor(pdf, ink)
	pdf.SetFont(issuerFamily, "", 16)
	pdf.SetX(textLeft)
	pdf.MultiCell(textW, 8, c.IssuerName, "", "C", false)

	setColor(pdf, muted)
	pdf.SetFont("Go", "I", 13)
	pdf.SetXY(textLeft, 64)
	pdf.CellFormat(textW, 7, words.certify, "", 1, "C", false, 0, "")
	setColor(pdf, ink)
	fitted(pdf, c.HolderName, holderFamily, "B", 30, 16)

	setColor(pdf, muted)
	pdf.SetFont("Go", "I", 13)
	pdf.SetXY(textLeft, pdf.GetY()+3)
	pdf.CellFormat(textW, 7, words.completed, "", 1, "C", false, 0, "")
	setColor(pdf, ink)
	fitted(pdf, c.ProgrammeTitle, programmeFamily, "B", 22, 13)

	pdf.SetFont("Go", "", 13)
	pdf.SetXY(textLeft, pdf.GetY()+3)
	if c.Credits > 0 {
		pdf.CellFormat(textW, 7, words.credits+CreditsText(c.Credits, c.CreditUnit), "", 1, "C", false, 0, "")
	}
	dates := words.issued + words.day(c.IssuedAt)
	if c.ExpiresAt != nil {
		dates += "  \u00b7  " + words.validUntil + words.day(*c.ExpiresAt)
	}
	pdf.SetX(textLeft)
	pdf.CellFormat(textW, 7, dates, "", 1, "C", false, 0, "")
	if c.HolderErased {
		setColor(pdf, muted)
		pdf.SetFont("Go", "I", 11)
		pdf.SetX(textLeft)
		pdf.CellFormat(textW, 7, words.erasedNote, "", 1, "C", false, 0, "")
	}

	// Serial and verification, bottom left; QR code, bottom right.
	qrX, qrY := pageW-textLeft-qrSide+8, pageH-22-qrSide
	pdf.RegisterImageOptionsReader("verify-qr", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(qrImage))
	pdf.ImageOptions("verify-qr", qrX, qrY, qrSide, qrSide, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, c.VerifyURL)
	setColor(pdf, muted)
	pdf.SetFont("Go", "", 8)
	pdf.SetXY(qrX, qrY+qrSide)
	pdf.CellFormat(qrSide, 4, words.scan, "", 0, "C", false, 0, "")

	bottomW := qrX - textLeft - 10
	pdf.SetXY(textLeft, qrY+6)
	pdf.SetFont("Go", "", 10)
	pdf.CellFormat(bottomW, 5, words.serial, "", 1, "L", false, 0, "")
	setColor(pdf, ink)
	pdf.SetFont("GoMono", "B", 15)
	pdf.SetX(textLeft)
	pdf.CellFormat(bottomW, 8, c.Serial, "", 1, "L", false, 0, "")
	setColor(pdf, muted)
	pdf.SetFont("Go", "", 10)
	pdf.SetXY(textLeft, pdf.GetY()+3)
	pdf.CellFormat(bottomW, 5, words.checkAt, "", 1, "L", false, 0, "")
	setColor(pdf, accent)
	pdf.SetX(textLeft)
	urlY := pdf.GetY()
	pdf.MultiCell(bottomW, 5, c.VerifyURL, "", "L", false)
	pdf.LinkString(textLeft, urlY, bottomW, pdf.GetY()-urlY, c.VerifyURL)

	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// fontedText is s as the certificate prints it (see printable) and the family it prints in.
func fontedText(s string, goFont *sfnt.Font, fallback *Font) (string, string) {
	s = textinput.Printable(s)
	family := familyFor(s, goFont, fallback)
	if family == fallbackFamily {
		return printable(s, fallback.glyphs), family
	}
	return printable(s, goFont), family
}

func setColor(pdf *fpdf.Fpdf, c [3]int) {
	pdf.SetTextColor(c[0], c[1], c[2])
}

// fitted writes s centred in family and style on the next lines, shrinking it from size
// towards minSize to keep it on one line, and wrapping it when even minSize is too wide.
func fitted(pdf *fpdf.Fpdf, s, family, style string, size, minSize float64) {
	pdf.SetFont(family, style, size)
	for size > minSize && pdf.GetStringWidth(s) > textW {
		size--
		pdf.SetFontSize(size)
	}
	pdf.SetXY(textLeft, pdf.GetY()+2)
	pdf.MultiCell(textW, size*0.45, s, "", "C", false)
}

// qrPNG draws a QR code of s (error correction M) as an 8-bit grayscale PNG, eight pixels a
// module with the four-module quiet zone the standard asks for. fpdf reads 8-bit PNGs only.
func qrPNG(s string) ([]byte, error) {
	code, err := qr.Encode(s, qr.M, qr.Auto)
	if err != nil {
		return nil, err
	}
	const quiet, scale = 4, 8
	n := code.Bounds().Dx()
	side := (n + 2*quiet) * scale
	img := image.NewGray(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y := range n {
		for x := range n {
			if color.GrayModel.Convert(code.At(x, y)).(color.Gray).Y >= 0x80 {
				continue
			}
			for dy := range scale {
				row := img.Pix[((quiet+y)*scale+dy)*img.Stride:]
				for dx := range scale {
					row[(quiet+x)*scale+dx] = 0
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
