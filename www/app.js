// @ts-check
// The diagnostic page. It renders what the `wattwaechter` package returns and never decodes
// anything itself; every string from a meter or a device is shown with textContent. The
// decoders run in a worker (`decode-worker.js`, the package's decoders entry); the device
// client (the full entry) is loaded when the user first connects.
import uPlot from "./vendor/uPlot.esm.js";
import { t, count, number, decimal, dateTime, date, shortDate, time, dateNames, translatePage, setLang, lang } from "./i18n.js";

const $ = (sel) => document.querySelector(sel);
const ROW = 28;
/** @typedef {import("/pkg/wattwaechter.js").WattWaechter} WattWaechter */
/** @typedef {import("/pkg/decoders/decoders.js").Report} Report */
/** @typedef {import("/pkg/decoders/decoders.js").Explained} Explained */

/**
 * What the page shows: the loaded bytes, their report, the selected frame and its fields
 * (with a byte clicked in another frame, waiting for them), the device client.
 * @type {{ bytes: Uint8Array | null, linear: Uint8Array | null, report: Report | null, selected: number, client: WattWaechter | null, name: string, charts: Record<string, uPlot>, explained: Explained | null, pendingByte: number | null }}
 */
const state = { bytes: null, linear: null, report: null, selected: -1, client: null, name: "", charts: {}, explained: null, pendingByte: null };

/** Makes an element; children are nodes or text (never HTML). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

function status(text, kind = "") {
  const s = $("#status");
  s.textContent = text;
  s.className = kind;
}

// --- decoding in a worker -------------------------------------------------------------------

// Decoding runs in a worker: a large dump keeps the page responsive, and a decode that takes
// too long can be cancelled (the worker is ended and a fresh one started).
let worker;
let jobs = 0;
const pending = new Map();
function startWorker() {
  worker = new Worker("decode-worker.js", { type: "module" });
  worker.onmessage = (e) => {
    const { id, out, error } = e.data;
    const p = pending.get(id);
    pending.delete(id);
    showCancel();
    if (!p) return;
    if (error) p.reject(Object.assign(new Error(error.message), { kind: error.kind, offset: error.offset }));
    else p.resolve(out);
  };
}
startWorker();
/** Runs `job` ("dump", "csv" or "log") on `input` in the worker. */
function inWorker(job, input) {
  const id = ++jobs;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    showCancel();
    worker.postMessage({ id, job, input, options: { lang } });
  });
}
function showCancel() {
  $("#cancel").hidden = pending.size === 0;
}
$("#cancel").addEventListener("click", () => {
  worker.terminate();
  for (const p of pending.values()) p.reject(Object.assign(new Error(t("decodingCancelled")), { kind: "cancelled" }));
  pending.clear();
  showCancel();
  startWorker();
});

// --- sources --------------------------------------------------------------------------------

async function showDump(bytes, name, switchTab = true) {
  status(t("decoding", { name, bytes: count("nBytes", bytes.length, false) }));
  let report;
  try {
    report = await inWorker("dump", bytes);
  } catch (e) {
    if (e.kind === "cancelled") return status(e.message);
    throw e;
  }
  // The frame viewer shows the dump analysis from here on.
  if (switchTab) selectTab("dump");
  state.bytes = bytes;
  state.name = name;
  state.report = report;
  const r = report.rotation;
  state.linear = r ? new Uint8Array([...bytes.subarray(r), ...bytes.subarray(0, r)]) : bytes;
  renderReport();
  status(t("decoded", { name, bytes: count("nBytes", bytes.length, false), frames: count("nFrames", report.frames.length) }));
}

/** The text of `bytes` if they are printable ASCII text (a capture shared as text), else null. */
function asText(bytes) {
  const printable = (b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127);
  return bytes.length > 0 && bytes.every(printable) ? new TextDecoder().decode(bytes) : null;
}

/** Reads a capture shared as text in the worker: its bytes, and its name with what was read. */
async function fromText(text, name) {
  const capture = await inWorker("capture", text);
  return { bytes: capture.bytes, name: `${name} (${capture.summary})` };
}

async function openFile(file) {
  try {
    let bytes = new Uint8Array(await file.arrayBuffer());
    let name = file.name;
    // A capture as text: a `.hex` file, hex digits only, or xxd / hexdump -C output, Tasmota
    // or log lines (the core detects which). Other text — a D0 capture, the text the meter
    // sent — goes to the decoder as it is.
    const text = asText(bytes);
    if (text !== null) {
      const format = await inWorker("capture-format", text);
      const hexOnly = /^[0-9a-fA-F\s,x]*$/.test(text);
      if (format !== "hex" || hexOnly || /\.hex$/i.test(name)) ({ bytes, name } = await fromText(text, name));
    }
    await showDump(bytes, name);
  } catch (e) {
    status(t("cannotOpen", { name: file.name, message: e.message }), "error");
  }
}

$("#paste-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = /** @type {HTMLTextAreaElement} */ ($("#paste")).value;
  if (!text.trim()) return status(t("pasteEmpty"), "error");
  try {
    const { bytes, name } = await fromText(text, t("pastedName"));
    await showDump(bytes, name);
  } catch (err) {
    status(t("cannotOpen", { name: t("pastedName"), message: err.message }), "error");
  }
});

$("#file").addEventListener("change", (e) => e.target.files[0] && openFile(e.target.files[0]));
document.addEventListener("dragover", (e) => e.preventDefault());
document.addEventListener("drop", (e) => {
  e.preventDefault();
  const f = e.dataTransfer.files[0];
  if (f) openFile(f);
});
async function loadSample() {
  const bytes = new Uint8Array(await (await fetch("samples/EasyMeter_Q3A_A1064V1009.bin")).arrayBuffer());
  await showDump(bytes, t("sampleName"));
}
$("#sample").addEventListener("click", loadSample);
$("#read-dump").addEventListener("click", () =>
  device(async (c) => {
    const bytes = await c.rawdump();
    if (!bytes) return status(t("emptyBuffer"), "error");
    await showDump(bytes, t("deviceDumpName"));
  }),
);

// --- dump analysis --------------------------------------------------------------------------

function card(k, v) {
  return el("div", { class: "card" }, el("span", { class: "k" }, k), el("span", { class: "v" }, v));
}

/** Each finding's severity in words, so that it is not told by colour alone. */
const SEVERITY = { error: "severityError", warning: "severityWarning", info: "severityInfo", ok: "severityOk" };

