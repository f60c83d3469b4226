import { topicName } from '../contract/index.js';
import type { GuideSession } from './guide-track.js';

export interface InviteBodyOptions {
  programName: string;
  /** The Teams deep link to the session's guide in the personal tab. */
  tabDeepLink: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

function checkedLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new TypeError(`the tab deep link is not a URL: ${link}`);
  }
  // Only web links: anything else (javascript:, data:) in an invite body is an injection.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`the tab deep link must be an http(s) URL, not ${url.protocol}`);
  }
  return link;
}

/**
 * A short HTML body for the Outlook invite: the session's one-paragraph summary, its goal and
 * a link to the full guide in Teams. Outlook appends the Teams join details itself, so none are
 * written here. Every piece of text is escaped: program names and admin-edited guides are
 * user input.
 */
export function renderInviteBody(session: GuideSession, options: InviteBodyOptions): string {
  const href = escapeHtml(checkedLink(options.tabDeepLink));
  return [
    '<div>',
    `<p><strong>${escapeHtml(options.programName)} · ${escapeHtml(topicName(session.key, session.topic))}</strong><br>${escapeHtml(session.title)}</p>`,
    `<p>${escapeHtml(session.summary)}</p>`,
    `<p><strong>Goal:</strong> ${escapeHtml(session.goal)}</p>`,
    `<p><a href="${href}">Open the full session guide in Teams</a> — pre-work, prompts for each of you and the exercise.</p>`,
    '<p><em>Your reflections in the app are private to you.</em></p>',
    '</div>',
  ].join('\n');
}
