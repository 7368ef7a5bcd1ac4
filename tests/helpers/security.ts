import { expect } from 'vitest';

/** SQL, a database driver's name, a stack frame or a module path: what an answer must never contain. */
export const INTERNALS =
  /\b(select|insert|update|delete)\b[\s\S]{0,200}\b(from|into|set)\b|sqlite|knex|postgres|`t\d+`\.|\n\s+at\s|node_modules|stacktrace/i;

export type Answer = { status: number; headers: Headers; text: string };

/** Counts the requests a test file sends (the suite's size is reported). */
export function createClient(baseUrl: () => string) {
  let sent = 0;
  const send = async (path: string, init: RequestInit = {}): Promise<Answer> => {
    sent += 1;
    const response = await fetch(`${baseUrl()}${path}`, { redirect: 'manual', ...init });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  return { send, sent: () => sent };
}

/** A refusal: a 4xx (`status` when given), a small body, nothing internal. */
export function expectRefusal(answer: Answer, limit: number, label: string, status?: number | number[]) {
  const where = `${label} → ${answer.status} ${answer.text.slice(0, 300)}`;
  if (Array.isArray(status)) expect(status, where).toContain(answer.status);
  else if (status) expect(answer.status, where).toBe(status);
  expect(answer.status, where).toBeGreaterThanOrEqual(400);
  expect(answer.status, where).toBeLessThan(500);
  expectNothingInternal(answer, limit, label);
}

/** Whatever the status below 500: a bounded body, and nothing internal in an error. */
export function expectNothingInternal(answer: Answer, limit: number, label: string) {
  const where = `${label} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, where).toBeLessThan(500);
  expect(answer.text.length, where).toBeLessThan(limit);
  if (answer.status >= 400 || answer.text.includes('"errors"')) expect(answer.text, where).not.toMatch(INTERNALS);
}
