import type { Statement } from '@/data';
import { Blocks } from './blocks/Blocks';

/** The statement as published: title, lead, body, call to action, in that order. No author, no date. */
export function StatementView({ statement }: { statement: Statement }) {
  return (
    <article className="statement">
      <h1>{statement.title}</h1>
      {statement.lead ? <p className="lead">{statement.lead}</p> : null}
      <div className="prose">
        <Blocks content={statement.body} />
      </div>
      {statement.callToAction ? <p className="call-to-action">{statement.callToAction}</p> : null}
    </article>
  );
}
