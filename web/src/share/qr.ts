import QRCode from 'qrcode';

/** A QR code of `url` as an SVG document (dark on white, with its quiet zone), made on the server. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
