import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, type Service } from '../../scripts/lib/processes';
import { startRedis, type Redis } from '../../scripts/lib/redis';
import { WEB_DIR } from '../../scripts/lib/repo-dirs';
import { engines, ensureEngine } from '../../scripts/lib/system-packages';
import { runStrapiTask } from '../helpers/cms';
import { siteEnv, startSiteServer } from '../helpers/setup-site';

/**
 * Several site instances from one build, sharing Next's cache through Redis (REDIS_URL): the CMS's
 * webhook reaches one instance behind a load balancer, and every instance serves the change within a
 * second of its answer, both a page it had cached and a new article's slug its proxy had looked up
 * (and found unknown) before. Without REDIS_URL, the other e2e files run the site as one instance.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const cmsEnv = inject('cmsEnv');
const secrets = inject('siteSecrets');
const stamp = Date.now().toString(36);
const ARTICLE = 'api::article.article';
const WITHIN_MS = 1000;
/** The channel of web/src/data/slugs.ts. */
const FORGET_CHANNEL = 'publication:article-lookups:forget';

const articlePath = (slug: string) => `/en/articles/${slug}`;
const article = (title: string, slug: string) => ({
  title,
  slug,
  excerpt: 'Shared cache test',
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'A test article of the shared cache test.' }] }],
  translation: { reviewState: 'human-reviewed' },
});
const create = (title: string, slug: string) => [
  { action: 'create', uid: ARTICLE, locale: 'en', data: article(title, slug) },
  { action: 'publish', uid: ARTICLE, documentId: '$0', locale: 'en' },
];

const edited = { slug: `shared-cache-edit-${stamp}`, title: `Shared cache ${stamp}`, newTitle: `Shared cache edited ${stamp}` };
const added = { slug: `shared-cache-new-${stamp}`, title: `Shared cache new ${stamp}` };
const ids = { edited: '', added: '' };
/** The edited article's titles after the edits of the last tests. */
const raced = { shared: `Shared cache raced ${stamp}`, single: `One instance raced ${stamp}` };

/**
 * What the instances of this file reach the CMS through: it passes everything on, but can hold the
 * CMS's answers to one GraphQL operation (received from the CMS, not made up) until released, as a
 * slow network or a loaded CMS would deliver them late.
 */
