/**
 * A scripted stand-in for the server in unit tests: records every request and answers with the
 * handler's Response. The same client also runs against the real server in *.live.ts.
 */
export interface Recorded {
  method: string;
  path: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Handler = (req: Recorded) => Response | undefined;

export function fakeFetch(handler: Handler) {
  const requests: Recorded[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://test');
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k.toLowerCase()] = v));
    const req: Recorded = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      url: url.pathname + url.search,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(req);
    if (req.path === '/api/v1/auth/csrf/' && req.method === 'GET') {
      const answer = handler(req);
      if (answer) return answer;
      return json(200, { csrf_token: `token-${requests.filter((r) => r.path === req.path).length}` });
    }
    return handler(req) ?? json(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: `${req.path}` }, {}, true);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}, problem = false): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json', ...headers },
  });
}

export function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Response {
  return json(status, { type: 'about:blank', title, status, detail, ...extra }, {}, true);
}
