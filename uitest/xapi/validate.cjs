// Validates xAPI statements with Learning Locker's validator (npm @learninglocker/xapi-validation).
// Reads a JSON array of statements on stdin and prints a JSON array with, for each statement,
// the list of problems found (empty when valid). Used by Tandem's Go tests only.
'use strict';
const validate = require('@learninglocker/xapi-validation').default;

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const problems = JSON.parse(input).map((statement) => validate(statement).map((w) =>
    `${w.constructor.name} at ${(w.path || []).join('.')}: ${JSON.stringify(w.data)}`.slice(0, 500)));
  process.stdout.write(JSON.stringify(problems));
});
