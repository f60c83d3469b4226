import type { DemoPerson } from './demo-org.js';

export type RemovalReason = 'changed' | 'deleted';

/** A directory entry: the person plus what delta needs to know about its history. */
export interface UserRecord {
  person: DemoPerson;
  /** Version of the last change to the user's own properties (or removal). */
  version: number;
  /** Version of the last change to the manager link. */
  managerVersion: number;
  /** The manager before the last manager change, to emit the link removal. */
  previousManagerId: string | null;
  /** `changed` = soft-deleted (restorable), `deleted` = gone for good. */
  removed: RemovalReason | null;
}

export type UserChange =
  | { kind: 'created' | 'updated'; user: DemoPerson }
  | { kind: 'deleted'; user: DemoPerson; reason: RemovalReason };

type Editable = Omit<DemoPerson, 'index' | 'id' | 'managerId' | 'mailbox'>;
export type UserPatch = Partial<Editable> & { mailbox?: Partial<DemoPerson['mailbox']> };

/**
 * Users, their manager links and a change log with a version counter. The log is what
 * `/users/delta` reads for rounds after the first: every mutation appends (version, id).
 */
export class Directory {
  readonly records: UserRecord[] = [];
  private readonly byId = new Map<string, UserRecord>();
  private readonly byMail = new Map<string, UserRecord>();
  private readonly reports = new Map<string, Set<string>>();
  private readonly log: { version: number; id: string }[] = [];
  private versionCounter = 1;
  /** Delta tokens issued before this version answer 410. */
  oldestValidVersion = 0;
  private readonly listeners: ((change: UserChange) => void)[] = [];

  constructor(people: DemoPerson[]) {
    for (const person of people) this.insert(person, 0);
  }

  get version(): number {
    return this.versionCounter;
  }

  onChange(listener: (change: UserChange) => void): void {
    this.listeners.push(listener);
  }

  private insert(person: DemoPerson, version: number): UserRecord {
    const record: UserRecord = {
      person,
      version,
      managerVersion: version,
      previousManagerId: null,
      removed: null,
    };
    this.records.push(record);
    this.byId.set(person.id, record);
    this.byMail.set(person.mail.toLowerCase(), record);
    this.byMail.set(person.userPrincipalName.toLowerCase(), record);
    if (person.managerId !== null) this.linkReport(person.managerId, person.id);
    return record;
  }

  private linkReport(managerId: string, id: string): void {
    let set = this.reports.get(managerId);
    if (set === undefined) {
      set = new Set();
      this.reports.set(managerId, set);
    }
    set.add(id);
  }

  private bump(id: string): number {
    const version = ++this.versionCounter;
    this.log.push({ version, id });
    return version;
  }

  private emit(change: UserChange): void {
    for (const l of this.listeners) l(change);
  }

  /** By id or userPrincipalName/mail (case-insensitive), including removed users. */
  lookup(key: string): UserRecord | undefined {
    return this.byId.get(key) ?? this.byMail.get(key.toLowerCase());
  }

  /** An active (not removed) user by id or UPN. */
  find(key: string): DemoPerson | undefined {
    const r = this.lookup(key);
    return r === undefined || r.removed !== null ? undefined : r.person;
  }

  directReports(id: string): DemoPerson[] {
    const ids = this.reports.get(id);
    if (ids === undefined) return [];
    const out: DemoPerson[] = [];
    for (const rid of ids) {
      const p = this.find(rid);
      if (p !== undefined && p.managerId === id) out.push(p);
    }
    return out;
  }

  add(person: DemoPerson): DemoPerson {
    if (this.byId.has(person.id)) throw new Error(`user ${person.id} exists`);
    const version = this.bump(person.id);
    this.insert(person, version);
    this.emit({ kind: 'created', user: person });
    return person;
  }

  update(id: string, patch: UserPatch): DemoPerson {
    const r = this.require(id);
    const { mailbox, ...rest } = patch;
    if (rest.mail !== undefined) this.byMail.set(rest.mail.toLowerCase(), r);
    if (rest.userPrincipalName !== undefined)
      this.byMail.set(rest.userPrincipalName.toLowerCase(), r);
    Object.assign(r.person, rest);
    if (mailbox !== undefined) r.person.mailbox = { ...r.person.mailbox, ...mailbox };
    r.version = this.bump(id);
    this.emit({ kind: 'updated', user: r.person });
    return r.person;
  }

  setManager(id: string, managerId: string | null): void {
    const r = this.require(id);
    if (managerId !== null) this.require(managerId);
    r.previousManagerId = r.person.managerId;
    r.person.managerId = managerId;
    if (managerId !== null) this.linkReport(managerId, id);
    r.managerVersion = this.bump(id);
    this.emit({ kind: 'updated', user: r.person });
  }

  /** Soft delete (`changed`, restorable) or permanent (`deleted`). */
  remove(id: string, reason: RemovalReason = 'changed'): void {
    const r = this.lookup(id);
    if (r === undefined) throw new Error(`no user ${id}`);
    r.removed = reason;
    r.version = this.bump(r.person.id);
    this.emit({ kind: 'deleted', user: r.person, reason });
  }

  restore(id: string): void {
    const r = this.lookup(id);
    if (r?.removed !== 'changed') throw new Error(`user ${id} is not soft-deleted`);
    r.removed = null;
    r.version = this.bump(r.person.id);
    this.emit({ kind: 'created', user: r.person });
  }

  /** Ids changed after `since` up to and including `until`, each once, in change order. */
  changedBetween(since: number, until: number): UserRecord[] {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const entry = this.log[mid];
      if (entry !== undefined && entry.version <= since) lo = mid + 1;
      else hi = mid;
    }
    const seen = new Set<string>();
    const out: UserRecord[] = [];
    for (let i = this.log.length - 1; i >= lo; i--) {
      const entry = this.log[i];
      if (entry === undefined || entry.version > until || seen.has(entry.id)) continue;
      seen.add(entry.id);
      const r = this.byId.get(entry.id);
      if (r !== undefined) out.push(r);
    }
    return out.reverse();
  }

  /** Make every delta token issued so far answer 410, as after a long disconnection. */
  expireDeltaTokens(): void {
    this.oldestValidVersion = ++this.versionCounter;
  }

  private require(id: string): UserRecord {
    const r = this.lookup(id);
    if (r === undefined || r.removed !== null) throw new Error(`no active user ${id}`);
    return r;
  }
}
