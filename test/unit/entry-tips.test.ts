/** How-to-enter tips wait while an action that changes the access waits on this desk. */
import { describe, expect, it } from 'vitest';
import { entryTipsWait } from '../../src/shared/rules/entry-tips';

describe('entryTipsWait', () => {
  it('waits behind an action that changes how, or whether, the person enters', () => {
    expect(entryTipsWait(['company_user.change'])).toBe(true);
    expect(entryTipsWait(['account.unlock'])).toBe(true);
    expect(entryTipsWait(['mail.resend', 'membership.resume'])).toBe(true);
  });

  it('not behind one that leaves the access as it is, nor behind none', () => {
    expect(entryTipsWait([])).toBe(false);
    expect(entryTipsWait(['person.update_contact', 'mail.resend'])).toBe(false);
    expect(entryTipsWait(['data_request.record', 'membership.set_modules'])).toBe(false);
  });
});
