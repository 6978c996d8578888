package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateIdempotency keeps the answers to requests that carried an Idempotency-Key.
func migrateIdempotency(tx *gorm.DB) error {
	type idempotentRequest struct {
		Key         string `gorm:"primaryKey;size:300"`
		RequestHash string `gorm:"size:64;not null"`
		Status      int    `gorm:"not null"`
		ContentType string `gorm:"size:100;not null;default:''"`
		Body        []byte
		CreatedAt   time.Time `gorm:"index"`
	}
	return tx.AutoMigrate(&idempotentRequest{})
}
