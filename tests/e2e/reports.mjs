// Many distinct reports made from the five seeds (tests/fixtures/seeds), for
// the tests and benchmarks that need hundreds or thousands of files without
// keeping them in the repository: the seeds in turn, each under the name of
// another agency (three syllables before the seed's 区 or 县), every other one
// a year earlier.

import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const seeds = resolve(dirname(fileURLToPath(import.meta.url)), "../fixtures/seeds");

/** The place each seed's agency is named by. */
const PLACES = { "000": "博山区", "001": "山亭区", "002": "瑶海区", "003": "博爱县", "004": "淄博高新技术产业开发区" };
const SYLLABLES = "东西南北中安平和康宁泰华兴盛丰永长清明新";

/** Write `count` (at most 8,000) distinct reports into `dir`; gives their paths. */
export function makeReports(dir, count) {
  const texts = Object.entries(PLACES).map(([prefix, place]) => {
    const name = readdirSync(seeds).find((n) => n.startsWith(prefix));
    return { prefix, place, text: readFileSync(join(seeds, name), "utf8") };
  });
  const out = [];
  for (let i = 0; i < count; i++) {
    const s = texts[i % texts.length];
    // Three syllables of its own (8,000 names), so that no two reports share
    // an agency and a year (the page takes the later of two such as a
    // corrected version of the earlier).
    const n = SYLLABLES.length;
    const made = SYLLABLES[i % n] + SYLLABLES[Math.floor(i / n) % n] + SYLLABLES[Math.floor(i / n / n) % n];
    const place = made + s.place.slice(-1);
    let text = s.text.replaceAll(s.place, place);
    if (i % 2 === 1) text = text.replaceAll("2024年", "2023年");
    const path = join(dir, `${String(i).padStart(4, "0")}-${s.prefix}-${place}.txt`);
    writeFileSync(path, text);
    out.push(path);
  }
  return out;
}
