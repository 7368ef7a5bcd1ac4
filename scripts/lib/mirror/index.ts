import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { localeCodes, locales, dirOf } from '../../../web/src/lib/locales';
import { publicKeyPem } from '../../../web/src/lib/mirror-key';
import { paths, SHARE_IMAGES, PAPER_SIZES, targetOfPath, type ShareImageKind } from '../../../web/src/lib/paths';
import { rewriteCss } from './css';
import { rewriteHtml } from './html';
import { fileOf, isPage, publicUrl, relativeLink } from './layout';
import { MANIFEST_FILE, PUBLIC_KEY_FILE, SIGNATURE_FILE, SUMS_FILE, sha256, signSums, sumsText, type Manifest } from './manifest';
import { catalog, escapeHtml, noticeHtml } from './notice';
import { verifyText, VERIFY_FILE } from './verify-doc';

export type MirrorOptions = {
  /** Where the running site answers (what is fetched). */
  site: string;
  /** The site's public address (what its pages call themselves, and what the notice names). */
  origin: string;
  out: string;
  /** Where the copy will be served: absolute links of the sitemap and feeds; none: no sitemap. */
  baseUrl?: string;
  key: KeyObject;
  now?: Date;
  log?: (line: string) => void;
};

export type MirrorResult = { files: number; written: string[]; removed: string[]; archive: string; manifest: Manifest };

/** Stands for the notice while a page is fetched; replaced at write time (its date is per file). */
const NOTICE = '\u0000mirror-notice\u0000';

type Fetched = { file: string; locale: string | null; body: Buffer | string; kind: 'page' | 'text' | 'binary' };

