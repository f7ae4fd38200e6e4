// Reference answers of opening_hours.js for tests/unit/test_hours_golden.py.
//
// Run (from the repository root):
//   cd tools/golden && npm ci && TZ=Europe/Brussels node generate.mjs > ../../tests/golden/opening_hours_js.json
//
// opening_hours.js evaluates in the local time zone of the process, hence TZ=Europe/Brussels
// (the script refuses to run otherwise). Output is deterministic: no clock is read, inputs and
// instants are fixed, and the JSON is written one record per line so that diffs stay readable.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import opening_hours from "opening_hours";

const require = createRequire(import.meta.url);
const LIB_VERSION = require("opening_hours/package.json").version;

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");

// Shape documented in the opening_hours.js README ("nominatim_object": {lat, lon, address:
// {country_code, state}}): country_code selects the Belgian PH list (src/holidays/be.yaml),
// lat/lon feed suncalc for sunrise/sunset.
const NOMINATIM = {
  lat: "50.85",
  lon: "4.35",
  address: { country_code: "be", state: "Brussels-Capital" },
};
// tag_key "opening_hours" selects mode 0 (time ranges; comments and state keywords allowed).
const OPTIONS = { tag_key: "opening_hours", locale: "en" };
const DAY_MS = 24 * 60 * 60 * 1000;
const HORIZON_MS = 366 * DAY_MS;

// Instants, written with their Brussels offset.
const INSTANTS = [
  // weekday mornings / afternoons / evenings (week of Mon 2026-11-23)
  "2026-11-23T10:00:00+01:00",
  "2026-11-23T12:30:00+01:00",
  "2026-11-24T15:00:00+01:00",
  "2026-11-25T08:15:00+01:00",
  "2026-11-26T18:45:00+01:00",
  "2026-11-27T16:59:00+01:00",
  "2026-11-28T11:00:00+01:00",
  // Sunday 03:00, midnight boundaries
  "2026-11-22T03:00:00+01:00",
  "2026-11-22T23:59:00+01:00",
  "2026-11-23T00:00:00+01:00",
  // month boundaries, nights across them
  "2026-11-30T23:59:00+01:00",
  "2026-12-01T00:00:00+01:00",
  "2026-12-01T01:30:00+01:00",
  "2027-02-28T23:30:00+01:00",
  "2027-03-01T00:30:00+01:00",
  // Saturday night into Sunday, Sunday night into Monday
  "2026-11-29T01:59:00+01:00",
  "2026-11-30T00:30:00+01:00",
  // the day after Easter Monday (PH +1 day), Easter Saturday
  "2027-03-30T11:00:00+02:00",
  "2027-03-27T11:00:00+01:00",
  // Belgian public holidays
  "2026-11-11T10:00:00+01:00",
  "2026-12-24T16:30:00+01:00",
  "2026-12-25T10:00:00+01:00",
  "2027-01-01T09:30:00+01:00",
  "2027-03-28T12:00:00+02:00",
  "2027-03-29T10:00:00+02:00",
  "2027-07-21T10:00:00+02:00",
  // autumn DST change (02:00-03:00 happens twice on 2026-10-25)
  "2026-10-25T01:30:00+02:00",
  "2026-10-25T02:30:00+02:00",
  "2026-10-25T02:30:00+01:00",
  "2026-10-25T03:30:00+01:00",
  // spring DST change (02:00-03:00 does not exist on 2027-03-28)
  "2027-03-28T01:30:00+01:00",
  "2027-03-28T03:00:00+02:00",
  "2027-03-28T03:30:00+02:00",
  "2027-03-29T00:30:00+02:00",
  // around the autumn change's midnight
  "2026-10-24T23:59:00+02:00",
  "2026-10-26T00:30:00+01:00",
];

