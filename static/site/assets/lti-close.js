// Tells the learning platform that Tandem's registration is done (LTI Dynamic Registration
// 1.0, §3.7): the platform's window or frame that opened this page closes it.
const host = window.opener || window.parent;
if (host && host !== window) host.postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
