import type { PersonCard } from '../contract/index.js';
import type { people } from '../store/index.js';

export type PersonRow = typeof people.$inferSelect;

/** The fields a person card is made of: a store row or a read-model snapshot both carry them. */
export type PersonCardSource = Pick<
  PersonRow,
  'id' | 'displayName' | 'jobTitle' | 'department' | 'officeLocation' | 'timeZone'
>;

/** A person as others see them: no mail, no manager, no working hours. */
export function personCard(p: PersonCardSource): PersonCard {
  return {
    id: p.id,
    displayName: p.displayName,
    jobTitle: p.jobTitle,
    department: p.department,
    officeLocation: p.officeLocation,
    timeZone: p.timeZone,
    // No photo route yet: the tab shows initials.
    photoUrl: null,
  };
}

/** For a person the directory no longer has (a departed partner in an old run). */
export function unknownPersonCard(id: string): PersonCard {
  return {
    id,
    displayName: 'Someone no longer in the directory',
    jobTitle: null,
    department: null,
    officeLocation: null,
    timeZone: null,
    photoUrl: null,
  };
}
