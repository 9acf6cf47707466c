/**
 * U+0020–U+007E: every Unicode normalisation form leaves it as it is, and it holds no control,
 * format, separator, unassigned or surrogate code point. Most names are made of it alone.
 */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The key SCIM userNames and group displayNames are unique by and looked up with: without regard
 * to case or Unicode normalisation form ("José" typed with a combining accent, or in capitals, is
 * the same name). Lower-casing can denormalise ("İ" becomes "i" + U+0307), hence NFC on both sides.
 */
export function nameKey(name: string): string {
  // Printable ASCII lower-cases to printable ASCII, which every normalisation form leaves alone.
  if (PRINTABLE_ASCII.test(name)) return name.toLowerCase();
  return name.normalize('NFC').toLowerCase().normalize('NFC');
}
