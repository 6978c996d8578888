package ltiplatform

import (
	"html/template"
	"net/http"
	"net/url"
)

// StorageTarget is the frame name the course page gives tools for its storage: the course
// page itself, which frames the tool.
const StorageTarget = "_parent"

// CoursePage is the platform's page of a course that frames the tool's login initiation
// (loginURL) for login hint, offering its storage (lti_storage_target) as platforms that
// implement the 1EdTech LTI postMessage Storage specification do.
func (p *Platform) CoursePage(loginURL, hint, targetLinkURI string) string {
	q := url.Values{"login": {loginURL}, "iss": {p.Issuer}, "login_hint": {hint}, "target_link_uri": {targetLinkURI},
		"client_id": {p.ClientID}}
	return p.Issuer + "/course?" + q.Encode()
}

// coursePage answers the LTI Client Side postMessages lti.capabilities, lti.put_data and
// lti.get_data from the framed tool, keeping each origin's values apart, and lists every
// message it answered in window.ltiMessages (subject, key, and error code when refused).
var coursePage = template.Must(template.New("course").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body>
<h1>Course</h1>
<script>
window.ltiMessages = [];
const kept = {};
window.addEventListener('message', (event) => {
  const m = event.data;
  if (!m || typeof m.subject !== 'string' || !m.message_id) return;
  const values = kept[event.origin] || (kept[event.origin] = {});
  const answer = { subject: m.subject + '.response', message_id: m.message_id };
  if (m.subject === 'lti.capabilities') {
    answer.supported_messages = [{ subject: 'lti.capabilities' }, { subject: 'lti.put_data' }, { subject: 'lti.get_data' }];
  } else if (m.subject === 'lti.put_data') {
    values[m.key] = m.value;
    Object.assign(answer, { key: m.key, value: m.value });
  } else if (m.subject === 'lti.get_data' && Object.hasOwn(values, m.key)) {
    Object.assign(answer, { key: m.key, value: values[m.key] });
  } else if (m.subject === 'lti.get_data') {
    Object.assign(answer, { key: m.key, error: { code: 'bad_request', message: 'no value under this key' } });
  } else {
    answer.error = { code: 'unsupported_subject', message: 'not supported' };
  }
  window.ltiMessages.push({ subject: m.subject, key: m.key || '', error: answer.error ? answer.error.code : '' });
  event.source.postMessage(answer, event.origin);
});
</script>
<iframe name="tool" title="Tool" width="1100" height="700" src="{{.}}"></iframe>
</body></html>`))

func (p *Platform) serveCoursePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	login, err := url.Parse(q.Get("login"))
	if err != nil || (login.Scheme != "http" && login.Scheme != "https") {
		http.Error(w, "login must be the tool's login initiation URL", http.StatusBadRequest)
		return
	}
	params := url.Values{"lti_storage_target": {StorageTarget}}
	for _, k := range []string{"iss", "login_hint", "target_link_uri", "client_id"} {
		params.Set(k, q.Get(k))
	}
	login.RawQuery = params.Encode()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = coursePage.Execute(w, login.String())
}
