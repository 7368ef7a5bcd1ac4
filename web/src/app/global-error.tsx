'use client';

// Last resort, when even the locale layout fails. No details of the error are shown.
export default function GlobalError() {
  return (
    <html lang="en" dir="ltr">
      <body>
        <main style={{ maxInlineSize: '40rem', margin: '2rem auto', padding: '0 1rem', fontFamily: 'system-ui, sans-serif' }}>
          <h1>This page could not be loaded</h1>
          <p>
            <a href="/">Home</a>
          </p>
        </main>
      </body>
    </html>
  );
}
