package handlers_test

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"tandem/attempts"
	"tandem/auth"
	"tandem/testenv"
	"tandem/testenv/ltiplatform"
)

// The callers of the matrix.
const (
	anon       = "anonymous"
	learner    = "learner"      // member of cohort A, in a team, holds a certificate of society S
	other      = "other"        // a learner in no cohort
	instrA     = "instructorA"  // runs cohort A
	instrB     = "instructorB"  // runs another cohort
	socS       = "societyAdmin" // administers society S, the issuer
	socT       = "otherSociety" // administers another society
	admin      = "admin"
	everyone   = "*"
	signedIn   = "+"
	instructed = "instructors" // any platform instructor, and admins
)

var matrixRoles = []string{anon, learner, other, instrA, instrB, socS, socT, admin}

type rule struct {
	allowed []string
	body    any
	ends    bool // the call ends the caller's sessions: the matrix signs them in again
	// showsKeys: the operation shows the roles it allows which answers are right, so the
	// answer-leak check passes over their responses; every other role's are still checked.
	showsKeys bool
}

// matrix says who may call each documented operation. A caller not allowed must get 401, 403
// or 404; an allowed one anything but those (400 or 422 for a partial body is fine) and never 5xx.
var matrix = map[string]rule{
	"GET /healthz":                                         {allowed: []string{everyone}},
	"GET /readyz":                                          {allowed: []string{everyone}},
	"GET /.well-known/jwks.json":                           {allowed: []string{everyone}},
	"GET /api/v1/openapi.json":                             {allowed: []string{everyone}},
	"POST /api/v1/auth/register":                           {allowed: []string{everyone}, body: map[string]any{}},
	"POST /api/v1/auth/login":                              {allowed: []string{everyone}, body: map[string]any{}},
	"POST /api/v1/auth/refresh":                            {allowed: []string{everyone}, body: map[string]any{}},
	"POST /api/v1/auth/logout":                             {allowed: []string{signedIn}, body: map[string]any{}},
	"GET /api/v1/me":                                       {allowed: []string{signedIn}},
	"PATCH /api/v1/me":                                     {allowed: []string{signedIn}, body: map[string]any{}},
	"DELETE /api/v1/me":                                    {allowed: []string{signedIn}, body: map[string]any{"password": "not it"}},
	"GET /api/v1/me/export":                                {allowed: []string{signedIn}},
	"GET /api/v1/me/progress":                              {allowed: []string{signedIn}},
	"GET /api/v1/me/statements":                            {allowed: []string{signedIn}},
	"GET /api/v1/me/feedback":                              {allowed: []string{signedIn}},
	"GET /api/v1/me/certificates":                          {allowed: []string{signedIn}},
	"GET /api/v1/me/organisations":                         {allowed: []string{signedIn}},
	"GET /api/v1/me/teams":                                 {allowed: []string{signedIn}},
	"GET /api/v1/me/notifications":                         {allowed: []string{signedIn}},
	"GET /api/v1/me/notifications/unread-count":            {allowed: []string{signedIn}},
	"POST /api/v1/me/notifications/read":                   {allowed: []string{signedIn}},
	"POST /api/v1/me/notifications/{id}/read":              {allowed: []string{learner}}, // the learner's notice that a team was formed
	"GET /api/v1/me/notification-preferences":              {allowed: []string{signedIn}},
	"PUT /api/v1/me/notification-preferences":              {allowed: []string{signedIn}, body: map[string]any{"email": map[string]string{}}},
	"GET /api/v1/tracks":                                   {allowed: []string{everyone}},
	"GET /api/v1/tracks/{track}":                           {allowed: []string{everyone}},
	"POST /api/v1/tracks/{track}/enrol":                    {allowed: []string{signedIn}},
	"GET /api/v1/modules/{module}":                         {allowed: []string{everyone}},
	"GET /api/v1/lessons/{lesson}":                         {allowed: []string{everyone}},
	"POST /api/v1/lessons/{lesson}/complete":               {allowed: []string{signedIn}},
	"POST /api/v1/lessons/{lesson}/feedback":               {allowed: []string{signedIn}, body: map[string]any{"rating": 4, "kind": "praise"}},
	"GET /api/v1/lessons/{lesson}/feedback":                {allowed: []string{signedIn}},
	"GET /api/v1/glossary":                                 {allowed: []string{everyone}},
	"GET /api/v1/i18n/{lang}":                              {allowed: []string{everyone}},
	"GET /api/v1/case-studies":                             {allowed: []string{everyone}},
	"GET /api/v1/case-studies/{slug}":                      {allowed: []string{everyone}},
	"GET /api/v1/exercises":                                {allowed: []string{everyone}},
	"GET /api/v1/exercises/{slug}":                         {allowed: []string{everyone}},
	"POST /api/v1/quizzes/{quiz}/attempts":                 {allowed: []string{signedIn}},
	"GET /api/v1/quizzes/{quiz}":                           {allowed: []string{everyone}},
	"GET /api/v1/quizzes/{quiz}/statistics":                {allowed: []string{admin}, showsKeys: true}, // item analysis: each option's count and whether it is right
	"GET /api/v1/accommodations":                           {allowed: []string{admin}},
	"PUT /api/v1/accommodations":                           {allowed: []string{admin}, body: map[string]any{"extra_minutes": 5}},
	"DELETE /api/v1/accommodations/{id}":                   {allowed: []string{}},
	"GET /api/v1/me/accommodations":                        {allowed: []string{signedIn}},
	"GET /api/v1/regrades":                                 {allowed: []string{admin}},
	"GET /api/v1/cohorts/{id}/open-attempts":               {allowed: []string{instrA, admin}},
	"GET /api/v1/quizzes/{quiz}/regrade":                   {allowed: []string{admin}},
	"POST /api/v1/quizzes/{quiz}/regrade":                  {allowed: []string{admin}, body: map[string]any{}},
	"POST /api/v1/attempts/{id}/extension":                 {allowed: []string{admin}, body: map[string]any{"minutes": 5}},
	"GET /api/v1/me/attempts":                              {allowed: []string{signedIn}},
	"GET /api/v1/attempts/{id}":                            {allowed: []string{learner}},
	"POST /api/v1/attempts/{id}/submit":                    {allowed: []string{learner}, body: map[string]any{"answers": []any{}}},
	"PUT /api/v1/attempts/{id}/draft":                      {allowed: []string{learner}, body: map[string]any{"answers": []any{}}},
	"GET /api/v1/questions/{id}/perspectives":              {allowed: []string{learner}},
	"GET /api/v1/feedback":                                 {allowed: []string{instructed}},
	"PATCH /api/v1/feedback/{id}":                          {allowed: []string{instrA, admin}, body: map[string]any{"status": "resolved", "response": "Thanks."}},
	"GET /api/v1/cohorts":                                  {allowed: []string{signedIn}},
	"POST /api/v1/cohorts":                                 {allowed: []string{instructed}, body: map[string]any{}},
	"GET /api/v1/cohorts/{id}":                             {allowed: []string{learner, instrA, admin}},
	"PATCH /api/v1/cohorts/{id}":                           {allowed: []string{instrA, admin}, body: map[string]any{}},
	"POST /api/v1/cohorts/{id}/members":                    {allowed: []string{instrA, admin}, body: map[string]any{"emails": []string{"nobody@tandem.test"}}},
	"GET /api/v1/cohorts/{id}/members":                     {allowed: []string{instrA, admin}},
	"POST /api/v1/cohorts/{id}/invitations":                {allowed: []string{instrA, admin}, body: map[string]any{"invitations": []map[string]string{{"email": "nobody@tandem.test"}}}},
	"POST /api/v1/cohorts/{id}/invitations/import":         {allowed: []string{instrA, admin}, body: "email\nnobody@tandem.test\n"},
	"DELETE /api/v1/cohorts/{id}/invitations/{invitation}": {allowed: []string{instrA, admin}},
	"POST /api/v1/cohorts/{id}/join-code":                  {allowed: []string{instrA, admin}, body: map[string]any{}},
	"DELETE /api/v1/cohorts/{id}/join-code":                {allowed: []string{instrA, admin}},
	"POST /api/v1/cohorts/{id}/leave":                      {allowed: []string{learner}},
	"GET /api/v1/me/invitations":                           {allowed: []string{signedIn}},
	"POST /api/v1/invitations/lookup":                      {allowed: []string{everyone}},
	"POST /api/v1/invitations/{id}/accept":                 {allowed: []string{other}},
	"POST /api/v1/invitations/{id}/decline":                {allowed: []string{other}},
	"POST /api/v1/join-codes/lookup":                       {allowed: []string{signedIn}},
	"POST /api/v1/join-codes/redeem":                       {allowed: []string{signedIn}},
	"GET /api/v1/me/offers":                                {allowed: []string{signedIn}},
	"GET /api/v1/me/applications":                          {allowed: []string{signedIn}},
	"POST /api/v1/offers/{id}/accept":                      {allowed: []string{learner}},
	"POST /api/v1/offers/{id}/decline":                     {allowed: []string{learner}},
	"GET /api/v1/programmes/{id}/applications":             {allowed: []string{socS, admin}},
	"POST /api/v1/cohorts/{id}/instructors":                {allowed: []string{instrA, admin}, body: map[string]any{"email": "nobody@tandem.test"}},
	"GET /api/v1/cohorts/{id}/progress":                    {allowed: []string{instrA, admin}},
	"GET /api/v1/cohorts/{id}/learners/{user}":             {allowed: []string{instrA, admin}},
	"GET /api/v1/cohorts/{id}/statements":                  {allowed: []string{instrA, admin}},
	"POST /api/v1/cohorts/{id}/teams/form":                 {allowed: []string{instrA, admin}, body: map[string]any{"team_size": 2, "preview": true}},
	"GET /api/v1/cohorts/{id}/teams":                       {allowed: []string{learner, instrA, admin}},
	"GET /api/v1/cohorts/{id}/submissions":                 {allowed: []string{instrA, admin}},
	"GET /api/v1/cohorts/{id}/reflections":                 {allowed: []string{instrA, admin}},
	"POST /api/v1/cohorts/{id}/reflections/marks": {allowed: []string{instrA, admin},
		body: map[string]any{"attempt_id": "none", "question_id": "nope", "scores": map[string]int{}, "comment": "c"}},
	"GET /api/v1/cohorts/{id}/exercises":                             {allowed: []string{learner, instrA, admin}},
	"PUT /api/v1/cohorts/{id}/exercises":                             {allowed: []string{instrA, admin}, body: map[string]any{"exercises": []any{}}},
	"GET /api/v1/teams/{id}":                                         {allowed: []string{learner, instrA, admin}},
	"POST /api/v1/teams/{id}/submissions":                            {allowed: []string{learner}, body: map[string]any{"exercise": "nope", "body_markdown": "x"}},
	"GET /api/v1/teams/{id}/submissions":                             {allowed: []string{learner, instrA, admin}},
	"POST /api/v1/teams/{id}/peer-evaluations":                       {allowed: []string{learner}, body: map[string]any{"exercise": "nope", "ratee_id": "x", "ratings": map[string]int{}}},
	"GET /api/v1/teams/{id}/peer-evaluations":                        {allowed: []string{instrA, admin}},
	"GET /api/v1/teams/{id}/peer-evaluations/mine":                   {allowed: []string{learner}},
	"POST /api/v1/submissions/{id}/reviews":                          {allowed: []string{instrA, admin}, body: map[string]any{"decision": "maybe", "scores": map[string]int{}}},
	"POST /api/v1/organisations":                                     {allowed: []string{admin}, body: map[string]any{}},
	"POST /api/v1/organisations/{id}/members":                        {allowed: []string{socS, admin}, body: map[string]any{"email": "nobody@tandem.test", "role": "member"}},
	"POST /api/v1/organisations/{id}/programmes":                     {allowed: []string{socS, admin}, body: map[string]any{"title": "T", "tracks": []string{"nope"}}},
	"POST /api/v1/organisations/{id}/keys/rotate":                    {allowed: []string{socS, admin}},
	"GET /api/v1/programmes":                                         {allowed: []string{everyone}},
	"GET /api/v1/programmes/{id}":                                    {allowed: []string{everyone}},
	"GET /api/v1/programmes/{id}/achievement":                        {allowed: []string{everyone}},
	"GET /api/v1/programmes/{id}/image":                              {allowed: []string{everyone}},
	"GET /api/v1/programmes/{id}/eligibility":                        {allowed: []string{signedIn}},
	"POST /api/v1/programmes/{id}/claim":                             {allowed: []string{signedIn}},
	"POST /api/v1/programmes/{id}/certificates":                      {allowed: []string{socS, admin}, body: map[string]any{"user_id": "nobody"}},
	"GET /api/v1/programmes/{id}/certificates":                       {allowed: []string{socS, admin}},
	"GET /api/v1/certificates/{serial}/verify":                       {allowed: []string{everyone}},
	"GET /api/v1/certificates/{serial}/credential":                   {allowed: []string{everyone}},
	"GET /api/v1/certificates/{serial}/pdf":                          {allowed: []string{everyone}},
	"POST /api/v1/certificates/{serial}/revoke":                      {allowed: []string{socS, admin}, body: map[string]any{"reason": ""}},
	"GET /api/v1/issuers/{id}":                                       {allowed: []string{everyone}},
	"GET /api/v1/issuers/{id}/jwks.json":                             {allowed: []string{everyone}},
	"GET /api/v1/issuers/{id}/keys/{kid}":                            {allowed: []string{everyone}},
	"GET /api/v1/issuers/{id}/revocations":                           {allowed: []string{everyone}},
	"GET /api/v1/issuers/{id}/status/{list}":                         {allowed: []string{everyone}},
	"GET /api/v1/audit":                                              {allowed: []string{admin}},
	"GET /api/v1/organisations":                                      {allowed: []string{admin}},
	"GET /api/v1/organisations/{id}":                                 {allowed: []string{socS, admin}},
	"GET /api/v1/organisations/{id}/members":                         {allowed: []string{socS, admin}},
	"PUT /api/v1/organisations/{id}/members/{user}":                  {allowed: []string{socS, admin}, body: map[string]any{"role": "member"}},
	"DELETE /api/v1/organisations/{id}/members/{user}":               {allowed: []string{socS, admin}},
	"GET /api/v1/organisations/{id}/programmes":                      {allowed: []string{socS, admin}},
	"GET /api/v1/organisations/{id}/certificates":                    {allowed: []string{socS, admin}},
	"PATCH /api/v1/programmes/{id}":                                  {allowed: []string{socS, admin}, body: map[string]any{"title": "T", "tracks": []string{"nope"}}},
	"POST /api/v1/programmes/{id}/retire":                            {allowed: []string{socS, admin}},
	"POST /api/v1/certificates/{serial}/reissue":                     {allowed: []string{socS, admin}},
	"GET /api/v1/instructors":                                        {allowed: []string{admin}},
	"POST /api/v1/instructors":                                       {allowed: []string{admin}, body: map[string]any{"email": "not an address"}},
	"POST /api/v1/gift-imports":                                      {allowed: []string{instructed}, body: map[string]any{"gift": "Is it? {T}", "module": "clin-data"}},
	"POST /api/v1/me/verification-email":                             {allowed: []string{signedIn}},
	"POST /api/v1/me/password":                                       {allowed: []string{signedIn}, body: map[string]any{"current_password": "not it", "new_password": "x"}},
	"POST /api/v1/me/email":                                          {allowed: []string{signedIn}, body: map[string]any{"email": "new@tandem.test", "password": "not it"}},
	"GET /api/v1/me/sessions":                                        {allowed: []string{signedIn}},
	"DELETE /api/v1/me/sessions":                                     {allowed: []string{signedIn}, ends: true},
	"DELETE /api/v1/me/sessions/{id}":                                {allowed: []string{signedIn}},
	"POST /api/v1/auth/verify-email":                                 {allowed: []string{everyone}, body: map[string]any{"token": "not a token"}},
	"POST /api/v1/auth/password-reset":                               {allowed: []string{everyone}, body: map[string]any{"email": "nobody@tandem.test"}},
	"POST /api/v1/auth/password-reset/confirm":                       {allowed: []string{everyone}, body: map[string]any{"token": "not a token", "password": "a long enough passphrase"}},
	"GET /api/v1/labs":                                               {allowed: []string{everyone}},
	"GET /api/v1/labs/{slug}":                                        {allowed: []string{everyone}},
	"GET /api/v1/labs/{slug}/validation":                             {allowed: []string{everyone}},
	"GET /api/v1/labs/{slug}/metrics":                                {allowed: []string{everyone}},
	"GET /api/v1/labs/{slug}/guide":                                  {allowed: []string{instructed}},
	"GET /lti/login":                                                 {allowed: []string{everyone}},
	"POST /lti/login":                                                {allowed: []string{everyone}},
	"POST /lti/launch":                                               {allowed: []string{everyone}},
	"GET /lti/signed-in":                                             {allowed: []string{everyone}},
	"GET /api/v1/lti/jwks.json":                                      {allowed: []string{everyone}},
	"POST /api/v1/lti/sessions":                                      {allowed: []string{everyone}, body: map[string]any{"code": "not a code"}},
	"GET /api/v1/lti/registrations":                                  {allowed: []string{admin}},
	"POST /api/v1/lti/registrations":                                 {allowed: []string{admin}, body: map[string]any{}},
	"GET /api/v1/lti/registrations/{id}":                             {allowed: []string{admin}},
	"PUT /api/v1/lti/registrations/{id}":                             {allowed: []string{admin}, body: map[string]any{}},
	"DELETE /api/v1/lti/registrations/{id}":                          {allowed: []string{admin}},
	"POST /api/v1/lti/keys/rotate":                                   {allowed: []string{admin}},
	"POST /lti/deep-links/{id}/return":                               {allowed: []string{everyone}},
	"GET /api/v1/auth/providers":                                     {allowed: []string{everyone}},
	"GET /auth/oidc/{provider}/start":                                {allowed: []string{}}, // no provider here: 404 for all; oidc_test.go signs in
	"GET /auth/oidc/callback":                                        {allowed: []string{everyone}},
	"POST /api/v1/auth/oidc/links":                                   {allowed: []string{everyone}, body: map[string]any{"code": "not a code", "password": "x"}},
	"GET /api/v1/me/oidc-links":                                      {allowed: []string{signedIn}},
	"POST /api/v1/me/oidc-links":                                     {allowed: []string{signedIn}, body: map[string]any{"provider": "none"}},
	"GET /api/v1/lti/deep-links/{id}":                                {allowed: []string{}},
	"POST /api/v1/lti/deep-links/{id}/response":                      {allowed: []string{}, body: map[string]any{"items": []any{}}},
	"GET /api/v1/lti/cohorts/{id}/scores":                            {allowed: []string{instrA}},
	"POST /api/v1/lti/cohorts/{id}/scores/retry":                     {allowed: []string{instrA}, body: map[string]any{}},
	"POST /api/v1/lti/cohorts/{id}/roster-sync":                      {allowed: []string{instrA}},
	"POST /api/v1/lti/registration-links":                            {allowed: []string{admin}},
	"GET /lti/register":                                              {allowed: []string{everyone}},
	"POST /api/v1/auth/exchange":                                     {allowed: []string{everyone}, body: map[string]any{"code": "not a code"}},
	"DELETE /api/v1/me/oidc-links/{provider}":                        {allowed: []string{signedIn}, body: map[string]any{"password": "not it"}},
	"GET /api/v1/submissions/{id}/comments":                          {allowed: []string{learner, instrA}},
	"POST /api/v1/submissions/{id}/comments":                         {allowed: []string{learner, instrA}, body: map[string]any{"body_markdown": ""}},
	"GET /api/v1/cohorts/{id}/cross-reviews/{exercise}":              {allowed: []string{learner, instrA, admin}},
	"PUT /api/v1/cohorts/{id}/cross-reviews/{exercise}":              {allowed: []string{instrA, admin}, body: map[string]any{"example_markdown": "x", "example_marks": map[string]any{}, "groups": map[string]any{}}},
	"POST /api/v1/cohorts/{id}/cross-reviews/{exercise}/assign":      {allowed: []string{instrA, admin}, body: map[string]any{}},
	"POST /api/v1/cohorts/{id}/cross-reviews/{exercise}/calibration": {allowed: []string{learner}, body: map[string]any{"marks": map[string]any{}}},
	"PUT /api/v1/cohorts/{id}/cross-reviews/{exercise}/review":       {allowed: []string{learner}, body: map[string]any{"marks": map[string]any{}}},
	"GET /api/v1/cohorts/{id}/cross-reviews/{exercise}/results":      {allowed: []string{instrA, admin}},
	"GET /api/v1/teams/{id}/roles":                                   {allowed: []string{learner, instrA, admin}},
	"PUT /api/v1/teams/{id}/roles":                                   {allowed: []string{learner}, body: map[string]any{"exercise": "nope", "role": "x"}},
	"POST /api/v1/markdown/preview":                                  {allowed: []string{signedIn}, body: map[string]any{"markdown": "x"}},
	"PATCH /api/v1/organisations/{id}":                               {allowed: []string{socS, admin}, body: map[string]any{"name": ""}},
	"GET /api/v1/programmes/{id}/translations":                       {allowed: []string{everyone}},
	"PUT /api/v1/programmes/{id}/translations/{lang}":                {allowed: []string{socS, admin}, body: map[string]any{"title": "", "description": ""}},
	"DELETE /api/v1/programmes/{id}/translations/{lang}":             {allowed: []string{socS, admin}},
	// A team's work on a lab: members write, the cohort's instructors read.
	"GET /api/v1/teams/{id}/labs/{slug}/issues":                        {allowed: []string{learner, instrA, admin}},
	"POST /api/v1/teams/{id}/labs/{slug}/issues":                       {allowed: []string{learner}, body: map[string]any{"severity": 9}},
	"POST /api/v1/teams/{id}/labs/{slug}/issues/{issue}/confirmations": {allowed: []string{learner}, body: map[string]any{"severity": 9}},
	"GET /api/v1/teams/{id}/labs/{slug}/proposals":                     {allowed: []string{learner, instrA, admin}},
	"POST /api/v1/teams/{id}/labs/{slug}/proposals":                    {allowed: []string{learner}, body: map[string]any{"fix": "nope"}},
	// Patient cards: each learner's display; runs are the learner's own, read by instructors.
	"GET /api/v1/labs/{slug}/display":                 {allowed: []string{signedIn}},
	"PUT /api/v1/labs/{slug}/display":                 {allowed: []string{signedIn}, body: map[string]any{"items": []string{"nope"}}},
	"POST /api/v1/teams/{id}/labs/{slug}/runs":        {allowed: []string{learner}},
	"GET /api/v1/teams/{id}/labs/{slug}/runs":         {allowed: []string{learner, instrA, admin}},
	"GET /api/v1/lab-runs/{id}":                       {allowed: []string{learner}},
	"POST /api/v1/lab-runs/{id}/decisions":            {allowed: []string{learner}, body: map[string]any{"position": -1}},
	"POST /api/v1/teams/{id}/labs/{slug}/submissions": {allowed: []string{learner}, body: map[string]any{"proposal": "nope"}},
	"GET /api/v1/cohorts/{id}/labs/{slug}/debrief":    {allowed: []string{instrA, admin}},
	"POST /api/v1/lab-runs/{id}/workload":             {allowed: []string{learner}, body: map[string]any{}},
}

