// A file that keeps the checker busy for seconds, made at test time, for the
// tests of the time limit per file (embed.test.mjs, worker.test.mjs).

import { deflateSync } from "node:zlib";

/** A PDF that takes the checker seconds to read (in the browser, on a
 * two-core machine, 3 to 6 s) before it is refused (its rows make one table
 * over the cell limit), made at test time: `pages` pages of `lines` lines of
 * two figures each (borderless rows to lay out), each page one compressed
 * content stream. */
export function slowPdf(pages = 10, lines = 30_000) {
  const objects = [];
  const add = (body) => objects.push(body);
  const catalog = add(null);
  const tree = add(null);
  const font = add(Buffer.from("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
  const kids = [];
  const height = 12 * lines + 100;
  for (let p = 0; p < pages; p++) {
    const text = ["BT /F1 10 Tf"];
    for (let i = 0; i < lines; i++) {
      const y = height - 50 - 12 * i;
      text.push(`1 0 0 1 72 ${y} Tm (${(i * 7 + p) % 1000}) Tj 1 0 0 1 300 ${y} Tm (${(i * 13 + p) % 1000}) Tj`);
    }
    text.push("ET\n");
    const data = deflateSync(Buffer.from(text.join("\n")));
    const head = Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`);
    const stream = add(Buffer.concat([head, data, Buffer.from("\nendstream")]));
    kids.push(add(Buffer.from(`<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 595 ${height}] /Contents ${stream} 0 R >>`)));
  }
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${tree} 0 R >>`);
  const list = kids.map((k) => `${k} 0 R`).join(" ");
  objects[tree - 1] = Buffer.from(`<< /Type /Pages /Kids [${list}] /Count ${kids.length} /Resources << /Font << /F1 ${font} 0 R >> >> >>`);
  const chunks = [Buffer.from("%PDF-1.4\n")];
  let at = chunks[0].length;
  const offsets = objects.map((body, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    chunks.push(chunk);
    at += chunk.length;
    return at - chunk.length;
  });
  const xref = offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  chunks.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}`));
  chunks.push(Buffer.from(`trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return { name: "slow.pdf", mimeType: "application/pdf", buffer: Buffer.concat(chunks) };
}
