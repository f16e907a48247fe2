/** Words for the model's identifiers where a reader sees them. */

/** `payment_method` → `Payment method`. */
export function dimensionLabel(dimension: string): string {
  const words = dimension.replace(/[_-]+/g, ' ').trim();
  return words === '' ? 'Member' : words.charAt(0).toUpperCase() + words.slice(1);
}

/** `true` → `yes`. */
export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
