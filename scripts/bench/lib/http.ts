/** HTTP helpers for the benchmarks: GraphQL over POST, pages as text, waiting for a server. */

export type GraphqlAnswer<T> = { status: number; data?: T; errors?: { message: string }[] };

export async function graphqlRequest<T = any>(
  cmsUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  timeoutMs = 10_000,
): Promise<GraphqlAnswer<T>> {
  const response = await fetch(new URL('/graphql', cmsUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
  return { status: response.status, data: body.data, errors: body.errors };
}

/** Like graphqlRequest, but throws unless the answer has data and no errors. */
export async function graphqlData<T = any>(cmsUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await graphqlRequest<T>(cmsUrl, query, variables);
  if (answer.status !== 200 || !answer.data || answer.errors?.length) {
    throw new Error(`GraphQL ${answer.status}: ${answer.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  }
  return answer.data;
}

export async function fetchPage(url: string, timeoutMs = 15_000, headers: Record<string, string> = {}) {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Polls url until accept(status) or the deadline; throws with the last status or error. */
export async function waitForUrl(url: string, accept: (status: number) => boolean, timeoutMs: number, isAlive: () => boolean = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the process serving ${url} exited`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(3000) });
      await response.arrayBuffer();
      if (accept(response.status)) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer in ${Math.round(timeoutMs / 1000)} s (${last})`);
}
