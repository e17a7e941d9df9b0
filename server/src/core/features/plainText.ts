/** A title as plain text, for places that render no markdown (Problems rows, menu items, symbols). */
export function plainTitle(title: string): string {
  return title.replace(/`([^`]*)`/g, '$1').replace(/\*\*|__|~~/g, '').trim();
}
