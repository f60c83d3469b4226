import type { Page } from 'playwright-core';

export interface DevPerson {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
  isAdmin: boolean;
  suggestedRole: 'mentor' | 'leader' | null;
}

/** Lists demo people straight from the dev route, to choose whom the browser signs in as. */
export async function findPeople(baseUrl: string, search = '', limit = 200): Promise<DevPerson[]> {
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

/** Signs in through the tab's own picker: type the name, choose the person, select Sign in. */
export async function signInThroughPicker(page: Page, baseUrl: string, person: DevPerson) {
  await page.goto(`${baseUrl}/#/`);
  // A previous person may still be signed in within this page's session.
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  const picker = page.getByRole('combobox', { name: 'Person' });
  await picker.click();
  // Typed key by key as a person would: the picker opens and searches as you type.
  await picker.pressSequentially(person.displayName);
  await page
    .getByRole('option', { name: new RegExp(`^${escapeRegExp(person.displayName)}`) })
    .first()
    .click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Reverse Mentoring' }).waitFor();
}

/** The dev token the tab keeps, so the test can call the API as the same person. */
export async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => sessionStorage.getItem('reverse-mentoring.dev-token'));
  if (raw === null) throw new Error('Not signed in: no dev token in sessionStorage');
  return (JSON.parse(raw) as { accessToken: string }).accessToken;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
