// Quoting for SQL built from our own names and settings. A leaf module: the schema, the migrations and
// the importer all need it, and none of them should have to load the connection to get it.

/** Quote an identifier for SQL. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
/** Quote a string literal for SQL (for paths and values built into DDL, never for user rows). */
export const lit = (value: string): string => `'${value.replace(/'/g, "''")}'`;
