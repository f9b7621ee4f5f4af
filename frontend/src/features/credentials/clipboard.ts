/** How long a revealed or copied secret stays visible / on the clipboard. */
export const SECRET_TTL_MS = 30_000;

/**
 * Copies value to the clipboard and, after SECRET_TTL_MS, clears the clipboard
 * if it still holds that value. Clearing is best effort: failures are ignored.
 */
export async function copySecret(value: string): Promise<void> {
  await navigator.clipboard.writeText(value);
  setTimeout(() => {
    void (async () => {
      try {
        const now = await navigator.clipboard.readText();
        if (now === value) await navigator.clipboard.writeText('');
      } catch {
        // reading the clipboard may be refused; nothing more to do
      }
    })();
  }, SECRET_TTL_MS);
}
