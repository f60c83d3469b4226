// Long on purpose: one recursive walk over the Graph schema (types, properties, operations); splitting it would scatter one algorithm.
import { readFileSync } from 'node:fs';

import type {
  GraphSchema,
  OperationDef,
  PropertyDef,
  StructuredTypeDef,
} from './generate-schema.js';

export type { GraphSchema, PropertyDef } from './generate-schema.js';

/** The trimmed v1.0 schema; `api/scripts/graph-schema/generate.ts` writes it. */
export const graphSchema = JSON.parse(
  readFileSync(new URL('./graph-v1.schema.json', import.meta.url), 'utf8'),
) as GraphSchema;

/** One way a payload differs from the schema: where (`$.attendees[0].type`) and what. */
export interface SchemaProblem {
  path: string;
  message: string;
}

const COLLECTION = /^Collection\((.+)\)$/;

/**
 * Instance annotations Graph writes or accepts on an object. Anything else starting with `@`
 * is reported: a typo there is as silent as one in a property name.
 */
const OBJECT_ANNOTATIONS = new Set([
  '@odata.context',
  '@odata.type',
  '@odata.etag',
  '@odata.id',
  '@odata.editLink',
]);
const COLLECTION_ANNOTATIONS = new Set([
  '@odata.context',
  '@odata.nextLink',
  '@odata.deltaLink',
  '@odata.count',
]);

/**
 * String formats the metadata types as `Edm.String` but the documentation fixes:
 * `dateTimeTimeZone.dateTime` is a wall-clock `{date}T{time}` without an offset.
 */
const STRING_FORMATS: Record<string, { pattern: RegExp; what: string }> = {
  'microsoft.graph.dateTimeTimeZone.dateTime': {
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/,
    what: 'a wall-clock date and time without offset (2026-01-12T09:00:00.0000000)',
  },
};

