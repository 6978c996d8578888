package notifications

import (
	"context"
	"time"

	"tandem/errs"
	"tandem/locale"
	"tandem/models"
)

// KindSetting is how one kind of notice reaches the user: always in the app, and by mail as
// Email says (immediate, digest or off).
type KindSetting struct {
	Kind
	Email string `json:"email"`
}

// Preferences are a user's notification settings: per kind, and the time zone whose morning
// the daily digest is sent in.
type Preferences struct {
	TimeZone        string        `json:"time_zone"`
	DigestHour      int           `json:"digest_hour"`
	Kinds           []KindSetting `json:"kinds"`
	EmailUnverified bool          `json:"email_unverified"` // mail waits until the address is verified
}

// DigestHour is the local hour from which the daily digest is sent.
const DigestHour = 7

// PreferencesOf returns the user's settings, defaults filled in, each kind named in the
// request's language.
func (s *Service) PreferencesOf(ctx context.Context, userID string) (*Preferences, error) {
	set, prefs, err := s.store.NotificationSettings(ctx, userID)
	if err != nil {
		return nil, err
	}
	who, err := s.store.Recipients(ctx, []string{userID})
	if err != nil {
		return nil, err
	}
	chosen := make(map[string]string, len(prefs))
	for _, p := range prefs {
		chosen[p.Kind] = p.Email
	}
	out := &Preferences{TimeZone: zoneName(set.TimeZone), DigestHour: DigestHour, EmailUnverified: !who[userID].Verified}
	lang := locale.From(ctx)
	for _, k := range Kinds {
		mode, ok := chosen[k.Key]
		if !ok {
			mode = k.DefaultEmail
		}
		k.Label = k.labelIn(lang)
		out.Kinds = append(out.Kinds, KindSetting{Kind: k, Email: mode})
	}
	return out, nil
}

// SetPreferences saves how each kind in email is mailed (kinds left out keep their default)
// and, when not empty, the digest's time zone; nothing is saved if any value is invalid.
func (s *Service) SetPreferences(ctx context.Context, userID, timeZone string, email map[string]string) (*Preferences, error) {
	fields := map[string]string{}
	if timeZone != "" {
		if _, err := time.LoadLocation(timeZone); err != nil || timeZone == "Local" {
			fields["time_zone"] = "must be an IANA time zone such as Europe/Berlin"
		}
	}
	var prefs []models.NotificationPreference
	for key, mode := range email {
		k, ok := kindOf(key)
		switch {
		case !ok:
			fields["email."+key] = "is not a kind of notification"
		case mode != models.MailImmediate && mode != models.MailDigest && mode != models.MailOff:
			fields["email."+key] = "must be immediate, digest or off"
		case mode != k.DefaultEmail:
			prefs = append(prefs, models.NotificationPreference{Kind: key, Email: mode})
		}
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	if timeZone == "" {
		set, _, err := s.store.NotificationSettings(ctx, userID)
		if err != nil {
			return nil, err
		}
		timeZone = set.TimeZone
	}
	if err := s.store.SaveNotificationSettings(ctx, userID, timeZone, prefs); err != nil {
		return nil, err
	}
	return s.PreferencesOf(ctx, userID)
}

// zoneName is a stored time zone, UTC when none was chosen.
func zoneName(z string) string {
	if z == "" {
		return "UTC"
	}
	return z
}