const CONCURRENCY = 4;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Crawls the published site from what it says it has (its sitemap, each locale's home, index,
 * feed and reposting kit, each page's share images and PDFs, by paths.ts) and everything those
 * pages refer to on the site (pages, index pages, fonts, images, the icon), each URL once.
 */
async function crawl(options: MirrorOptions): Promise<Map<string, Fetched>> {
  const site = trimSlash(options.site);
  const origin = trimSlash(options.origin);
  const base = options.baseUrl ? trimSlash(options.baseUrl) : null;
  const queue: { url: URL; required: boolean }[] = [];
  const seen = new Set<string>();
  const fetched = new Map<string, Fetched>();
  const siteOrigins = new Set([new URL(site).origin, new URL(origin).origin]);

  /** A URL of the site (by its fetch or its public address) as the fetch URL; null for any other. */
  const onSite = (raw: string, from: URL): URL | null => {
    let url: URL;
    try {
      url = new URL(raw, from);
    } catch {
      return null;
    }
    if (!siteOrigins.has(url.origin)) return null;
    return new URL(`${url.pathname}${url.search}`, site);
  };
  const mirrored = (url: URL) =>
    !url.pathname.startsWith('/api/') && !/^\/[^/]+\/embed\//.test(url.pathname) && !url.pathname.startsWith('/.well-known/');
  const enqueue = (url: URL, required = false) => {
    const file = fileOf(url);
    if (seen.has(file)) return file;
    seen.add(file);
    queue.push({ url, required });
    return file;
  };

  // The published pages, as the site lists them; then what each locale has besides.
  const sitemap = await fetch(`${site}${paths.sitemap()}`);
  if (!sitemap.ok) throw new Error(`${site}${paths.sitemap()} answered ${sitemap.status}`);
  const sitemapXml = await sitemap.text();
  if (base) fetched.set('sitemap.xml', { file: 'sitemap.xml', locale: null, body: sitemapXml, kind: 'text' });
  const pages = [...sitemapXml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => onSite(m[1]!.replace(/&amp;/g, '&'), new URL(site)));
  // A page the sitemap still lists for a moment after it was taken down answers 404: skipped, said.
  for (const page of pages) if (page) enqueue(page);
  for (const locale of localeCodes) {
    for (const p of [paths.home(locale), paths.articles(locale), paths.feed(locale), paths.share(locale)])
      enqueue(new URL(p, site), true);
  }
  /** A reader's page that answered: its reposting kit, images and PDFs must answer too. */
  const enqueueKitOf = (page: URL) => {
    const found = targetOfPath(page.pathname);
    if (!found || /^\/[^/]+\/embed\//.test(page.pathname)) return;
    const { locale, target } = found;
    enqueue(new URL(paths.share(locale, target), site), true);
    for (const kind of Object.keys(SHARE_IMAGES) as ShareImageKind[])
      enqueue(new URL(paths.shareImage(locale, target, kind), site), true);
    for (const paper of PAPER_SIZES) enqueue(new URL(paths.pdf(locale, target, paper), site), true);
  };

  /** The link to a URL from a file: relative inside the mirror, or null when the mirror has no such file. */
  const linker = (fromFile: string, fromUrl: URL, absolute: boolean) => (raw: string) => {
    const url = onSite(raw, fromUrl);
    if (!url || !mirrored(url)) return null;
    if (url.pathname === '/' && !url.search) {
      return absolute && base ? `${base}/` : relativeLink(fromFile, 'index.html', url.hash);
    }
    const file = enqueue(url);
    if (absolute) return base ? publicUrl(base, file) : null;
    return relativeLink(fromFile, file, url.hash);
  };

  const escapedOrigins = [...siteOrigins].map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const originPattern = new RegExp(`(?:${escapedOrigins})(/[^\\s"'<>\\]]*)?`, 'g');

  const handle = async ({ url, required }: { url: URL; required: boolean }) => {
    const file = fileOf(url);
    const response = await fetch(url, { redirect: 'manual' });
    if (response.status !== 200) {
      await response.arrayBuffer().catch(() => undefined);
      const message = `${url.pathname}${url.search} answered ${response.status}`;
      if (required) throw new Error(message);
      options.log?.(`skipped: ${message}`);
      return;
    }
    const type = response.headers.get('content-type') ?? '';
    const locale = localeCodes.find((code) => url.pathname === `/${code}` || url.pathname.startsWith(`/${code}/`)) ?? null;
    if (/text\/html/.test(type)) {
      const html = await response.text();
      const link = linker(file, url, false);
      const absoluteLink = linker(file, url, true);
      const rewritten = rewriteHtml(html, {
        isInternal: (raw) => onSite(raw, url) !== null,
        // <link rel=canonical|alternate> and social previews name absolute addresses: the base URL's, or none.
        link: (raw) => {
          const absolute = /^https?:/.test(raw);
          return absolute ? (absoluteLink(raw) ?? (base ? null : link(raw))) : link(raw);
        },
        notice: NOTICE,
      });
      // What is left of the site's addresses is text (the reposting kit's message and link): with a
      // base URL, the mirror's own addresses; without one, the origin's, which they are.
      const text = base ? rewritten.replace(originPattern, (whole) => absoluteLink(whole) ?? whole) : rewritten;
      fetched.set(file, { file, locale, body: text, kind: isPage(url.pathname) ? 'page' : 'text' });
      // Only now: a page the sitemap still listed a moment after it was taken down has none.
      enqueueKitOf(url);
    } else if (/xml|css/.test(type)) {
      const text = await response.text();
      const link = linker(file, url, Boolean(base) && /xml/.test(type));
      // Every address of the site in a feed: the mirror's (absolute with a base URL, else relative).
      const rewritten = /css/.test(type)
        ? rewriteCss(text, (raw) => link(raw) ?? raw)
        : text.replace(originPattern, (whole) => {
            const replaced = link(whole.replace(/&amp;/g, '&'));
            return replaced === null ? (base ?? '.') : replaced.replace(/&/g, '&amp;');
          });
      fetched.set(file, { file, locale, body: rewritten, kind: 'text' });
    } else {
      fetched.set(file, { file, locale, body: Buffer.from(await response.arrayBuffer()), kind: 'binary' });
    }
  };
  // A few requests at a time: the site renders images and PDFs on their first request.
  let active = 0;
  const worker = async () => {
    for (;;) {
      const next = queue.shift();
      if (!next) {
        if (!active) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      active++;
      try {
        await handle(next);
      } finally {
        active--;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (base) {
    const entry = fetched.get('sitemap.xml')!;
    entry.body = (entry.body as string).replace(/(?:https?:\/\/[^/<"\s]+)(\/[^<"\s]*)?/g, (whole) => {
      const url = onSite(whole.replace(/&amp;/g, '&'), new URL(site));
      if (!url) return whole;
      return url.pathname === '/' ? `${base}/` : publicUrl(base, fileOf(url)).replace(/&/g, '&amp;');
    });
  }
  return fetched;
}

/** The root page of the copy: the notice and a link to each language's home, in that language. */
function rootPage(notice: (locale: string) => string): string {
  const items = locales
    .map(
      (l) =>
        `<section lang="${l.code}" dir="${l.dir}">${notice(l.code)}<p><a href="${relativeLink('index.html', `${l.code}/index.html`)}" hreflang="${l.code}">${escapeHtml(l.name)}: ${escapeHtml(catalog(l.code).Metadata.siteName)}</a></p></section>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html lang="${localeCodes[0]}" dir="${dirOf(localeCodes[0]!)}"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${escapeHtml(catalog(localeCodes[0]!).Metadata.siteName)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">\n${items}\n</body></html>\n`;
}

const readIfExists = (file: string): Buffer | null => {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
};

/**
 * Makes (or brings up to date) a mirror in `out`: a file is written only when its bytes change, so
 * an unchanged file keeps its mtime, and rsync moves only what a publish changed. A page's notice
 * names the date its copy was made: an unchanged page keeps its old date (the manifest remembers it).
 */
export async function makeMirror(options: MirrorOptions): Promise<MirrorResult> {
  const now = (options.now ?? new Date()).toISOString();
  const out = path.resolve(options.out);
  const origin = trimSlash(options.origin);
  fs.mkdirSync(out, { recursive: true });
  const previous = readIfExists(path.join(out, MANIFEST_FILE));
  const before: Manifest | null = previous ? (JSON.parse(previous.toString('utf8')) as Manifest) : null;
  const copiedBefore = new Map((before?.files ?? []).map((entry) => [entry.path, entry.copiedAt]));

  const fetched = await crawl(options);
  const noticeFor = (file: string, locale: string, date: string) =>
    noticeHtml({ locale, origin, date, verifyHref: relativeLink(file, VERIFY_FILE) });
  const rendered = (entry: Fetched, date: string): Buffer =>
    entry.kind === 'binary'
      ? (entry.body as Buffer)
      : Buffer.from(
          entry.kind === 'page'
            ? (entry.body as string).replace(NOTICE, noticeFor(entry.file, entry.locale ?? localeCodes[0]!, date))
            : (entry.body as string),
        );

  const outputs = new Map<string, { bytes: Buffer; copiedAt: string }>();
  const choose = (file: string, render: (date: string) => Buffer) => {
    const existing = readIfExists(path.join(out, file));
    const old = copiedBefore.get(file);
    if (existing && old) {
      const again = render(old);
      if (again.equals(existing)) return void outputs.set(file, { bytes: again, copiedAt: old });
    }
    outputs.set(file, { bytes: render(now), copiedAt: now });
  };
  for (const entry of fetched.values()) choose(entry.file, (date) => rendered(entry, date));
  choose('index.html', (date) => Buffer.from(rootPage((locale) => noticeFor('index.html', locale, date))));
  choose(VERIFY_FILE, () => Buffer.from(verifyText(origin)));
  choose(PUBLIC_KEY_FILE, () => Buffer.from(publicKeyPem(options.key)));

  const manifest: Manifest = {
    site: catalog(localeCodes[0]!).Metadata.siteName,
    origin,
    baseUrl: options.baseUrl ? trimSlash(options.baseUrl) : null,
    createdAt: now,
    files: [...outputs.entries()]
      .map(([file, { bytes, copiedAt }]) => ({ path: file, size: bytes.length, sha256: sha256(bytes), copiedAt }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  outputs.set(MANIFEST_FILE, { bytes: manifestBytes, copiedAt: now });
  const sums = Buffer.from(sumsText(new Map([...outputs.entries()].map(([file, { bytes }]) => [file, sha256(bytes)]))));
  outputs.set(SUMS_FILE, { bytes: sums, copiedAt: now });
  outputs.set(SIGNATURE_FILE, { bytes: signSums(sums, options.key), copiedAt: now });

  const written: string[] = [];
  for (const [file, { bytes }] of outputs) {
    const target = path.join(out, file);
    const existing = readIfExists(target);
    if (existing && existing.equals(bytes)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
    written.push(file);
  }
  // What an earlier run wrote and this one no longer has (an unpublished article).
  const removed: string[] = [];
  for (const entry of before?.files ?? []) {
    if (outputs.has(entry.path)) continue;
    fs.rmSync(path.join(out, entry.path), { force: true });
    removed.push(entry.path);
    for (let dir = path.dirname(path.join(out, entry.path)); dir.startsWith(`${out}${path.sep}`); dir = path.dirname(dir)) {
      if (fs.readdirSync(dir).length) break;
      fs.rmdirSync(dir);
    }
  }

  const archive = `${out}.tar.gz`;
  if (written.length || removed.length || !fs.existsSync(archive)) writeArchive(out, archive, now);
  options.log?.(`${outputs.size} files; ${written.length} written, ${removed.length} removed; ${archive}`);
  return { files: outputs.size, written: written.sort(), removed, archive, manifest };
}

/** The folder as a .tar.gz next to it: names sorted, owner and dates fixed, so the same copy gives the same archive. */
function writeArchive(out: string, archive: string, date: string) {
  const seconds = Math.floor(new Date(date).getTime() / 1000);
  const tar = spawnSync(
    'tar',
    [
      '--sort=name',
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      `--mtime=@${seconds}`,
      '-C',
      path.dirname(out),
      '-cf',
      '-',
      path.basename(out),
    ],
    { maxBuffer: 1024 * 1024 * 1024 },
  );
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr.toString()}`);
  const gzip = spawnSync('gzip', ['-n', '-9'], { input: tar.stdout, maxBuffer: 1024 * 1024 * 1024 });
  if (gzip.status !== 0) throw new Error(`gzip failed: ${gzip.stderr.toString()}`);
  fs.writeFileSync(`${archive}.tmp`, gzip.stdout);
  fs.renameSync(`${archive}.tmp`, archive);
}
