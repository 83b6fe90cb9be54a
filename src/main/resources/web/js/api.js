// Talks to the tutor's JSON API. Every failure becomes an ApiError with a message a person can act on.

const TIMEOUT_MS = 60000;
const TOKEN_KEY = 'mltutor.apiToken';

// A server started with TUTOR_API_TOKEN prints a link ending in #token=...; the token is kept for this tab only
// (sessionStorage) and removed from the address bar, so it is not left in history or shared with a copied link.
function takeTokenFromLink() {
  const match = /^#token=([^&]+)$/.exec(window.location.hash);
  if (!match) return;
  try {
    window.sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
  } catch (e) {
    // Storage blocked: the API will answer 401 with a message saying what is needed.
  }
  window.history.replaceState(null, '', window.location.pathname + window.location.search + '#/ask');
}
takeTokenFromLink();

function authHeaders() {
  let token = null;
  try {
    token = window.sessionStorage.getItem(TOKEN_KEY);
  } catch (e) {
    token = null;
  }
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export class ApiError extends Error {
  constructor(message, status = 0, unreachable = false, retryAfter = 0) {
    super(message);
    this.status = status;
    this.unreachable = unreachable;
    /** Seconds the server asked to wait before trying again (its Retry-After header), else 0. */
    this.retryAfter = retryAfter;
  }
}

async function request(method, path, body, signal) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort('timeout'), TIMEOUT_MS);
  if (signal) signal.addEventListener('abort', () => controller.abort('cancelled'));
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...authHeaders(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch (e) {
    clearTimeout(timer);
    if (controller.signal.aborted && controller.signal.reason === 'timeout') {
      throw new ApiError('The server took longer than a minute to answer. Try again, or check the server log.', 0, true);
    }
    if (controller.signal.aborted) throw new ApiError('Cancelled.', 0);
    throw new ApiError('Cannot reach the tutor server. Is it running? (start it with: tutor serve)', 0, true);
  }
  clearTimeout(timer);
  return response;
}

async function errorFrom(response) {
  let message = `The server answered ${response.status} ${response.statusText || ''}`.trim();
  try {
    const body = await response.json();
    if (body && body.error && body.error.message) message = body.error.message;
  } catch (e) {
    // Not JSON (a proxy's error page, say): keep the status line.
  }
  if (response.status >= 500) message = `Server error (${response.status}): ${message}`;
  return new ApiError(message, response.status, false, Number(response.headers.get('Retry-After')) || 0);
}

async function json(method, path, body, signal) {
  const response = await request(method, path, body, signal);
  if (!response.ok) throw await errorFrom(response);
  try {
    return await response.json();
  } catch (e) {
    throw new ApiError(`The server sent a response that is not JSON (${path}).`, response.status);
  }
}

/** The file name a Content-Disposition header suggests, or the fallback. */
function fileNameFrom(response, fallback) {
  const match = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
  return match ? match[1] : fallback;
}

export const api = {
  get: (path, signal) => json('GET', path, undefined, signal),
  /** GETs a file (with the token, which a plain link cannot send): { blob, fileName, headers }. */
  async download(path, fallbackName, signal) {
    const response = await request('GET', path, undefined, signal);
    if (!response.ok) throw await errorFrom(response);
    return { blob: await response.blob(), fileName: fileNameFrom(response, fallbackName), headers: response.headers };
  },
  post: (path, body, signal) => json('POST', path, body, signal),

  /**
   * POSTs and reads a text/event-stream response, calling onEvent(name, data) for each event.
   * data is parsed as JSON when it is JSON. Resolves when the stream ends.
   */
  async stream(path, body, onEvent, signal) {
    const response = await request('POST', path, body, signal);
    if (!response.ok) throw await errorFrom(response);
    if (!response.body) throw new ApiError('This browser cannot read streamed responses.');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const dispatch = (block) => {
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (!data.length) return;
      const raw = data.join('\n');
      let parsed = raw;
      try { parsed = JSON.parse(raw); } catch (e) { /* plain text */ }
      onEvent(name, parsed);
    };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch (e) {
      throw new ApiError('The connection to the server broke off while the answer was streaming.', 0, true);
    }
    if (buffer.trim()) dispatch(buffer);
  },
};
