/**
 * The admin HTTP API of the translation workflow, as the admin panel reads it. The shapes are the
 * server's own (cms/src/translations); these imports are types only and leave no server code in the
 * admin bundle.
 */
import type { IntegrityProblem } from '../../translations/integrity';
import type { ContentTypeName } from '../../translations/source-fields';
import type { DocumentStatus, FieldChange, LocaleStatus, SourceDiff, TranslationState } from '../../translations/status';

export type { ContentTypeName, DocumentStatus, IntegrityProblem, LocaleStatus, SourceDiff, TranslationState };
export type Change = FieldChange;

export interface LocaleInfo {
  code: string;
  name: string;
  englishName: string;
  dir: 'ltr' | 'rtl';
}

/** GET /admin/translations/overview */
export interface Overview {
  sourceLocale: string;
  locales: LocaleInfo[];
  documents: DocumentStatus[];
}

/** GET /admin/translations/documents/:contentType/:documentId?locale= */
export interface DocumentDetail {
  sourceLocale?: string;
  locales?: LocaleInfo[];
  document: DocumentStatus;
  diff: SourceDiff | null;
}
