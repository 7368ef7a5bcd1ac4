import { describe, expect, inject, it } from 'vitest';
import { readDb } from '../helpers/db';

describe('the site revalidation webhook', () => {
  it('is registered at start-up, once, with the shared secret, for every publishing event', () => {
    const { siteUrl, revalidate } = inject('cmsSecrets');
    const hooks = readDb(inject('cmsDbFile'), (db) =>
      db.prepare('select url, headers, events, enabled from strapi_webhooks').all(),
    );
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    expect(hook.url).toBe(new URL('/api/revalidate', siteUrl).toString());
    expect(JSON.parse(hook.headers)).toEqual({ authorization: `Bearer ${revalidate}` });
    expect(JSON.parse(hook.events).sort()).toEqual(['entry.delete', 'entry.publish', 'entry.unpublish', 'entry.update']);
    expect(Boolean(hook.enabled)).toBe(true);
  });
});
