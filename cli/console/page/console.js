// The a1mb web console: polls the JSON API once a second and draws what the converter serves.
// Everything is built with DOM calls and textContent (no HTML from data), so the strict
// Content-Security-Policy holds and no value can inject markup.
import { drawChart, SPAN_MS } from "./chart.js";

const TOKEN_KEY = "a1mb-token";
const POLL_MS = 1000;

/** Titles of the settings form's keys (the form lists what /api/config marks `form`). */
const TITLES = {
  "modbus.rtu.address": "Modbus address",
  "modbus.rtu.baud": "Baud rate (RS485)",
  "modbus.rtu.parity": "Parity (RS485)",
  "modbus.rtu.response_delay_ms": "Response delay, ms",
  "modbus.rtu.device": "RS485 device",
  "modbus.rtu.writes": "Settings writes over RTU",
  "a1.device": "P1 device",
  "a1.stale_after_s": "Values stale after, s",
  "a1.stale": "When values are stale",
  "modbus.tcp.enabled": "Modbus TCP server",
  "modbus.tcp.listen": "Modbus TCP listens on",
  "modbus.tcp.writes": "Settings writes over TCP",
};

const $ = (id) => document.getElementById(id);
const nf = (digits) =>
  new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const W = nf(0);
const V = nf(1);
const A = nf(2);
const KWH = nf(3);

const page = {
  view: null,
  series: { t: [], l1: [], l2: [], l3: [], total: [] },
  offsetMs: 0,
  reboots: null,
  rebooting: false,
  mapRows: [],
};

// ---------------------------------------------------------------------------------------------
// The API

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return await response.json();
}

/** POSTs with the tab's token; asks for it when missing or refused. Null when the user cancels. */
async function post(path, body) {
  let hint = "";
  for (;;) {
    let token = sessionStorage.getItem(TOKEN_KEY);
    if (token === null) {
      token = await askToken(hint);
      if (token === null) return null;
      sessionStorage.setItem(TOKEN_KEY, token);
      showAccess();
    }
    const response = await fetch(path, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === null ? {} : { "content-type": "application/json" }),
      },
      body: body === null ? null : JSON.stringify(body),
    });
    if (response.status !== 401) return response;
    await response.body?.cancel();
    sessionStorage.removeItem(TOKEN_KEY);
    showAccess();
    hint = "That token was refused: nothing was changed.";
  }
}

function askToken(hint) {
  const dialog = $("token-dialog");
  const input = $("token-input");
  $("token-error").textContent = hint;
  input.value = "";
  return new Promise((resolve) => {
    const done = (value) => {
      $("token-ok").onclick = null;
      $("token-cancel").onclick = null;
      input.onkeydown = null;
      dialog.close();
      resolve(value);
    };
    $("token-ok").onclick = () => done(input.value.trim() === "" ? null : input.value.trim());
    $("token-cancel").onclick = () => done(null);
    input.onkeydown = (event) => {
      if (event.key === "Enter") $("token-ok").click();
    };
    dialog.oncancel = () => done(null);
    dialog.showModal();
    input.focus();
  });
}

// ---------------------------------------------------------------------------------------------
// Live values, link and counters

function setText(id, text, className) {
  const node = $(id);
  node.textContent = text;
  if (className !== undefined) node.className = className;
}

function liveCell(id, value, format) {
  for (const node of document.querySelectorAll(`[data-live="${id}"]`)) {
    node.dataset.value = value === null || value === undefined ? "" : String(value);
    node.replaceChildren();
    if (value === null || value === undefined) {
      node.textContent = "–";
      continue;
    }
    format(node, value);
  }
}

function powerCell(node, w) {
  node.append(`${W.format(Math.abs(w))} W`);
  if (Math.round(w) !== 0) {
    const dir = document.createElement("span");
    dir.className = `dir ${w > 0 ? "import" : "export"}`;
    dir.textContent = w > 0 ? "import" : "export";
    node.append(dir);
  }
}

const unit = (format, suffix) => (node, v) => node.append(`${format.format(v)} ${suffix}`);

/** What masters get for measured registers while values are stale, by `a1.stale`. */
const STALE_SERVED = {
  hold: "masters get the last values",
  zero: "masters read 0",
  exception: "masters get exception 04",
  silent: "masters get no reply",
};