// answerTexts are explanations and trade-offs of the test quizzes that the fixtures have not
// been shown yet (the open attempt is at clin-deployment-quiz), and keys; no GET may contain
// them, except a showsKeys operation's response to a role it allows.
var answerTexts = []string{"Its parameters are frozen unless someone retrains it", `"answer":`, `"tolerance"`,
	`"tradeoffs"`, `"correct":true`}

func (r rule) allows(role string) bool {
	switch {
	case slices.Contains(r.allowed, everyone), slices.Contains(r.allowed, role):
		return true
	case slices.Contains(r.allowed, signedIn):
		return role != anon
	case slices.Contains(r.allowed, instructed):
		return role == instrA || role == instrB || role == admin
	}
	return false
}

func TestAuthorisationMatrix(t *testing.T) {
	env := testenv.NewWith(t, testenv.OwnDatabase(t, testenv.Config(t))) // its attempts unlock the item analysis, which counts every attempt of the platform
	users := map[string]*testenv.User{
		learner: env.Learner("medicine"), other: env.Learner("computer_science"),
		instrA: env.WithRole(auth.RoleInstructor, "medicine"), instrB: env.WithRole(auth.RoleInstructor, "data_science"),
		admin: env.WithRole(auth.RoleAdmin, "other"),
	}
	orgS, programme, sa := society(t, env, users[admin], "Issuing society")
	_, _, ta := society(t, env, users[admin], "Other society")
	users[socS], users[socT] = sa, ta
	teammate := env.Learner("engineering")
	cohortA := newCohort(t, env, users[instrA], users[learner], teammate)
	newCohort(t, env, users[instrB], users[other])
	formed := formPairs(t, env, users[instrA], cohortA, 5)
	team := formed.Teams[0].ID
	sub := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: users[learner].AccessToken,
		Body: map[string]any{"exercise": env.App.Catalog.Exercises()[0].Slug, "body_markdown": "Work."}}).JSON(t)["id"].(string)
	setUpCrossReview(t, env, users[instrA], cohortA)
	finishClinicians(t, env, users[learner])
	unlockItemAnalysis(t, env)
	serial := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programme + "/claim", Token: users[learner].AccessToken}).JSON(t)["serial"].(string)
	attempt := start(t, env, users[learner], "clin-deployment-quiz").ID
	lesson := env.App.Catalog.Lessons()[0].Slug
	fb := giveFeedback(env, users[learner], lesson, 2, "unclear", "Why?").JSON(t)["id"].(string)
	issue := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/labs/" + env.App.Catalog.Labs()[0].Slug + "/issues",
		Token: users[learner].AccessToken, Body: goodIssue()}).JSON(t)["id"].(string)
	run := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/labs/" + env.App.Catalog.Labs()[0].Slug + "/runs",
		Token: users[learner].AccessToken}).JSON(t)["id"].(string)

	consent := consentFixtures(t, env, users, cohortA, programme)
	ids := map[string]string{"attempts": attempt, "cohorts": cohortA, "teams": team, "submissions": sub, "organisations": orgS,
		"programmes": programme, "issuers": orgS, "feedback": fb, "questions": evalQuiz + ".judge",
		"invitations": consent.invitation, "offers": consent.offer, "sessions": "no-such-session", "registrations": ltiRegistration(t, env, users[admin]),
		"deep-links": "no-such-request", "lab-runs": run, "accommodations": "no-such-accommodation"}
	ids["notifications"] = firstNotice(t, env, users[learner])
	jwks := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/issuers/" + orgS + "/jwks.json"}).JSON(t)
	keyURL := jwks["keys"].([]any)[0].(map[string]any)["kid"].(string)
	kid := keyURL[strings.LastIndex(keyURL, "/")+1:]
	slugs := map[string]string{"case-studies": env.App.Catalog.CaseStudies()[0].Slug, "exercises": env.App.Catalog.Exercises()[0].Slug,
		"labs": env.App.Catalog.Labs()[0].Slug}
	fill := func(op, path string) string {
		parts := strings.Split(path, "/")
		for i, p := range parts {
			switch p {
			case "{track}":
				parts[i] = "clinicians"
			case "{module}":
				parts[i] = "clin-evaluation"
			case "{lesson}":
				parts[i] = lesson
			case "{quiz}":
				parts[i] = evalQuiz
			case "{serial}":
				parts[i] = serial
			case "{list}":
				parts[i] = "1"
			case "{lang}":
				parts[i] = "de"
			case "{kid}":
				parts[i] = kid
			case "{slug}":
				parts[i] = slugs[parts[i-1]]
			case "{exercise}":
				parts[i] = slugs["exercises"]
			case "{invitation}":
				parts[i] = consent.invitation
			case "{issue}":
				parts[i] = issue
			case "{provider}":
				parts[i] = "none"
			case "{user}":
				// A cohort's learner is cohort A's; otherwise each call takes away a role of its own.
				parts[i] = users[learner].ID
				if parts[i-1] != "learners" {
					parts[i] = orgMember(t, env, users[admin], orgS)
				}
			case "{id}":
				parts[i] = ids[parts[i-1]]
				if c, ok := consent.cohorts[op]; ok && parts[i-1] == "cohorts" {
					parts[i] = c
				}
				if op == "DELETE /api/v1/lti/registrations/{id}" {
					parts[i] = ltiRegistration(t, env, users[admin])
				}
				if op == "POST /api/v1/programmes/{id}/retire" {
					parts[i] = programmeOf(t, env, sa, orgS)
				}
			}
		}
		return strings.Join(parts, "/")
	}

	doc := env.OpenAPI()
	var ops []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+path)
		}
	}
	sort.Strings(ops)
	keysShown := false
	for _, op := range ops {
		r, ok := matrix[op]
		if !ok {
			t.Errorf("%s is documented but has no row in the authorisation matrix", op)
			continue
		}
		method, path, _ := strings.Cut(op, " ")
		// Destructive calls go last among the allowed, so they do not spoil the others' fixtures.
		for _, role := range matrixRoles {
			token := ""
			if u := users[role]; u != nil {
				token = u.AccessToken
			}
			body := r.body
			if b, ok := consent.bodies[op]; ok {
				body = b
			}
			resp := env.Do(testenv.Request{Method: method, Path: fill(op, path), Token: token, Body: body})
			denied := resp.Status == http.StatusUnauthorized || resp.Status == http.StatusForbidden || resp.Status == http.StatusNotFound
			if method == http.MethodGet && path != "/api/v1/openapi.json" { // the document names answer fields
				keysShown = checkLeaks(t, op, role, r, resp.Body) || keysShown
			}
			switch {
			case resp.Status >= 500:
				t.Errorf("%s as %s: %d %s", op, role, resp.Status, resp.Body)
			case r.allows(role) && denied:
				t.Errorf("%s as %s: refused with %d, but the role is allowed: %s", op, role, resp.Status, resp.Body)
			case !r.allows(role) && !denied:
				t.Errorf("%s as %s: answered %d, but the role is not allowed", op, role, resp.Status)
			}
			if r.ends && users[role] != nil {
				env.Login(users[role])
			}
		}
	}
	if !keysShown {
		t.Error("no showsKeys operation showed its allowed roles a key: the leak check's exemption went untested")
	}
	for op := range matrix {
		if !slices.Contains(ops, op) {
			t.Errorf("matrix row %s matches no documented operation", op)
		}
	}
}

