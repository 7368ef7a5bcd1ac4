/** The parts of the `xliff` package (6.x, no type declarations of its own) that this folder uses. */
declare module 'xliff' {
  /** Inline content as the package represents it: text, or an inline element keyed by its kind. */
  export type XliffInline = string | { [kind: string]: Record<string, unknown> } | XliffInline[];
  export type XliffUnit = {
    source?: XliffInline;
    target?: XliffInline;
    note?: string | string[];
    additionalAttributes?: Record<string, string>;
  };
  export type XliffJs = {
    sourceLanguage: string;
    targetLanguage?: string;
    resources: Record<string, Record<string, XliffUnit>>;
  };
  export function jsToXliff12(js: XliffJs, options?: { indent?: string }): Promise<string>;
  export function xliff12ToJs(xml: string, options?: { captureSpacesBetweenElements?: boolean }): Promise<XliffJs>;
}
