import { describe, expect, it } from 'vitest';
import { asksForDrafts, assertMayRead, mayReadDrafts } from '../../cms/src/bootstrap/draft-guard';

describe('draft guard', () => {
  it('recognises every way of asking for unpublished versions', () => {
    expect(asksForDrafts({ status: 'draft' })).toBe(true);
    expect(asksForDrafts({ status: 'DRAFT' })).toBe(true);
    expect(asksForDrafts({ status: ['draft'] })).toBe(true);
    expect(asksForDrafts({ publicationState: 'preview' })).toBe(true);
    expect(asksForDrafts({ status: 'published' })).toBe(false);
    expect(asksForDrafts({ publicationState: 'live' })).toBe(false);
    expect(asksForDrafts({ locale: 'fa' })).toBe(false);
    expect(asksForDrafts(undefined)).toBe(false);
  });

  it('lets only an API token issued by an admin read drafts', () => {
    expect(mayReadDrafts(undefined)).toBe(false);
    expect(mayReadDrafts({ strategy: { name: 'users-permissions' } })).toBe(false);
    expect(mayReadDrafts({ strategy: { name: 'api-token' }, credentials: { type: 'custom' } })).toBe(false);
    expect(mayReadDrafts({ strategy: { name: 'api-token' }, credentials: { type: 'read-only' } })).toBe(true);
    expect(mayReadDrafts({ strategy: { name: 'content-api-token' }, credentials: { type: 'read-only' } })).toBe(true);
    expect(mayReadDrafts({ strategy: { name: 'admin' }, credentials: { type: 'read-only' } })).toBe(false);
    expect(mayReadDrafts({ strategy: { name: 'api-token' }, credentials: { type: 'full-access' } })).toBe(true);
    expect(() => assertMayRead({ status: 'draft' }, undefined)).toThrow(/not public/);
    expect(() => assertMayRead({ status: 'published' }, undefined)).not.toThrow();
  });
});
