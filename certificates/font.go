package certificates

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"tandem/textinput"
)

// Font is a TrueType font for the names and titles the embedded Go fonts cannot print: a
// society whose learners write their names in Chinese, Japanese or Korean gives one with
// TANDEM_CERTIFICATE_FONT. It is used only for a text the Go fonts lack a glyph of and it has
// every glyph of; it is embedded in the PDF as a subset of the glyphs used.
type Font struct {
	ttf    []byte
	glyphs *sfnt.Font
}

// ParseFont reads a TrueType font (.ttf).
func ParseFont(ttf []byte) (*Font, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("certificate font: %w", err)
	}
	return &Font{ttf: ttf, glyphs: f}, nil
}

// covers reports whether f has a glyph for every character of s but spaces.
func covers(f *sfnt.Font, s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !prints(f, r) {
			return false
		}
	}
	return true
}

// prints reports whether a PDF in font f can show r: f has a glyph for it, and it lies in the
// Basic Multilingual Plane, the only one the PDF library's UTF-8 fonts hold.
func prints(f *sfnt.Font, r rune) bool {
	var buf sfnt.Buffer
	i, err := f.GlyphIndex(&buf, r)
	return err == nil && i != 0 && r <= 0xFFFF
}

// familyFor names the font family to print s in: the Go fonts' unless the fallback prints
// more of its characters.
func familyFor(s string, goFont *sfnt.Font, fallback *Font) string {
	if fallback == nil || covers(goFont, s) {
		return "Go"
	}
	byGo, byFallback := 0, 0
	for _, r := range s {
		if prints(goFont, r) {
			byGo++
		}
		if prints(fallback.glyphs, r) {
			byFallback++
		}
	}
	if byFallback > byGo {
		return fallbackFamily
	}
	return "Go"
}

// printable is s as a certificate prints it in font f: without control and format characters
// (textinput.Printable), and with every run of characters that f cannot show (an emoji, a
// script neither font has), together with the joiners, variation selectors and modifiers
// that belong to them, replaced by one substitute: U+FFFD (the replacement character) where f
// has it, else U+25A1 (a white square), else a question mark. A name never stops its
// certificate from rendering.
func printable(s string, f *sfnt.Font) string {
	s = textinput.Printable(s)
	if covers(f, s) {
		return s
	}
	sub := "?"
	for _, r := range []rune{0xFFFD, 0x25A1} {
		if prints(f, r) {
			sub = string(r)
			break
		}
	}
	var b strings.Builder
	replacing := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || prints(f, r):
			replacing = false
			b.WriteRune(r)
		case !replacing:
			replacing = true
			b.WriteString(sub)
		}
	}
	return b.String()
}

// fallbackFamily is the PDF family name of the fallback font, registered in every style the
// certificate uses (it prints them all alike).
const fallbackFamily = "Fallback"

// goRegular parses the embedded Go regular font, whose character set the bold and italic
// faces share.
func goRegular() (*sfnt.Font, error) { return sfnt.Parse(goregular.TTF) }
