// The shapes of the API's answers that the UI reads most, as JSDoc types for the type check
// (uitest/tsconfig.json). The served OpenAPI document (/api/v1/openapi.json) is the full
// contract; these follow it. The module exports nothing at run time.

/**
 * Choice is an option, ordering item or matching target of an attempt: an opaque id that
 * holds for this attempt only, and its text.
 * @typedef {object} Choice
 * @property {string} id
 * @property {string} text
 */

/**
 * ShownQuestion is a question as an attempt shows it, before submission: nothing in it gives
 * the key away.
 * @typedef {object} ShownQuestion
 * @property {string} id
 * @property {'single_choice'|'multiple_choice'|'true_false'|'numeric'|'short_text'|'ordering'|'matching'|'judgement'|'reflection'} type
 * @property {string} prompt_html
 * @property {number} points
 * @property {Choice[]} [options]
 * @property {Choice[]} [items]
 * @property {Choice[]} [targets]
 */

/**
 * Answer is a learner's answer to one question, in the attempt's ids.
 * @typedef {object} Answer
 * @property {string} question_id
 * @property {string[]} [choice_ids]
 * @property {number} [value]
 * @property {string} [text]
 * @property {string[]} [order]
 * @property {Record<string, string>} [pairs]
 */

/**
 * Attempt is one attempt at a quiz.
 * @typedef {object} Attempt
 * @property {string} id
 * @property {string} quiz
 * @property {number} number
 * @property {string} started_at
 * @property {string} [deadline]
 * @property {string} [submitted_at]
 * @property {ShownQuestion[]} questions
 * @property {object} [result] the graded attempt, once submitted (AttemptResult in the document)
 * @property {Array<{question_id: string} & Record<string, any>>} [draft] the answers saved so far on an open attempt
 * @property {string} [draft_saved_at]
 */

export {};
