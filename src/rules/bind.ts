// DuckDB refuses named parameters that a statement does not reference ("Failed to retrieve bind
// parameter index"). A rule that needs only some of ctx.params passes usedParams(sql, ctx.params).
export function usedParams(sql: string, params: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (new RegExp(`\\$${k}\\b`).test(sql)) out[k] = v;
  return out;
}
