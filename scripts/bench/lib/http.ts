/** HTTP helpers for the benchmarks: GraphQL over POST, pages as text. */

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
