import type { Core } from '@strapi/strapi';

export const SITE_WEBHOOK_NAME = 'Site: revalidate published pages';
export const SITE_WEBHOOK_EVENTS = ['entry.publish', 'entry.unpublish', 'entry.update', 'entry.delete'];

type Webhook = { id?: string; name: string; url: string; headers: Record<string, string>; events: string[]; isEnabled: boolean };

/**
 * Registers (or corrects) the webhook that tells the site to revalidate its pages when an editor
 * publishes, unpublishes, edits or deletes content. Configured here, never by clicking.
 */
export async function syncSiteWebhook(strapi: Core.Strapi) {
  const siteUrl = process.env.SITE_URL;
  const secret = process.env.REVALIDATE_SECRET;
  if (!siteUrl || !secret) {
    strapi.log.warn('[webhook] SITE_URL or REVALIDATE_SECRET is not set: the site will not be told about publishes');
    return;
  }

  const wanted: Webhook = {
    name: SITE_WEBHOOK_NAME,
    url: new URL('/api/revalidate', siteUrl).toString(),
    headers: { authorization: `Bearer ${secret}` },
    events: SITE_WEBHOOK_EVENTS,
    isEnabled: true,
  };

  const store = strapi.get('webhookStore');
  const runner = strapi.get('webhookRunner');
  const existing = ((await store.findWebhooks()) as Webhook[]).filter((webhook) => webhook.name === SITE_WEBHOOK_NAME);

  const [current, ...duplicates] = existing;
  for (const duplicate of duplicates) {
    await store.deleteWebhook(duplicate.id!);
    runner.remove(duplicate);
  }

  if (!current) {
    runner.add(await store.createWebhook(wanted));
    strapi.log.info(`[webhook] created: ${wanted.url}`);
  } else if (JSON.stringify({ ...current, id: undefined }) !== JSON.stringify({ ...wanted, id: undefined })) {
    runner.update(await store.updateWebhook(current.id!, wanted));
    strapi.log.info(`[webhook] updated: ${wanted.url}`);
  }
}