const INT_RANGES: Record<string, [number, number]> = {
  'Edm.Byte': [0, 255],
  'Edm.SByte': [-128, 127],
  'Edm.Int16': [-32768, 32767],
  'Edm.Int32': [-2147483648, 2147483647],
  'Edm.Int64': [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const PRIMITIVE_FORMATS: Record<string, { pattern: RegExp; what: string }> = {
  'Edm.DateTimeOffset': {
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/,
    what: 'an ISO 8601 date-time with Z or an offset',
  },
  'Edm.Date': { pattern: /^\d{4}-\d{2}-\d{2}$/, what: 'a date (yyyy-mm-dd)' },
  'Edm.TimeOfDay': {
    pattern: /^\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?$/,
    what: 'a time of day (hh:mm:ss.fffffff)',
  },
  'Edm.Duration': {
    pattern: /^-?P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/,
    what: 'an ISO 8601 duration',
  },
  'Edm.Guid': {
    pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    what: 'a GUID',
  },
  'Edm.Binary': { pattern: /^[A-Za-z0-9+/_-]*={0,2}$/, what: 'base64' },
};

const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface ValueOptions {
  /** `users/delta`: `@removed` on items and `manager@delta` links are allowed. */
  delta?: boolean;
}

/** Validates JSON against the trimmed schema. One instance serves any number of calls. */
export class SchemaValidator {
  constructor(private readonly schema: GraphSchema = graphSchema) {}

  get source(): GraphSchema['source'] {
    return this.schema.source;
  }

  /** The type and its base types, most derived first. */
  private chain(type: string): StructuredTypeDef[] {
    const out: StructuredTypeDef[] = [];
    let t: string | undefined = type;
    while (t !== undefined) {
      const def: StructuredTypeDef | undefined = this.schema.types[t];
      if (def === undefined) break;
      out.push(def);
      t = def.baseType;
    }
    return out;
  }

  private derivesFrom(type: string, base: string): boolean {
    let t: string | undefined = type;
    while (t !== undefined) {
      if (t === base) return true;
      t = this.schema.types[t]?.baseType;
    }
    return false;
  }

  isStructured(type: string): boolean {
    return this.schema.types[type] !== undefined;
  }

  property(type: string, name: string): PropertyDef | undefined {
    for (const def of this.chain(type)) {
      const p = def.properties[name];
      if (p !== undefined) return p;
    }
    return undefined;
  }

  private navigation(type: string, name: string): PropertyDef | undefined {
    for (const def of this.chain(type)) {
      const p = def.navigation?.[name];
      if (p !== undefined) return p;
    }
    return undefined;
  }

  operation(name: string, binding: string): OperationDef | undefined {
    return this.schema.operations.find((o) => o.name === name && o.binding === binding);
  }

  /** A value of `type` (`Edm.*`, an enum, a structured type or `Collection(...)`). */
  value(v: unknown, prop: PropertyDef, path: string, o: ValueOptions = {}): SchemaProblem[] {
    const problems: SchemaProblem[] = [];
    this.check(v, prop, path, o, problems, undefined);
    return problems;
  }

  private check(
    v: unknown,
    prop: PropertyDef,
    path: string,
    o: ValueOptions,
    out: SchemaProblem[],
    formatKey: string | undefined,
  ): void {
    const collection = COLLECTION.exec(prop.type)?.[1];
    if (collection !== undefined) {
      if (!Array.isArray(v)) {
        out.push({ path, message: `expected an array of ${collection}, got ${kindOf(v)}` });
        return;
      }
      v.forEach((item, i) =>
        this.check(
          item,
          { type: collection, nullable: prop.nullable },
          `${path}[${i}]`,
          o,
          out,
          formatKey,
        ),
      );
      return;
    }
    if (v === null) {
      if (prop.nullable === false)
        out.push({ path, message: `null is not allowed (${prop.type})` });
      return;
    }
    const type = prop.type;
    if (type.startsWith('Edm.')) {
      const problem = this.primitive(v, type, formatKey);
      if (problem !== undefined) out.push({ path, message: problem });
      return;
    }
    const en = this.schema.enums[type];
    if (en !== undefined) {
      if (typeof v !== 'string') {
        out.push({ path, message: `expected a ${type} member (string), got ${kindOf(v)}` });
        return;
      }
      const parts = en.flags === true ? v.split(',').map((s) => s.trim()) : [v];
      for (const part of parts) {
        if (!en.members.includes(part)) {
          out.push({
            path,
            message: `'${part}' is not a member of ${type} (${en.members.join(', ')})`,
          });
        }
      }
      return;
    }
    if (this.schema.types[type] === undefined) {
      out.push({
        path,
        message: `type ${type} is not in the trimmed schema: add it to the generator's roots`,
      });
      return;
    }
    this.structured(v, type, path, o, out);
  }

  private primitive(v: unknown, type: string, formatKey: string | undefined): string | undefined {
    const range = INT_RANGES[type];
    if (range !== undefined) {
      if (typeof v !== 'number' || !Number.isInteger(v))
        return `expected ${type} (an integer), got ${kindOf(v)} ${JSON.stringify(v)}`;
      if (v < range[0] || v > range[1]) return `${v} is out of range for ${type}`;
      return undefined;
    }
    switch (type) {
      case 'Edm.Untyped':
      case 'Edm.Stream':
        return undefined;
      case 'Edm.Boolean':
        return typeof v === 'boolean' ? undefined : `expected Edm.Boolean, got ${kindOf(v)}`;
      case 'Edm.Double':
      case 'Edm.Single':
      case 'Edm.Decimal':
        return typeof v === 'number' || v === 'NaN' || v === 'INF' || v === '-INF'
          ? undefined
          : `expected ${type} (a number), got ${kindOf(v)}`;
    }
    if (typeof v !== 'string') return `expected ${type} (a string), got ${kindOf(v)}`;
    const format =
      type === 'Edm.String'
        ? formatKey === undefined
          ? undefined
          : STRING_FORMATS[formatKey]
        : PRIMITIVE_FORMATS[type];
    if (format !== undefined && !format.pattern.test(v))
      return `'${v}' is not ${format.what} (${type})`;
    if ((type === 'Edm.DateTimeOffset' || type === 'Edm.Date') && Number.isNaN(Date.parse(v)))
      return `'${v}' is not a valid ${type}`;
    return undefined;
  }

  /** An object of a structured type, honouring an `@odata.type` cast to a derived type. */
  private structured(
    v: unknown,
    declared: string,
    path: string,
    o: ValueOptions,
    out: SchemaProblem[],
  ): void {
    if (!isObject(v)) {
      out.push({ path, message: `expected a ${declared} object, got ${kindOf(v)}` });
      return;
    }
    const declaredDef = this.schema.types[declared];
    if (declaredDef?.openType === true && declaredDef.kind === 'complex') {
      // An open complex type (resourceData) carries the changed resource's own annotations and
      // properties (`"@odata.type": "#Microsoft.Graph.Event"` in Graph's own examples): only
      // the declared properties are checked. Open entity types (user, event) are not treated
      // so: Graph refuses unknown properties on them.
      for (const [key, value] of Object.entries(v)) {
        const prop = this.property(declared, key);
        if (prop !== undefined) this.check(value, prop, `${path}.${key}`, o, out, undefined);
      }
      return;
    }
    let type = declared;
    const cast = v['@odata.type'];
    if (cast !== undefined) {
      const name = typeof cast === 'string' ? cast.replace(/^#/, '') : '';
      if (
        typeof cast !== 'string' ||
        !cast.startsWith('#') ||
        this.schema.types[name] === undefined
      ) {
        out.push({
          path: `${path}['@odata.type']`,
          message: `unknown type ${JSON.stringify(cast)}`,
        });
        return;
      } else if (!this.derivesFrom(name, declared)) {
        out.push({
          path: `${path}['@odata.type']`,
          message: `${name} is not ${declared} or derived from it`,
        });
        return;
      }
      type = name;
    }
    if (this.schema.types[type]?.abstract === true && cast === undefined) {
      out.push({
        path,
        message: `${type} is abstract: the object needs an @odata.type naming a derived type`,
      });
    }
    for (const [key, value] of Object.entries(v)) {
      const at = `${path}.${key}`;
      if (key.startsWith('@')) {
        if (OBJECT_ANNOTATIONS.has(key)) {
          if (typeof value !== 'string')
            out.push({ path: at, message: `expected a string, got ${kindOf(value)}` });
        } else if (key === '@removed' && o.delta === true) {
          this.removed(value, at, out);
        } else out.push({ path: at, message: `unknown annotation '${key}' on ${type}` });
        continue;
      }
      const annotated = /^(.+)@(.+)$/.exec(key);
      if (annotated?.[1] !== undefined) {
        this.propertyAnnotation(type, annotated[1], annotated[2] ?? '', value, at, o, out);
        continue;
      }
      const prop = this.property(type, key);
      if (prop !== undefined) {
        this.check(value, prop, at, o, out, `${this.owner(type, key)}.${key}`);
        continue;
      }
      const nav = this.navigation(type, key);
      if (nav !== undefined) {
        // An expanded navigation property ($expand=manager): the target's shape.
        this.check(value, { type: nav.type }, at, o, out, undefined);
        continue;
      }
      out.push({ path: at, message: `unknown property '${key}' on ${type}` });
    }
  }

  /** The type in the chain that declares a property (formats are keyed by the declaring type). */
  private owner(type: string, name: string): string {
    let t: string | undefined = type;
    while (t !== undefined) {
      const def: StructuredTypeDef | undefined = this.schema.types[t];
      if (def?.properties[name] !== undefined) return t;
      t = def?.baseType;
    }
    return type;
  }

  private removed(value: unknown, path: string, out: SchemaProblem[]): void {
    if (!isObject(value)) {
      out.push({ path, message: `expected an object, got ${kindOf(value)}` });
      return;
    }
    for (const [k, r] of Object.entries(value)) {
      if (k !== 'reason')
        out.push({ path: `${path}.${k}`, message: `unknown property '${k}' on @removed` });
      else if (r !== 'changed' && r !== 'deleted')
        out.push({
          path: `${path}.reason`,
          message: `reason must be 'changed' or 'deleted', got ${JSON.stringify(r)}`,
        });
    }
  }

  /** `manager@delta` (delta only, a navigation link list) and `prop@odata.type`. */
  private propertyAnnotation(
    type: string,
    name: string,
    term: string,
    value: unknown,
    path: string,
    o: ValueOptions,
    out: SchemaProblem[],
  ): void {
    const nav = this.navigation(type, name);
    if (term === 'delta' && o.delta === true && nav !== undefined) {
      const target = COLLECTION.exec(nav.type)?.[1] ?? nav.type;
      if (!Array.isArray(value)) {
        out.push({ path, message: `expected an array of ${target} links, got ${kindOf(value)}` });
        return;
      }
      value.forEach((link, i) => {
        const at = `${path}[${i}]`;
        if (!isObject(link)) {
          out.push({ path: at, message: `expected an object, got ${kindOf(link)}` });
          return;
        }
        for (const [k, x] of Object.entries(link)) {
          if (k === 'id') {
            if (typeof x !== 'string')
              out.push({ path: `${at}.id`, message: `expected a string, got ${kindOf(x)}` });
          } else if (k === '@removed') this.removed(x, `${at}.@removed`, out);
          else if (k === '@odata.type') {
            const t = typeof x === 'string' ? x.replace(/^#/, '') : '';
            if (this.schema.types[t] === undefined || !this.derivesFrom(t, target))
              out.push({
                path: `${at}.@odata.type`,
                message: `${JSON.stringify(x)} is not ${target} or derived from it`,
              });
          } else
            out.push({
              path: `${at}.${k}`,
              message: `unknown property '${k}' on a ${name}@delta link`,
            });
        }
      });
      return;
    }
    if (term === 'odata.type' && (this.property(type, name) !== undefined || nav !== undefined)) {
      if (typeof value !== 'string')
        out.push({ path, message: `expected a string, got ${kindOf(value)}` });
      return;
    }
    out.push({ path, message: `unknown annotation '${name}@${term}' on ${type}` });
  }

  /** An entity or complex object of `type` (the body of a single-item answer or a create). */
  object(v: unknown, type: string, path = '$', o: ValueOptions = {}): SchemaProblem[] {
    const out: SchemaProblem[] = [];
    this.structured(v, type, path, o, out);
    return out;
  }

  /** `{ "@odata.context", "@odata.nextLink", "value": [...] }` of `type` items. */
  collection(v: unknown, type: string, o: ValueOptions = {}): SchemaProblem[] {
    const out: SchemaProblem[] = [];
    if (!isObject(v))
      return [{ path: '$', message: `expected a collection object, got ${kindOf(v)}` }];
    if (!Array.isArray(v.value))
      out.push({ path: '$.value', message: `expected an array, got ${kindOf(v.value)}` });
    for (const [key, value] of Object.entries(v)) {
      if (key === 'value') continue;
      if (!COLLECTION_ANNOTATIONS.has(key)) {
        out.push({ path: `$.${key}`, message: `unknown member '${key}' of a collection answer` });
        continue;
      }
      if (key === '@odata.count') {
        if (typeof value !== 'number' || !Number.isInteger(value))
          out.push({ path: `$.${key}`, message: `expected an integer, got ${kindOf(value)}` });
      } else if (typeof value !== 'string') {
        out.push({ path: `$.${key}`, message: `expected a string, got ${kindOf(value)}` });
      } else if (key !== '@odata.context' && !/^https?:\/\//.test(value)) {
        out.push({ path: `$.${key}`, message: `expected an absolute URL, got '${value}'` });
      }
    }
    if (v['@odata.deltaLink'] !== undefined && v['@odata.nextLink'] !== undefined)
      out.push({
        path: '$',
        message: 'a page carries either @odata.nextLink or @odata.deltaLink, not both',
      });
    if (Array.isArray(v.value))
      v.value.forEach((item, i) => this.structured(item, type, `$.value[${i}]`, o, out));
    return out;
  }

  /**
   * The body of a bound action: its parameters. Graph's documentation writes them in
   * camelCase (`schedules`, `comment`) while the metadata spells some in PascalCase
   * (`Schedules`, `Comment`); Graph accepts both, so names compare without case.
   */
  actionBody(v: unknown, name: string, binding: string): SchemaProblem[] {
    const op = this.operation(name, binding);
    if (op === undefined)
      return [{ path: '$', message: `no action ${name} bound to ${binding} in the schema` }];
    if (v === undefined) return [];
    if (!isObject(v))
      return [{ path: '$', message: `expected an object of parameters, got ${kindOf(v)}` }];
    const out: SchemaProblem[] = [];
    for (const [key, value] of Object.entries(v)) {
      const param = Object.entries(op.parameters).find(
        ([p]) => p.toLowerCase() === key.toLowerCase(),
      );
      if (param === undefined) {
        out.push({
          path: `$.${key}`,
          message: `unknown parameter '${key}' of ${name} (${Object.keys(op.parameters).join(', ')})`,
        });
        continue;
      }
      this.check(value, param[1], `$.${key}`, {}, out, undefined);
    }
    return out;
  }
}