// checkLeaks reports the answer texts in a GET response body served to role, unless the
// operation shows keys to the roles it allows and role is one of them; it says whether it
// passed over a key so shown.
func checkLeaks(t *testing.T, op, role string, r rule, body []byte) (keysShown bool) {
	t.Helper()
	for _, leak := range answerTexts {
		switch {
		case !strings.Contains(string(body), leak):
		case r.showsKeys && r.allows(role):
			keysShown = true
		default:
			t.Errorf("%s as %s gives an answer away: %q", op, role, leak)
		}
	}
	return keysShown
}

// unlockItemAnalysis has learners outside the matrix's roles submit the evaluation quiz until,
// with the learner's attempt, there are enough for the item analysis to show its keys.
func unlockItemAnalysis(t *testing.T, env *testenv.Env) {
	t.Helper()
	for range attempts.MinGroupSize - 1 {
		u := env.Learner("nursing")
		if resp := submit(env, u, start(t, env, u, evalQuiz).ID, rightAnswers("wait")); resp.Status != http.StatusOK {
			t.Fatalf("submit: %d %s", resp.Status, resp.Body)
		}
	}
}

// consent holds the matrix's fixtures of invitations, join codes and offers.
type consent struct {
	invitation, offer string
	bodies            map[string]any    // request bodies that carry a fixture's secret
	cohorts           map[string]string // operations run on a cohort of their own
}

