import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { random } from '../../scripts/bench/corpus';
import {
  planRedirects,
  planUnknown,
  runSlugChecks,
  slugTargets,
  startCountingProxy,
  type CountingProxy,
  type PublishedVersion,
} from '../../scripts/bench/slug-checks';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function proxyTo(target: string): Promise<CountingProxy> {
  const proxy = await startCountingProxy(target);
  closers.push(proxy.close);
  return proxy;
}

const versions: PublishedVersion[] = ['a', 'b', 'c'].flatMap((id) =>
  ['en', 'fr'].map((locale) => ({ documentId: id, locale, slug: locale === 'en' ? `doc-${id}` : `doc-${id}-fr` })),
);

describe('the slug checks of the scale benchmark', () => {
  it('counts the POST /graphql requests it forwards, and forwards the answer as is', async () => {
    const cms = await listen((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ method: request.method, url: request.url, body }));
      });
    });
    const proxy = await proxyTo(cms);
    const answer = await fetch(`${proxy.url}/graphql`, { method: 'POST', body: '{"query":"{a}"}' });
    expect(await answer.json()).toEqual({ method: 'POST', url: '/graphql', body: '{"query":"{a}"}' });
    await (await fetch(`${proxy.url}/_health`)).text();
    await (await fetch(`${proxy.url}/graphql`)).text();
    expect(proxy.graphqlRequests()).toBe(1);
  });

  it("plans redirects to the document's own slug, and unknown slugs that are valid", () => {
    const cases = planRedirects(versions, 2, random(1));
    expect(cases).toHaveLength(2);
    for (const { path, expected } of cases) {
      const [, locale, , slug] = path.split('/');
      const own = versions.find((v) => v.locale === locale && `/${locale}/articles/${v.slug}` === expected)!;
      expect(own).toBeDefined();
      expect(versions.find((v) => v.slug === slug)!.documentId).toBe(own.documentId);
      expect(slug).not.toBe(own.slug);
    }
    for (const path of planUnknown(['en', 'fr'], 3, random(2)))
      expect(path).toMatch(/^\/(en|fr)\/articles\/no-such-article-[a-z0-9]{12}$/);
  });

  it('requests every kind of slug through a site and counts what the site asks the CMS', async () => {
    const cms = await listen((request, response) => {
      request.resume();
      request.on('end', () => response.end('{"data":{}}'));
    });
    const proxy = await proxyTo(cms);
    const cached = new Set<string>();
    // A fake site: one lookup per slug, kept (unknown ones too), as web/src/data/slugs.ts does.
    const site = await listen(async (request, response) => {
      const [, locale, , slug] = decodeURIComponent(request.url!).split('/');
      if (!cached.has(slug!)) {
        cached.add(slug!);
        await (await fetch(`${proxy.url}/graphql`, { method: 'POST', body: '{}' })).text();
      }
      const version = versions.find((v) => v.slug === slug);
      const own = versions.find((v) => v.documentId === version?.documentId && v.locale === locale);
      if (!version) response.writeHead(404).end('<html><h1>Not found</h1></html>');
      else if (version.locale !== locale) response.writeHead(307, { location: `/${locale}/articles/${own!.slug}` }).end();
      else response.end('<h1>An article</h1>');
    });
    const checks = await runSlugChecks(site, proxy, versions, ['en', 'fr'], { tiny: true, log: () => {}, quietMs: 20 });
    expect(checks.published).toMatchObject({ total: 6, ok: 6, cmsRequests: 6 });
    expect(checks.knownAgain).toMatchObject({ total: 5, ok: 5, cmsRequests: 0 });
    expect(checks.redirects).toMatchObject({ total: 3, ok: 3, cmsRequests: 0 });
    expect(checks.unknown).toMatchObject({ total: 5, ok: 5, cmsRequests: 5 });
    expect(slugTargets(3, checks).map((t) => t.met)).toEqual([true, true, true, true, true]);

    const worse = { ...checks, unknown: { ...checks.unknown, cmsRequests: 10 } };
    expect(slugTargets(3, worse).find((t) => t.name.startsWith('CMS requests per unknown'))).toMatchObject({
      met: false,
      shortfall: '1.00 over',
    });
  });
});
