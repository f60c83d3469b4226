import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ResourceView, type ResourceViewProps } from './resource-view.js';

function ready<T>(data: T): ResourceViewProps<T>['resource'] {
  return { state: 'ready', data, error: undefined, reload: () => undefined };
}

function render<T>(props: Omit<ResourceViewProps<T>, 'label' | 'children'>): string {
  return renderToStaticMarkup(
    createElement(ResourceView<T>, { ...props, label: 'Loading', children: () => 'the list' }),
  );
}

describe('ResourceView', () => {
  const empty = 'Nothing to book yet';

  it('shows the empty state for a list route that answers no items', () => {
    expect(render({ resource: ready({ items: [] }), empty })).toBe(empty);
    expect(render({ resource: ready([]), empty })).toBe(empty);
  });

  it('shows the content when the list has items, or the answer is not a list', () => {
    expect(render({ resource: ready({ items: [1] }), empty })).toBe('the list');
    expect(render({ resource: ready({ run: null }), empty })).toBe('the list');
  });

  it('shows an empty list as content when the view gives no empty state', () => {
    expect(render({ resource: ready({ items: [] }) })).toBe('the list');
  });

  it('lets the view say what empty means', () => {
    const isEmpty = (d: { run: null | string }) => d.run === null;
    expect(render({ resource: ready({ run: null }), isEmpty, empty })).toBe(empty);
  });
});
