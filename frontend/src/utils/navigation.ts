/** Where the login page may send the user afterwards: a path of this app, never another site. */
export function safeNext(next: unknown): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