// Windows for getOpenIntervals: Christmas / New Year, Easter with the spring DST change, and the
// autumn DST change.
const WINDOWS = [
  ["2026-12-21T00:00:00+01:00", "2027-01-04T00:00:00+01:00"],
  ["2027-03-26T00:00:00+01:00", "2027-04-02T00:00:00+02:00"],
  ["2026-10-23T00:00:00+02:00", "2026-10-27T00:00:00+01:00"],
];

const CRAFTED = [
  'Sa "sur rendez-vous"',
  "Mo-Fr 09:00-17:00; PH off",
  'Mo-Fr 08:00-12:00 "sur rendez-vous"',
  "Su 10:00-12:00; PH off",
  "Mo-Sa 09:00-17:00; PH 10:00-12:00",
  'Mo-Fr 09:00-12:00 "accueil"; PH off',
  "Mo-Fr 09:00-17:00 || unknown",
  // shapes of Brussels social services
  'Mo-Fr 09:00-12:00,13:00-16:00; Sa 09:00-12:00 "sur rendez-vous"; PH off',
  'Mo-Fr 08:30-12:00 open "sans rendez-vous", Mo-Fr 13:00-16:00 "sur rendez-vous"; PH off',
  'closed "fermé pour travaux"',
  "Mo-Fr 09:00-17:00; Dec 24-Jan 01 off",
  "PH,Su off; Mo-Sa 09:00-17:00",
  "Mo-Fr 09:00-17:00; PH 10:00-12:00 unknown",
  "Mo-Fr 09:00-17:00; We[1] off",
  "Mo-Su,PH 22:00-06:00",
  // refused by the service: school holidays (opening_hours.js has none for Belgium) and PH offsets
  "Mo-Fr 09:00-17:00; SH off",
  "Mo-Fr 09:00-17:00; PH +1 day off",
  // boundaries inside the DST changes (02:00-03:00 local) and nights across them
  "01:00-02:30",
  "02:30-04:00",
  "02:00-03:00",
  "02:15-02:45",
  "Sa 20:00-02:00",
  "Su 22:00-01:30",
  "Mo-Su 20:00-08:00",
  "Fr-Su 23:00-03:30",
  // constructs evaluated by opening_hours.js in the process (issue 11): open ends, fallbacks,
  // easter ranges, PH with a day offset, sun times (at NOMINATIM's Brussels point), a night
  // running into a day that has its own rule
  "Mo-Fr 09:00-12:00,14:00-17:00+",
  "Mo-Sa 22:00+; PH off",
  'Mo-Fr 09:00-17:00 || "sur rendez-vous"',
  "easter -2 days-easter +1 day off; Mo-Fr 09:00-17:00",
  "Mo-Fr 09:00-17:00; PH off; PH +1 day 10:00-12:00",
  "Mo-Fr sunrise-sunset; PH off",
  "Mo-Su (sunrise-00:30)-(sunset+00:30)",
  "Mo-Su dusk-dawn",
  "Mo-Th,Su 11:00-01:00; Fr,Sa 11:00-03:00",
  "Mo-Fr 20:00-02:00; Sa 10:00-12:00",
];

function pad(n, width = 2) {
  return String(Math.abs(n)).padStart(width, "0");
}