// consentFixtures invites "other" to cohort A, gives another cohort a join code, offers the
// learner a certificate, and puts the learner in a cohort of their own to leave.
func consentFixtures(t *testing.T, env *testenv.Env, users map[string]*testenv.User, cohortA, programme string) consent {
	t.Helper()
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + cohortA + "/invitations", Token: users[instrA].AccessToken,
		Body: map[string]any{"invitations": []map[string]string{{"email": users[other].Email}}}}); resp.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", resp.Status, resp.Body)
	}
	token := env.InvitationToken(t, users[other].Email)
	c := consent{invitation: invitationTo(t, env, users[other], cohortA), cohorts: map[string]string{
		"POST /api/v1/cohorts/{id}/leave": newCohort(t, env, users[instrA], users[learner]),
	}}
	code := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + newCohort(t, env, users[instrA]) + "/join-code", Token: users[instrA].AccessToken,
		Body: map[string]any{}}).JSON(t)["code"]
	c.bodies = map[string]any{
		"POST /api/v1/invitations/lookup": map[string]string{"token": token},
		"POST /api/v1/join-codes/lookup":  map[string]any{"code": code},
		"POST /api/v1/join-codes/redeem":  map[string]any{"code": code},
	}
	offer := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programme + "/certificates", Token: users[socS].AccessToken,
		Body: map[string]string{"user_id": users[learner].ID}})
	if offer.Status != http.StatusCreated {
		t.Fatalf("offer: %d %s", offer.Status, offer.Body)
	}
	c.offer = offer.JSON(t)["id"].(string)
	return c
}

