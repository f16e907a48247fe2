import type { OmittedSection } from './model.ts';

/** A section left out of the review, with the one line saying why. */
export function omittedSection(id: OmittedSection['id'], title: string, reason: string): OmittedSection {
  return { id, title, status: 'omitted', reason };
}
