package auth

import (
	"tandem/mail"
	"tandem/models"
)

// The mails about accounts. Each names what happened and what to do if it was not the reader,
// and carries the account's id where there is one, so erasing the account erases its mail.

func verificationMail(userID, name, email, link string) *models.OutboxMail {
	return mail.Message{Kind: "verify_email", To: email, UserID: userID, Subject: "Confirm your email address for Tandem",
		Greeting: "Hello " + name + ",",
		Paragraphs: []string{"Thank you for joining Tandem. Please confirm that this address is yours. " +
			"Until you do, you can learn as usual, but no certificate can be issued in your name."},
		Action: &mail.Action{Label: "Confirm my address", URL: link},
		Note:   "This link works for 48 hours. If you did not create a Tandem account, ignore this mail: nothing happens without the link.",
	}.Row()
}

func alreadyRegisteredMail(email, login, forgot string) *models.OutboxMail {
	return mail.Message{Kind: "already_registered", To: email, Subject: "You already have a Tandem account",
		Greeting: "Hello,",
		Paragraphs: []string{"Someone, perhaps you, tried to create a Tandem account with this address. " +
			"This address has an account already, so nothing was created.",
			"To sign in, use the address and your password at " + login + "."},
		Action: &mail.Action{Label: "Choose a new password", URL: forgot},
		Note:   "If this was not you, you can ignore this mail: your account is unchanged.",
	}.Row()
}

func resetMail(userID, name, email, link string) *models.OutboxMail {
	return mail.Message{Kind: "password_reset", To: email, UserID: userID, Subject: "Choose a new Tandem password",
		Greeting:   "Hello " + name + ",",
		Paragraphs: []string{"Someone, hopefully you, asked to choose a new password for your Tandem account."},
		Action:     &mail.Action{Label: "Choose a new password", URL: link},
		Note: "This link works once, for 30 minutes. Choosing a new password signs you out on every device. " +
			"If you did not ask, ignore this mail: your password stays as it is.",
	}.Row()
}

func noAccountMail(email, register string) *models.OutboxMail {
	return mail.Message{Kind: "password_reset_unknown", To: email, Subject: "Tandem password reset",
		Greeting: "Hello,",
		Paragraphs: []string{"Someone, perhaps you, asked to reset the Tandem password of this address, " +
			"but no Tandem account uses it. You may have signed up with another address."},
		Action: &mail.Action{Label: "Create an account", URL: register},
		Note:   "If this was not you, ignore this mail.",
	}.Row()
}

func passwordChangedMail(userID, name, email, forgot string) *models.OutboxMail {
	return mail.Message{Kind: "password_changed", To: email, UserID: userID, Subject: "Your Tandem password was changed",
		Greeting:   "Hello " + name + ",",
		Paragraphs: []string{"The password of your Tandem account was just changed, and every device was signed out."},
		Action:     &mail.Action{Label: "This was not me: choose a new password", URL: forgot},
		Note:       "If it was you, there is nothing to do.",
	}.Row()
}

func changeEmailMail(name, userID, newEmail, link string) *models.OutboxMail {
	return mail.Message{Kind: "change_email", To: newEmail, UserID: userID, Subject: "Confirm your new email address for Tandem",
		Greeting:   "Hello " + name + ",",
		Paragraphs: []string{"You asked to use this address for your Tandem account. Your account keeps its old address until you confirm."},
		Action:     &mail.Action{Label: "Use this address", URL: link},
		Note:       "This link works for 24 hours. If you did not ask, ignore this mail.",
	}.Row()
}

func addressInUseMail(email, forgot string) *models.OutboxMail {
	return mail.Message{Kind: "change_email_taken", To: email, Subject: "Tandem: this address already has an account",
		Greeting: "Hello,",
		Paragraphs: []string{"Someone asked to move their Tandem account to this address, but this address has a Tandem account already, " +
			"so nothing was changed."},
		Action: &mail.Action{Label: "Forgotten your password?", URL: forgot},
		Note:   "If this was not you, ignore this mail.",
	}.Row()
}

func emailChangedMail(userID, name, oldEmail, newEmail string) *models.OutboxMail {
	return mail.Message{Kind: "email_changed", To: oldEmail, UserID: userID, Subject: "Your Tandem account has a new email address",
		Greeting:   "Hello " + name + ",",
		Paragraphs: []string{"Your Tandem account now uses " + newEmail + " instead of this address. Mail about the account goes there from now on."},
		Note: "If this was not you, someone who knows your password has changed it: " +
			"tell the people who run your Tandem, and they can restore your address.",
	}.Row()
}