/** ISO 8601 local time of the process (Europe/Brussels) with its offset, to the second. */
function iso(date) {
  if (date === undefined || date === null) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

function stateOf(unknown, open) {
  if (unknown) return "unknown";
  return open ? "open" : "closed";
}

/**
 * Walk the iterator from `date` to find, within 366 days (a change at or after the limit is
 * not reached, as in iterator.advance): the end of the current open stretch when open
 * (comment-only boundaries inside it are crossed), else the start of the next open interval.
 */
function walk(oh, date) {
  const limit = new Date(date.getTime() + HORIZON_MS);
  const it = oh.getIterator(date);
  const openNow = it.getState() && !it.getUnknown();
  while (it.advance(limit)) {
    const open = it.getState() && !it.getUnknown();
    if (open !== openNow) return it.getDate();
  }
  return undefined;
}

function evaluate(value) {
  const oh = new opening_hours(value, NOMINATIM, OPTIONS);
  // opening_hours.js throws at some instants (sunrise where suncalc's day is not the local
  // day: the first hours of the autumn DST day): recorded as such, the rest still compared.
  const instants = INSTANTS.map((text) => {
    try {
      return evaluateAt(oh, text);
    } catch (error) {
      return { at: text, error: String(error).split("\n")[0] };
    }
  });
  const intervals = WINDOWS.map(([from, to]) => {
    try {
      return { from, to, intervals: openIntervals(oh, from, to) };
    } catch (error) {
      return { from, to, error: String(error).split("\n")[0] };
    }
  });
  // The canonical form guichets stores (validate_opening_hours), pinned per value.
  return { canonical: oh.prettifyValue(), warnings: oh.getWarnings(), instants, intervals };
}

function evaluateAt(oh, text) {
  {
    const at = new Date(text);
    const open = oh.getState(at);
    const unknown = oh.getUnknown(at);
    const state = stateOf(unknown, open);
    const found = walk(oh, at);
    return {
      at: text,
      state,
      comment: oh.getComment(at) ?? null,
      next_change: iso(oh.getNextChange(at, new Date(at.getTime() + HORIZON_MS))),
      closes_at: state === "open" ? iso(found) : null,
      next_opens_at: state === "open" ? null : iso(found),
    };
  }
}

function openIntervals(oh, from, to) {
  return oh
    .getOpenIntervals(new Date(from), new Date(to))
    .map(([start, end, unknown, comment]) => [
      iso(start),
      iso(end),
      unknown ? "unknown" : "open",
      comment ?? null,
    ]);
}

function readLines(path) {
  return readFileSync(join(ROOT, path), "utf8")
    .split("\n")
    .map((line) => line.replace(/\r$/, ""))
    .filter((line) => line.trim() !== "");
}

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes. */
function readCsvColumn(path, column) {
  const text = readFileSync(join(ROOT, path), "utf8");
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  const header = rows.shift();
  const index = header.indexOf(column);
  if (index < 0) throw new Error(`no column ${column} in ${path}`);
  return rows.map((r) => (r[index] ?? "").trim()).filter((v) => v !== "");
}

function main() {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (tz !== "Europe/Brussels") {
    throw new Error(`run with TZ=Europe/Brussels (process time zone is ${tz})`);
  }
  const sources = new Map();
  const add = (value, source) => {
    if (!sources.has(value)) sources.set(value, []);
    if (!sources.get(value).includes(source)) sources.get(value).push(source);
  };
  for (const v of readLines("tests/data/osm_opening_hours_samples.txt")) add(v, "osm_samples");
  for (const v of readCsvColumn("seed/data/access_points.csv", "opening_hours")) {
    add(v, "access_points");
  }
  for (const v of readCsvColumn("seed/data/be_helplines.csv", "opening_hours_osm")) {
    add(v, "be_helplines");
  }
  for (const v of CRAFTED) add(v, "crafted");

  const cases = [];
  const skipped = [];
  for (const [value, from] of sources) {
    try {
      cases.push({ value, sources: from, ...evaluate(value) });
    } catch (error) {
      skipped.push({ value, sources: from, error: String(error).split("\n")[0] });
    }
  }

  const head = {
    generator: "tools/golden/generate.mjs",
    library: `opening_hours@${LIB_VERSION}`,
    time_zone: tz,
    nominatim: NOMINATIM,
    options: OPTIONS,
    horizon_days: 366,
    instants: INSTANTS,
  };
  // One case per line keeps the file diffable without blowing it up with indentation.
  const out = [];
  out.push("{");
  for (const [k, v] of Object.entries(head)) out.push(`${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  out.push('"skipped": [');
  out.push(skipped.map((s) => JSON.stringify(s)).join(",\n"));
  out.push("],");
  out.push('"cases": [');
  out.push(cases.map((c) => JSON.stringify(c)).join(",\n"));
  out.push("]");
  out.push("}");
  process.stdout.write(out.join("\n") + "\n");
}

main();