/** A frame's status in words. */
const STATUS = { ok: "statusOk", crc_mismatch: "statusCrcMismatch", truncated_start: "statusTruncatedStart", truncated_end: "statusTruncatedEnd", aborted: "statusAborted", malformed: "statusMalformed" };
const statusText = (s) => t(STATUS[s] ?? s);

function renderReport() {
  const r = state.report;
  const s = r.summary;
  const m = s.meter;
  const rate = s.crc_error_rate == null ? "–" : `${number(s.crc_error_rate * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
  $("#summary").replaceChildren(
    card(t("protocol"), r.protocol.toUpperCase()),
    card(t("meter"), m ? `${m.manufacturer ?? "?"} · ${m.id ?? m.server_id}` : "–"),
    card(t("framesOk"), number(s.frames_ok)),
    card(r.protocol === "d0" ? t("bccErrors") : t("crcErrors"), `${number(s.frames_crc_mismatch)} (${rate})`),
    card(t("cutAbortedMalformed"), `${number(s.frames_truncated)} / ${number(s.frames_aborted)} / ${number(s.frames_malformed)}`),
    card(t("interval"), s.interval_seconds == null ? "–" : `${number(s.interval_seconds)} s`),
    card(t("seam"), r.seam ? t("seamAt", { kind: t(r.seam.kind === "wrap" ? "seamWrap" : "seamWritePosition"), offset: String(r.seam.offset) }) : t("none")),
  );
  $("#findings").replaceChildren(
    ...r.findings.map((f) => el("li", { class: f.severity }, el("strong", {}, el("span", { class: "severity" }, t(SEVERITY[f.severity])), f.title), f.advice)),
  );
  $("#frame-count").textContent = `(${number(r.frames.length)})`;
  $("#frames .spacer").style.height = `${r.frames.length * ROW}px`;
  $("#frames").scrollTop = 0;
  renderRows();
  const numeric = s.series.filter((x) => x.points.length > 0);
  $("#series").replaceChildren(...numeric.map((x, i) => el("option", { value: i }, `${x.obis} ${x.name ?? ""}`)));
  renderSeries();
  for (const id of ["#export-bin", "#export-json", "#export-csv", "#export-anon-bin", "#export-anon-hex"]) $(id).disabled = false;
  const first = r.frames.findIndex((f) => f.status === "ok");
  select(first >= 0 ? first : 0);
}

function renderRows() {
  const list = $("#frames");
  const frames = state.report?.frames ?? [];
  const from = Math.max(0, Math.floor(list.scrollTop / ROW) - 5);
  const to = Math.min(frames.length, from + Math.ceil(list.clientHeight / ROW) + 10);
  const rows = [];
  for (let i = from; i < to; i++) {
    const f = frames[i];
    const row = el("div", { class: "row", id: `frame-${i}`, role: "option", "aria-selected": String(i === state.selected), "data-index": i, onclick: () => select(i) },
      el("span", {}, `#${i}`), el("span", {}, `@${f.offset}`), el("span", {}, `${f.length} B`), el("span", { class: `st ${f.status}` }, statusText(f.status)));
    row.style.top = `${i * ROW}px`; // CSSOM, allowed by the CSP (a style attribute is not)
    rows.push(row);
  }
  list.querySelectorAll(".row").forEach((r) => r.remove());
  list.append(...rows);
}
$("#frames").addEventListener("scroll", renderRows);
$("#frames").addEventListener("keydown", (e) => {
  const n = state.report?.frames.length ?? 0;
  if (!n) return;
  const page = Math.max(1, Math.floor($("#frames").clientHeight / ROW) - 1);
  const to = { ArrowDown: state.selected + 1, ArrowUp: state.selected - 1, PageDown: state.selected + page, PageUp: state.selected - page, Home: 0, End: n - 1 }[e.key];
  if (to === undefined) return;
  select(Math.max(0, Math.min(n - 1, to)));
  e.preventDefault();
});

function select(i) {
  const frames = state.report?.frames ?? [];
  if (!frames.length) {
    $("#hex").replaceChildren();
    $("#frame-title").textContent = "";
    $("#frame-error").textContent = "";
    $("#values tbody").replaceChildren();
    return;
  }
  state.selected = i;
  const f = frames[i];
  const list = $("#frames");
  if (i * ROW < list.scrollTop || (i + 1) * ROW > list.scrollTop + list.clientHeight) list.scrollTop = i * ROW - list.clientHeight / 2;
  renderRows();
  list.setAttribute("aria-activedescendant", `frame-${i}`);
  $("#frame-title").textContent = `${t("frameTitle", { index: String(i), status: statusText(f.status), from: String(f.offset), to: String(f.offset + f.length - 1) })}${f.crc ? ` · CRC ${f.crc}` : ""}${f.quirks.length ? ` · ${f.quirks.join(", ")}` : ""}`;
  $("#frame-error").textContent = f.error ? f.error.message : "";
  $("#values tbody").replaceChildren(
    ...f.values.map((v) => el("tr", {}, el("td", {}, v.obis), el("td", {}, v.name ?? ""), el("td", {}, v.value == null ? t("noValue") : v.kind === "number" ? decimal(v.value) : v.value, v.text ? el("span", { class: "text" }, ` ${t("quoted", { text: v.text })}`) : null), el("td", {}, v.unit ?? ""))),
  );
  renderHex(f);
  explainSelected();
}

// --- the frame explainer: every byte's field, in a tree next to the bytes --------------------

let explaining = 0;
/** Asks the worker for the selected frame's fields (the core explains; the page shows). */
async function explainSelected() {
  const f = state.report?.frames[state.selected];
  const ticket = ++explaining;
  state.explained = null;
  $("#fields").replaceChildren();
  $("#field-detail").textContent = "";
  if (!f) return;
  let explained;
  try {
    explained = await inWorker("explain", { bytes: state.linear, offset: f.offset });
  } catch {
    return;
  }
  if (ticket !== explaining) return;
  state.explained = explained;
  renderFields();
  if (state.pendingByte != null) {
    selectFieldAt(state.pendingByte);
    state.pendingByte = null;
  }
}

/** The parent of a field path (`message[1].body.val_list[2]` → `message[1].body`), or "". */
function parentPath(path) {
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut > 0 ? path.slice(0, cut) : "";
}

