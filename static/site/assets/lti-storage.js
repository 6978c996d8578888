// Keeps a framed launch's values in the learning platform's storage and reads them back, for
// browsers that refuse Tandem's cookie inside the platform's frame (1EdTech LTI Client Side
// postMessages and LTI postMessage Storage, v0.1). The login page (data-mode put) stores the
// secret bound to the state and the nonce, then goes on to the platform's authentication
// request; the launch page (data-mode get) reads both and posts the launch again.
const page = /** @type {HTMLElement | null} */ (document.getElementById('lti-storage'));
const waitMs = 3000;

/** launcher is the window that launched Tandem: the platform's page framing it, or its opener. */
function launcher() {
  return window.opener || window.parent;
}

/**
 * send posts an LTI message to target and resolves with the platform's response (the message
 * whose subject is the request's with ".response" and whose message_id is the request's), sent
 * from origin; it rejects on an error response or after waitMs.
 * @param {Window} target
 * @param {string} origin
 * @param {Record<string, unknown>} message
 * @returns {Promise<Record<string, any>>}
 */
function send(target, origin, message) {
  const id = crypto.randomUUID();
  const subject = String(message.subject);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(null), waitMs);
    /** @param {MessageEvent} event */
    function listen(event) {
      const data = event.data;
      if (event.origin !== origin || !data || data.message_id !== id || data.subject !== subject + '.response') return;
      finish(data);
    }
    /** @param {Record<string, any> | null} data */
    function finish(data) {
      clearTimeout(timer);
      window.removeEventListener('message', listen);
      if (data && !data.error) resolve(data);
      else reject(new Error(data ? String(data.error.code) : 'timeout'));
    }
    window.addEventListener('message', listen);
    target.postMessage({ ...message, message_id: id }, origin);
  });
}

/**
 * storageFrame finds the platform's frame that keeps values: the one the platform names in
 * its capabilities for lti.put_data when it answers lti.capabilities, else the one the login
 * initiation named (_parent is the framing page itself).
 * @param {string} target
 * @param {string} origin
 * @returns {Promise<Window>}
 */
async function storageFrame(target, origin) {
  let name = target;
  try {
    const caps = await send(launcher(), origin, { subject: 'lti.capabilities' });
    const put = (caps.supported_messages || []).find((/** @type {any} */ m) => m.subject === 'lti.put_data');
    if (put && put.frame) name = put.frame;
  } catch {
    // A platform that does not answer lti.capabilities keeps values where the login said.
  }
  if (name === '_parent') return launcher();
  return /** @type {Window} */ (/** @type {unknown} */ (launcher().frames[/** @type {any} */ (name)])) || launcher();
}

/**
 * platformOrigin is the origin Tandem's messages go to and its answers come from: that of the
 * page framing Tandem when it is one of the platform's registered origins (Canvas frames tools
 * from the institution's domain, not from its authentication endpoint's), else that of the
 * platform's authentication endpoint, as the specification has it.
 * @param {DOMStringMap} d
 */
function platformOrigin(d) {
  const framing = location.ancestorOrigins && location.ancestorOrigins.length ? location.ancestorOrigins[0] : '';
  return framing && (d.origins || '').split(' ').includes(framing) ? framing : d.origin;
}

function failed() {
  const note = document.getElementById('lti-storage-failed');
  if (note) note.hidden = false;
}

async function keep(/** @type {DOMStringMap} */ d) {
  const origin = platformOrigin(d);
  const frame = await storageFrame(d.target, origin);
  await send(frame, origin, { subject: 'lti.put_data', key: d.stateKey, value: d.stateValue });
  await send(frame, origin, { subject: 'lti.put_data', key: d.nonceKey, value: d.nonceValue });
}

async function confirm(/** @type {HTMLFormElement} */ form) {
  const d = form.dataset;
  const origin = platformOrigin(d);
  const frame = await storageFrame(d.target, origin);
  const secret = await send(frame, origin, { subject: 'lti.get_data', key: d.stateKey });
  const nonce = await send(frame, origin, { subject: 'lti.get_data', key: d.nonceKey });
  /** @type {HTMLInputElement} */ (form.elements.namedItem('lti_storage_secret')).value = String(secret.value);
  /** @type {HTMLInputElement} */ (form.elements.namedItem('lti_storage_nonce')).value = String(nonce.value);
  form.submit();
}

if (page && page.dataset.mode === 'put') {
  const d = page.dataset;
  // Without the platform's storage the cookie may still bind the launch: go on either way.
  keep(d).catch(() => {}).finally(() => location.assign(d.next));
} else if (page instanceof HTMLFormElement && page.dataset.mode === 'get') {
  confirm(page).catch(failed);
}
