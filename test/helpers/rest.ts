// Calls a route handler module the way Next does: a real Request in, a real Response out.

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type RestResult<T = any> = { status: number; body: T };

export async function callRoute<T = any>(
  handler: Handler,
  opts: {
    token?: string;
    method?: string;
    path?: string;
    params?: Record<string, string | number>;
    query?: Record<string, string>;
    body?: unknown;
    rawBody?: string;
  },
): Promise<RestResult<T>> {
  const url = new URL(`http://localhost${opts.path ?? "/api/test"}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(url, {
    method: opts.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const params = Object.fromEntries(Object.entries(opts.params ?? {}).map(([k, v]) => [k, String(v)]));
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