/** The field tree: one item per path (its TL and value spans together), nested by path. */
function renderFields() {
  const spans = state.explained?.spans ?? [];
  const items = new Map();
  const root = $("#fields");
  const itemFor = (path) => {
    if (items.has(path)) return items.get(path);
    const parent = parentPath(path);
    const container = parent ? groupOf(itemFor(parent)) : root;
    const li = el("li", { role: "treeitem", "aria-selected": "false", tabindex: "-1", "data-path": path }, el("span", { class: "node" }, el("span", { class: "name" }, path.slice(parent.length).replace(/^\./, ""))));
    li.spans = [];
    container.append(li);
    items.set(path, li);
    return li;
  };
  const groupOf = (li) => {
    let ul = li.querySelector(":scope > ul");
    if (!ul) {
      ul = el("ul", { role: "group" });
      li.append(ul);
      li.setAttribute("aria-expanded", "true");
    }
    return ul;
  };
  for (const s of spans) itemFor(s.path).spans.push(s);
  for (const li of items.values()) {
    const node = li.querySelector(":scope > .node");
    for (const s of li.spans) {
      node.append(" ", el("span", { class: "kind" }, s.type));
      if (s.meaning) node.append(" = ", el("span", { class: "meaning" }, s.meaning));
      if (s.verdict) node.append(" ", el("span", { class: `verdict ${s.verdict.ok ? "ok" : "bad"}` }, verdictText(s.verdict)));
    }
  }
  const first = root.querySelector("[role=treeitem]");
  if (first) first.tabIndex = 0;
  // Hovering a byte names its field. Bytes and spans are both in order: one pass over each.
  let k = 0;
  for (const b of $("#hex").querySelectorAll(".b.sel")) {
    const o = Number(b.dataset.offset);
    while (k < spans.length && spans[k].end <= o) k++;
    const s = spans[k];
    if (s && s.start <= o) b.title = `${b.title} · ${s.path}: ${s.type}${s.meaning ? ` = ${s.meaning}` : ""}`;
  }
}

function verdictText(v) {
  const text = t(v.ok ? "verdictOk" : "verdictBad", { read: v.read, computed: v.computed });
  return v.computed_kermit ? text + t("verdictKermit", { kermit: v.computed_kermit }) : text;
}

/** The byte range of a tree item: its spans and its descendants'. */
function rangeOf(li) {
  const path = li.dataset.path;
  const spans = (state.explained?.spans ?? []).filter((s) => s.path === path || s.path.startsWith(`${path}.`) || s.path.startsWith(`${path}[`));
  return spans.length ? [Math.min(...spans.map((s) => s.start)), Math.max(...spans.map((s) => s.end))] : null;
}

/** Selects a tree item: marks its bytes, says what it is, scrolls both into view. */
function selectField(li, focus = true) {
  for (const other of $("#fields").querySelectorAll("[aria-selected=true]")) {
    other.setAttribute("aria-selected", "false");
    other.tabIndex = -1;
  }
  li.setAttribute("aria-selected", "true");
  li.tabIndex = 0;
  for (let p = li.parentElement?.closest("[role=treeitem]"); p; p = p.parentElement?.closest("[role=treeitem]")) p.setAttribute("aria-expanded", "true");
  if (focus) li.focus();
  li.scrollIntoView({ block: "nearest" });
  const range = rangeOf(li);
  for (const b of $("#hex").querySelectorAll(".b.field")) b.classList.remove("field");
  if (!range) return;
  let first = null;
  for (const b of $("#hex").querySelectorAll(".b")) {
    const o = Number(b.dataset.offset);
    if (o >= range[0] && o < range[1]) {
      b.classList.add("field");
      first ??= b;
    }
  }
  first?.scrollIntoView({ block: "nearest" });
  const own = li.spans ?? [];
  const detail = [t("fieldDetail", { path: li.dataset.path, from: String(range[0]), to: String(range[1] - 1) })];
  for (const s of own) detail.push(`${s.type}${s.meaning ? ` = ${s.meaning}` : ""}${s.verdict ? ` · ${verdictText(s.verdict)}` : ""}`);
  $("#field-detail").textContent = detail.join(" · ");
}

/** Selects the field of the byte at `offset` (in the selected frame). */
function selectFieldAt(offset) {
  const s = state.explained?.spans.find((x) => x.start <= offset && offset < x.end);
  if (!s) return;
  const li = [...$("#fields").querySelectorAll("[role=treeitem]")].find((x) => x.dataset.path === s.path);
  if (li) selectField(li, false);
}

$("#fields").addEventListener("click", (e) => {
  const li = /** @type {HTMLElement} */ (e.target).closest?.("[role=treeitem]");
  if (li) selectField(li);
});
$("#fields").addEventListener("keydown", (e) => {
  const current = /** @type {HTMLElement} */ (document.activeElement)?.closest?.("[role=treeitem]");
  if (!current) return;
  const visible = [...$("#fields").querySelectorAll("[role=treeitem]")].filter((x) => !x.parentElement.closest("[aria-expanded=false]"));
  const i = visible.indexOf(current);
  const go = (li) => li && selectField(li);
  if (e.key === "ArrowDown") go(visible[i + 1]);
  else if (e.key === "ArrowUp") go(visible[i - 1]);
  else if (e.key === "Home") go(visible[0]);
  else if (e.key === "End") go(visible[visible.length - 1]);
  else if (e.key === "ArrowRight" && current.getAttribute("aria-expanded") === "false") current.setAttribute("aria-expanded", "true");
  else if (e.key === "ArrowLeft" && current.getAttribute("aria-expanded") === "true") current.setAttribute("aria-expanded", "false");
  else if (e.key === "ArrowLeft") go(current.parentElement?.closest("[role=treeitem]"));
  else if (e.key === "Enter" || e.key === " ") selectField(current);
  else return;
  e.preventDefault();
});

