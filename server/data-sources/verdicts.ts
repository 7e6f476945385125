import { checkSourcePrivileges, type PrivilegeVerdict } from "./privileges";

// The privilege check of a source in use, cached for a minute per source: a grant added to the
// source's user after it was saved stops db_query within that minute, without a SHOW GRANTS per query.

const TTL_MS = 60_000;
type Entry = { dsn: string; at: number; verdict: Promise<PrivilegeVerdict> };
const cache = new Map<string, Entry>();

/** key: "env" for DB_QUERY_URL, or the data source id. */
export function verdictFor(key: string | number, dsn: string): Promise<PrivilegeVerdict> {
  const k = String(key);
  const hit = cache.get(k);
  if (hit && hit.dsn === dsn && Date.now() - hit.at < TTL_MS) return hit.verdict;
  const verdict = checkSourcePrivileges(dsn);
  cache.set(k, { dsn, at: Date.now(), verdict });
  return verdict;
}

export function forgetVerdict(key: string | number): void {
  cache.delete(String(key));
}

/** Tests: forget every cached verdict. */
export function forgetAllVerdicts(): void {
  cache.clear();
}
