package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// BenchmarkInvite times inviting one address that belongs to an account and one that does
// not, through the router: the two should cost the same, since nothing looks accounts up.
func BenchmarkInvite(b *testing.B) {
	env := testenv.New(b)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	cohort := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: instructor.AccessToken,
		Body: map[string]any{"name": "Bench", "tracks": []string{"clinicians"}}}).JSON(b)["id"].(string)
	var learners []string
	for range 64 {
		learners = append(learners, env.Learner("medicine").Email)
	}
	h := env.App.Handler()
	for _, kind := range []string{"Known", "Unknown"} {
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				email := learners[i%len(learners)]
				if kind == "Unknown" {
					email = fmt.Sprintf("nobody-%d@tandem.test", i%len(learners))
				}
				body, _ := json.Marshal(map[string]any{"invitations": []map[string]string{{"email": email}}})
				serve(b, h, http.MethodPost, "/api/v1/cohorts/"+cohort+"/invitations", instructor.AccessToken, body)
			}
		})
	}
}
