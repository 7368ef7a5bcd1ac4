import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The TrueType files the server draws with (share images through Pango, PDFs through Typst), the
 * same families the pages use (app/fonts.css, which loads their WOFF2 subsets): Noto Sans for
 * Latin, Vazirmatn for Persian, Noto Naskh Arabic for Arabic. Both engines need TTF, which the
 * `vazirmatn` and `@expo-google-fonts/*` packages ship.
 */
export type FontFace = { family: string; regular: string; bold: string };

// Resolved from the site's folder at run time: the bundler cannot follow a resolve by variable
// ("expression is too dynamic"), and the server always runs in web/ (npm start, server.mjs).
const resolveFrom = createRequire(path.join(process.cwd(), 'package.json'));
const file = (specifier: string) => resolveFrom.resolve(specifier);

const notoSans = (): FontFace => ({
  family: 'Noto Sans',
  regular: file('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: file('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
});
const vazirmatn = (): FontFace => ({
  family: 'Vazirmatn',
  regular: file('vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf'),
  bold: file('vazirmatn/fonts/ttf/Vazirmatn-Bold.ttf'),
});
const notoNaskhArabic = (): FontFace => ({
  family: 'Noto Naskh Arabic',
  regular: file('@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf'),
  bold: file('@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf'),
});

const byLocale: Record<string, () => FontFace> = { fa: vazirmatn, ar: notoNaskhArabic };

/** The face a locale's text is set in; Latin text inside it falls back to Noto Sans (see fontFiles). */
export function fontFor(locale: string): FontFace {
  return (byLocale[locale] ?? notoSans)();
}

/** Every font file a document in `locale` may need: its own face first, then Noto Sans for Latin. */
export function fontFiles(locale: string): string[] {
  const faces = [fontFor(locale), notoSans()];
  return [...new Set(faces.flatMap((face) => [face.regular, face.bold]))];
}

/** The folders of those files (Typst takes font paths). */
export function fontDirs(locale: string): string[] {
  return [...new Set(fontFiles(locale).map((f) => path.dirname(f)))];
}
