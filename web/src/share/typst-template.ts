/**
 * The one Typst source every PDF is compiled from. It holds no content: the document arrives as
 * JSON in `sys.inputs.doc` (see pdf-document.ts) and the QR code as SVG in `sys.inputs.qr`, and
 * Typst inserts those strings as text, never parsing them as markup or code. So no CMS text, however
 * hostile (`#import`, `]`, `$`, `\`, `<label>`, `@ref`, `*`, `_`, backticks), can become Typst code.
 */
export const TYPST_TEMPLATE = String.raw`
#let doc = json(bytes(sys.inputs.doc))
#let rtl-doc = doc.dir == "rtl"
#let accent = rgb("#7a1f1f")
#let muted = luma(70)

#set text(font: doc.fonts, lang: doc.lang, dir: if rtl-doc { rtl } else { ltr }, size: 11pt, fallback: true)
#set document(title: doc.title, author: doc.siteName, date: auto)
#set page(
  paper: doc.paper,
  margin: (x: 2.2cm, top: 2cm, bottom: 2.4cm),
  footer: context {
    set text(size: 8.5pt, fill: muted, dir: if rtl-doc { rtl } else { ltr })
    doc.siteName
    h(1fr)
    counter(page).display(doc.digits)
  },
)
#set par(leading: 0.85em, spacing: 1.1em, justify: false)
#set list(indent: 0.6em)
#set enum(indent: 0.6em, numbering: doc.digits + ".")
#show heading: set text(fill: accent)
#show heading: set block(above: 1.4em, below: 0.8em)
#show link: set text(fill: accent)

// A run of text with its marks; newlines in a text node are line breaks.
#let run(node) = {
  let body = node.text.split("\n").join(linebreak())
  if node.at("code", default: false) { body = text(dir: ltr, body) }
  if node.at("strikethrough", default: false) { body = strike(body) }
  if node.at("underline", default: false) { body = underline(body) }
  if node.at("italic", default: false) { body = emph(body) }
  if node.at("bold", default: false) { body = strong(body) }
  body
}

#let inline(nodes) = for node in nodes {
  if "href" in node {
    link(node.href, inline(node.children))
    // On paper a link is only useful with its address, printed left to right and isolated.
    if node.at("print", default: none) != none { [ \u{2066}(#node.print)\u{2069}] }
  } else { run(node) }
}

#let list-of(node) = {
  let items = node.items.map(item => if "items" in item { list-of(item) } else { inline(item.children) })
  if node.ordered { enum(..items) } else { list(..items) }
}

#let render(node) = {
  let kind = node.kind
  if kind == "paragraph" { par(inline(node.children)) }
  else if kind == "heading" { heading(level: node.level, inline(node.children)) }
  else if kind == "quote" { quote(block: true, inline(node.children)) }
  else if kind == "list" { list-of(node) }
  else if kind == "code" {
    block(width: 100%, fill: luma(244), inset: 8pt, radius: 2pt, { set text(dir: ltr, size: 9.5pt); par(node.text) })
  } else if kind == "image" {
    block(inset: (x: 1em), text(style: "italic", fill: muted, node.text))
  }
}

#if doc.provenance.len() > 0 {
  block(width: 100%, inset: 8pt, stroke: (paint: luma(190), thickness: 0.6pt), radius: 2pt, {
    set text(size: 9pt, fill: muted)
    for line in doc.provenance { par(line) }
  })
}

#heading(level: 1, text(size: 20pt, doc.title))

#if doc.lead != none { par(text(size: 12.5pt, fill: luma(35), doc.lead)) }

#for node in doc.blocks { render(node) }

#if doc.callToAction != none {
  v(0.6em)
  block(width: 100%, inset: (x: 12pt, y: 10pt), fill: rgb("#f6eded"), stroke: (left: 3pt + accent),
    text(weight: "bold", doc.callToAction))
}

#v(1fr)
#block(breakable: false, width: 100%, above: 1.5em, grid(
  columns: (auto, 1fr),
  column-gutter: 14pt,
  align: horizon,
  image(bytes(sys.inputs.qr), format: "svg", width: 3.4cm, alt: doc.qrAlt),
  {
    par(text(size: 10pt, doc.readOnline))
    {
      // The address reads left to right on its own line, aligned with the lines around it.
      set text(dir: ltr, size: 10pt)
      set align(if rtl-doc { right } else { left })
      par(link(doc.url, doc.shownUrl))
    }
    par(text(size: 9pt, fill: muted, doc.siteName))
  },
))
`;