/** The frame containing a linear offset (frames are sorted). */
function frameAt(offset) {
  const frames = state.report.frames;
  let lo = 0;
  let hi = frames.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = frames[mid];
    if (offset < f.offset) hi = mid - 1;
    else if (offset >= f.offset + f.length) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function renderHex(f) {
  const bytes = state.linear;
  const from = Math.max(0, (f.offset & ~15) - 32);
  const to = Math.min(bytes.length, f.offset + f.length + 48);
  const errAt = f.error ? f.error.offset : -1;
  const lines = [];
  let firstSel = null;
  for (let row = from; row < to; row += 16) {
    const line = el("span", { class: "line" }, el("span", { class: "addr" }, row.toString(16).padStart(6, "0")));
    for (let o = row; o < Math.min(row + 16, to); o++) {
      const fi = frameAt(o);
      const cls = ["b", fi < 0 ? "gap" : state.report.frames[fi].status];
      if (fi === state.selected) cls.push("sel");
      if (o === errAt) cls.push("err");
      if (isEscape(bytes, o)) cls.push("esc");
      const where = fi >= 0 ? t("byteInFrame", { index: String(fi), status: statusText(state.report.frames[fi].status) }) : t("byteInGap");
      const b = el("span", { class: cls.join(" "), "data-offset": o, title: `${t("byteTitle", { offset: String(o) })}${where}${o === errAt ? t("byteFailed") : ""}` }, bytes[o].toString(16).padStart(2, "0"));
      if (fi === state.selected && firstSel === null) firstSel = b;
      line.append(b, " ");
    }
    lines.push(line);
  }
  $("#hex").replaceChildren(...lines);
}

/** Part of a run of four 0x1b bytes (the SML escape), for marking only. */
function isEscape(bytes, o) {
  for (let s = o - 3; s <= o; s++) {
    if (s >= 0 && s + 3 < bytes.length && bytes[s] === 0x1b && bytes[s + 1] === 0x1b && bytes[s + 2] === 0x1b && bytes[s + 3] === 0x1b) return true;
  }
  return false;
}

$("#hex").addEventListener("click", (e) => {
  const o = e.target.dataset?.offset;
  if (o === undefined) return;
  const i = frameAt(Number(o));
  if (i < 0) return;
  if (i === state.selected && state.explained) return selectFieldAt(Number(o));
  // Another frame: its fields come from the worker; then the byte's field is selected.
  state.pendingByte = Number(o);
  select(i);
});

/** Value-axis labels with as many decimals as the tick spacing has, so that close ticks
 * (an energy register stepping by 0.0001 kWh) do not all read alike. */
function valueTicks(u, splits, axisIdx, space, incr) {
  let decimals = 0;
  while (decimals < 12 && Math.abs(incr * 10 ** decimals - Math.round(incr * 10 ** decimals)) > 1e-6) decimals++;
  return splits.map((v) => (v == null ? "" : number(v, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
}

/** The steps between time-axis ticks, in seconds: whole seconds at least (a label per tick). */
const TIME_INCREMENTS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 2592000];

/** Time-axis labels (Unix seconds): dates when the ticks are a day or more apart, times
 * otherwise, with seconds when they are less than a minute apart (the Live chart). */
function timeTicks(u, splits, axisIdx, space, incr) {
  return splits.map((v) => (v == null ? "" : incr >= 86400 ? shortDate(v) : time(v, incr < 60)));
}

/** The value axis's width: room for its longest label. */
function valueAxisSize(u, values) {
  return values ? Math.max(60, Math.max(...values.map((v) => v.length)) * 7 + 20) : 60;
}

/**
 * Draws a chart into `target` and writes its data as a table into `<target>-table` (the
 * chart's text alternative): `columns` names the two columns and formats their cells.
 * @param {{ x: string, y: string, xText: (i: number) => string, yText: (i: number) => string }} columns
 */
function chart(target, opts, data, columns) {
  state.charts[target]?.destroy();
  const box = $(target);
  box.replaceChildren();
  const o = { width: Math.max(280, box.clientWidth - 4), height: 220, axes: [{}, { size: valueAxisSize, values: valueTicks }], ...opts };
  if (opts.scales?.x?.time !== false) {
    // A time axis in the page's language: its ticks and the legend's time (uPlot writes
    // English month names and 12-hour times of its own).
    const names = dateNames();
    o.fmtDate = (tpl) => uPlot.fmtDate(tpl, names);
    o.axes = [{ values: timeTicks, incrs: TIME_INCREMENTS, ...o.axes[0] }, ...o.axes.slice(1)];
    o.series = [{ label: t("time"), value: (u, v) => (v == null ? "--" : dateTime(v)), ...o.series[0] }, ...o.series.slice(1)];
  }
  state.charts[target] = new uPlot(o, data, box);
  const rows = data[0].map((_, i) => el("tr", {}, el("td", {}, columns.xText(i)), el("td", {}, columns.yText(i))));
  $(`${target}-table`).replaceChildren(el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, columns.x), el("th", {}, columns.y))), el("tbody", {}, ...rows)));
}

function renderSeries() {
  const s = state.report?.summary.series ?? [];
  const x = s[Number($("#series").value) || 0];
  if (!x) {
    $("#series-chart").replaceChildren(el("p", { class: "empty" }, t("noNumeric")));
    $("#series-chart-table").replaceChildren();
    return;
  }
  const xs = x.points.map((p) => p.frame);
  const ys = x.points.map((p) => Number(p.value));
  const frameAxis = { values: (u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? `#${tick}` : "")) };
  // The legend shows the exact decimal text of the report, not the plotted float.
  const exact = (u, v, si, i) => (i == null ? "--" : decimal(x.points[i].value));
  chart("#series-chart", { scales: { x: { time: false } }, axes: [frameAxis, { size: valueAxisSize, values: valueTicks }], series: [{ label: t("chartFrameLabel") }, { label: `${x.obis} ${x.unit ?? ""}`, stroke: "#2563eb", points: { show: true }, value: exact }] }, [xs, ys], {
    x: t("chartFrame"),
    y: `${x.obis}${x.unit ? ` (${x.unit})` : ""}`,
    xText: (i) => `#${x.points[i].frame}`,
    yText: (i) => decimal(x.points[i].value),
  });
}
$("#series").addEventListener("change", renderSeries);

