package quizzes

// Regrade grades a submitted attempt's stored answers again, against its questions as they
// are now: question finds a question by id in the current version of the quiz. A question
// still there, answered in the way its type is answered, is graded by its current key and
// points (ids it no longer knows earn nothing); one that left the quiz, or that became a type
// the stored answer does not answer, keeps its earlier result. A reflection question has no
// key: it keeps its earlier result too, the points its markers gave or, while its marking is
// under way, pending. The results keep their earlier order.
func Regrade(question func(id string) (*Question, bool), answers []Answer, earlier []Result) Graded {
	given := make(map[string]*Answer, len(answers))
	for i := range answers {
		given[answers[i].QuestionID] = &answers[i]
	}
	results := make([]Result, len(earlier))
	for i, r := range earlier {
		results[i] = r
		q, ok := question(r.QuestionID)
		if !ok || q.Type == Reflection {
			continue
		}
		a := given[r.QuestionID]
		if r.Answered && (a == nil || !a.given(q.Type)) {
			continue // answered as another type of question
		}
		results[i] = Grade(q, a)
	}
	return tally(results)
}
