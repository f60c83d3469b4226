import { describe, expect, it } from 'vitest';
import { prefetch } from './org-sync.js';

describe('page prefetch', () => {
  it('asks for the next page before the current one is processed', async () => {
    const log: string[] = [];
    async function* pages() {
      for (let i = 1; i <= 3; i += 1) {
        log.push(`fetch ${i}`);
        yield i;
      }
    }
    for await (const page of prefetch(pages())) {
      log.push(`write ${page}`);
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(log).toEqual(['fetch 1', 'fetch 2', 'write 1', 'fetch 3', 'write 2', 'write 3']);
  });

  it('passes a failed fetch on to the caller', async () => {
    async function* pages() {
      yield 1;
      throw Object.assign(new Error('gone'), { status: 410 });
    }
    const seen: number[] = [];
    await expect(async () => {
      for await (const page of prefetch(pages())) seen.push(page);
    }).rejects.toThrow('gone');
    expect(seen).toEqual([1]);
  });
});

describe('page prefetch, waiting', () => {
  it('says whether the next page has arrived, so the caller can write while it waits', async () => {
    let release: () => void = () => undefined;
    async function* pages() {
      yield 1;
      await new Promise<void>((r) => (release = r));
      yield 2;
    }
    const ahead = prefetch(pages());
    const seen: [number, boolean][] = [];
    for await (const page of ahead) {
      seen.push([page, ahead.waiting]);
      release();
      await new Promise((r) => setTimeout(r, 1));
    }
    // Page 2 is held back while page 1 is handled; after page 2 nothing more is coming.
    expect(seen).toEqual([
      [1, true],
      [2, false],
    ]);
  });
});