function save(name, data, type) {
  const a = el("a", { href: URL.createObjectURL(new Blob([data], { type })), download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
$("#export-bin").addEventListener("click", () => save("rawdump.bin", state.bytes, "application/octet-stream"));
$("#export-json").addEventListener("click", () => save("rawdump.json", JSON.stringify(state.report, null, 2), "application/json"));
$("#export-csv").addEventListener("click", async () => save("rawdump.csv", await inWorker("csv", state.bytes), "text/csv"));
/** Saves the dump without the meter's identities (the core replaces them; every frame keeps its status). */
async function saveAnonymized(asHex) {
  try {
    const a = await inWorker("anonymize", state.bytes);
    if (asHex) save("rawdump-anonymized.hex", a.hex, "text/plain");
    else save("rawdump-anonymized.bin", a.bytes, "application/octet-stream");
    status(t("anonymized", { identities: count("nIdentities", a.identities), places: count("nPlaces", a.places) }));
  } catch (e) {
    status(t("cannotAnonymize", { message: e.message }), "error");
  }
}
$("#export-anon-bin").addEventListener("click", () => saveAnonymized(false));
$("#export-anon-hex").addEventListener("click", () => saveAnonymized(true));

// --- device ---------------------------------------------------------------------------------

function askToken(reason) {
  $("#token-reason").textContent = reason;
  $("#token-input").value = "";
  const d = $("#token-dialog");
  // The dialog is modal: the rest of the page is inert while it is open. Closing it returns
  // the focus to where it was.
  const opener = document.activeElement;
  d.showModal();
  $("#token-input").focus();
  return new Promise((resolve) =>
    d.addEventListener(
      "close",
      () => {
        if (opener instanceof HTMLElement) opener.focus();
        resolve(d.returnValue === "ok" ? $("#token-input").value : null);
      },
      { once: true },
    ),
  );
}

// Tab and Shift+Tab stay inside the open dialog (wrapping), as the ARIA dialog pattern asks.
$("#token-dialog").addEventListener("keydown", (e) => {
  if (e.key !== "Tab") return;
  /** @type {HTMLElement[]} */
  const focusable = [...$("#token-dialog").querySelectorAll("input, button")];
  const at = focusable.indexOf(/** @type {HTMLElement} */ (document.activeElement));
  const to = (at + (e.shiftKey ? -1 : 1) + focusable.length) % focusable.length;
  focusable[to].focus();
  e.preventDefault();
});

/** The device client (the package's full entry), loaded when the user first connects: the page
 * opens with the decoders alone. */
/** @type {Promise<typeof import("/pkg/wattwaechter.js")> | undefined} */
let clientModule;
async function deviceClient() {
  if (!clientModule) {
    clientModule = import("/pkg/wattwaechter.js").then(async (m) => {
      await m.default();
      return m;
    });
  }
  return clientModule;
}

/** While a device call runs: shows when the client waits for the device's request budget
 * (its limit, shared by all its clients, or the wait the device asked for with 429/503). The
 * client itself waits and retries within its timeout; the page only reads its budget.
 * @param {WattWaechter} client */
function watchBudget(client) {
  const tick = () => {
    const { waitMs } = client.budgetStatus();
    if (waitMs > 0) status(t("budgetWait", { seconds: Math.ceil(waitMs / 1000) }), "waiting");
    else if ($("#status").classList.contains("waiting")) status(t("answerWait"), "waiting");
  };
  const timer = setInterval(tick, 250);
  return () => clearInterval(timer);
}

/**
 * Runs a device call: asks for a token on 401/403, shows the client's waiting, explains the rest.
 * @template T
 * @param {(client: WattWaechter) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function device(fn, attempt = 0) {
  if (!state.client) {
    status(t("connectFirst"), "error");
    throw new Error("not connected");
  }
  const stop = watchBudget(state.client);
  try {
    const result = await fn(state.client);
    if ($("#status").classList.contains("waiting")) status("");
    return result;
  } catch (e) {
    if ((e.kind === "unauthorized" || e.kind === "forbidden") && attempt < 2) {
      stop();
      const token = await askToken(e.kind === "unauthorized" ? t("needToken") : t("needWriteToken"));
      if (token) {
        $("#token").value = token;
        state.client.setToken(token);
        return device(fn, attempt + 1);
      }
    }
    if (e.kind === "rateLimited" || e.kind === "busy") {
      const wait = e.retryAfter == null ? "" : t("refusesIn", { seconds: String(e.retryAfter) });
      status(t("stillRefuses", { why: t(e.kind === "busy" ? "refusesBusy" : "refusesLimit"), wait }), "error");
    } else {
      status(errorText(e), "error");
    }
    throw e;
  } finally {
    stop();
  }
}

/** A device client's error in words: English shows the client's own sentence, German one per
 * error kind (the client's sentences are English). */
function errorText(e) {
  const key = `error${String(e.kind).charAt(0).toUpperCase()}${String(e.kind).slice(1)}`;
  try {
    return t(key, { message: e.message, status: String(e.status ?? "") });
  } catch {
    return e.message;
  }
}

$("#connect").addEventListener("submit", async (e) => {
  e.preventDefault();
  const token = $("#token").value.trim() || undefined;
  // A call waits for the device's request budget and retries within its timeout (30 s).
  const { WattWaechter } = await deviceClient();
  // Half of the device's request budget: its other clients (Home Assistant, a second page)
  // keep theirs, also while the Live tab polls.
  state.client = new WattWaechter($("#host").value.trim(), { token, rateShare: 0.5 });
  $("#read-dump").disabled = false;
  $("#refresh").disabled = false;
  await loadDevice().catch(() => {});
});
$("#refresh").addEventListener("click", () => loadDevice().catch(() => {}));

/** What the device and history views show, drawn again when the language changes. */
const redraws = {};

async function loadDevice() {
  status(t("connecting"));
  const alive = await device((c) => c.alive());
  const info = await device((c) => c.systemInfo());
  const get = (sec, name) => (info[sec] ?? []).find((x) => x.name === name)?.value;
  const [led, mqtt, modbus, settings, latest] = [
    await device((c) => c.led()),
    await device((c) => c.mqttStatus()),
    await device((c) => c.modbusStatus()),
    await device((c) => c.settings()),
    await device((c) => c.latest()),
  ];
  redraws.device = () => drawDevice(alive, get, led, mqtt, modbus, settings, latest);
  redraws.device();
  status(t("connected", { name: settings.device_name }));
}

/** The device's cards and its latest values. */
function drawDevice(alive, get, led, mqtt, modbus, settings, latest) {
  const heap = get("heap", "free_heap");
  $("#device").replaceChildren(
    card(t("device"), settings.device_name),
    card(t("alive"), `${alive.alive ? t("yes") : t("no")} · ${alive.version}`),
    card(t("model"), `${get("esp", "product_name") ?? "?"} (${get("esp", "model_id") ?? "?"})`),
    card(t("uptime"), get("uptime", "uptime") ?? "?"),
    card(t("wifi"), `${get("wifi", "ssid") ?? "?"} · ${get("wifi", "signal_strength") ?? "?"} dBm`),
    card(t("freeHeap"), t("freeHeapValue", { bytes: typeof heap === "number" ? heap : heap ?? "?" })),
    card(t("led"), `${led.status} (${led.color}, ${led.mode})`),
    card(t("mqtt"), `${mqtt.state}${mqtt.last_error_message ? ` · ${mqtt.last_error_message}` : ""}`),
    card(t("modbus"), modbus.enabled ? t("modbusOn", { port: String(modbus.port), clients: count("nClients", modbus.active_connections) }) : t("modbusOff")),
  );
  // The registers: every entry with a value (not `timestamp`, `datetime`, `gw` or the derived numbers).
  /** @typedef {import("/pkg/wattwaechter.js").LatestValue} LatestValue */
  /** @type {[string, LatestValue][]} */
  const registers = Object.entries(latest ?? {}).flatMap(([k, v]) => (v && typeof v === "object" && "value" in v ? [[k, /** @type {LatestValue} */ (v)]] : []));
  const rows = latest
    ? registers.map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, v.name ?? ""), el("td", {}, typeof v.value === "number" ? number(v.value) : String(v.value)), el("td", {}, v.unit ?? "")))
    : [el("tr", {}, el("td", { colspan: 4 }, t("noReading")))];
  $("#latest tbody").replaceChildren(...rows);
}

