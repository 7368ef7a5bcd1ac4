import type { Statement } from '@/data';
import { Blocks } from './blocks/Blocks';
import { Provenance } from './Provenance';

/**
 * The statement as published, after its translation note: title, lead, body, call to action, in
 * that order. No author, no date.
 */
export function StatementView({
  locale,
  statement,
  originalHref,
}: {
  locale: string;
  statement: Statement;
  /** The source-locale version's address, for the translation note's link. */
  originalHref: string | null;
}) {
  return (
    <>
      <Provenance
        locale={locale}
        translation={statement.translation}
        status={statement.translationStatus}
        originalHref={originalHref}
      />
      <article className="statement">
        <h1>{statement.title}</h1>
        {statement.lead ? <p className="lead">{statement.lead}</p> : null}
        <div className="prose">
          <Blocks content={statement.body} />
        </div>
        {statement.callToAction ? <p className="call-to-action">{statement.callToAction}</p> : null}
      </article>
    </>
  );
}
