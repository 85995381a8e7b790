/**
 * Multi-line input for the REPL: lines accumulate until a `;` ends a statement outside quotes
 * and comments.
 */

/** Whether `text` ends with a statement terminator that is not inside a string, identifier or comment. */
export function isCompleteStatement(text: string): boolean {
  let quote: string | null = null;
  let lineComment = false;
  let blockComment = false;
  let lastSignificant = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (lineComment) {
      if (ch === '\n') lineComment = false;
      continue;
    }
    if (blockComment) {
      if (ch === '*' && next === '/') {
        blockComment = false;
        i++;
      }
      continue;
    }
    if (quote !== null) {
      if (ch === quote) {
        if (next === quote) i++;
        else quote = null;
      }
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '-' && next === '-') lineComment = true;
    else if (ch === '/' && next === '*') blockComment = true;
    if (!/\s/.test(ch) && !lineComment && !blockComment) lastSignificant = ch;
  }
  return quote === null && !blockComment && lastSignificant === ';';
}
