import { describe, expect, inject, it } from 'vitest';
import { json, queryDb } from '../helpers/db';

describe('the site revalidation webhook', () => {
  it('is registered at start-up, once, with the shared secret, for every publishing event', () => {
    const { siteUrl, revalidate } = inject('cmsSecrets');
    const hooks = queryDb(inject('cmsDatabase'), 'select url, headers, events, enabled from strapi_webhooks');
    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    expect(hook.url).toBe(new URL('/api/revalidate', siteUrl).toString());
    expect(json(hook.headers)).toEqual({ authorization: `Bearer ${revalidate}` });
    expect(json(hook.events).sort()).toEqual(['entry.delete', 'entry.publish', 'entry.unpublish', 'entry.update']);
    expect(Boolean(hook.enabled)).toBe(true);
  });
});
