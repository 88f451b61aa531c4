// Text folding shared by vendor and product names: accents, case, spacing and the parenthetical
// asides advisories and cities write ("General Electric (GE)", "RTU560 (560CMG10)").

/** Accent-free, single-spaced text; "DS- 2CD4x2xFWD" loses its stray space after the dash. Case is kept. */
export function foldSpacing(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/(\w)-\s+(?=\w)/g, '$1-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** foldSpacing, lower-cased: the form names are compared in. */
export function foldName(text: string): string {
  return foldSpacing(text).toLowerCase();
}

/** Splits "General Electric (GE)" into the main text and the asides, each still in original case. */
export function splitAsides(text: string): { main: string; asides: string[] } {
  const asides: string[] = [];
  const main = text.replace(/\(([^()]*)\)/g, (_m, inner: string) => {
    if (inner.trim()) asides.push(inner.trim());
    return ' ';
  });
  return { main: main.replace(/\s+/g, ' ').trim(), asides };
}
