package models

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ErasedName is the name an erased account keeps, and what replaces the person's name and
// address in responses kept for Idempotency-Key retries.
const ErasedName = "Erased learner"

// erasedEmail is the address an erased account keeps: it names nobody and cannot receive mail.
func erasedEmail(userID string) string { return "erased-" + userID + "@erased.invalid" }

// EraseUser erases a user's personal data in one transaction. The account keeps its id and
// learning records (enrolments, completions, attempts, judgement answers, ratings of lessons,
// learning events), which no longer identify anyone, so statistics remain whole. Everything
// else goes:
//
//   - name, email, institution, password and dashboard are replaced, and every session ends
//     at once (the token epoch rises);
//   - refresh tokens, links sent by mail, and every mail to or about the person are deleted;
//   - their notices, notification preferences and digest settings are deleted;
//   - they leave every cohort and team as leaving does (the peer ratings they gave and
//     received there are withdrawn, comments included); the invitations addressed to them and
//     certificate offers made to their address are deleted, and so are their roles in
//     organisations;
//   - the team work they wrote stays with the team without an author (author_id empty):
//     submissions, and the lab issues, severity confirmations and proposals; their choice of
//     what a lab's patient cards show is deleted, and their runs of cards stay as learning
//     records; the comments they wrote on the team's versions are deleted;
//   - the comments of their lesson feedback and the replies to them are cleared; the rating
//     and its kind stay;
//   - the reflection answers they wrote, and markers' comments on them, are cleared; the
//     points stay; marks they gave as a marker stay without a marker (see eraseReflections);
//   - their calibrations and cross-review marks are withdrawn (see eraseCrossReviews);
//   - their certificates lose the name and stay valid (see eraseCertificateHolder);
//   - rate-limit counters named by limitKeys are deleted; the responses kept for their own
//     Idempotency-Key retries are deleted, and in those kept for other people that name
//     them by id or address (a society's offer, say) every JSON string that is their name,
//     email or institution is replaced.
//
// An audit entry records the erasure, by id.
func (s *Store) EraseUser(ctx context.Context, userID string, limitKeys []string) error {
	now := time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		var u User
		if err := tx.Where("id = ? AND erased_at IS NULL", userID).Take(&u).Error; err != nil {
			return err
		}
		if err := updateLive(tx, userID, map[string]any{
			"email": erasedEmail(userID), "name": ErasedName, "institution": "",
			"password_hash": "!", "dashboard": "{}", "erased_at": now,
		}); err != nil {
			return err
		}
		if err := endAllSessions(tx, userID); err != nil {
			return err
		}
		steps := []func(*gorm.DB, *User) error{eraseTokensAndMail, leaveEveryCohort, eraseAuthorship, eraseInvitationsAndOffers, eraseNotifications, eraseReflections, eraseCrossReviews}
		for _, step := range steps {
			if err := step(tx, &u); err != nil {
				return err
			}
		}
		for _, key := range limitKeys {
			if err := tx.Where("key = ?", s.limitKey(key)).Delete(&RateLimit{}).Error; err != nil {
				return err
			}
		}
		if err := eraseIdempotentResponses(tx, &u); err != nil {
			return err
		}
		if err := eraseCertificateHolder(tx, userID, now); err != nil {
			return err
		}
		return tx.Create(newAudit(userID, "user.erased", "user:"+userID, nil)).Error
	})
}

// eraseTokensAndMail deletes refresh tokens, links sent by mail, every mail to the person's
// address or about their account, and the links to learning platforms' users with the scores
// queued for them: none holds anything worth keeping.
func eraseTokensAndMail(tx *gorm.DB, u *User) error {
	for _, table := range []any{&RefreshToken{}, &LTIAccount{}, &OIDCIdentity{}, &OIDCLinkOffer{}, &LTIScore{}} {
		if err := tx.Where("user_id = ?", u.ID).Delete(table).Error; err != nil {
			return err
		}
	}
	if err := tx.Where("user_id = ? OR LOWER(email) = ?", u.ID, u.Email).Delete(&AccountToken{}).Error; err != nil {
		return err
	}
	return tx.Where("user_id = ? OR LOWER(to_address) = ?", u.ID, u.Email).Delete(&OutboxMail{}).Error
}

// leaveEveryCohort takes the person out of every cohort and team as LeaveCohort does, with
// the peer ratings they gave and received withdrawn and the exercise roles they took left
// open, and out of every organisation; the accommodations made for them go too.
func leaveEveryCohort(tx *gorm.DB, u *User) error {
	if err := tx.Where("rater_id = ? OR ratee_id = ?", u.ID, u.ID).Delete(&PeerEvaluation{}).Error; err != nil {
		return err
	}
	for _, table := range []any{&TeamMember{}, &TeamRole{}, &CohortMember{}, &Membership{}, &Accommodation{}} {
		if err := tx.Where("user_id = ?", u.ID).Delete(table).Error; err != nil {
			return err
		}
	}
	if err := resummarise(tx, u.ID); err != nil {
		return err
	}
	// The roles they gave teammates stay with the holders, without who gave them.
	return tx.Model(&TeamRole{}).Where("assigned_by = ?", u.ID).Update("assigned_by", "").Error
}

