"use strict";
// The ops console. Same-origin requests reuse the Basic credentials the browser asked for when opening /ops.
// Views are hash routes (#/, #/order/{id}, #/partner/{id}, #/search/{ref}) so a link or the back button reaches them.
const $ = selector => document.querySelector(selector);
const text = value => document.createTextNode(value === null || value === undefined ? "" : String(value));
const cell = (row, value, className) => {
  const td = row.insertCell();
  if (value instanceof Node) { td.appendChild(value); } else { td.appendChild(text(value)); }
  if (className) { td.className = className; }
  return td;
};
const link = (label, href) => { const a = document.createElement("a"); a.href = href; a.textContent = label; return a; };
const element = (tag, label, className) => { const e = document.createElement(tag); e.textContent = label ?? ""; if (className) { e.className = className; } return e; };
const time = at => at ? new Date(at).toLocaleString() : "";
const clock = at => at ? new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "";
// Against the origin, never the page URL: a page opened as http://user:key@host/ops would otherwise make
// every relative request "include credentials", which fetch and EventSource refuse.
const url = path => new URL(path, location.origin);
const orderHref = orderId => `#/order/${encodeURIComponent(orderId)}`;
const partnerHref = partnerId => `#/partner/${encodeURIComponent(partnerId)}`;

async function api(method, path, body) {
  const response = await fetch(url(path), {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = response.headers.get("Content-Type")?.includes("json") ? await response.json() : null;
  if (!response.ok) {
    const error = new Error(payload?.detail ?? payload?.title ?? `${response.status}`);
    error.status = response.status;
    throw error;
  }
  return payload;
}

// A failure is shown on the page, not thrown at the console: the operator needs to see it.
function notice(message) {
  $("#notice").hidden = !message;
  $("#notice").textContent = message ?? "";
}

async function guarded(what, run) {
  try {
    const result = await run();
    notice(null);
    return result;
  } catch (error) {
    notice(`${what}: ${error.message}`);
    return null;
  }
}

// ---- KPI tiles -------------------------------------------------------------------------------------------------

const sum = values => values.reduce((total, v) => total + (v ?? 0), 0);
const last = values => [...values].reverse().find(v => v !== null && v !== undefined) ?? null;
const round = value => value === null ? "–" : value >= 100 ? Math.round(value).toString() : (Math.round(value * 10) / 10).toString();

/** An inline SVG sparkline of up to 15 points; a null (no sample that minute) breaks the line. */
function sparkline(values) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 140 28");
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("aria-hidden", "true");
  const max = Math.max(1, ...values.map(v => v ?? 0));
  const step = values.length > 1 ? 140 / (values.length - 1) : 0;
  let points = [];
  const flush = () => {
    if (points.length > 0) {
      const line = document.createElementNS(ns, "polyline");
      line.setAttribute("points", (points.length === 1 ? [points[0], points[0]] : points).join(" "));
      svg.appendChild(line);
    }
    points = [];
  };
  values.forEach((v, i) => {
    if (v === null || v === undefined) { flush(); return; }
    points.push(`${(i * step).toFixed(1)},${(26 - (v / max) * 24).toFixed(1)}`);
  });
  flush();
  return svg;
}

function tiles(kpis) {
  const s = kpis.series;
  const backlog = Object.entries(kpis.exceptionsOpenByType ?? {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const backlogTotal = sum(backlog.map(([, n]) => n));
  const replayed = sum(s.replaySucceeded) + sum(s.replayFailed);
  const perMinute = values => `${round(sum(values) / Math.max(1, values.length))}/min on average`;
  return [
    { kpi: "acceptanceP50", label: "acceptance p50 (ms)", value: round(last(s.acceptanceP50Ms)), sub: "latest minute", series: s.acceptanceP50Ms, href: "#/" },
    { kpi: "acceptanceP99", label: "acceptance p99 (ms)", value: round(last(s.acceptanceP99Ms)), sub: "latest minute", series: s.acceptanceP99Ms, href: "#/" },
    { kpi: "ordersAccepted", label: "orders accepted, 15 min", value: sum(s.ordersAccepted), sub: perMinute(s.ordersAccepted), series: s.ordersAccepted, href: "#partners-section" },
    { kpi: "submissionsFailed", label: "failed submissions, 15 min", value: sum(s.submissionsFailed), sub: perMinute(s.submissionsFailed), series: s.submissionsFailed, href: "#partners-section", alert: sum(s.submissionsFailed) > 0 },
    { kpi: "backlog", label: "open exceptions", value: backlogTotal, sub: backlog.slice(0, 2).map(([type, n]) => `${type} ${n}`).join(", "), series: s.exceptionsOpen, href: "#incidents-section", alert: backlogTotal > 0 },
    { kpi: "replaySuccess", label: "replay success, 15 min", value: replayed === 0 ? "–" : `${Math.round(100 * sum(s.replaySucceeded) / replayed)} %`, sub: `${sum(s.replaySucceeded)} of ${replayed} replays`, series: s.replaySucceeded, href: "#incidents-section" },
    { kpi: "syncLag", label: "inventory sync lag p99 (s)", value: round(last(s.syncLagP99Seconds)), sub: "latest minute", series: s.syncLagP99Seconds, href: "#/" },
  ];
}

function renderTiles(kpis) {
  const container = $("#tiles");
  container.replaceChildren(...tiles(kpis).map(t => {
    const tile = link("", t.href);
    tile.className = t.alert ? "tile alert" : "tile";
    tile.dataset.kpi = t.kpi;
    tile.append(element("span", t.label, "label"), element("span", t.value, "value"), element("span", t.sub, "sub"), sparkline(t.series));
    return tile;
  }));
  renderDependencies(kpis.dependencies ?? []);
  renderPartnerTraffic(kpis.partners ?? []);
}

function renderDependencies(dependencies) {
  $("#dependencies").replaceChildren(...dependencies.map(d => {
    const badge = element("span", d.state === "degraded" ? `${d.name.toUpperCase()} degraded since ${clock(d.since)}` : `${d.name.toUpperCase()} ok`,
      `dep dep-${d.state === "degraded" ? "degraded" : "healthy"}`);
    badge.title = d.reason ?? "";
    badge.dataset.dependency = d.name;
    return badge;
  }));
}

function renderPartnerTraffic(partners) {
  const body = $("#partners tbody");
  body.replaceChildren();
  for (const p of partners) {
    const row = body.insertRow();
    row.dataset.partnerId = p.partnerId;
    cell(row, link(p.partnerId, partnerHref(p.partnerId)));
    cell(row, p.accepted, "num");
    cell(row, p.throttled, "num");
    cell(row, Object.entries(p.failedByReason ?? {}).map(([reason, n]) => `${reason} ${n}`).join(", "));
  }
}

let kpisAvailable = true;
async function refreshKpis() {
  if (!kpisAvailable) { return null; }
  try {
    const kpis = await api("GET", "/v1/ops/kpis");
    renderTiles(kpis);
    return kpis;
  } catch (error) {
    // A silo without the KPI endpoint keeps the rest of the console working.
    if (error.status === 404) { kpisAvailable = false; $("#tiles").replaceChildren(element("p", "KPIs are not available on this API silo.", "muted")); }
    else { notice(`KPIs: ${error.message}`); }
    return null;
  }
}

// ---- Incidents (exception groups) ------------------------------------------------------------------------------

async function refreshIncidents() {
  const [groups, list] = await Promise.all([api("GET", "/v1/exceptions/groups"), api("GET", "/v1/exceptions")]);
  const byId = new Map(list.items.map(item => [item.exceptionId, item]));
  const body = $("#incidents tbody");
  // Keep what the operator expanded open across refreshes.
  const expanded = new Set([...body.querySelectorAll("details[open]")].map(d => d.closest("tr").dataset.groupId));
  body.replaceChildren();
  for (const group of groups.groups) {
    const row = body.insertRow();
    row.dataset.groupId = group.groupId;
    row.dataset.type = group.type;
    row.id = `incident-${group.groupId}`;
    if (group.outageSince) { row.className = "incident-outage"; }
    const details = document.createElement("details");
    details.open = expanded.has(group.groupId);
    details.appendChild(element("summary", group.title, "incident-title"));
    details.appendChild(exceptionTable(group.exceptionIds.map(id => byId.get(id)).filter(Boolean)));
    cell(row, details);
    cell(row, group.count, "num count");
    cell(row, time(group.oldestRaisedAt));
    const replay = element("button", `replay ${group.count}`);
    replay.dataset.action = "replay";
    replay.onclick = () => startReplay(group, replay);
    cell(row, replay);
  }
  $("#incidents-empty").hidden = groups.groups.length > 0;
  return groups;
}

function exceptionTable(items) {
  const table = document.createElement("table");
  table.className = "exceptions";
  const head = table.createTHead().insertRow();
  for (const name of ["raised", "subject", "partner", "step", "attempts", "last error", "action"]) { head.appendChild(element("th", name)); }
  const body = table.createTBody();
  for (const item of items) {
    const row = body.insertRow();
    row.dataset.exceptionId = item.exceptionId;
    cell(row, time(item.raisedAt));
    cell(row, item.orderId ? link(item.orderId, orderHref(item.orderId)) : item.sku ?? `${item.webhookId} ${item.eventId}`, "mono");
    cell(row, item.partnerId ? link(item.partnerId, partnerHref(item.partnerId)) : "");
    cell(row, item.step);
    cell(row, item.attempts, "num");
    cell(row, item.lastError);
    cell(row, actionButtons(item));
  }
  return table;
}

/** What an operator can do with one exception; a SKU's or a webhook's has no order to release or cancel. */
function actionButtons(item) {
  const retry = () => api("POST", `/v1/exceptions/${encodeURIComponent(item.exceptionId)}/retry`);
  const choices = item.subject === "sku"
    ? [["re-check", retry], ["acknowledge", () => resolve(item, "skip")]]
    : item.subject === "webhook"
    ? [["redeliver", retry], ["acknowledge", () => resolve(item, "skip")]]
    : [["retry", retry], ["release", () => resolve(item, "release")], ["skip", () => resolve(item, "skip")], ["cancel", () => resolve(item, "cancel")]];
  const span = document.createElement("span");
  for (const [label, run] of choices) {
    const button = element("button", label);
    button.onclick = () => act(`${label} ${item.exceptionId}`, run);
    span.appendChild(button);
  }
  return span;
}

function resolve(item, action) {
  const note = prompt(item.subject === "sku"
    ? `Why ${action} the drift of ${item.sku}?`
    : item.subject === "webhook"
    ? `Why close event ${item.eventId} of webhook ${item.webhookId} without delivering it?`
    : `Why ${action} ${item.orderId}? (goes on the order's timeline)`) ?? "";
  return api("POST", `/v1/exceptions/${encodeURIComponent(item.exceptionId)}/resolve`, { action, note });
}

async function act(what, run) {
  const result = await guarded(what, run);
  if (result) { $("#job").textContent = `${what}: ${result.detail ?? (result.succeeded === false ? "failed" : result.status ?? "done")}`; }
  await render();
}

async function startReplay(group, button) {
  button.disabled = true;
  const job = await guarded(`replay ${group.title}`, () => api("POST", "/v1/exceptions/retry", { ...group.replay, maxConcurrency: 4 }));
  if (!job) { button.disabled = false; return; }
  const poll = async () => {
    const progress = await guarded("replay progress", () => api("GET", `/v1/replay-jobs/${encodeURIComponent(job.jobId)}`));
    if (!progress) { return; }
    $("#job").textContent = `replay of "${group.title}": ${progress.done}/${progress.total} done, ${progress.succeeded} succeeded, ${progress.failed} failed`;
    if (progress.completed) { await guarded("incidents", refreshIncidents); } else { setTimeout(poll, 300); }
  };
  await poll();
}

// ---- Search and order timeline ---------------------------------------------------------------------------------

async function search(query) {
  const q = query.trim();
  if (!q) { return; }
  if (/^ord_[0-9a-f]{32}$/.test(q)) { location.hash = orderHref(q); return; }
  const found = await guarded("search", () => api("GET", `/v1/orders?channelOrderRef=${encodeURIComponent(q)}&limit=50`));
  if (!found) { return; }
  if (found.orders.length === 1) { location.hash = orderHref(found.orders[0].orderId); return; }
  location.hash = `#/search/${encodeURIComponent(q)}`;
}

async function showSearch(q) {
  const found = await api("GET", `/v1/orders?channelOrderRef=${encodeURIComponent(q)}&limit=50`);
  $("#search-title").textContent = found.orders.length === 0 ? `No order with channel ref or ID "${q}"` : `Orders with channel ref "${q}"`;
  const body = $("#search-results tbody");
  body.replaceChildren();
  for (const o of found.orders) {
    const row = body.insertRow();
    cell(row, link(o.orderId, orderHref(o.orderId)), "mono");
    cell(row, link(o.partnerId, partnerHref(o.partnerId)));
    cell(row, o.channelOrderRef);
    cell(row, o.status);
    cell(row, time(o.createdAt));
  }
}

function facts(list, pairs) {
  list.replaceChildren();
  for (const [name, value] of pairs) {
    list.appendChild(element("dt", name));
    const dd = document.createElement("dd");
    dd.appendChild(value instanceof Node ? value : text(value));
    list.appendChild(dd);
  }
}

async function showOrder(orderId) {
  const order = await api("GET", `/v1/orders/${encodeURIComponent(orderId)}`);
  $("#order-title").textContent = `Order ${order.channelOrderRef} · ${order.status}`;
  const correlationIds = [...new Set(order.timeline.map(e => e.correlationId))];
  facts($("#order-facts"), [
    ["order ID", element("span", order.orderId, "mono")],
    ["partner", link(order.partnerId, partnerHref(order.partnerId))],
    ["channel order ref", order.channelOrderRef],
    ["customer", order.customerId],
    ["total", `${order.total} ${order.currency} (price list ${order.priceListVersion})`],
    ["created", time(order.createdAt)],
    ["correlation IDs", element("span", correlationIds.join(", "), "mono")],
  ]);

  const exception = $("#order-exception");
  exception.replaceChildren();
  if (order.exception) {
    const e = order.exception;
    const box = document.createElement("section");
    box.className = "order-exception";
    box.appendChild(element("h2", `On hold: ${e.type} at ${e.step}, ${e.attempts} attempts`));
    box.appendChild(element("p", e.lastError));
    const groups = await api("GET", `/v1/exceptions/groups?type=${encodeURIComponent(e.type)}`);
    const group = groups.groups.find(g => g.exceptionIds.includes(e.exceptionId));
    if (group) { box.appendChild(link(`part of: ${group.title}`, `#/incident/${encodeURIComponent(group.groupId)}`)); }
    box.appendChild(element("p", `exception ${e.exceptionId}, raised ${time(e.raisedAt)}, correlation ${e.correlationId}`, "muted mono"));
    box.appendChild(actionButtons({ ...e, orderId: order.orderId, subject: "order" }));
    exception.appendChild(box);
  }

  const body = $("#timeline tbody");
  body.replaceChildren();
  for (const entry of order.timeline) {
    const row = body.insertRow();
    cell(row, time(entry.at));
    cell(row, entry.from ? `${entry.from} → ${entry.status}` : entry.status);
    cell(row, entry.detail);
    cell(row, entry.correlationId, "mono");
  }
  const lines = $("#order-lines tbody");
  lines.replaceChildren();
  for (const line of order.lines) {
    const row = lines.insertRow();
    cell(row, line.sku);
    cell(row, line.quantity, "num");
    cell(row, line.unitPrice, "num");
  }
}

// ---- Partner view ----------------------------------------------------------------------------------------------

async function showPartner(partnerId) {
  const id = encodeURIComponent(partnerId);
  const [partner, keys, webhooks, groups, orders, kpis] = await Promise.all([
    api("GET", `/v1/partners/${id}`),
    api("GET", `/v1/partners/${id}/keys`),
    api("GET", `/v1/webhooks?partnerId=${id}`),
    api("GET", `/v1/exceptions/groups?partnerId=${id}`),
    api("GET", `/v1/orders?partnerId=${id}&limit=10`),
    refreshKpis(),
  ]);
  $("#partner-title").textContent = `Partner ${partner.name} (${partner.partnerId}) · ${partner.status}`;
  facts($("#partner-facts"), [
    ["rate limit", `${partner.rateLimitPerSecond}/s, burst ${partner.burst}`],
    ["daily quota", partner.dailyQuota ?? "none"],
    ["price list", partner.priceListVersion ?? "none"],
    ["onboarded", time(partner.createdAt)],
  ]);

  const traffic = kpis?.partners?.find(p => p.partnerId === partner.partnerId);
  facts($("#partner-traffic"), traffic
    ? [["accepted", traffic.accepted], ["throttled", traffic.throttled],
       ["failed by reason", Object.entries(traffic.failedByReason ?? {}).map(([reason, n]) => `${reason} ${n}`).join(", ") || "none"]]
    : [["traffic", kpis ? "none in the last 15 minutes" : "KPIs not available"]]);

  const incidents = $("#partner-incidents tbody");
  incidents.replaceChildren();
  for (const g of groups.groups) {
    const row = incidents.insertRow();
    cell(row, link(g.title, `#/incident/${encodeURIComponent(g.groupId)}`));
    cell(row, g.count, "num");
    cell(row, time(g.oldestRaisedAt));
  }

  const keyRows = $("#partner-keys tbody");
  keyRows.replaceChildren();
  for (const k of keys.keys) {
    const row = keyRows.insertRow();
    cell(row, k.keyId, "mono");
    cell(row, k.last4 ? `…${k.last4}` : "");
    cell(row, k.status);
    cell(row, time(k.createdAt));
    cell(row, time(k.revokedAt));
  }

  const hookRows = $("#partner-webhooks tbody");
  hookRows.replaceChildren();
  const deliveries = await Promise.all(webhooks.items.map(w =>
    api("GET", `/v1/webhooks/${encodeURIComponent(w.webhookId)}/deliveries`).catch(() => ({ items: [] }))));
  webhooks.items.forEach((w, i) => {
    const row = hookRows.insertRow();
    row.dataset.webhookId = w.webhookId;
    cell(row, w.url, "mono");
    cell(row, w.events.join(", "));
    cell(row, w.failingSince ? `failing since ${time(w.failingSince)}` : w.pending ? "retrying" : "healthy");
    cell(row, w.delivered, "num");
    cell(row, w.parked, "num");
    cell(row, deliveries[i].items.slice(0, 3).map(d => `${d.outcome ?? ""}${d.statusCode ? " " + d.statusCode : ""}`).join(", "));
  });

  const orderRows = $("#partner-orders tbody");
  orderRows.replaceChildren();
  for (const o of orders.orders) {
    const row = orderRows.insertRow();
    cell(row, link(o.orderId, orderHref(o.orderId)), "mono");
    cell(row, o.channelOrderRef);
    cell(row, o.status);
    cell(row, time(o.createdAt));
  }
}

// ---- Routing, live updates ---------------------------------------------------------------------------------------

function route() {
  const [, view = "", arg = ""] = location.hash.match(/^#\/([a-z]*)\/?(.*)$/) ?? [];
  return { view: ["order", "partner", "search", "incident"].includes(view) ? view : "overview", arg: decodeURIComponent(arg) };
}

async function render() {
  const { view, arg } = route();
  const shown = view === "incident" ? "overview" : view;
  for (const v of document.querySelectorAll("main [data-view]")) { v.hidden = v.dataset.view !== shown; }
  document.body.dataset.current = shown;
  if (shown === "overview") {
    await Promise.all([refreshKpis(), guarded("incidents", refreshIncidents)]);
    if (view === "incident") {
      const row = document.getElementById(`incident-${arg}`);
      if (row) { row.querySelector("details").open = true; row.scrollIntoView(); }
    }
  } else if (shown === "order") {
    await guarded(`order ${arg}`, () => showOrder(arg));
  } else if (shown === "partner") {
    await guarded(`partner ${arg}`, () => showPartner(arg));
  } else {
    await guarded("search", () => showSearch(arg));
  }
  document.body.dataset.rendered = `${view}/${arg}`;
}

async function refreshHealth() {
  try {
    const report = await fetch(url("/health/ready")).then(r => r.json());
    $("#health").textContent = report.status === "Healthy" ? "" : report.checks?.dependencies?.description ?? report.status;
  } catch { $("#health").textContent = "unreachable"; }
}

async function setupSimulation() {
  try {
    const faults = await api("GET", "/v1/simulation/faults");
    $("#simulation").hidden = false;
    $("#faults").textContent = JSON.stringify(faults);
    for (const button of document.querySelectorAll("[data-faults]")) {
      button.onclick = async () => {
        const set = await guarded("simulation", () => api("PUT", "/v1/simulation/faults", JSON.parse(button.dataset.faults)));
        if (set) { $("#faults").textContent = JSON.stringify(set); }
      };
    }
  } catch { /* real adapters configured: no simulation to control */ }
}

let refreshPending = null;
function refreshSoon() {
  // Many events arrive together in an outage: one refresh for a burst.
  refreshPending ??= setTimeout(async () => {
    refreshPending = null;
    if (route().view === "overview") { await Promise.all([refreshKpis(), guarded("incidents", refreshIncidents)]); }
  }, 500);
}

function streamEvents() {
  const list = $("#events");
  const source = new EventSource(url("/v1/events/stream"));
  const show = event => {
    const data = JSON.parse(event.data);
    list.prepend(element("li", `${new Date(data.at).toLocaleTimeString()} ${event.type} ${data.orderId ?? data.sku ?? data.dependency ?? ""} ${data.status ?? ""} ${data.detail ?? data.reason ?? ""} [${data.correlationId}]`));
    while (list.children.length > 50) { list.lastChild.remove(); }
    if (event.type !== "InventoryChanged") { refreshSoon(); }
  };
  for (const type of ["OrderStatusChanged", "InventoryChanged", "DependencyDegraded", "DependencyRecovered"]) {
    source.addEventListener(type, show);
  }
  // Closed before the page goes, so leaving it is not reported as a broken stream.
  addEventListener("pagehide", () => source.close());
}

$("#search").addEventListener("submit", event => { event.preventDefault(); search($("#search-input").value); });
$("#partner-open").addEventListener("submit", event => {
  event.preventDefault();
  const id = new FormData(event.target).get("partnerId")?.toString().trim();
  if (id) { location.hash = partnerHref(id); }
});
addEventListener("hashchange", render);
render();
refreshHealth();
setupSimulation();
streamEvents();
setInterval(refreshHealth, 5000);
setInterval(() => { if (route().view === "overview") { refreshSoon(); } }, 5000);