function renderLive(snapshot) {
  const feed = snapshot.console;
  const live = feed?.live ?? null;
  const values = live?.values ?? {};
  for (const p of [1, 2, 3]) {
    liveCell(`power_l${p}_w`, values[`power_l${p}_w`], powerCell);
    liveCell(`voltage_l${p}_v`, values[`voltage_l${p}_v`], unit(V, "V"));
    liveCell(`current_l${p}_a`, values[`current_l${p}_a`], unit(A, "A"));
  }
  liveCell("import_kwh", values.import_kwh, unit(KWH, "kWh"));
  liveCell("export_kwh", values.export_kwh, unit(KWH, "kWh"));
  liveCell("gas_m3", values.gas_m3, unit(KWH, "m³"));

  const total = values.power_w ?? null;
  liveCell("power_w", total, (node, w) => node.append(`${W.format(Math.abs(w))} W`));
  const direction = $("direction");
  const totalNode = document.querySelector('[data-live="power_w"]');
  if (total === null) {
    direction.textContent = live?.stale ? `stale: ${STALE_SERVED[live.policy]}` : "no values";
    direction.className = "direction";
    totalNode.className = "total-value";
  } else if (Math.round(total) > 0) {
    direction.textContent = "↓ importing from the grid";
    direction.className = "direction import";
    totalNode.className = "total-value import";
  } else if (Math.round(total) < 0) {
    direction.textContent = "↑ exporting to the grid";
    direction.className = "direction export";
    totalNode.className = "total-value export";
  } else {
    direction.textContent = "no power flow";
    direction.className = "direction";
    totalNode.className = "total-value";
  }
  const registers = snapshot.a1?.registers;
  setText(
    "freshness",
    registers === null || registers === undefined
      ? ""
      : registers.freshness === "fresh"
      ? ""
      : registers.freshness === "waiting"
      ? "waiting for the first telegram"
      : `values stale (no telegram for ${registers.last_telegram_age_s} s)`,
  );
}

