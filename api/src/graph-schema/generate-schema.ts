/**
 * Trims Microsoft's published Graph v1.0 CSDL (`clean_v10_metadata/cleanMetadata.xml` of
 * `microsoftgraph/msgraph-metadata`) to the types and bound operations we use: the roots, the
 * types of their structural properties, base types and operation parameters, transitively.
 * Navigation properties are kept by name and type only. CSDL is parsed by hand: it is elements
 * with double-quoted attributes, nothing else we need (see docs/decisions/0008).
 */
/** The Graph types and operations the app and the local tenant use. */
export const ROOTS = {
  types: [
    'microsoft.graph.user',
    'microsoft.graph.event',
    'microsoft.graph.subscription',
    'microsoft.graph.directoryObject',
    'microsoft.graph.group',
    'microsoft.graph.mailboxSettings',
    'microsoft.graph.scheduleInformation',
    'microsoft.graph.changeNotificationCollection',
    // Derived types met behind an abstract or base type (`@odata.type` casts).
    'microsoft.graph.customTimeZone',
  ],
  operations: [
    { name: 'delta', binding: 'Collection(microsoft.graph.user)' },
    { name: 'getSchedule', binding: 'microsoft.graph.calendar' },
    { name: 'cancel', binding: 'microsoft.graph.event' },
    { name: 'accept', binding: 'microsoft.graph.event' },
    { name: 'decline', binding: 'microsoft.graph.event' },
    { name: 'tentativelyAccept', binding: 'microsoft.graph.event' },
    { name: 'sendActivityNotification', binding: 'microsoft.graph.userTeamwork' },
  ],
};

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string =>
  s.replace(/&(#x?[0-9a-f]+|\w+);/gi, (all, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X'))
      return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? all;
  });

