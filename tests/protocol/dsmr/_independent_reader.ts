/**
 * A deliberately simple, separate reader of telegram text used as the oracle in the decoder
 * tests. It shares no code with protocol/dsmr: regular expressions instead of a tokenizer,
 * `Number()` instead of mantissa arithmetic, `Date.parse` and `Intl` (Europe/Amsterdam)
 * instead of hand-written calendar code. It yields, per object, the JSON that `a1mb decode`
 * must print for it.
 */

export interface IndependentTelegram {
  header: string;
  objects: Map<string, unknown>;
}

const NUMBER = new Set([
  "1-0:1.8.0",
  "1-0:1.8.1",
  "1-0:1.8.2",
  "1-0:2.8.0",
  "1-0:2.8.1",
  "1-0:2.8.2",
  "1-0:1.7.0",
  "1-0:2.7.0",
  "1-0:21.7.0",
  "1-0:41.7.0",
  "1-0:61.7.0",
  "1-0:22.7.0",
  "1-0:42.7.0",
  "1-0:62.7.0",
  "1-0:32.7.0",
  "1-0:52.7.0",
  "1-0:72.7.0",
  "1-0:31.7.0",
  "1-0:51.7.0",
  "1-0:71.7.0",
  "1-0:14.7.0",
  "1-0:1.4.0",
  "0-0:17.0.0",
  "1-0:31.4.0",
  "0-0:96.3.10",
  "1-0:94.32.1",
  "0-0:96.7.21",
  "0-0:96.7.9",
  "1-0:32.32.0",
  "1-0:52.32.0",
  "1-0:72.32.0",
  "1-0:32.36.0",
  "1-0:52.36.0",
  "1-0:72.36.0",
]);
const HEX = new Set(["0-0:96.1.1", "0-0:96.1.0", "0-0:96.1.2", "0-0:96.13.0", "0-0:96.13.1"]);
const CODE = new Set(["0-0:96.1.4", "1-3:0.2.8", "0-0:96.14.0"]);
const MBUS: Record<string, string> = {
  "24.1.0": "code",
  "96.1.0": "hex",
  "96.1.1": "hex",
  "96.1.2": "hex",
  "24.2.1": "timed",
  "24.2.3": "timed",
  "24.3.0": "hourly",
  "24.4.0": "number",
  "96.3.10": "number",
};

function kindOf(code: string): string {
  if (NUMBER.has(code)) return "number";
  if (HEX.has(code)) return "hex";
  if (CODE.has(code)) return "code";
  if (code === "0-0:1.0.0") return "timestamp";
  if (code === "1-0:1.6.0") return "timed";
  if (code === "0-0:98.1.0") return "peaks";
  if (code === "1-0:99.97.0") return "failures";
  const m = /^0-[1-9]:(.+)$/.exec(code);
  return (m && MBUS[m[1]!]) ?? "raw";
}

const AMSTERDAM = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** ISO text with offset, or null when the timestamp is not a real date. */
export function expectedTimestamp(text: string): string | null {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([SW]?)$/.exec(text);
  if (!m) return null;
  const [, yy, mo, dd, hh, mi, ss, x] = m;
  const wall = `20${yy}-${mo}-${dd}T${hh}:${mi}:${ss}`;
  const candidates = x === "S" ? ["+02:00"] : x === "W" ? ["+01:00"] : ["+01:00", "+02:00"];
  const valid = candidates.filter((offset) => {
    const ms = Date.parse(`${wall}${offset}`);
    if (Number.isNaN(ms)) return false;
    const shifted = new Date(ms + (offset === "+02:00" ? 2 : 1) * 3_600_000);
    if (shifted.toISOString().slice(0, 19) !== wall) return false; // rolled over (e.g. 31 Feb)
    if (x !== "") return true;
    // No S/W: the offset must be the one Amsterdam had at that instant.
    const [d, t] = AMSTERDAM.format(new Date(ms)).split(", ");
    const [day, month, year] = d!.split("/");
    return `${year}-${month}-${day}T${t}` === wall;
  });
  return valid.length === 1 ? `${wall}${valid[0]}` : null;
}

function numberUnit(text: string): { value: number; unit: string | null } {
  const m = /^(-?\d+(?:\.\d+)?)(?:\*([A-Za-z0-9]+))?$/.exec(text);
  if (!m) throw new Error(`independent reader: not a number ${JSON.stringify(text)}`);
  return { value: Number(m[1]), unit: m[2] ?? null };
}

function hexText(text: string): string {
  if (!/^(?:[0-9A-Fa-f]{2})*$/.test(text)) return text;
  const bytes = text.match(/../g)?.map((h) => parseInt(h, 16)) ?? [];
  if (!bytes.every((b) => (b >= 0x20 && b <= 0x7e) || b === 9 || b === 10 || b === 13)) {
    return text;
  }
  return String.fromCharCode(...bytes);
}

function expected(code: string, groups: string[]): unknown {
  const raw = { raw: groups.join(")(") };
  switch (kindOf(code)) {
    case "number":
      return numberUnit(groups[0]!);
    case "hex":
      return { value: hexText(groups[0]!), unit: null };
    case "code":
      return { value: groups[0], unit: null };
    case "timestamp":
      return { value: expectedTimestamp(groups[0]!), unit: null };
    case "timed":
      return { ...numberUnit(groups[1]!), timestamp: expectedTimestamp(groups[0]!) };
    case "hourly": {
      const n = numberUnit(groups[6]!);
      return {
        value: n.value,
        unit: n.unit ?? groups[5],
        timestamp: expectedTimestamp(groups[0]!),
      };
    }
    case "peaks": {
      if (groups[1] !== "1-0:1.6.0" || !/^\d+$/.test(groups[0]!)) return raw;
      const entries = [];
      for (let at = 3; at + 2 < groups.length; at += 3) {
        entries.push({
          month_start: expectedTimestamp(groups[at]!),
          peak_time: expectedTimestamp(groups[at + 1]!),
          ...numberUnit(groups[at + 2]!),
        });
      }
      return { entries };
    }
    case "failures": {
      const events = [];
      for (let at = 2; at + 1 < groups.length; at += 2) {
        events.push({
          end: expectedTimestamp(groups[at]!),
          duration_s: numberUnit(groups[at + 1]!).value,
        });
      }
      return { events };
    }
    default:
      return raw;
  }
}

/** Reads the text of a telegram (from `/` to before `!`) line by line. */
export function readIndependently(text: string): IndependentTelegram {
  const lines = text.split(/\r?\n/);
  const header = lines.shift()!.slice(1);
  const logical: string[] = [];
  for (const line of lines) {
    if (line === "") continue;
    const last = logical.length - 1;
    const open = last >= 0 &&
      (logical[last]!.match(/\(/g)?.length ?? 0) > (logical[last]!.match(/\)/g)?.length ?? 0);
    if (open || line.startsWith("(")) logical[last] += line;
    else logical.push(line);
  }
  const objects = new Map<string, unknown>();
  for (const line of logical) {
    const m = /^(\d+-\d+:\d+\.\d+\.\d+)(?:\*255)?((?:\([^()]*\))+)$/.exec(line);
    if (!m) throw new Error(`independent reader: unreadable line ${JSON.stringify(line)}`);
    const groups = [...m[2]!.matchAll(/\(([^()]*)\)/g)].map((g) => g[1]!);
    objects.set(m[1]!, expected(m[1]!, groups));
  }
  return { header, objects };
}