function duration(seconds) {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

function renderStatus(snapshot) {
  const a = snapshot.a1mb;
  $("model").textContent = `emulates ${a.model}`;
  setText("sys-version", a.version);
  setText("sys-model", a.model);
  setText("sys-build", `variant ${a.variant}, ${a.target}`);
  setText(
    "sys-uptime",
    `${duration(a.uptime_s)}${a.reboots > 0 ? `, ${a.reboots} reboot(s)` : ""}`,
  );
  setText("sys-memory", `${Math.round(a.rss_bytes / 1048576)} MB`);
  setText("sys-config", a.config ?? "embedded default");
  $("foot-variant").textContent = `${a.version} · ${a.variant}`;
  const ready = $("ready");
  ready.textContent = snapshot.ready ? "ready" : "not ready";
  ready.className = `badge ${snapshot.ready ? "ok" : "bad"}`;

  for (const node of document.querySelectorAll(".led")) {
    node.dataset.state = snapshot.leds?.[node.dataset.led] ?? "off";
  }

  const reader = snapshot.a1?.reader;
  const telegrams = snapshot.a1?.telegrams;
  const registers = snapshot.a1?.registers;
  setText("a1-source", reader?.source ?? "–");
  const phase = reader?.link?.phase ?? "–";
  const error = reader?.link?.lastError ? ` (${reader.link.lastError})` : "";
  setText("a1-link", `${phase}${error}`, phase === "open" ? "state-ok" : "state-bad");
  const age = registers?.last_telegram_age_s;
  setText("a1-age", age === null || age === undefined ? "none yet" : `${age} s ago`);
  setText("a1-accepted", telegrams ? W.format(telegrams.accepted) : "–");
  setText(
    "a1-rejected",
    telegrams ? W.format(telegrams.rejected) : "–",
    telegrams?.rejected ? "state-bad" : "",
  );
  setText("a1-reason", telegrams?.lastReason ?? "none");
  setText("a1-stale", registers ? `${registers.stale_policy}` : "–");

  const blocks = [];
  for (const [name, t] of [["RTU", snapshot.modbus?.rtu], ["TCP", snapshot.modbus?.tcp]]) {
    if (t) blocks.push(transportBlock(name, t));
  }
  if (blocks.length === 0) {
    const none = document.createElement("p");
    none.className = "muted";
    none.textContent = "No transport enabled.";
    blocks.push(none);
  }
  $("modbus").replaceChildren(...blocks);
}

function factRow(label, value) {
  const row = document.createElement("div");
  const dt = document.createElement("dt");
  dt.textContent = label;
  const dd = document.createElement("dd");
  dd.textContent = value;
  row.append(dt, dd);
  return row;
}

function transportBlock(name, t) {
  const c = t.counters;
  const exceptions = Object.entries(c.exceptions).filter(([, n]) => n > 0);
  const total = exceptions.reduce((sum, [, n]) => sum + n, 0);
  const detail = exceptions
    .map(([code, n]) => `${Number(code).toString(16).padStart(2, "0")}: ${n}`)
    .join(", ");
  const us = t.turnaround_us ?? {};
  const known = (v) => v !== null && v !== undefined;
  const block = document.createElement("div");
  block.className = "transport";
  block.dataset.transport = name.toLowerCase();
  const title = document.createElement("h3");
  const state = document.createElement("span");
  state.className = t.serving ? "state-ok" : "state-bad";
  state.textContent = t.serving ? "serving" : "not serving";
  title.append(`Modbus ${name}`, state);
  const facts = document.createElement("dl");
  facts.className = "facts";
  facts.append(
    factRow("Requests", W.format(c.requests)),
    factRow("Exceptions", total === 0 ? "none" : `${total} (${detail})`),
    factRow("CRC errors", W.format(c.crcErrors)),
    factRow(
      "Turnaround",
      known(us.p50)
        ? `p50 ≤ ${micro(us.p50)}, p99 ≤ ${micro(us.p99)}, max ${micro(us.max)}`
        : "no replies yet",
    ),
  );
  block.append(title, facts);
  return block;
}

function micro(us) {
  return us >= 1000 ? `${V.format(us / 1000)} ms` : `${W.format(us)} µs`;
}

// ---------------------------------------------------------------------------------------------
// The chart

function mergeHistory(more) {
  const s = page.series;
  const last = s.t.length === 0 ? -Infinity : s.t[s.t.length - 1];
  for (let i = 0; i < more.t.length; i++) {
    if (more.t[i] <= last) continue;
    for (const key of ["t", "l1", "l2", "l3", "total"]) s[key].push(more[key][i]);
  }
  const cutoff = Date.now() + page.offsetMs - SPAN_MS;
  let drop = 0;
  while (drop < s.t.length && s.t[drop] < cutoff) drop++;
  if (drop > 0) { for (const key of Object.keys(s)) s[key].splice(0, drop); }
}

async function refreshHistory() {
  const s = page.series;
  const since = s.t.length === 0 ? 0 : s.t[s.t.length - 1];
  mergeHistory(await getJson(`/api/history?since=${since}`));
  drawChart($("chart"), page.series, Date.now() + page.offsetMs);
}

// ---------------------------------------------------------------------------------------------
// Settings

function showAccess() {
  const node = $("access");
  const token = page.view?.keys.find((k) => k.key === "control.token");
  const readOnly = token !== undefined && token.value === "";
  $("save").disabled = readOnly;
  $("reboot").disabled = readOnly;
  node.replaceChildren();
  if (readOnly) {
    node.className = "access read-only";
    node.textContent =
      "Read-only: this a1mb has no [control] token, so nothing can be changed here. " +
      "Set one on the machine: sudo a1mb config set control.token=… (then reboot).";
  } else if (sessionStorage.getItem(TOKEN_KEY) !== null) {
    node.className = "access";
    node.append("Token entered for this tab. ");
    const forget = document.createElement("button");
    forget.type = "button";
    forget.textContent = "Forget it";
    forget.onclick = () => {
      sessionStorage.removeItem(TOKEN_KEY);
      showAccess();
    };
    node.append(forget);
  } else {
    node.className = "access";
    node.textContent = "Changes need this a1mb's token: you are asked for it once per tab.";
  }
}

function control(row) {
  const spec = row.spec;
  const choices = spec.type === "boolean"
    ? [true, false]
    : spec.type === "enum" || spec.type === "integer-choice"
    ? spec.values
    : null;
  if (choices !== null) {
    const select = document.createElement("select");
    for (const value of choices) {
      const option = document.createElement("option");
      option.value = String(value);
      option.textContent = spec.type === "boolean"
        ? (value ? "on (true)" : "off (false)")
        : String(value);
      select.append(option);
    }
    return select;
  }
  const input = document.createElement("input");
  input.type = "text";
  input.spellcheck = false;
  if (spec.type === "integer" || spec.type === "number") input.inputMode = "numeric";
  return input;
}

function shown(value) {
  return value === null || value === undefined ? "not set" : String(value);
}

function renderSettings(view) {
  page.view = view;
  const fields = [];
  const byKey = new Map(view.keys.map((k) => [k.key, k]));
  for (const row of view.form_keys.map((key) => byKey.get(key)).filter((k) => k !== undefined)) {
    const saved = "pending" in row ? row.pending : row.value;
    const field = document.createElement("div");
    field.className = "field";
    field.dataset.key = row.key;
    const id = `field-${row.key.replaceAll(".", "-")}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.append(TITLES[row.key] ?? row.key, " ");
    const key = document.createElement("span");
    key.className = "key";
    key.textContent = row.key;
    label.append(key);
    const input = control(row);
    input.id = id;
    input.value = saved === null ? "" : String(saved);
    input.dataset.saved = input.value;
    const now = document.createElement("span");
    now.className = "now";
    now.append(`In force: ${shown(row.value)}`);
    if ("pending" in row) {
      const pending = document.createElement("span");
      pending.className = "pending";
      pending.textContent = `saved: ${shown(row.pending)}, after reboot`;
      now.append(" · ", pending);
    }
    const hint = document.createElement("span");
    hint.className = "hint";
    const fromDefault = row.source === "default" ? " (the file leaves it to this default)" : "";
    hint.textContent = `${row.doc} Allowed: ${row.allowed}. This build's default: ${
      shown(row.default)
    }${fromDefault}.`;
    const error = document.createElement("p");
    error.className = "error";
    error.setAttribute("role", "alert");
    field.append(label, input, now, hint, error);
    fields.push(field);
  }
  $("fields").replaceChildren(...fields);
  const pending = Object.keys(view.pending).length;
  $("reboot").textContent = pending > 0 ? `Reboot… (${pending} pending)` : "Reboot…";
  showAccess();
  if (view.problems.length > 0) {
    showOutcome(
      `The file has problems, a reboot is refused until they are fixed: ${
        view.problems.join("; ")
      }`,
      false,
    );
  }
}

/** The value to send for what the user typed: numbers as numbers, the rest as typed. */
function parseInput(row, text) {
  const spec = row.spec;
  if (spec.type === "boolean") return text === "true";
  if (spec.type === "integer" || spec.type === "integer-choice" || spec.type === "number") {
    const trimmed = text.trim();
    if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
    return trimmed;
  }
  return text;
}

function showOutcome(text, ok) {
  const node = $("outcome");
  node.textContent = text;
  node.className = `outcome ${ok ? "ok" : "bad"}`;
}

function clearErrors() {
  for (const field of document.querySelectorAll(".field")) {
    field.classList.remove("invalid");
    field.querySelector(".error").textContent = "";
  }
}

async function save() {
  clearErrors();
  const changes = {};
  for (const field of document.querySelectorAll(".field")) {
    const input = field.querySelector("input, select");
    if (input.value === input.dataset.saved) continue;
    const row = page.view.keys.find((k) => k.key === field.dataset.key);
    changes[row.key] = parseInput(row, input.value);
  }
  if (Object.keys(changes).length === 0) {
    showOutcome("Nothing changed.", true);
    return;
  }
  $("save").disabled = true;
  try {
    const response = await post("/api/config", changes);
    if (response === null) return showOutcome("Not saved: no token given.", false);
    const body = await response.json();
    if (response.ok) {
      showOutcome(`Saved ${body.saved.join(", ")}. Pending until a reboot.`, true);
      renderSettings(await getJson("/api/config"));
      return;
    }
    for (const problem of body.problems ?? []) {
      const field = document.querySelector(`.field[data-key="${CSS.escape(problem.key)}"]`);
      if (field === null) continue;
      field.classList.add("invalid");
      field.querySelector(".error").textContent = problem.message;
    }
    const unplaced = (body.problems ?? []).filter((p) =>
      document.querySelector(`.field[data-key="${CSS.escape(p.key)}"]`) === null
    );
    showOutcome(
      [body.error, ...unplaced.map((p) => p.message)].join(" "),
      false,
    );
  } catch (error) {
    showOutcome(`Not saved: ${error.message}`, false);
  } finally {
    showAccess();
  }
}

async function reboot() {
  setRebootConfirm(false);
  const response = await post("/api/reboot", null);
  if (response === null) return showOutcome("No reboot: no token given.", false);
  const body = await response.json();
  if (response.status !== 202) {
    return showOutcome([body.error, ...(body.problems ?? [])].join(" "), false);
  }
  page.rebooting = true;
  showOutcome("Rebooting: the converter restarts with the saved settings…", true);
}

function setRebootConfirm(on) {
  $("reboot").hidden = on;
  $("reboot-confirm").hidden = !on;
  $("reboot-cancel").hidden = !on;
}

// ---------------------------------------------------------------------------------------------
// The register map

/** A map row's type as `a1mb map` writes it: `int32 ×10, low word first`, `text (7 registers)`. */
function typeText(r) {
  if (r.type === "text") return `text (${r.words} registers)`;
  const scale = r.scale === 1 ? "" : ` ×${r.scale}`;
  const order = r.words > 1 && r.wordOrder === "low-first" ? ", low word first" : "";
  return `${r.type}${scale}${order}${r.writable ? ", writable" : ""}`;
}

function renderMap(rows) {
  page.mapRows = rows.map((r) => {
    const tr = document.createElement("tr");
    const source = r.obis.length > 0 ? `${r.source}: ${r.obis.join(" ")}` : r.source;
    const cells = [
      r.readBy.length > 0 ? r.readBy.map((fc) => fc.replace("FC", "")).join(", ") : "–",
      r.hex,
      r.number,
      r.name,
      r.unit,
      typeText(r),
      source,
      r.when === null ? r.rule : `only with ${r.when}: ${r.rule}`,
    ];
    for (const text of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    return { tr, text: cells.join(" ").toLowerCase() };
  });
  $("map").tBodies[0].replaceChildren(...page.mapRows.map((r) => r.tr));
  filterMap();
}

function filterMap() {
  const words = $("map-filter").value.toLowerCase().split(/\s+/).filter((w) => w !== "");
  let shownRows = 0;
  for (const row of page.mapRows) {
    const show = words.every((w) => row.text.includes(w));
    row.tr.hidden = !show;
    if (show) shownRows++;
  }
  $("map-count").textContent = shownRows === page.mapRows.length
    ? `${page.mapRows.length} registers`
    : `${shownRows} of ${page.mapRows.length} registers`;
}

// ---------------------------------------------------------------------------------------------
// The loop

function banner(text) {
  const node = $("banner");
  node.hidden = text === "";
  node.textContent = text;
  node.className = "banner error";
}

async function tick() {
  try {
    const snapshot = await getJson("/api/status");
    const a = snapshot.a1mb;
    page.offsetMs = Date.parse(a.started_at) + a.uptime_s * 1000 - Date.now();
    renderStatus(snapshot);
    renderLive(snapshot);
    if (page.reboots !== null && a.reboots > page.reboots) {
      page.rebooting = false;
      showOutcome("Rebooted: the saved settings are in force.", true);
      renderSettings(await getJson("/api/config"));
    }
    page.reboots = a.reboots;
    if (!page.rebooting) await refreshHistory();
    banner("");
  } catch (error) {
    banner(
      page.rebooting
        ? "Rebooting…"
        : `Cannot reach a1mb (${error.message}): retrying every second.`,
    );
  } finally {
    setTimeout(tick, POLL_MS);
  }
}

async function start() {
  $("save").onclick = () => void save();
  $("reboot").onclick = () => setRebootConfirm(true);
  $("reboot-cancel").onclick = () => setRebootConfirm(false);
  $("reboot-confirm").onclick = () => void reboot();
  $("map-filter").oninput = filterMap;
  try {
    const [view, map] = await Promise.all([getJson("/api/config"), getJson("/api/map")]);
    renderSettings(view);
    renderMap(map);
  } catch (error) {
    banner(`Cannot load the settings or the map (${error.message}): reload the page.`);
  }
  await tick();
}

void start();
