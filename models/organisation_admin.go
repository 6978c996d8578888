package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// OrganisationSummary is an organisation with how many people hold a role in it.
type OrganisationSummary struct {
	Organisation
	Members int
}

// AllOrganisations returns every organisation by name, with its number of members.
func (s *Store) AllOrganisations(ctx context.Context) ([]OrganisationSummary, error) {
	var out []OrganisationSummary
	err := s.db.WithContext(ctx).Table("organisations").
		Select("organisations.*, (SELECT COUNT(*) FROM memberships WHERE memberships.organisation_id = organisations.id) AS members").
		Order("name, id").Find(&out).Error
	return out, mapErr(err)
}

// UpdateOrganisation renames an organisation or changes its address, and audits it.
func (s *Store) UpdateOrganisation(ctx context.Context, actorID string, o *Organisation) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Organisation{}).Where("id = ?", o.ID).Updates(map[string]any{"name": o.Name, "url": o.URL})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return tx.Create(newAudit(actorID, "organisation.updated", "organisation:"+o.ID, map[string]any{"name": o.Name, "url": o.URL})).Error
	})
}

// OrganisationMember is a person's role in an organisation, with who they are.
type OrganisationMember struct {
	UserID    string
	Email     string
	Name      string
	Role      string
	CreatedAt time.Time
}

// MembersOf returns an organisation's members by name; erased accounts are left out.
func (s *Store) MembersOf(ctx context.Context, orgID string) ([]OrganisationMember, error) {
	var out []OrganisationMember
	err := s.db.WithContext(ctx).Table("memberships").
		Select("memberships.user_id, users.email, users.name, memberships.role, memberships.created_at").
		Joins("JOIN users ON users.id = memberships.user_id AND users.erased_at IS NULL").
		Where("memberships.organisation_id = ?", orgID).Order("users.name, users.id").Find(&out).Error
	return out, mapErr(err)
}

// RemoveMembership takes a user's role in an organisation away, ends their sessions (their
// tokens carry the role) and audits it; ErrNotFound when they had none.
func (s *Store) RemoveMembership(ctx context.Context, actorID, orgID, userID string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("organisation_id = ? AND user_id = ?", orgID, userID).Delete(&Membership{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		if err := endAllSessions(tx, userID); err != nil {
			return err
		}
		return tx.Create(newAudit(actorID, "membership.removed", "organisation:"+orgID, map[string]any{"user": userID})).Error
	})
}

// UsersWithRole returns the live accounts that hold a platform role, by name.
func (s *Store) UsersWithRole(ctx context.Context, role string) ([]User, error) {
	var out []User
	err := s.db.WithContext(ctx).Where("role = ? AND erased_at IS NULL", role).Order("name, id").Find(&out).Error
	return out, mapErr(err)
}

// SetUserRole gives an account a platform role and audits it. The account's sessions go on:
// their tokens carry the roles they had, and the new role arrives with the next refresh.
func (s *Store) SetUserRole(ctx context.Context, actorID, userID, role string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := updateLive(tx, userID, map[string]any{"role": role}); err != nil {
			return err
		}
		return tx.Create(newAudit(actorID, "user.role_changed", "user:"+userID, map[string]any{"role": role})).Error
	})
}
