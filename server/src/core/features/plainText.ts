/** A concern's title with the id the document gives it (`SEC-1 · Title`), for display. */
export function labelledTitle(concern: { title: string; label?: string }): string {
  return concern.label ? `${concern.label} · ${concern.title}` : concern.title;
}

/** A title as plain text, for places that render no markdown (Problems rows, menu items, symbols). */
export function plainTitle(title: string): string {
  return title.replace(/`([^`]*)`/g, '$1').replace(/\*\*|__|~~/g, '').trim();
}