// --- history --------------------------------------------------------------------------------

const isoDay = (d) => d.toISOString().slice(0, 10);
$("#day").value = isoDay(new Date(Date.now() - 86400e3));
$("#range-start").value = isoDay(new Date(Date.now() - 14 * 86400e3));

$("#day-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const h = await device((c) => c.historyHighRes($("#day").value)).catch(() => undefined);
  if (h === undefined) return;
  redraws.day = () => drawDay(h);
  redraws.day();
});

/** The 15-minute curve of a day (`null`: the device has none). */
function drawDay(h) {
  if (!h) {
    $("#day-chart-table").replaceChildren();
    return $("#day-chart").replaceChildren(el("p", { class: "empty" }, t("noDay")));
  }
  const xs = h.items.map((i) => i.timestamp);
  const gas = h.items.some((i) => i.import_total_m3 != null);
  const ys = h.items.map((i) => (gas ? i.flow_m3h : i.power_W) ?? null);
  const label = gas ? t("flow") : t("power");
  chart("#day-chart", { series: [{}, { label, stroke: "#2563eb", fill: "rgba(37,99,235,0.1)" }] }, [xs, ys], {
    x: t("time"),
    y: label,
    xText: (i) => dateTime(xs[i]),
    yText: (i) => (ys[i] == null ? "–" : number(ys[i])),
  });
}

$("#range-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const l = await device((c) => c.historyLowRes($("#range-start").value, Number($("#range-days").value))).catch(() => undefined);
  if (l === undefined) return;
  redraws.range = () => drawRange(l);
  redraws.range();
});

/** The daily values of a range (`null`: the device has none). */
function drawRange(l) {
  if (!l) {
    $("#range-chart-table").replaceChildren();
    return $("#range-chart").replaceChildren(el("p", { class: "empty" }, t("noRange")));
  }
  const xs = l.items.map((i) => i.timestamp);
  const ys = l.items.map((i) => i.import_kWh ?? i.import_m3 ?? null);
  const label = l.items.some((i) => i.import_m3 != null) ? t("perDayM3") : t("perDayKwh");
  chart("#range-chart", { scales: { y: { range: (u, min, max) => [0, max * 1.1] } }, series: [{ label: t("day"), value: (u, v) => (v == null ? "--" : date(v)) }, { label, fill: "#93c5fd", stroke: "#2563eb", paths: uPlot.paths.bars({ size: [0.7, 60] }), points: { show: false } }] }, [xs, ys], {
    x: t("day"),
    y: label,
    xText: (i) => date(xs[i]),
    yText: (i) => (ys[i] == null ? "–" : number(ys[i])),
  });
}

// --- live -----------------------------------------------------------------------------------

// The frame viewer (frame list, values, bytes) shows either the dump analysis or the Live
// capture, and moves into the tab that shows it; each keeps its own frames and selection.
const views = { dump: { report: null, linear: null, selected: -1 }, live: { report: null, linear: null, selected: -1 } };
let viewing = "dump";

function showView(name) {
  if (name === viewing) return;
  views[viewing] = { report: state.report, linear: state.linear, selected: state.selected };
  viewing = name;
  ({ report: state.report, linear: state.linear, selected: state.selected } = views[name]);
  if (name === "live") $("#live-viewer").append($("#frame-viewer"));
  else $("#findings").after($("#frame-viewer"));
  redrawViewer();
}

/** Redraws the frame viewer from the current view's frames, keeping its selection. */
function redrawViewer() {
  const n = state.report?.frames.length ?? 0;
  $("#frame-count").textContent = `(${number(n)})`;
  $("#frames .spacer").style.height = `${n * ROW}px`;
  select(Math.min(Math.max(state.selected, 0), n - 1));
}

/** What a live session has received. */
const live = {
  source: null,
  running: false,
  /** The bytes received (IR head), in a buffer that doubles when full. */
  buffer: new Uint8Array(1 << 16),
  length: 0,
  frames: [],
  /** Arrival times (ms) of the frames and of those with a checksum error. */
  arrived: [],
  crcErrors: [],
  /** The chart's points: time (s), power or flow, and the import and export totals. */
  points: { t: [], power: [], import: [], export: [] },
  units: { power: "W", energy: "" },
  polls: 0,
  port: null,
  reader: null,
};

/** The most bytes a session keeps for the frame viewer and the saved capture (64 MiB: many
 * hours at 9600 baud); frames after it are still shown, without their bytes. */
const LIVE_MAX_BYTES = 64 << 20;

function beginLive(source) {
  Object.assign(live, { source, running: true, length: 0, frames: [], arrived: [], crcErrors: [], points: { t: [], power: [], import: [], export: [] }, polls: 0 });
  views.live = { report: { frames: live.frames }, linear: live.buffer.subarray(0, 0), selected: -1 };
  if (viewing === "live") ({ report: state.report, linear: state.linear, selected: state.selected } = views.live);
  $("#live-capture").hidden = true;
  for (const [id, running] of [["#serial-start", true], ["#serial-stop", false], ["#poll-start", true], ["#poll-stop", false]]) $(id).disabled = running;
  for (const r of document.querySelectorAll("input[name=live-source]")) /** @type {HTMLInputElement} */ (r).disabled = true;
  redrawViewer();
  renderLive();
}

