package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

// User is an account. Email is stored lower-cased.
type User struct {
	ID           string `gorm:"primaryKey;size:32"`
	Email        string `gorm:"size:254;not null;uniqueIndex"`
	Name         string `gorm:"size:200;not null"`
	Discipline   string `gorm:"size:32;not null;index"`
	Institution  string `gorm:"size:200;not null;default:''"`
	Role         string `gorm:"size:32;not null;default:learner"`
	PasswordHash string `gorm:"size:255;not null"`
	Dashboard    string `gorm:"type:text;not null;default:'{}'"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
	ErasedAt     *time.Time
	// TokenEpoch is carried in every access token; raising it ends every token issued before.
	TokenEpoch      int64 `gorm:"not null;default:0"`
	EmailVerifiedAt *time.Time
	// Language is the interface language the user chose (en, fr, de, it); empty when none.
	Language string `gorm:"size:8;not null;default:''"`
}

// UserPatch holds the fields of a profile update; nil fields stay as they are.
type UserPatch struct {
	Name        *string
	Institution *string
	Discipline  *string
	Dashboard   *string
	Language    *string
}

// CreateUser stores a new user; ErrConflict when the email is taken.
func (s *Store) CreateUser(ctx context.Context, u *User) error {
	if u.ID == "" {
		u.ID = NewID()
	}
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	if u.Dashboard == "" {
		u.Dashboard = "{}"
	}
	return mapErr(s.db.WithContext(ctx).Create(u).Error)
}

// UserByID returns the user with id, or ErrNotFound.
func (s *Store) UserByID(ctx context.Context, id string) (*User, error) {
	var u User
	if err := s.db.WithContext(ctx).Where("id = ? AND erased_at IS NULL", id).Take(&u).Error; err != nil {
		return nil, mapErr(err)
	}
	return &u, nil
}

// UserByEmail returns the user with email (case-insensitive), or ErrNotFound.
func (s *Store) UserByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	err := s.db.WithContext(ctx).Where("email = ? AND erased_at IS NULL", strings.ToLower(strings.TrimSpace(email))).Take(&u).Error
	if err != nil {
		return nil, mapErr(err)
	}
	return &u, nil
}

// UpdateUser applies patch to the user and returns the stored result.
func (s *Store) UpdateUser(ctx context.Context, id string, patch UserPatch) (*User, error) {
	updates := map[string]any{}
	if patch.Name != nil {
		updates["name"] = *patch.Name
	}
	if patch.Institution != nil {
		updates["institution"] = *patch.Institution
	}
	if patch.Discipline != nil {
		updates["discipline"] = *patch.Discipline
	}
	if patch.Dashboard != nil {
		updates["dashboard"] = *patch.Dashboard
	}
	if patch.Language != nil {
		updates["language"] = *patch.Language
	}
	if len(updates) > 0 {
		err := s.tx(ctx, func(tx *gorm.DB) error {
			if err := updateLive(tx, id, updates); err != nil {
				return err
			}
			if patch.Name == nil && patch.Institution == nil && patch.Discipline == nil {
				return nil
			}
			return resummarise(tx, id) // the grid sorts and searches by these
		})
		if err != nil {
			return nil, mapErr(err)
		}
	}
	return s.UserByID(ctx, id)
}

// updateLive applies updates to the user with id unless the account was erased; ErrNotFound
// when there is no such account.
func updateLive(db *gorm.DB, id string, updates map[string]any) error {
	res := db.Model(&User{}).Where("id = ? AND erased_at IS NULL", id).Updates(updates)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// HasUsers reports whether any account exists, erased ones included: the demo fills only an
// instance that nobody has used.
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&User{}).Limit(1).Count(&n).Error; err != nil {
		return false, mapErr(err)
	}
	return n > 0, nil
}

// UsersByIDs returns the users with these ids.
func (s *Store) UsersByIDs(ctx context.Context, ids []string) ([]User, error) {
	var out []User
	if len(ids) == 0 {
		return out, nil
	}
	return out, mapErr(s.db.WithContext(ctx).Where("id IN ?", ids).Find(&out).Error)
}
