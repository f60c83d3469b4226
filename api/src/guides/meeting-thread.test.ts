import { describe, expect, it } from 'vitest';
import { asMeetingThreadId, threadIdOfJoinUrl, threadIdOfMeetingId } from './meeting-thread.js';

const THREAD = '19:meeting_NzlkY2RkODMtOWU2NC00Mzk5LTlkYmQtNjYzNjAwOTU2NjA5@thread.v2';

describe('finding the meeting chat behind a Teams meeting', () => {
  it('reads the thread id out of a Teams join URL, however its path is encoded', () => {
    const context = encodeURIComponent('{"Tid":"t","Oid":"o"}');
    expect(
      threadIdOfJoinUrl(
        `https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzlkY2RkODMtOWU2NC00Mzk5LTlkYmQtNjYzNjAwOTU2NjA5%40thread.v2/0?context=${context}`,
      ),
    ).toBe(THREAD);
    expect(
      threadIdOfJoinUrl(
        'https://teams.microsoft.com/l/meetup-join/19%3Ameeting_NzlkY2RkODMtOWU2NC00Mzk5LTlkYmQtNjYzNjAwOTU2NjA5%40thread.v2/0',
      ),
    ).toBe(THREAD);
  });

  it('finds no thread in links that carry none', () => {
    expect(threadIdOfJoinUrl('https://teams.microsoft.com/meet/2513?p=abc')).toBeUndefined();
    expect(threadIdOfJoinUrl('https://teams.microsoft.com/l/meetup-join/')).toBeUndefined();
    expect(
      threadIdOfJoinUrl('https://teams.microsoft.com/l/meetup-join/%E0%A4%A/0'),
    ).toBeUndefined();
    expect(threadIdOfJoinUrl('not a url')).toBeUndefined();
  });

  it('decodes the meeting id Teams gives the tab into the same thread id', () => {
    const meetingId = Buffer.from(`0#${THREAD}#0`).toString('base64');
    expect(threadIdOfMeetingId(meetingId)).toBe(THREAD);
    expect(threadIdOfMeetingId(Buffer.from('0#19:chat_x@thread.v2#0').toString('base64'))).toBe(
      undefined,
    );
    expect(threadIdOfMeetingId('not base64!')).toBeUndefined();
  });

  it('accepts a meeting chat id as it is and refuses other chat ids', () => {
    expect(asMeetingThreadId(THREAD)).toBe(THREAD);
    expect(asMeetingThreadId('19:abc@thread.v2')).toBeUndefined();
    expect(asMeetingThreadId('19:meeting_x@thread.v2 OR 1=1')).toBeUndefined();
  });
});
