package auth

import (
	"tandem/i18n"
	"tandem/mail"
	"tandem/models"
)

// The mails about accounts, written in lang (the language of the request that causes them).
// Each names what happened and what to do if it was not the reader, and carries the account's
// id where there is one, so erasing the account erases its mail.

// accountMail fills a mail from the messages mail.<kind>.subject, .greeting, .body, .action
// and .note; data fills their placeholders.
func accountMail(lang, kind, to, userID string, data map[string]any, link string) mail.Message {
	cat := i18n.Default()
	text := func(part string) string { return cat.Text(lang, "mail."+kind+"."+part, data) }
	m := mail.Message{Kind: kind, To: to, UserID: userID, Lang: lang, Subject: text("subject"),
		Greeting: text("greeting"), Paragraphs: []string{text("body")}, Note: text("note")}
	if cat.Has(lang, "mail."+kind+".more") {
		m.Paragraphs = append(m.Paragraphs, text("more"))
	}
	if link != "" {
		m.Action = &mail.Action{Label: text("action"), URL: link}
	}
	return m
}

func verificationMail(lang, userID, name, email, link string) *models.OutboxMail {
	return accountMail(lang, "verify_email", email, userID, map[string]any{"Name": name}, link).Row()
}

func alreadyRegisteredMail(lang, email, login, forgot string) *models.OutboxMail {
	return accountMail(lang, "already_registered", email, "", map[string]any{"Login": login}, forgot).Row()
}

func resetMail(lang, userID, name, email, link string) *models.OutboxMail {
	return accountMail(lang, "password_reset", email, userID, map[string]any{"Name": name}, link).Row()
}

func noAccountMail(lang, email, register string) *models.OutboxMail {
	return accountMail(lang, "password_reset_unknown", email, "", nil, register).Row()
}

func passwordChangedMail(lang, userID, name, email, forgot string) *models.OutboxMail {
	return accountMail(lang, "password_changed", email, userID, map[string]any{"Name": name}, forgot).Row()
}

func changeEmailMail(lang, name, userID, newEmail, link string) *models.OutboxMail {
	return accountMail(lang, "change_email", newEmail, userID, map[string]any{"Name": name}, link).Row()
}

func addressInUseMail(lang, email, forgot string) *models.OutboxMail {
	return accountMail(lang, "change_email_taken", email, "", nil, forgot).Row()
}

func emailChangedMail(lang, userID, name, oldEmail, newEmail string) *models.OutboxMail {
	return accountMail(lang, "email_changed", oldEmail, userID, map[string]any{"Name": name, "NewEmail": newEmail}, "").Row()
}
