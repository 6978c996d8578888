package certificates

import (
	"fmt"
	"unicode"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
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
	var buf sfnt.Buffer
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			return false
		}
	}
	return true
}

// familyFor names the font family to print s in: the Go fonts' when they cover it, the
// fallback's when they do not and it does.
func familyFor(s string, goFont *sfnt.Font, fallback *Font) string {
	if fallback == nil || covers(goFont, s) || !covers(fallback.glyphs, s) {
		return "Go"
	}
	return fallbackFamily
}

// fallbackFamily is the PDF family name of the fallback font, registered in every style the
// certificate uses (it prints them all alike).
const fallbackFamily = "Fallback"

// goRegular parses the embedded Go regular font, whose character set the bold and italic
// faces share.
func goRegular() (*sfnt.Font, error) { return sfnt.Parse(goregular.TTF) }
