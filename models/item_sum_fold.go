package models

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// changedCells are the item-sum cells of queued changes, one row per response, with the
// columns of item_sums; the caller adds the WHERE on the changes, c. level is the dialect's
// rest-level expression.
func changedCells(level string) string {
	const x = "(CASE WHEN r.max_score > 0 THEN r.score / r.max_score ELSE 0 END)"
	return "SELECT c.quiz_slug, c.selection, r.question_id, r.discipline_group, " + level + " AS level, c.sign AS n, " +
		"c.sign * " + x + " AS x, c.sign * " + x + " * " + x + " AS xx, c.sign * r.score AS p, c.sign * r.score * r.score AS pp, " +
		"c.sign * r.rest AS r, c.sign * r.rest * r.rest AS rr, c.sign * " + x + " * r.rest AS xr, " +
		"CASE WHEN r.score >= r.max_score THEN c.sign ELSE 0 END AS right_n " +
		"FROM item_sum_changes c JOIN question_responses r ON r.attempt_id = c.attempt_id"
}

// restLevelSQL is restLevel in SQL: PostgreSQL's CAST rounds, SQLite's truncates.
func (s *Store) restLevelSQL() string {
	if s.postgres {
		return "CAST(floor(r.rest + 0.5) AS bigint)"
	}
	return "CAST(r.rest + 0.5 AS INTEGER)"
}

// foldLockKey is the PostgreSQL advisory lock held by whoever folds item-sum changes, so that
// folds happen one at a time across servers and never wait for each other's rows.
const foldLockKey = 7_201_208_700

// FoldItemSums adds up to limit queued item-sum changes, oldest first, to the item sums and
// deletes them, in one transaction: each change is counted once, whichever server folds it,
// and a fold that fails leaves its changes queued. While another server folds, it folds
// nothing. It returns how many changes it folded.
func (s *Store) FoldItemSums(ctx context.Context, limit int) (int, error) {
	var ids []int64
	if err := s.conn(ctx).Model(&ItemSumChange{}).Order("id").Limit(1).Pluck("id", &ids).Error; err != nil || len(ids) == 0 {
		return 0, mapErr(err) // nothing queued: no transaction, no write lock
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if s.postgres {
			var mine bool
			if err := tx.Raw("SELECT pg_try_advisory_xact_lock(?)", foldLockKey).Scan(&mine).Error; err != nil || !mine {
				ids = nil
				return err
			}
		}
		if err := tx.Model(&ItemSumChange{}).Order("id").Limit(limit).Pluck("id", &ids).Error; err != nil || len(ids) == 0 {
			return err
		}
		return s.foldChanges(tx, "c.id IN ?", ids)
	})
	return len(ids), err
}

// foldChangesOf folds, inside tx, the queued changes of a learner's attempts at a quiz: before
// a regrade replaces the responses they stand for. The caller holds the attempts' locks, so
// no change of theirs is queued meanwhile.
func (s *Store) foldChangesOf(tx *gorm.DB, userID, quiz string) error {
	if s.postgres {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", foldLockKey).Error; err != nil {
			return err
		}
	}
	return s.foldChanges(tx, "c.attempt_id IN (SELECT id FROM quiz_attempts WHERE user_id = ? AND quiz_slug = ?)", userID, quiz)
}

// foldChanges adds the queued changes where says (on the changes, c) to the item sums' slot 0
// and deletes them. The caller holds the fold lock, so no other transaction writes the sums.
func (s *Store) foldChanges(tx *gorm.DB, where string, args ...any) error {
	sums := "INSERT INTO item_sums (quiz_slug, selection, question_id, discipline_group, level, slot, n, x, xx, p, pp, r, rr, xr, right_n) " +
		"SELECT quiz_slug, selection, question_id, discipline_group, level, 0, SUM(n), SUM(x), SUM(xx), SUM(p), SUM(pp), SUM(r), SUM(rr), SUM(xr), SUM(right_n) " +
		"FROM (" + changedCells(s.restLevelSQL()) + " WHERE " + where + ") u WHERE true GROUP BY 1, 2, 3, 4, 5 " +
		"ON CONFLICT (quiz_slug, selection, question_id, discipline_group, level, slot) DO UPDATE SET " + adding("item_sums", "n", "x", "xx", "p", "pp", "r", "rr", "xr", "right_n")
	choices := "INSERT INTO item_choices (quiz_slug, selection, question_id, choice, slot, n) " +
		"SELECT c.quiz_slug, c.selection, r.question_id, r.choice, 0, SUM(c.sign) FROM item_sum_changes c JOIN question_responses r ON r.attempt_id = c.attempt_id " +
		"WHERE r.choice <> '' AND " + where + " GROUP BY 1, 2, 3, 4 " +
		"ON CONFLICT (quiz_slug, selection, question_id, choice, slot) DO UPDATE SET " + adding("item_choices", "n")
	totals := "INSERT INTO item_totals (quiz_slug, selection, slot, n, t, tt) " +
		"SELECT c.quiz_slug, c.selection, 0, SUM(c.sign), SUM(c.sign * c.total), SUM(c.sign * c.total * c.total) FROM item_sum_changes c " +
		"WHERE " + where + " GROUP BY 1, 2 " +
		"ON CONFLICT (quiz_slug, selection, slot) DO UPDATE SET " + adding("item_totals", "n", "t", "tt")
	for _, q := range []string{sums, choices, totals, "DELETE FROM item_sum_changes AS c WHERE " + where} {
		if err := tx.Exec(q, args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// adding is the SET of an upsert that adds the measures to those of the row already there.
func adding(table string, measures ...string) string {
	set := make([]string, len(measures))
	for i, m := range measures {
		set[i] = m + " = " + table + "." + m + " + excluded." + m
	}
	return strings.Join(set, ", ")
}
