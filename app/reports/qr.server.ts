import QRCode from "qrcode";

/** A QR code as inline SVG, scalable for print. Error correction M survives a creased poster. */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
    color: { dark: "#000000", light: "#ffffff" },
  });
}

/** The absolute URL a poster should point at, from the request that asked for the poster. */
export function absoluteUrl(request: Request, path: string): string {
  const url = new URL(request.url);
  const proto = request.headers.get("X-Forwarded-Proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  const host = request.headers.get("X-Forwarded-Host")?.split(",")[0]?.trim() || url.host;
  return `${proto}://${host}${path}`;
}