// eraseAuthorship leaves the team work the person wrote with the team, without an author,
// deletes their lab card displays and their comments on versions of team work, and clears
// what they wrote about lessons and the replies to it.
func eraseAuthorship(tx *gorm.DB, u *User) error {
	for _, work := range []any{&Submission{}, &LabIssue{}, &LabProposal{}} {
		if err := tx.Model(work).Where("author_id = ?", u.ID).Update("author_id", "").Error; err != nil {
			return err
		}
	}
	if err := tx.Model(&LabIssueConfirmation{}).Where("user_id = ?", u.ID).Update("user_id", "").Error; err != nil {
		return err
	}
	if err := tx.Where("user_id = ?", u.ID).Delete(&LabDisplay{}).Error; err != nil {
		return err
	}
	if err := tx.Where("author_id = ?", u.ID).Delete(&SubmissionComment{}).Error; err != nil {
		return err
	}
	return tx.Model(&LessonFeedback{}).Where("user_id = ?", u.ID).Updates(map[string]any{"comment": "", "response": ""}).Error
}

// eraseInvitationsAndOffers deletes the invitations addressed to the person or answered by
// them, and the certificate offers made to their address. Offers made to their account hold
// nothing but ids and stay, as the record of what the society offered.
func eraseInvitationsAndOffers(tx *gorm.DB, u *User) error {
	if err := tx.Where("email = ? OR user_id = ?", u.Email, u.ID).Delete(&CohortInvitation{}).Error; err != nil {
		return err
	}
	return tx.Where("email = ? AND email <> ''", u.Email).Delete(&CertificateOffer{}).Error
}

// idempotencyPage is how many kept responses eraseIdempotentResponses reads at once.
const idempotencyPage = 500

// eraseIdempotentResponses deletes the responses kept for the person's own Idempotency-Key
// retries (their tokens no longer work, so no retry can come) and, in the responses kept for
// other callers, replaces every JSON string that is the person's email (in any case), name or
// institution, so a retry still gets its answer without them in it.
func eraseIdempotentResponses(tx *gorm.DB, u *User) error {
	if err := tx.Where("key LIKE ?", u.ID+":%").Delete(&IdempotentRequest{}).Error; err != nil {
		return err
	}
	r := newJSONRedactor(u)
	after := ""
	for {
		var rows []IdempotentRequest
		if err := tx.Select("key", "body").Where("key > ? AND body IS NOT NULL", after).Order("key").Limit(idempotencyPage).
			Find(&rows).Error; err != nil {
			return err
		}
		for _, row := range rows {
			body, changed := r.redact(row.Body)
			if !changed {
				continue
			}
			if err := tx.Model(&IdempotentRequest{}).Where("key = ?", row.Key).Update("body", body).Error; err != nil {
				return err
			}
		}
		if len(rows) < idempotencyPage {
			return nil
		}
		after = rows[len(rows)-1].Key
	}
}

// jsonRedactor finds JSON strings whose whole value is one of a person's details. It touches
// only a body that names the person, by id or address: another person of the same name, or of
// the same institution, keeps theirs.
type jsonRedactor struct {
	id           []byte
	email        *regexp.Regexp
	patterns     []*regexp.Regexp
	replacements []string
}

func newJSONRedactor(u *User) *jsonRedactor {
	r := &jsonRedactor{id: []byte(u.ID)}
	add := func(value, replacement string, anyCase bool) *regexp.Regexp {
		if strings.TrimSpace(value) == "" {
			return nil
		}
		enc, _ := json.Marshal(value)
		expr := regexp.QuoteMeta(string(enc))
		if anyCase {
			expr = "(?i)" + expr
		}
		rep, _ := json.Marshal(replacement)
		p := regexp.MustCompile(expr)
		r.patterns = append(r.patterns, p)
		r.replacements = append(r.replacements, string(rep))
		return p
	}
	r.email = add(u.Email, erasedEmail(u.ID), true)
	add(u.Name, ErasedName, false)
	add(u.Institution, "", false)
	return r
}

// redact returns body with the person's details replaced, and whether anything was.
func (r *jsonRedactor) redact(body []byte) ([]byte, bool) {
	if !bytes.Contains(body, r.id) && (r.email == nil || !r.email.Match(body)) {
		return body, false
	}
	changed := false
	for i, p := range r.patterns {
		if p.Match(body) {
			body = p.ReplaceAllLiteral(body, []byte(r.replacements[i]))
			changed = true
		}
	}
	return body, changed
}
