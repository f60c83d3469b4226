import { describe, expect, it } from 'vitest';
import { generateSchema, parseXml } from './generate-schema.js';

const CSDL = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph">
      <EnumType Name="importance"><Member Name="low" Value="0" /><Member Name="high" Value="2" /></EnumType>
      <EnumType Name="unused"><Member Name="x" Value="0" /></EnumType>
      <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
      <EntityType Name="event" BaseType="graph.entity" OpenType="true">
        <Property Name="importance" Type="graph.importance" />
        <Property Name="start" Type="graph.dateTimeTimeZone" />
        <Property Name="note" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Description" String="a &amp; b" /></Property>
        <NavigationProperty Name="calendar" Type="graph.calendar" />
      </EntityType>
      <EntityType Name="calendar" BaseType="graph.entity"><Property Name="color" Type="graph.unused" /></EntityType>
      <ComplexType Name="dateTimeTimeZone"><Property Name="dateTime" Type="Edm.String" Nullable="false" /></ComplexType>
      <ComplexType Name="timeSlot"><Property Name="start" Type="graph.dateTimeTimeZone" /></ComplexType>
      <Action Name="cancel" IsBound="true"><Parameter Name="bindingParameter" Type="graph.calendar" /></Action>
      <Action Name="cancel" IsBound="true"><Parameter Name="bindingParameter" Type="graph.event" />
        <Parameter Name="Comment" Type="Edm.String" Unicode="false" /></Action>
      <Action Name="decline" IsBound="true"><Parameter Name="bindingParameter" Type="graph.event" />
        <Parameter Name="ProposedNewTime" Type="graph.timeSlot" /></Action>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>`;

const source = { repository: 'r', path: 'p', commit: 'c'.repeat(40), sha256: 'd' };

describe('schema generator', () => {
  it('parses CSDL elements, attributes and entities', () => {
    const doc = parseXml('<a x="1 &amp; 2"><b/><c y="&quot;q&quot;"></c></a>');
    expect(doc.children[0]).toEqual({
      name: 'a',
      attrs: { x: '1 & 2' },
      children: [
        { name: 'b', attrs: {}, children: [] },
        { name: 'c', attrs: { y: '"q"' }, children: [] },
      ],
    });
    expect(() => parseXml('<a><b></a>')).toThrow();
  });

  it('keeps the roots, their property and base types and operation parameters, nothing else', () => {
    const schema = generateSchema(CSDL, source, {
      types: ['microsoft.graph.event'],
      operations: [
        { name: 'cancel', binding: 'microsoft.graph.event' },
        { name: 'decline', binding: 'microsoft.graph.event' },
      ],
    });
    expect(schema.source).toEqual(source);
    expect(Object.keys(schema.types)).toEqual([
      'microsoft.graph.dateTimeTimeZone',
      'microsoft.graph.entity',
      'microsoft.graph.event',
      'microsoft.graph.timeSlot',
    ]);
    expect(Object.keys(schema.enums)).toEqual(['microsoft.graph.importance']);
    expect(schema.types['microsoft.graph.event']).toEqual({
      kind: 'entity',
      baseType: 'microsoft.graph.entity',
      openType: true,
      properties: {
        importance: { type: 'microsoft.graph.importance' },
        start: { type: 'microsoft.graph.dateTimeTimeZone' },
        note: { type: 'Edm.String' },
      },
      navigation: { calendar: { type: 'microsoft.graph.calendar' } },
    });
    expect(schema.types['microsoft.graph.dateTimeTimeZone']?.properties.dateTime).toEqual({
      type: 'Edm.String',
      nullable: false,
    });
    expect(schema.operations).toEqual([
      {
        kind: 'action',
        name: 'cancel',
        binding: 'microsoft.graph.event',
        parameters: { Comment: { type: 'Edm.String' } },
      },
      {
        kind: 'action',
        name: 'decline',
        binding: 'microsoft.graph.event',
        parameters: { ProposedNewTime: { type: 'microsoft.graph.timeSlot' } },
      },
    ]);
  });

  it('fails on a root the metadata does not have', () => {
    expect(() =>
      generateSchema(CSDL, source, { types: ['microsoft.graph.nope'], operations: [] }),
    ).toThrow(/not in metadata/);
    expect(() =>
      generateSchema(CSDL, source, {
        types: [],
        operations: [{ name: 'accept', binding: 'microsoft.graph.event' }],
      }),
    ).toThrow(/0 found/);
  });
});
