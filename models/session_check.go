package models

import "errors"

// ErrSessionEnded says an access token's session, token epoch or account has ended.
var ErrSessionEnded = errors.New("session ended")

// SessionCheck is an access token's claim to a live session (see auth.Gate) on a route that
// checks it in the first statement of its own work instead of in a read of its own: that
// statement sets Checked, and Live and the user's chosen Language with it.
type SessionCheck struct {
	UserID, SessionID string
	Epoch             int64
	Checked, Live     bool
	Language          string
}

// sessionCheckSQL are the columns that check a session, in a select list or a RETURNING
// clause: the user's token epoch (NULL once the account is erased or gone), their language,
// and whether the session was signed out. Its arguments are those of SessionCheck.args.
const sessionCheckSQL = `(SELECT token_epoch FROM users WHERE id = ? AND erased_at IS NULL) AS session_epoch,
  COALESCE((SELECT language FROM users WHERE id = ?), '') AS session_language,
  EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = ? AND revoked_at IS NOT NULL) AS session_ended`

func (c *SessionCheck) args() []any { return []any{c.UserID, c.UserID, c.SessionID} }

// SessionRow is what sessionCheckSQL reads (exported, and embedded in the rows it is read
// with, so that gorm fills it in).
type SessionRow struct {
	SessionEpoch    *int64
	SessionLanguage string
	SessionEnded    bool
}

// settle records what st says of the session: ErrSessionEnded when it is not live.
func (c *SessionCheck) settle(st SessionRow) error {
	c.Checked = true
	c.Live = st.SessionEpoch != nil && *st.SessionEpoch == c.Epoch && !st.SessionEnded
	c.Language = st.SessionLanguage
	if !c.Live {
		return ErrSessionEnded
	}
	return nil
}
