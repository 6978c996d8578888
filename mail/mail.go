// Package mail writes Tandem's mails and sends them. Other features queue a mail by building a
// Message and handing its Row to a store method, which inserts it into the outbox in the same
// transaction as the change it announces (or to Store.EnqueueMail on its own). The Outbox
// worker sends queued mails in the background, through SMTP or, without SMTP configured, into
// the log.
package mail

import (
	"bytes"
	"html/template"
	"strings"

	"tandem/i18n"
	"tandem/locale"
	"tandem/models"
)

// Action is the one thing a mail asks its reader to do: a labelled link.
type Action struct {
	Label string
	URL   string
}

// Message is a mail to one address: a greeting, paragraphs of plain text, at most one action
// and a closing note. Row renders it as plain text and HTML.
type Message struct {
	Kind       string // what the mail is (verify_email, password_reset, invitation, ...), for logs
	To         string
	UserID     string // the account it is about, when there is one
	Subject    string
	Greeting   string
	Paragraphs []string
	Action     *Action
	Note       string // small print under the action, such as when a link expires
	Lang       string // the language it is written in (en when empty), for its footer and lang
}

// Row renders m into an outbox row, ready for a store method to queue.
func (m Message) Row() *models.OutboxMail {
	if m.Lang == "" {
		m.Lang = locale.Default
	}
	row := &models.OutboxMail{Kind: m.Kind, ToAddress: m.To, Subject: m.Subject, TextBody: m.text(), HTMLBody: m.html()}
	if m.UserID != "" {
		row.UserID = &m.UserID
	}
	return row
}

func (m Message) text() string {
	var b strings.Builder
	if m.Greeting != "" {
		b.WriteString(m.Greeting + "\n\n")
	}
	for _, p := range m.Paragraphs {
		b.WriteString(p + "\n\n")
	}
	if m.Action != nil {
		b.WriteString(m.Action.Label + ":\n" + m.Action.URL + "\n\n")
	}
	if m.Note != "" {
		b.WriteString(m.Note + "\n\n")
	}
	b.WriteString("-- \n" + m.Footer() + "\n")
	return b.String()
}

var page = template.Must(template.New("mail").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{.Subject}}</title></head>
<body style="margin:0;padding:24px;background:#f5f6f8;font-family:Arial,Helvetica,sans-serif;color:#1d2430;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p style="font-weight:bold;color:#0b5c6b;margin-top:0">Tandem</p>
{{if .Greeting}}<p>{{.Greeting}}</p>{{end}}
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{with .Action}}<p style="margin:24px 0"><a href="{{.URL}}" style="display:inline-block;background:#0b5c6b;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">{{.Label}}</a></p>
<p style="font-size:14px;color:#4a5568">{{$.ButtonFallback}}<br><a href="{{.URL}}" style="color:#0b5c6b;word-break:break-all">{{.URL}}</a></p>
{{end}}{{if .Note}}<p style="font-size:14px;color:#4a5568">{{.Note}}</p>{{end}}
</div>
<p style="max-width:560px;margin:12px auto 0;font-size:12px;color:#4a5568">{{.Footer}}</p>
</body></html>
`))

// Footer is the line under every mail, in the mail's language.
func (m Message) Footer() string { return i18n.Default().Text(m.Lang, "mail.footer", nil) }

// ButtonFallback tells, in the mail's language, what to do when the action's button fails.
func (m Message) ButtonFallback() string {
	return i18n.Default().Text(m.Lang, "mail.button_fallback", nil)
}

func (m Message) html() string {
	var b bytes.Buffer
	// The template and its data are ours and the writer is a buffer: it cannot fail.
	_ = page.Execute(&b, m)
	return b.String()
}
