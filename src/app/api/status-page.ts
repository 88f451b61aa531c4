// A plain status page at `/` until the dashboard is built: asks for the API token once, then
// shows the counts and open incidents. No external scripts, fonts or styles.

/** The HTML of the status page. */
export const STATUS_PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>cityguard — status</title>
<style>
body{font:18px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#111}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:28px;margin:0 0 8px} .headline{font-size:24px;font-weight:700;padding:12px 16px;border-radius:8px}
.all-is-well{background:#d9f2e3;color:#0b4d26}.attention{background:#fff1c2;color:#5c4300}.act-now{background:#ffd9d6;color:#7a0d05}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid #d0d4da;border-radius:8px;padding:12px}.n{font-size:32px;font-weight:700}
li{margin:8px 0} label,input,button{font-size:18px} a{color:#0645ad}
</style></head><body><main>
<h1>cityguard</h1><p id="city"></p>
<form id="login" hidden><label>API token <input id="token" type="password" autocomplete="off" size="40"></label> <button>Show status</button>
<p>The demo writes an admin token to <code>.cityguard/admin.token</code>.</p></form>
<div id="status" hidden><div id="headline" class="headline"></div><div class="grid" id="cards"></div>
<h2>Open incidents</h2><ul id="incidents"></ul><p><a href="/docs">API documentation</a></p></div>
</main><script>
const $ = (id) => document.getElementById(id);
const words = { 'all-is-well': 'All is well', attention: 'Attention: something needs a look', 'act-now': 'Act now: an attack is under way' };
async function get(path) {
  const r = await fetch(path, { headers: { authorization: 'Bearer ' + sessionStorage.getItem('cg-token') } });
  if (r.status === 401) { sessionStorage.removeItem('cg-token'); start(); throw new Error('token refused'); }
  return r.json();
}
function card(label, n) { const d = document.createElement('div'); d.className = 'card'; d.innerHTML = '<div class="n"></div><div></div>'; d.firstChild.textContent = n; d.lastChild.textContent = label; return d; }
async function refresh() {
  const s = await get('/api/status');
  $('city').textContent = s.city.name + ' — ' + s.city.population.toLocaleString() + ' people';
  $('headline').textContent = words[s.headline]; $('headline').className = 'headline ' + s.headline;
  $('cards').replaceChildren(card('devices declared', s.devices.declared), card('devices streaming', s.devices.streaming),
    card('events (last minute)', s.events.lastMinute), card('events stored', s.events.total), card('alerts (last hour)', s.alerts.lastHour),
    card('open incidents', s.incidents.open), card('quarantined', Object.values(s.quarantine).reduce((a, b) => a + b, 0)));
  const inc = await get('/api/incidents?limit=20');
  $('incidents').replaceChildren(...inc.items.filter((i) => i.status !== 'closed').map((i) => {
    const li = document.createElement('li');
    li.textContent = '[' + i.severity + '] ' + i.title + ' — ' + i.summary.what + ' People affected: ' + i.peopleAffected.toLocaleString() + '.';
    return li; }));
  if (!inc.items.length) $('incidents').textContent = 'None.';
}
function start() {
  if (!sessionStorage.getItem('cg-token')) { $('login').hidden = false; $('status').hidden = true; return; }
  $('login').hidden = true; $('status').hidden = false; refresh().catch(() => {});
}
$('login').addEventListener('submit', (e) => { e.preventDefault(); sessionStorage.setItem('cg-token', $('token').value.trim()); start(); });
setInterval(() => { if (sessionStorage.getItem('cg-token')) refresh().catch(() => {}); }, 5000);
start();
</script></body></html>`;
