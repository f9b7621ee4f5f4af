/** How long a revealed secret stays visible (and a copied one on the clipboard: backend/clipboard). */
export const SECRET_TTL_MS = 30_000;
