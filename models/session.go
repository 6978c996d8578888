package models

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"gorm.io/gorm"
)

// Session is one sign-in: a family of refresh tokens, from the login that began it to the
// latest refresh.
type Session struct {
	ID        string // the family id
	CreatedAt time.Time
	LastUsed  time.Time
	ExpiresAt time.Time
}

// SessionsOf lists a user's live sessions (those holding an unspent, unrevoked, unexpired
// refresh token), most recently used first.
func (s *Store) SessionsOf(ctx context.Context, userID string) ([]Session, error) {
	now := time.Now().UTC()
	var tokens []RefreshToken
	err := s.db.WithContext(ctx).Select("family_id", "created_at", "expires_at", "used_at", "revoked_at").
		Where(`user_id = ? AND family_id IN (SELECT family_id FROM refresh_tokens
  WHERE user_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?)`, userID, userID, now).
		Order("created_at").Find(&tokens).Error
	if err != nil {
		return nil, mapErr(err)
	}
	index := map[string]int{}
	out := []Session{}
	for _, t := range tokens {
		i, ok := index[t.FamilyID]
		if !ok {
			i = len(out)
			index[t.FamilyID] = i
			out = append(out, Session{ID: t.FamilyID, CreatedAt: t.CreatedAt.UTC()})
		}
		x := &out[i]
		x.LastUsed = t.CreatedAt.UTC()
		if t.UsedAt == nil && t.RevokedAt == nil {
			x.ExpiresAt = t.ExpiresAt.UTC()
		}
	}
	slices.SortFunc(out, func(a, b Session) int { return b.LastUsed.Compare(a.LastUsed) })
	return out, nil
}

// EndSession revokes the session (refresh-token family) familyID when it is userID's; ending
// an unknown or another user's session changes nothing.
func (s *Store) EndSession(ctx context.Context, userID, familyID string) error {
	return mapErr(s.db.WithContext(ctx).Model(&RefreshToken{}).
		Where("family_id = ? AND user_id = ? AND revoked_at IS NULL", familyID, userID).
		Update("revoked_at", time.Now().UTC()).Error)
}

// EndAllSessions raises the user's token epoch: every refresh-token family and every access
// token issued before ends at once.
func (s *Store) EndAllSessions(ctx context.Context, userID string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := endAllSessions(tx, userID); err != nil {
			return err
		}
		return tx.Create(newAudit(userID, "user.signed_out_everywhere", "user:"+userID, nil)).Error
	})
}

// endAllSessions raises userID's token epoch inside tx, revokes their refresh tokens and
// spends their outstanding password-reset links. Every write that must end all sessions
// (password change or reset, erasure, a role taken away) calls it in its own transaction.
func endAllSessions(tx *gorm.DB, userID string) error {
	now := time.Now().UTC()
	if err := tx.Model(&User{}).Where("id = ?", userID).
		Update("token_epoch", gorm.Expr("token_epoch + 1")).Error; err != nil {
		return err
	}
	if err := tx.Model(&RefreshToken{}).Where("user_id = ? AND revoked_at IS NULL", userID).
		Update("revoked_at", now).Error; err != nil {
		return err
	}
	return tx.Model(&AccountToken{}).Where("user_id = ? AND purpose = ? AND used_at IS NULL", userID, PurposeResetPassword).
		Update("used_at", now).Error
}

// SessionState is what an authenticated request checks against its access token.
type SessionState struct {
	// Epochs holds the token epoch of each user asked about who still has an account.
	Epochs map[string]int64
	// Ended holds the asked-about sessions that were signed out.
	Ended map[string]bool
	// Languages holds each asked-about user's chosen interface language ("" when none).
	Languages map[string]string
}

// SessionStates reads, in one statement, the token epochs of userIDs and which of sessionIDs
// have been ended. Many requests' checks share one call.
func (s *Store) SessionStates(ctx context.Context, userIDs, sessionIDs []string) (SessionState, error) {
	st := SessionState{Epochs: make(map[string]int64, len(userIDs)), Ended: map[string]bool{}, Languages: map[string]string{}}
	if len(sessionIDs) == 0 {
		sessionIDs = []string{""}
	}
	q := s.db.WithContext(ctx).Raw(`SELECT 'u', id, token_epoch, language FROM users WHERE id IN ? AND erased_at IS NULL
UNION ALL
SELECT DISTINCT 's', family_id, 0, '' FROM refresh_tokens WHERE family_id IN ? AND revoked_at IS NOT NULL`, userIDs, sessionIDs)
	err := scanRows(q, func(rows *sql.Rows) error {
		var (
			kind, id, lang string
			epoch          int64
		)
		if err := rows.Scan(&kind, &id, &epoch, &lang); err != nil {
			return err
		}
		if kind == "u" {
			st.Epochs[id] = epoch
			st.Languages[id] = lang
		} else {
			st.Ended[id] = true
		}
		return nil
	})
	return st, mapErr(err)
}