// ltiRegistration registers a platform for the matrix and returns the registration's id.
func ltiRegistration(t *testing.T, env *testenv.Env, admin *testenv.User) string {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lti/registrations", Token: admin.AccessToken,
		Body: ltiplatform.New(t, "matrix").Registration("Matrix platform")})
	if resp.Status != http.StatusCreated {
		t.Fatalf("register platform: %d %s", resp.Status, resp.Body)
	}
	return resp.JSON(t)["id"].(string)
}

// orgMember gives a new account the member role in the organisation and returns its id.
func orgMember(t *testing.T, env *testenv.Env, admin *testenv.User, orgID string) string {
	t.Helper()
	u := env.Learner("nursing")
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/members", Token: admin.AccessToken,
		Body: map[string]string{"email": u.Email, "role": "member"}}); resp.Status != http.StatusCreated {
		t.Fatalf("member: %d %s", resp.Status, resp.Body)
	}
	return u.ID
}

// programmeOf defines a new programme of the society and returns its id.
func programmeOf(t *testing.T, env *testenv.Env, socAdmin *testenv.User, orgID string) string {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/programmes", Token: socAdmin.AccessToken,
		Body: map[string]any{"title": "A programme to retire", "tracks": []string{"clinicians"}}})
	if resp.Status != http.StatusCreated {
		t.Fatalf("programme: %d %s", resp.Status, resp.Body)
	}
	return resp.JSON(t)["id"].(string)
}
