/** Review threads through GraphQL: resolve the threads whose first comment is one of ours marked fixed. */
import type { GitHubClient } from './client.js';
import type { PrContext } from './publish.js';

const THREADS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`;

const RESOLVE_MUTATION = `mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id isResolved } } }`;

interface ThreadsPage {
  repository?: {
    pullRequest?: {
      reviewThreads?: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { id: string; isResolved: boolean; comments: { nodes: { databaseId: number | null }[] } }[];
      };
    };
  };
}

/** Resolve the review threads started by the given (fixed) comments. Best effort: the comment edit already says it. */
export async function resolveThreads(gh: GitHubClient, ctx: PrContext, commentIds: number[], o: { log: (message: string) => void }): Promise<number> {
  const wanted = new Set(commentIds);
  let resolved = 0;
  try {
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const data: ThreadsPage = await gh.graphql<ThreadsPage>(THREADS_QUERY, { owner: ctx.owner, repo: ctx.repo, number: ctx.pullNumber, cursor });
      const threads = data.repository?.pullRequest?.reviewThreads;
      if (!threads) break;
      for (const t of threads.nodes) {
        const first = t.comments.nodes[0]?.databaseId;
        if (!t.isResolved && first != null && wanted.has(first)) {
          await gh.graphql(RESOLVE_MUTATION, { id: t.id });
          resolved++;
        }
      }
      if (!threads.pageInfo.hasNextPage) break;
      cursor = threads.pageInfo.endCursor;
    }
  } catch (e) {
    o.log(`Could not resolve the review threads of fixed findings (${(e as Error).message.split('\n')[0]}); their comments say "Fixed".`);
  }
  return resolved;
}