function endLive() {
  live.running = false;
  for (const [id, running] of [["#serial-start", false], ["#serial-stop", true], ["#poll-start", false], ["#poll-stop", true]]) $(id).disabled = running;
  for (const r of document.querySelectorAll("input[name=live-source]")) /** @type {HTMLInputElement} */ (r).disabled = false;
  $("#serial-start").disabled = !("serial" in navigator);
  $("#live-capture").hidden = live.source !== "serial" || live.length === 0;
  renderLive();
}

/** Keeps the received bytes (up to LIVE_MAX_BYTES). */
function keepBytes(chunk) {
  const n = Math.min(chunk.length, LIVE_MAX_BYTES - live.length);
  if (n <= 0) return;
  if (live.length + n > live.buffer.length) {
    const grown = new Uint8Array(Math.min(LIVE_MAX_BYTES, Math.max(live.buffer.length * 2, live.length + n)));
    grown.set(live.buffer.subarray(0, live.length));
    live.buffer = grown;
  }
  live.buffer.set(chunk.subarray(0, n), live.length);
  live.length += n;
}

/** The numeric value of the register `obis` in a frame, if it has one. */
function registerValue(frame, obis) {
  const v = frame.values.find((x) => x.obis === obis && x.kind === "number");
  return v ? { value: Number(v.value), unit: v.unit ?? "" } : null;
}

/** New frames from the stream: into the viewer, the counters and the chart. */
function addFrames(frames) {
  const now = Date.now();
  const following = state.selected < 0 || state.selected === live.frames.length - 1;
  for (const f of frames) {
    live.frames.push(f);
    live.arrived.push(now);
    if (f.status === "crc_mismatch") live.crcErrors.push(now);
    const power = registerValue(f, "1-0:16.7.0*255");
    const imported = registerValue(f, "1-0:1.8.0*255");
    const exported = registerValue(f, "1-0:2.8.0*255");
    if (f.status === "ok" && (power || imported || exported)) {
      live.units = { power: power?.unit || "W", energy: imported?.unit ?? exported?.unit ?? "" };
      addPoint(now / 1000, power?.value, imported?.value, exported?.value);
    }
  }
  views.live.linear = live.buffer.subarray(0, live.length);
  if (viewing === "live") {
    state.linear = views.live.linear;
    $("#frame-count").textContent = `(${number(live.frames.length)})`;
    $("#frames .spacer").style.height = `${live.frames.length * ROW}px`;
    if (following && live.frames.length) select(live.frames.length - 1);
    else renderRows();
  } else if (following) {
    views.live.selected = live.frames.length - 1;
  }
  renderLive();
}

function addPoint(t, power, imported, exported) {
  const p = live.points;
  p.t.push(t);
  p.power.push(power ?? null);
  p.import.push(imported ?? null);
  p.export.push(exported ?? null);
  // The chart shows the last 600 points.
  for (const k of Object.keys(p)) if (p[k].length > 600) p[k].shift();
}

/** The counters and the chart of the live session. */
function renderLive() {
  const now = Date.now();
  const inLast = (times, ms) => times.filter((t) => t > now - ms).length;
  const ok = live.frames.filter((f) => f.status === "ok").length;
  const p = live.points;
  const last = (xs) => [...xs].reverse().find((x) => x != null);
  const cards = live.source === "device"
    ? [card(t("source"), t("theDevice")), card(t("readings"), number(live.polls)), card(live.units.power === "m³/h" ? t("flowNow") : t("powerNow"), last(p.power) == null ? "–" : `${number(last(p.power))} ${live.units.power}`)]
    : [
        card(t("source"), live.source ? t("irHead") : "–"),
        card(t("bytesCount"), number(live.length)),
        card(t("framesIntact"), `${number(live.frames.length)} (${number(ok)})`),
        card(t("framesPerSecond"), number(inLast(live.arrived, 10_000) / 10, { minimumFractionDigits: 1, maximumFractionDigits: 1 })),
        card(t("checksumErrors"), number(inLast(live.crcErrors, 60_000))),
        card(t("powerNow"), last(p.power) == null ? "–" : `${number(last(p.power))} ${live.units.power}`),
      ];
  $("#live-counters").replaceChildren(...cards);
  if (!p.t.length) {
    $("#live-chart").replaceChildren(el("p", { class: "empty" }, live.running ? t("waitingFirst") : t("noReadings")));
    $("#live-chart-table").replaceChildren();
    return;
  }
  const energy = live.units.energy ? ` (${live.units.energy})` : "";
  const powerLabel = live.units.power === "m³/h" ? t("flow") : t("powerUnit", { unit: live.units.power });
  const series = [{}, { label: powerLabel, stroke: "#2563eb", scale: "power" }];
  const data = [p.t, p.power];
  const hasEnergy = p.import.some((x) => x != null) || p.export.some((x) => x != null);
  if (hasEnergy) {
    series.push({ label: t("importLabel", { unit: energy }), stroke: "#b26a00", scale: "energy" }, { label: t("exportLabel", { unit: energy }), stroke: "#146c2e", scale: "energy" });
    data.push(p.import, p.export);
  }
  /** @type {uPlot.Axis[]} */
  const axes = [{}, { scale: "power", size: valueAxisSize, values: valueTicks }];
  if (hasEnergy) axes.push({ scale: "energy", side: 1, size: valueAxisSize, values: valueTicks, grid: { show: false } });
  const cell = (xs) => (i) => (xs[i] == null ? "–" : number(xs[i]));
  chart("#live-chart", { series, axes }, data, {
    x: t("time"),
    y: hasEnergy ? t("importExport", { power: powerLabel, unit: energy }) : powerLabel,
    xText: (i) => dateTime(p.t[i]),
    yText: hasEnergy ? (i) => `${cell(p.power)(i)} · ${cell(p.import)(i)} · ${cell(p.export)(i)}` : cell(p.power),
  });
}

for (const radio of document.querySelectorAll("input[name=live-source]")) {
  radio.addEventListener("change", () => {
    const serial = /** @type {HTMLInputElement} */ ($("input[name=live-source][value=serial]")).checked;
    $("#serial-form").hidden = !serial;
    $("#poll-form").hidden = serial;
  });
}
if (!("serial" in navigator)) {
  $("#serial-missing").hidden = false;
  $("#serial-start").disabled = true;
}
$("#serial-preset").addEventListener("change", () => {
  const preset = $("#serial-preset").value;
  if (preset === "custom") return;
  const [baud, parity] = preset.split(",");
  $("#serial-baud").value = baud;
  $("#serial-parity").value = parity;
});

