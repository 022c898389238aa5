async function get(path) {
  const r = await fetch(path, { credentials: "same-origin" });
  if (!r.ok) throw new Error(path + ": " + r.status);
  return r.json();
}
function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
(async () => {
  const root = document.getElementById("content");
  root.textContent = "";
  const bodies = await get("/api/v1/bodies");
  if (bodies.length === 0) root.append(el("p", "note", "尚无机构。/ No bodies yet."));
  for (const body of bodies) {
    root.append(el("h2", null, body.name_zh + " / " + body.name_en));
    for (const session of await get("/api/v1/bodies/" + encodeURIComponent(body.id) + "/sessions")) {
      root.append(el("h3", null, session.name_zh));
      for (const s of await get("/api/v1/sessions/" + session.id + "/sittings")) {
        const r = await get("/api/v1/sittings/" + s.id);
        const box = el("div", "sitting");
        box.append(el("div", null, r.title_zh + "（" + r.starts_at + "）"));
        box.append(el("div", "announcement", r.announcement_zh));
        box.append(el("div", "en", r.announcement_en));
        const q = el("div", r.quorum.met ? "met" : "unmet",
          (r.quorum.met ? "✔ 符合法定人数 / quorum met" : "✘ 不足法定人数 / quorum not met") +
          " · " + r.quorum.rule_zh + "（至少 " + r.quorum.minimum + " 人 / at least " + r.quorum.minimum + "）");
        box.append(q);
        // The votes of the sitting, in the official form, and what was promulgated.
        for (const p of (await get("/api/v1/sittings/" + s.id + "/polls")).polls) {
          const v = el("div", "poll");
          v.append(el("div", null, "表决 / vote: " + p.title_zh));
          v.append(el("div", p.state === "closed" ? (p.adopted ? "met" : "unmet") : "note",
            p.state === "closed" ? p.announcement_zh : "表决进行中，已表决 " + p.voted + " 人 / voting, " + p.voted + " voted"));
          if (p.state === "closed") v.append(el("div", "en", p.announcement_en + " — " + p.rule.decided_en));
          box.append(v);
        }
        root.append(box);
      }
    }
    const orders = (await get("/api/v1/bodies/" + encodeURIComponent(body.id) + "/promulgations")).promulgations;
    for (const o of orders) {
      const box = el("div", "sitting");
      box.append(el("div", "announcement", o.name_zh + "：" + o.title_zh));
      box.append(el("pre", "note", o.text_zh));
      root.append(box);
    }
  }
})().catch(e => { document.getElementById("content").textContent = "加载失败 / failed to load: " + e.message; });
