import { assertMayRead } from '../bootstrap/draft-guard';

/** REST: refuses `?status=draft` (and v4's `publicationState=preview`) unless a full-access token is used. */
export default () => async (ctx, next) => {
  assertMayRead(ctx.query, ctx.state.auth);
  await next();
};
