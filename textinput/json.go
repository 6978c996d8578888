package textinput

import "unicode/utf8"

// JSONProblem says what makes a JSON document unacceptable, or "" when nothing does: invalid
// UTF-8 anywhere, or a string (a key or a value) that holds a NUL or an escaped surrogate that
// is not half of a pair, which a decoder would silently replace. Malformed JSON is left to the
// decoder to report.
func JSONProblem(b []byte) string {
	if !utf8.Valid(b) {
		return InvalidUTF8
	}
	inString := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == 0:
			return HasNUL
		case !inString:
			inString = c == '"'
		case c == '"':
			inString = false
		case c == '\\' && i+1 < len(b):
			i++
			if b[i] != 'u' {
				continue
			}
			r, ok := hex4(b, i+1)
			if !ok {
				continue
			}
			i += 4
			switch {
			case r == 0:
				return HasNUL
			case r >= 0xDC00 && r <= 0xDFFF:
				return InvalidUTF8
			case r >= 0xD800 && r <= 0xDBFF:
				if i+2 >= len(b) || b[i+1] != '\\' || b[i+2] != 'u' {
					return InvalidUTF8
				}
				low, ok := hex4(b, i+3)
				if !ok || low < 0xDC00 || low > 0xDFFF {
					return InvalidUTF8
				}
				i += 6
			}
		}
	}
	return ""
}

// hex4 reads the four hex digits of a \u escape at b[at:].
func hex4(b []byte, at int) (rune, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
