package models

import (
	"time"

	"gorm.io/gorm"
)

// notification202612062001 is the notifications table as this migration creates it.
type notification202612062001 struct {
	ID         string     `gorm:"primaryKey;size:32;index:idx_notification_user,priority:2"`
	UserID     string     `gorm:"size:32;not null;index:idx_notification_user,priority:1;uniqueIndex:idx_notification_once,priority:1"`
	Kind       string     `gorm:"size:64;not null"`
	Title      string     `gorm:"size:300;not null"`
	Body       string     `gorm:"size:2000;not null;default:''"`
	Link       string     `gorm:"size:500;not null;default:''"`
	OnceKey    *string    `gorm:"size:200;uniqueIndex:idx_notification_once,priority:2"`
	Email      string     `gorm:"size:16;not null;default:'';index:idx_notification_digest,priority:1"`
	DigestedAt *time.Time `gorm:"index:idx_notification_digest,priority:2"`
	ReadAt     *time.Time
	CreatedAt  time.Time
}

func (notification202612062001) TableName() string { return "notifications" }

// notificationPreference202612062001 is the notification_preferences table as created here.
type notificationPreference202612062001 struct {
	UserID string `gorm:"primaryKey;size:32"`
	Kind   string `gorm:"primaryKey;size:64"`
	Email  string `gorm:"size:16;not null"`
}

func (notificationPreference202612062001) TableName() string { return "notification_preferences" }

// notificationSetting202612062001 is the notification_settings table as created here.
type notificationSetting202612062001 struct {
	UserID     string `gorm:"primaryKey;size:32"`
	TimeZone   string `gorm:"size:64;not null;default:''"`
	DigestedOn string `gorm:"size:10;not null;default:''"`
	LeaseOwner string `gorm:"size:64;not null;default:''"`
	LeaseUntil *time.Time
}

func (notificationSetting202612062001) TableName() string { return "notification_settings" }

// migrateNotifications creates the in-app notices, the per-kind mail preferences and the
// daily digest's settings and leases.
func migrateNotifications(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&notification202612062001{}, &notificationPreference202612062001{}, &notificationSetting202612062001{})
}
