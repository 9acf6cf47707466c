/**
 * The key SCIM userNames and group displayNames are unique by and looked up with: without regard
 * to case or Unicode normalisation form ("José" typed with a combining accent, or in capitals, is
 * the same name). Lower-casing can denormalise ("İ" becomes "i" + U+0307), hence NFC on both sides.
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase().normalize('NFC');
}