/** CSDL is elements and double-quoted attributes only (no CDATA, no mixed text we need). */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const tag =
    /<(\/?)([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*"[^"]*")*)\s*(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->/g;
  for (const m of text.matchAll(tag)) {
    const [, close, name, attrText, selfClose] = m;
    if (name === undefined) continue;
    const top = stack[stack.length - 1];
    if (top === undefined) throw new Error('unbalanced XML');
    if (close === '/') {
      if (top.name !== name) throw new Error(`unexpected </${name}> inside <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w.:-]+)\s*=\s*"([^"]*)"/g))
      if (a[1] !== undefined) attrs[a[1]] = decode(a[2] ?? '');
    const el: XmlElement = { name, attrs, children: [] };
    top.children.push(el);
    if (selfClose !== '/') stack.push(el);
  }
  if (stack.length !== 1) throw new Error('unclosed XML elements');
  return root;
}

export interface PropertyDef {
  type: string;
  nullable?: false;
}
export interface StructuredTypeDef {
  kind: 'entity' | 'complex';
  baseType?: string;
  abstract?: true;
  openType?: true;
  properties: Record<string, PropertyDef>;
  navigation?: Record<string, PropertyDef>;
}
export interface EnumTypeDef {
  members: string[];
  flags?: true;
}
export interface OperationDef {
  kind: 'action' | 'function';
  name: string;
  binding: string;
  parameters: Record<string, PropertyDef>;
  returnType?: PropertyDef;
}
export interface GraphSchema {
  source: { repository: string; path: string; commit: string; sha256: string };
  generator: string;
  types: Record<string, StructuredTypeDef>;
  enums: Record<string, EnumTypeDef>;
  operations: OperationDef[];
}

const COLLECTION = /^Collection\((.+)\)$/;
const elementType = (t: string): string => COLLECTION.exec(t)?.[1] ?? t;

export function generateSchema(
  xml: string,
  source: GraphSchema['source'],
  roots: { types: string[]; operations: { name: string; binding: string }[] } = ROOTS,
): GraphSchema {
  const doc = parseXml(xml);
  const structured = new Map<string, XmlElement>();
  const enums = new Map<string, XmlElement>();
  const operations: { schema: string; el: XmlElement }[] = [];
  const aliases = new Map<string, string>();
  const schemas: XmlElement[] = [];
  const walk = (el: XmlElement): void => {
    if (el.name === 'Schema') schemas.push(el);
    else for (const c of el.children) walk(c);
  };
  walk(doc);
  for (const s of schemas) {
    const ns = s.attrs.Namespace ?? '';
    if (s.attrs.Alias !== undefined) aliases.set(s.attrs.Alias, ns);
    for (const c of s.children) {
      const full = `${ns}.${c.attrs.Name ?? ''}`;
      if (c.name === 'EntityType' || c.name === 'ComplexType') structured.set(full, c);
      else if (c.name === 'EnumType') enums.set(full, c);
      else if (c.name === 'Action' || c.name === 'Function') operations.push({ schema: ns, el: c });
    }
  }
  const qualify = (t: string): string => {
    const m = COLLECTION.exec(t);
    if (m?.[1] !== undefined) return `Collection(${qualify(m[1])})`;
    if (t.startsWith('Edm.')) return t;
    const dot = t.indexOf('.');
    const head = t.slice(0, dot);
    const alias = aliases.get(head);
    return alias === undefined ? t : `${alias}${t.slice(dot)}`;
  };
  const prop = (el: XmlElement): PropertyDef => ({
    type: qualify(el.attrs.Type ?? 'Edm.Untyped'),
    ...(el.attrs.Nullable === 'false' ? { nullable: false as const } : {}),
  });

  const out: GraphSchema = {
    source,
    generator: 'api/scripts/graph-schema/generate.ts',
    types: {},
    enums: {},
    operations: [],
  };
  const pending: string[] = [];
  const need = (t: string): void => {
    const name = elementType(t);
    if (name.startsWith('Edm.') || name in out.types || name in out.enums) return;
    if (!structured.has(name) && !enums.has(name)) throw new Error(`type ${name} not in metadata`);
    pending.push(name);
  };
  const drain = (): void => {
    while (pending.length > 0) {
      const name = pending.pop() ?? '';
      if (name in out.types || name in out.enums) continue;
      const en = enums.get(name);
      if (en !== undefined) {
        out.enums[name] = {
          members: en.children.filter((c) => c.name === 'Member').map((c) => c.attrs.Name ?? ''),
          ...(en.attrs.IsFlags === 'true' ? { flags: true as const } : {}),
        };
        continue;
      }
      const el = structured.get(name);
      if (el === undefined) throw new Error(`type ${name} not in metadata`);
      const def: StructuredTypeDef = {
        kind: el.name === 'EntityType' ? 'entity' : 'complex',
        ...(el.attrs.BaseType === undefined ? {} : { baseType: qualify(el.attrs.BaseType) }),
        ...(el.attrs.Abstract === 'true' ? { abstract: true as const } : {}),
        ...(el.attrs.OpenType === 'true' ? { openType: true as const } : {}),
        properties: {},
      };
      for (const c of el.children) {
        if (c.name === 'Property') {
          def.properties[c.attrs.Name ?? ''] = prop(c);
          need(prop(c).type);
        } else if (c.name === 'NavigationProperty') {
          def.navigation ??= {};
          def.navigation[c.attrs.Name ?? ''] = prop(c);
        }
      }
      out.types[name] = def;
      if (def.baseType !== undefined) need(def.baseType);
    }
  };
  for (const t of roots.types) need(t);
  drain();
  for (const want of roots.operations) {
    const found = operations.filter(({ el }) => {
      const binding = el.children.find((c) => c.name === 'Parameter');
      return (
        el.attrs.Name === want.name &&
        el.attrs.IsBound === 'true' &&
        binding !== undefined &&
        qualify(binding.attrs.Type ?? '') === want.binding
      );
    });
    if (found.length !== 1)
      throw new Error(`${want.name} on ${want.binding}: ${found.length} found`);
    const { el } = found[0] ?? { el: { name: '', attrs: {}, children: [] } };
    const params = el.children.filter((c) => c.name === 'Parameter');
    const ret = el.children.find((c) => c.name === 'ReturnType');
    const op: OperationDef = {
      kind: el.name === 'Action' ? 'action' : 'function',
      name: want.name,
      binding: want.binding,
      parameters: {},
      ...(ret === undefined ? {} : { returnType: prop(ret) }),
    };
    for (const p of params.slice(1)) {
      op.parameters[p.attrs.Name ?? ''] = prop(p);
      need(prop(p).type);
    }
    if (op.returnType !== undefined) need(op.returnType.type);
    out.operations.push(op);
  }
  drain();
  const sorted = <T>(o: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  out.types = sorted(out.types);
  out.enums = sorted(out.enums);
  return out;
}
