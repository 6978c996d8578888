package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/errs"
)

// notificationRoutes adds the caller's own notices and notification settings. Every route
// reads or writes only the caller's: no role, staff included, reads another person's notices.
func (s *Server) notificationRoutes(authed *gin.RouterGroup) {
	authed.GET("/me/notifications", s.ListMyNotifications)
	authed.GET("/me/notifications/unread-count", s.CountMyUnreadNotifications)
	authed.POST("/me/notifications/read", s.MarkAllMyNotificationsRead)
	authed.POST("/me/notifications/:id/read", s.MarkMyNotificationRead)
	authed.GET("/me/notification-preferences", s.GetMyNotificationPreferences)
	authed.PUT("/me/notification-preferences", s.SetMyNotificationPreferences)
}

// ListMyNotifications lists the caller's notices, newest first (?unread=true for unread
// only), a page at a time, with the unread count.
func (s *Server) ListMyNotifications(c *gin.Context) {
	limit, ok := pageLimit(c)
	if !ok {
		return
	}
	unread := c.Query("unread")
	if unread != "" && unread != "true" && unread != "false" {
		fail(c, errs.Invalid(map[string]string{"unread": "must be true or false"}))
		return
	}
	ctx, me := c.Request.Context(), callerID(c)
	items, err := s.notices.List(ctx, me, unread == "true", c.Query("cursor"), limit)
	if err != nil {
		fail(c, err)
		return
	}
	count, err := s.notices.Unread(ctx, me)
	if err != nil {
		fail(c, err)
		return
	}
	next := ""
	if len(items) == limit {
		next = items[len(items)-1].ID
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "next_cursor": next, "unread": count})
}

// CountMyUnreadNotifications answers how many of the caller's notices are unread.
func (s *Server) CountMyUnreadNotifications(c *gin.Context) {
	n, err := s.notices.Unread(c.Request.Context(), callerID(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"unread": n})
}

// MarkMyNotificationRead marks one of the caller's notices read.
func (s *Server) MarkMyNotificationRead(c *gin.Context) {
	ctx, me := c.Request.Context(), callerID(c)
	if err := s.notices.MarkRead(ctx, me, c.Param("id")); err != nil {
		fail(c, err)
		return
	}
	s.CountMyUnreadNotifications(c)
}

// MarkAllMyNotificationsRead marks every unread notice of the caller read.
func (s *Server) MarkAllMyNotificationsRead(c *gin.Context) {
	n, err := s.notices.MarkAllRead(c.Request.Context(), callerID(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"marked": n, "unread": 0})
}

// GetMyNotificationPreferences returns how each kind of notice reaches the caller.
func (s *Server) GetMyNotificationPreferences(c *gin.Context) {
	p, err := s.notices.PreferencesOf(c.Request.Context(), callerID(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

type notificationPreferencesRequest struct {
	TimeZone string            `json:"time_zone" binding:"max=64"`
	Email    map[string]string `json:"email" binding:"required,max=20"`
}

// SetMyNotificationPreferences saves how each kind of notice is mailed to the caller.
func (s *Server) SetMyNotificationPreferences(c *gin.Context) {
	var req notificationPreferencesRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	p, err := s.notices.SetPreferences(c.Request.Context(), callerID(c), req.TimeZone, req.Email)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}
