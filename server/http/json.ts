/** JSON for REST responses: BigInt ids become numbers (strings past 2^53), Dates ISO 8601. */
export function toJsonBody(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === "bigint" ? (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v,
  );
}

export function jsonResponse(value: unknown, status = 200, headers?: HeadersInit): Response {
  return new Response(toJsonBody(value), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}
