import type { Page } from 'playwright-core';

export interface DevPerson {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  timeZone: string | null;
  isAdmin: boolean;
  suggestedRole: 'mentor' | 'leader' | null;
}

/** Lists demo people straight from the dev route, to choose whom the browser signs in as. */
export async function findPeople(baseUrl: string, search = '', limit = 50): Promise<DevPerson[]> {
  const response = await fetch(
    `${baseUrl}/dev/people?search=${encodeURIComponent(search)}&limit=${limit}`,
  );
  if (!response.ok) {
    throw new Error(
      `GET /dev/people answered ${response.status}: ${await response.text()} (dev sign-in route missing?)`,
    );
  }
  return ((await response.json()) as { people: DevPerson[] }).people;
}

/** A wider sample than one page of the picker: a few searches, people listed once. */
export async function samplePeople(baseUrl: string): Promise<DevPerson[]> {
  const seen = new Map<string, DevPerson>();
  for (const search of ['', 'a', 'e', 'o']) {
    for (const person of await findPeople(baseUrl, search)) seen.set(person.id, person);
  }
  return [...seen.values()];
}

/** Signs in through the tab's own picker: type the name, choose the person, select Sign in. */
export async function signInThroughPicker(page: Page, baseUrl: string, person: DevPerson) {
  // Demo organisations repeat names, some with the same title and department too: the picker
  // cannot tell those apart, so each look-alike is tried until the token names this person.
  for (let nth = 0; ; nth++) {
    await page.goto(`${baseUrl}/#/`);
    // A previous person may still be signed in within this page's session.
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    const picker = page.getByRole('combobox', { name: 'Person' });
    await picker.click();
    // Typed key by key as a person would: the picker opens and searches as you type.
    await picker.pressSequentially(person.displayName);
    // The title and department tell most namesakes apart.
    let option = page.getByRole('option').filter({ hasText: person.displayName });
    for (const detail of [person.jobTitle, person.department]) {
      if (detail !== null) option = option.filter({ hasText: detail });
    }
    await option.first().waitFor();
    const alike = await option.count();
    if (nth >= alike) throw new Error(`${person.displayName} (${person.id}) is not in the picker`);
    await option.nth(nth).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Reverse Mentoring' }).waitFor();
    // The header names who is signed in (from GET /api/me) once the API knows them.
    await page.locator('header').getByText(person.displayName, { exact: true }).waitFor();
    if (alike === 1 || (await signedInId(page)) === person.id) return;
  }
}

/** The user id in the tab's dev token (Entra's `oid` claim). */
async function signedInId(page: Page): Promise<string | undefined> {
  const token = await tokenOf(page);
  const claims = JSON.parse(
    Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
  ) as { oid?: string };
  return claims.oid;
}

const TOKEN_KEY = 'reverse-mentoring.dev-token';

/**
 * Signs another page in as the same person without the picker (the picker itself is exercised
 * by signInThroughPicker): copies the stored token into the page's sessionStorage on each load.
 */
export async function shareSignIn(from: Page, to: Page): Promise<void> {
  const raw = await from.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);
  if (raw === null) throw new Error('The source page is not signed in');
  await to.addInitScript(
    ([key, value]) => {
      try {
        sessionStorage.setItem(key, value);
      } catch {
        // about:blank has no storage; the next real load sets it.
      }
    },
    [TOKEN_KEY, raw] as const,
  );
}

/** The dev token the tab keeps, so the test can call the API as the same person. */
export async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);
  if (raw === null) throw new Error('Not signed in: no dev token in sessionStorage');
  return (JSON.parse(raw) as { accessToken: string }).accessToken;
}

/**
 * The SSO token Teams would hand the tab for `person`: issued by the local tenant for that user
 * (the dev sign-in route asks it), so the API validates it on its production path.
 */
export async function ssoTokenFor(
  baseUrl: string,
  person: DevPerson,
): Promise<{ token: string; tenantId: string }> {
  const response = await fetch(`${baseUrl}/dev/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId: person.id }),
  });
  if (!response.ok)
    throw new Error(`POST /dev/sign-in answered ${response.status}: ${await response.text()}`);
  const token = ((await response.json()) as { accessToken: string }).accessToken;
  const payload = JSON.parse(
    Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
  ) as { tid?: string };
  if (payload.tid === undefined) throw new Error('The local tenant token names no tenant');
  return { token, tenantId: payload.tid };
}