$("#serial-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const baudRate = Number($("#serial-baud").value);
  const parity = $("#serial-parity").value;
  let port;
  try {
    port = await /** @type {any} */ (navigator).serial.requestPort();
    await port.open({ baudRate, parity, dataBits: parity === "none" ? 8 : 7, stopBits: 1 });
  } catch (err) {
    return status(t("serialFailed", { message: err.message }), "error");
  }
  beginLive("serial");
  await inWorker("stream-start", { protocol: "auto", lang });
  live.port = port;
  live.reader = port.readable.getReader();
  status(t("serialReading", { baud: String(baudRate), parity: t(parity === "none" ? "parityNone" : "parityEven") }));
  try {
    for (;;) {
      const { value, done } = await live.reader.read();
      if (done) break;
      keepBytes(value);
      addFrames(await inWorker("stream-push", value));
    }
  } catch (err) {
    if (live.running) status(t("serialStopped", { message: err.message }), "error");
  }
  await stopSerial();
});

async function stopSerial() {
  if (!live.running || live.source !== "serial") return;
  live.running = false;
  try {
    await live.reader?.cancel();
    live.reader?.releaseLock();
    await live.port?.close();
  } catch {}
  addFrames(await inWorker("stream-finish", null));
  endLive();
  status(t("stopped", { bytes: count("nBytes", live.length, false), frames: count("nFrames", live.frames.length) }));
}
$("#serial-stop").addEventListener("click", stopSerial);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

$("#poll-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (!state.client) return status(t("connectFirstTop"), "error");
  const every = Math.max(1, Number($("#poll-interval").value) || 2) * 1000;
  beginLive("device");
  status(t("polling", { seconds: every / 1000 }));
  while (live.running && live.source === "device") {
    if (document.hidden) {
      await sleep(500);
      continue;
    }
    const started = Date.now();
    const latest = await device((c) => c.latest()).catch(() => undefined);
    if (!live.running) break;
    if (latest) {
      live.polls++;
      const electricity = latest.medium === "electricity";
      live.units = { power: electricity ? "W" : "m³/h", energy: electricity ? "kWh" : "m³" };
      addPoint(latest.timestamp, electricity ? latest.power : latest.flow, electricity ? latest.importTotal : latest.volume, electricity ? latest.exportTotal : null);
      renderLive();
    }
    await sleep(Math.max(0, every - (Date.now() - started)));
  }
});
$("#poll-stop").addEventListener("click", () => {
  live.running = false;
  endLive();
  status(t("pollingStopped"));
});

$("#live-save").addEventListener("click", () => save("live-capture.bin", live.buffer.slice(0, live.length), "application/octet-stream"));
$("#live-analyse").addEventListener("click", () => showDump(live.buffer.slice(0, live.length), t("liveCaptureName")));

// --- logs -----------------------------------------------------------------------------------

let logLines = [];
$("#log-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const kind = $("#log-kind").value;
  const text = await device((c) => (kind === "ram" ? c.logsRam() : c.logsPersistent())).catch(() => undefined);
  if (text === undefined) return;
  logLines = (await inWorker("log", text)).lines;
  renderLog();
});
function renderLog() {
  const level = $("#log-level").value;
  const q = $("#log-search").value.toLowerCase();
  const shown = logLines.filter((l) => (!level || l.level === level) && (!q || l.raw.toLowerCase().includes(q))).slice(-2000);
  $("#log-lines").replaceChildren(...shown.map((l) => el("li", { class: `${l.level ?? ""}${l.partial ? " partial" : ""}`, value: l.number }, l.raw)));
}
$("#log-level").addEventListener("change", renderLog);
$("#log-search").addEventListener("input", renderLog);

// --- tabs -----------------------------------------------------------------------------------

/** @type {NodeListOf<HTMLElement>} */
const tabs = document.querySelectorAll("nav [role=tab]");
/** @type {NodeListOf<HTMLElement>} */
const panels = document.querySelectorAll("main [role=tabpanel]");

/** Shows the tab `name`: it alone is selected and in the tab order (the ARIA tab pattern). */
function selectTab(name) {
  for (const b of tabs) {
    const selected = b.dataset.tab === name;
    b.setAttribute("aria-selected", String(selected));
    b.tabIndex = selected ? 0 : -1;
  }
  for (const s of panels) s.hidden = s.id !== `tab-${name}`;
  showView(name === "live" ? "live" : "dump");
  if (name === "live") renderLive();
}
for (const b of tabs) b.addEventListener("click", () => selectTab(b.dataset.tab));
// Arrow keys move between the tabs (wrapping), Home and End to the first and last; the tab
// that gets the focus is shown.
$("[role=tablist]").addEventListener("keydown", (e) => {
  const list = [...tabs];
  const at = list.indexOf(/** @type {HTMLElement} */ (document.activeElement));
  if (at < 0) return;
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: list.length - 1 }[e.key];
  if (to === undefined) return;
  const tab = list[(to + list.length) % list.length];
  selectTab(tab.dataset.tab);
  tab.focus();
  e.preventDefault();
});

// --- language -------------------------------------------------------------------------------

// The page's words now; a switch redraws everything shown in the other language (the dump is
// decoded again, so that findings and errors come from the core's catalogue in it).
translatePage();
$("#lang").value = lang;
$("#lang").addEventListener("change", async () => {
  // A dump the page named itself (the sample, the device's, the live capture) is renamed too.
  const named = ["sampleName", "deviceDumpName", "liveCaptureName"].find((key) => t(key) === state.name);
  setLang(/** @type {"en" | "de"} */ ($("#lang").value));
  if (named) state.name = t(named);
  for (const redraw of Object.values(redraws)) redraw();
  renderLive();
  if (!state.bytes) return;
  const viewingLive = viewing === "live";
  if (viewingLive) showView("dump");
  const selected = state.selected;
  await showDump(state.bytes, state.name, false).catch((e) => status(e.message, "error"));
  select(selected);
  if (viewingLive) showView("live");
});

// Open with data: the bundled real sample, until the user loads something else.
await loadSample().catch((e) => status(t("cannotLoadSample", { message: e.message }), "error"));
document.body.dataset.ready = "true";
