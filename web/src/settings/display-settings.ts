// Display preferences kept in this browser: motion (the map's pulse) can be switched off, and is
// off anyway when the system asks for reduced motion.
const KEY = 'cityguard.animations';

/** True unless the person or the system turned animations off. */
export function animationsEnabled(): boolean {
  if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) return false;
  return localStorage.getItem(KEY) !== 'off';
}

/** Turns animations on or off for this browser (takes effect when a page is next drawn). */
export function setAnimationsEnabled(on: boolean): void {
  if (on) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, 'off');
}
