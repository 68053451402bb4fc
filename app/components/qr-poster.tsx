/**
 * A printable A4 poster: a big title, one plain line, the QR code and the short link to type.
 * The SVG comes from app/reports/qr.server.ts (our own markup from the qrcode library, no user text).
 */
export function QrPoster({
  title,
  line,
  svg,
  shortLink,
  code,
  codeLabel,
  printLabel,
}: {
  title: string;
  line: string;
  svg: string;
  shortLink: string;
  code: string;
  codeLabel: string;
  printLabel: string;
}) {
  return (
    <div className="poster">
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {printLabel}
        </button>
      </p>
      <article className="poster__sheet">
        <h1 className="poster__title">{title}</h1>
        <p className="poster__line">{line}</p>
        <div className="poster__qr" role="img" aria-label={shortLink} dangerouslySetInnerHTML={{ __html: svg }} />
        <p className="poster__link">{shortLink}</p>
        <p className="poster__code">
          {codeLabel} <strong>{code}</strong>
        </p>
      </article>
    </div>
  );
}
