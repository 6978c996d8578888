package mailtest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strings"
)

// Parsed is a received message read back with the standard library's parsers: its headers,
// its plain-text body and its HTML body.
type Parsed struct {
	Header mail.Header
	Text   string
	HTML   string
}

// Parse reads a message as a mail client would.
func Parse(data []byte) (*Parsed, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	p := &Parsed{Header: msg.Header}
	if err := p.readPart(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *Parsed) readPart(contentType, encoding string, body io.Reader) error {
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("content type %q: %w", contentType, err)
	}
	if strings.HasPrefix(media, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := p.readPart(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	switch media {
	case "text/plain":
		p.Text = string(b)
	case "text/html":
		p.HTML = string(b)
	}
	return nil
}

var link = regexp.MustCompile(`https?://[^\s"<>]+`)

// Link returns the first address in the plain-text body that contains part.
func (p *Parsed) Link(part string) string {
	for _, l := range link.FindAllString(p.Text, -1) {
		if strings.Contains(l, part) {
			return l
		}
	}
	return ""
}