function holdingProxy(target: string) {
  let holding: string | undefined;
  let waiting: (() => void)[] = [];
  const heldAnswers: string[] = [];
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
    ) as Record<string, string>;
    try {
      const upstream = await fetch(new URL(request.url ?? '/', target), {
        method: request.method,
        headers,
        body: body.length ? body : undefined,
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      if (holding && operationName(body) === holding) {
        heldAnswers.push(answer.toString());
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      const passed = [...upstream.headers].filter(
        ([name]) => !['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name),
      );
      response.writeHead(upstream.status, Object.fromEntries(passed)).end(answer);
    } catch {
      response.writeHead(502).end();
    }
  });
  return {
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    hold(operation: string) {
      holding = operation;
      heldAnswers.length = 0;
    },
    /** The answers held so far (since `hold`). */
    held: () => heldAnswers,
    release() {
      holding = undefined;
      for (const resolve of waiting) resolve();
      waiting = [];
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

function operationName(body: Buffer): string | undefined {
  try {
    return (JSON.parse(body.toString()) as { operationName?: string }).operationName;
  } catch {
    return undefined;
  }
}

const proxy = holdingProxy(cmsUrl);
let proxiedCmsUrl = '';
let redis: Redis | undefined;
let redisDir: string | undefined;
const instances: Service[] = [];
const urls: string[] = [];
/** Articles this file created, deleted after it. */
const created: string[] = [];

beforeAll(async () => {
  ensureEngine(engines.redis);
  redisDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-test-'));
  redis = await startRedis({ dir: redisDir, port: await freePort() });
  proxiedCmsUrl = await proxy.listen();
  const env = { ...instanceEnv(), REDIS_URL: redis.url };
  const ports = [await freePort(), await freePort()];
  urls.push(...ports.map((port) => `http://127.0.0.1:${port}`));
  // The article to edit is published meanwhile (each CMS task starts Strapi: slow).
  const [, [first]] = await Promise.all([
    Promise.all(ports.map(async (port) => void instances.push(await startSiteServer(port, env)))),
    runStrapiTask<{ documentId: string }[]>(cmsEnv, create(edited.title, edited.slug)),
  ]);
  ids.edited = first!.documentId;
  created.push(ids.edited);
}, 120_000);

/** As the e2e site, but through the proxy, and waiting as long as an answer is held. */
function instanceEnv() {
  return { ...siteEnv(proxiedCmsUrl, siteUrl, cmsEnv), CMS_TIMEOUT_MS: '60000' };
}

afterAll(async () => {
  proxy.release();
  await Promise.all(instances.map((instance) => instance.stop()));
  await proxy.close();
  if (redis?.service.alive()) await redis.stop();
  if (redisDir) fs.rmSync(redisDir, { recursive: true, force: true });
  if (created.length)
    await runStrapiTask(
      cmsEnv,
      created.map((documentId) => ({ action: 'delete', uid: ARTICLE, documentId, locale: '*' })),
    );
}, 60_000);

type Answer = { status: number; html: string };

async function page(base: string, pathname: string): Promise<Answer> {
  const response = await fetch(`${base}${pathname}`, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  return { status: response.status, html: await response.text() };
}

/** The CMS's webhook, as a load balancer would pass it on: to one instance. */
async function webhook(base: string, event: string, entry: Record<string, unknown>) {
  const response = await fetch(`${base}/api/revalidate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secrets.revalidate}` },
    body: JSON.stringify({ event, model: 'article', entry }),
  });
  expect(response.status).toBe(200);
}

/**
 * When, after `since`, the first request was sent whose answer passes `check` (asking again as soon
 * as an answer comes), and how long that answer took (rendering a page anew included).
 */
async function firstFresh(base: string, pathname: string, since: number, check: (answer: Answer) => boolean) {
  for (;;) {
    const sent = performance.now();
    const answer = await page(base, pathname);
    if (check(answer)) return { sentAfter: sent - since, took: performance.now() - sent };
    if (sent - since > 10_000) throw new Error(`${pathname} not fresh within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('several site instances sharing a Redis', () => {
  // Both instances have the article page cached and the new slug looked up (unknown), then the CMS
  // changes both: an editor edits the one and publishes the other.
  beforeAll(async () => {
    const [a, b] = urls as [string, string];
    for (const base of [a, b]) {
      expect((await page(base, articlePath(edited.slug))).html).toContain(edited.title);
      expect((await page(base, articlePath(added.slug))).status).toBe(404);
    }
    const [second] = await runStrapiTask<{ documentId: string }[]>(cmsEnv, [
      ...create(added.title, added.slug),
      { action: 'update', uid: ARTICLE, documentId: ids.edited, locale: 'en', data: { title: edited.newTitle } },
      { action: 'publish', uid: ARTICLE, documentId: ids.edited, locale: 'en' },
    ]);
    ids.added = second!.documentId;
    created.push(ids.added);
    // As both would stay (10 minutes, a minute) without a webhook reaching them.
    expect((await page(b, articlePath(edited.slug))).html).not.toContain(edited.newTitle);
    expect((await page(b, articlePath(added.slug))).status).toBe(404);
  }, 90_000);

  it("serve a new article's slug on every instance within a second of the webhook on one", async () => {
    const [a, b] = urls as [string, string];
    await webhook(a, 'entry.publish', { documentId: ids.added, locale: 'en', slug: added.slug });
    const fresh = await firstFresh(b, articlePath(added.slug), performance.now(), (answer) => answer.status === 200);
    console.log(`new slug: asked ${fresh.sentAfter.toFixed(0)} ms after the webhook, rendered in ${fresh.took.toFixed(0)} ms`);
    expect(fresh.sentAfter).toBeLessThanOrEqual(WITHIN_MS);
    expect((await page(b, articlePath(added.slug))).html).toContain(added.title);
  });

  it('serve an edited article on every instance within a second of the webhook on one', async () => {
    const [a, b] = urls as [string, string];
    await webhook(a, 'entry.publish', { documentId: ids.edited, locale: 'en', slug: edited.slug });
    const fresh = await firstFresh(b, articlePath(edited.slug), performance.now(), (answer) =>
      answer.html.includes(edited.newTitle),
    );
    console.log(`edited page: asked ${fresh.sentAfter.toFixed(0)} ms after the webhook, rendered in ${fresh.took.toFixed(0)} ms`);
    expect(fresh.sentAfter).toBeLessThanOrEqual(WITHIN_MS);
  });

  it('keep serving pages, and the webhook keeps answering, when Redis stops', async () => {
    const [a, b] = urls as [string, string];
    await redis!.stop();
    for (const base of [a, b]) {
      const answer = await page(base, articlePath(edited.slug));
      expect(answer.status).toBe(200);
      expect(answer.html).toContain(edited.newTitle);
      expect((await page(base, '/fr')).status).toBe(200);
    }
    await webhook(a, 'entry.publish', { documentId: ids.edited, locale: 'en', slug: edited.slug });
  });

  it('share again once Redis is back, with no restart', async () => {
    const [a, b] = urls as [string, string];
    redis = await startRedis({ dir: redisDir!, port: redis!.port });
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      // Both instances' slug lookups listen again, and pages are written to Redis again.
      await eventually(async () => (await client.pubSubNumSub(FORGET_CHANNEL))[FORGET_CHANNEL] === 2);
      await eventually(async () => {
        for (const base of [a, b]) expect((await page(base, '/fa')).status).toBe(200);
        return (await client.dbSize()) > 0;
      });
    } finally {
      await client.quit();
    }
  });
});

/**
 * A render of the edited article's page on `renderOn` reads the article from the CMS just before an
 * editor publishes a new title, and finishes (stores what it rendered) only after the webhook for
 * that publish reached `webhookTo`: no instance may keep serving the title the render read.
 */
async function renderReadBeforePublish(renderOn: string, webhookTo: string, title: { before: string; after: string }) {
  const pathname = articlePath(edited.slug);
  const entry = { documentId: ids.edited, locale: 'en', slug: edited.slug };
  // Makes the cached page stale, so that the next request renders it.
  await webhook(webhookTo, 'entry.publish', entry);
  proxy.hold('ArticlePage');
  const request = fetch(`${renderOn}${pathname}`, { signal: AbortSignal.timeout(120_000) }).then((answer) => answer.text());
  await eventually(async () => proxy.held().length > 0);
  expect(proxy.held().join('\n')).toContain(title.before);

  await runStrapiTask(cmsEnv, [
    { action: 'update', uid: ARTICLE, documentId: ids.edited, locale: 'en', data: { title: title.after } },
    { action: 'publish', uid: ARTICLE, documentId: ids.edited, locale: 'en' },
  ]);
  await webhook(webhookTo, 'entry.publish', entry);
  proxy.release();
  await request;

  for (const base of new Set([renderOn, webhookTo])) {
    await firstFresh(base, pathname, performance.now(), (answer) => answer.html.includes(title.after));
  }
}

describe('a render that read the CMS before a publish and ends after its webhook', () => {
  it('is not kept by instances sharing a Redis', async () => {
    const [a, b] = urls as [string, string];
    await renderReadBeforePublish(a, b, { before: edited.newTitle, after: raced.shared });
  }, 120_000);

  describe('nor by one instance without Redis', () => {
    let single: Service | undefined;
    let base = '';
    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      single = await startSiteServer(port, instanceEnv());
    }, 60_000);
    afterAll(() => single?.stop());

    it('is not kept', async () => {
      await renderReadBeforePublish(base, base, { before: raced.shared, after: raced.single });
    }, 120_000);
  });
});

/**
 * One call to the site's cache handler (web/cache-handler.mjs, what Next calls in each instance), in
 * a process of its own, as an instance of the build `build` (KEY_PREFIX) would make it. Answers the
 * HTML of the page read, or null.
 */
function handlerCall(build: string, call: { op: 'set' | 'get' | 'revalidate'; key?: string; tag: string; html?: string }) {
  const handler = pathToFileURL(path.join(WEB_DIR, 'cache-handler.mjs')).href;
  const script = `
    const call = JSON.parse(process.env.CALL);
    const { default: Handler } = await import(${JSON.stringify(handler)});
    const handler = new Handler({});
    let html = null;
    if (call.op === 'set') {
      const page = { kind: 'APP_PAGE', html: call.html, headers: { 'x-next-cache-tags': call.tag }, status: 200 };
      await handler.set(call.key, page, { cacheControl: { revalidate: 600, expire: 3600 } });
    } else if (call.op === 'revalidate') {
      await handler.revalidateTag([call.tag]);
    } else {
      html = (await handler.get(call.key, { kind: 'APP_PAGE', isRoutePPREnabled: false, isFallback: false }))?.value?.html ?? null;
    }
    console.log(JSON.stringify(html));
    process.exit(0);`;
  const env = { ...process.env, REDIS_URL: redis!.url, KEY_PREFIX: build, CALL: JSON.stringify(call) };
  return new Promise<string | null>((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { env }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop()!)),
    ),
  );
}

describe('instances of two builds sharing a Redis (during a deploy)', () => {
  // Each build keeps its own entries (keys start with its build id); the webhook reaches one of them.
  it("do not serve a page the other build's webhook revalidated", async () => {
    const [changed, other] = [`article:${stamp}`, `article:other-${stamp}`];
    await handlerCall('old-build', { op: 'set', key: '/en/changed', tag: changed, html: 'before the publish' });
    await handlerCall('old-build', { op: 'set', key: '/en/other', tag: other, html: 'another page' });
    expect(await handlerCall('old-build', { op: 'get', key: '/en/changed', tag: changed })).toBe('before the publish');

    await handlerCall('new-build', { op: 'revalidate', tag: changed });
    expect(await handlerCall('old-build', { op: 'get', key: '/en/changed', tag: changed })).toBeNull();
    expect(await handlerCall('old-build', { op: 'get', key: '/en/other', tag: other })).toBe('another page');
  }, 60_000);
});

/** Polls until `check` holds (fails after 30 s: the instances retry every 10 s at most). */
async function eventually(check: () => Promise<boolean>) {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
