//! The sizing chart and the component graph as SVG markup, from the engine's figures.

use composer::explore::graph::{self, Graph, NODE_H, NODE_W};
use composer::explore::sizing::{Chart, Risk};
use composer::quantity::k8s;

use super::text::Text;

pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

// Integer coordinates throughout: formatting floats would pull float printing into the WASM.
const W: i64 = 640;
const LABEL: i64 = 170;
const BAR: i64 = 18;
const GAP: i64 = 30;

fn x(v: u64, axis: u64) -> i64 {
    LABEL + ((W - LABEL - 80) as u128 * u128::from(v) / u128::from(axis.max(1))) as i64
}

fn r(v: f64) -> i64 {
    v.round() as i64
}

/// Per-Pod bars against the node line, then the namespace total against the quota.
pub fn sizing_svg(ch: &Chart, t: &Text) -> String {
    let axis = ch.pod_axis_mib();
    let rows = ch.pods.len() as i64;
    let pods_h = 26 + rows * GAP;
    let total_y = pods_h + 34;
    let h = total_y + 70;
    let mut s = format!(
        r#"<svg class="sz" viewBox="0 0 {W} {h}" role="img" aria-labelledby="sz-title"><title id="sz-title">{}</title>"#,
        esc(t.sizing)
    );
    s += &format!(
        r#"<text class="sz-h" x="0" y="14">{}</text>"#,
        esc(t.sizing_pods)
    );
    for (i, p) in ch.pods.iter().enumerate() {
        let y = 26 + i as i64 * GAP;
        let risk = match p.risk {
            Risk::Ok => "",
            Risk::Oom => t.risk_oom,
            Risk::Pending => t.risk_pending,
        };
        let label = if p.count > 1 {
            format!("{} ×{}", p.id, p.count)
        } else {
            p.id.to_string()
        };
        s += &format!(
            r#"<g class="sz-row sz-{risk_id}" data-id="{id}"><text x="0" y="{ty}">{label}</text><rect class="sz-lim" x="{LABEL}" y="{y}" width="{lw}" height="{BAR}"/><rect class="sz-need" x="{LABEL}" y="{y2}" width="{nw}" height="{bh}"/><title>{id}: {need} {n}, {limit} {l}{sep}{risk}</title></g>"#,
            risk_id = p.risk.as_str(),
            id = esc(p.id),
            ty = y + 13,
            label = esc(&label),
            lw = x(p.limit_mib, axis) - LABEL,
            nw = (x(p.need_mib, axis) - LABEL).max(1),
            y2 = y + 4,
            bh = BAR - 8,
            need = esc(t.need),
            n = k8s(p.need_mib),
            limit = esc(t.limit),
            l = k8s(p.limit_mib),
            sep = if risk.is_empty() { "" } else { " — " },
            risk = esc(risk),
        );
        if p.risk != Risk::Ok {
            s += &format!(
                r#"<text class="sz-warn" x="{wx}" y="{ty}" text-anchor="end">⚠ {}</text>"#,
                esc(if p.risk == Risk::Oom {
                    "OOM"
                } else {
                    "Pending"
                }),
                wx = W - 2,
                ty = y + 13
            );
        }
    }
    let nx = x(ch.node_mib, axis);
    s += &format!(
        r#"<line class="sz-node" x1="{nx}" x2="{nx}" y1="20" y2="{pods_h}"/><text class="sz-mark" x="{nx}" y="{ly}" text-anchor="middle">{} {}</text>"#,
        esc(t.node),
        k8s(ch.node_mib),
        ly = pods_h + 12
    );
    // Namespace total: services, drivers and executors stacked, against the quota.
    let tot = &ch.total;
    let axis = ch.total_axis_mib();
    s += &format!(
        r#"<text class="sz-h" x="0" y="{}">{}</text>"#,
        total_y,
        esc(t.sizing_total)
    );
    let y = total_y + 10;
    let mut at = LABEL;
    for (cls, v, name) in [
        ("sz-svc", tot.services_mib, t.services),
        ("sz-drv", tot.drivers_mib, t.drivers),
        ("sz-exe", tot.executors_mib, t.executors),
    ] {
        let w = x(v, axis) - LABEL;
        s += &format!(
            r#"<rect class="{cls}" x="{at}" y="{y}" width="{w}" height="{BAR}"><title>{}: {}</title></rect>"#,
            esc(name),
            k8s(v)
        );
        at += w;
    }
    s += &format!(
        r#"<text x="0" y="{ty}">{} = {}</text>"#,
        esc(t.executors),
        tot.executors,
        ty = y + 13
    );
    let over = tot.over();
    s += &format!(
        r#"<text class="sz-sum{}" x="{LABEL}" y="{ty}">{} {}{}</text>"#,
        if over { " sz-over" } else { "" },
        k8s(tot.mib()),
        tot.quota_mib
            .map_or(String::new(), |q| format!("/ {} {}", esc(t.quota), k8s(q))),
        if over {
            format!(" ⚠ {}", esc(t.over_quota))
        } else {
            String::new()
        },
        ty = y + BAR + 16
    );
    if let Some(q) = tot.quota_mib {
        let qx = x(q, axis);
        s += &format!(
            r#"<line class="sz-quota" x1="{qx}" x2="{qx}" y1="{}" y2="{}"/>"#,
            y - 4,
            y + BAR + 4
        );
    }
    s += "</svg>";
    s
}

fn center(g: &Graph, id: &str) -> Option<(f64, f64)> {
    let n = g.node(id)?;
    Some((
        f64::from(n.x()) + f64::from(NODE_W) / 2.0,
        f64::from(n.y()) + f64::from(NODE_H) / 2.0,
    ))
}

/// Point where the segment from the box centre towards (tx, ty) leaves the box.
fn border(c: (f64, f64), to: (f64, f64)) -> (f64, f64) {
    let (dx, dy) = (to.0 - c.0, to.1 - c.1);
    let hw = f64::from(NODE_W) / 2.0;
    let hh = f64::from(NODE_H) / 2.0;
    let k = if dx.abs() * hh > dy.abs() * hw {
        hw / dx.abs().max(1e-9)
    } else {
        hh / dy.abs().max(1e-9)
    };
    (c.0 + dx * k, c.1 + dy * k)
}

pub fn graph_svg(g: &Graph, t: &Text) -> String {
    let (w, h) = (g.width(), g.height());
    let mut s = format!(
        r#"<svg class="gr" viewBox="0 0 {w} {h}" role="img" aria-labelledby="gr-title gr-desc"><title id="gr-title">{}</title><desc id="gr-desc">{}</desc><defs><marker id="gr-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>"#,
        esc(t.graph),
        esc(t.graph_desc)
    );
    for e in &g.edges {
        if e.from == e.to {
            continue;
        }
        let (Some(a), Some(b)) = (center(g, &e.from), center(g, &e.to)) else {
            continue;
        };
        let (mut p, mut q) = (border(a, b), border(b, a));
        // A connection both ways gets two parallel arrows instead of one on top of the other.
        if g.edges.iter().any(|r| r.from == e.to && r.to == e.from) {
            let (dx, dy) = (q.0 - p.0, q.1 - p.1);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ox, oy) = (-dy / len * 5.0, dx / len * 5.0);
            p = (p.0 + ox, p.1 + oy);
            q = (q.0 + ox, q.1 + oy);
        }
        let ports: Vec<String> = e.ports.iter().map(i64::to_string).collect();
        s += &format!(
            r#"<g class="gr-e"><line x1="{}" y1="{}" x2="{}" y2="{}" marker-end="url(#gr-arrow)"/><text x="{}" y="{}" text-anchor="middle">{}</text><title>{} → {}: {}</title></g>"#,
            r(p.0),
            r(p.1),
            r(q.0),
            r(q.1),
            r((p.0 + q.0) / 2.0),
            r((p.1 + q.1) / 2.0 + if p.0 <= q.0 { -4.0 } else { 11.0 }),
            esc(&ports.join(",")),
            esc(&e.from),
            esc(&e.to),
            esc(&ports.join(", "))
        );
    }
    for n in &g.nodes {
        let selfp: Vec<String> = g
            .edges
            .iter()
            .filter(|e| e.from == n.id && e.to == n.id)
            .flat_map(|e| e.ports.iter().map(i64::to_string))
            .collect();
        let label = if selfp.is_empty() {
            n.id.clone()
        } else {
            format!("{} ↻{}", n.id, selfp.join(","))
        };
        let outside = n.col == 0 || n.id == "external";
        s += &format!(
            r#"<g class="gr-n{}" data-id="{}"><rect x="{}" y="{}" width="{NODE_W}" height="{NODE_H}" rx="6"/><text x="{}" y="{}" text-anchor="middle">{}</text></g>"#,
            if outside { " gr-out" } else { "" },
            esc(&n.id),
            n.x(),
            n.y(),
            n.x() + NODE_W / 2,
            n.y() + NODE_H / 2 + 4,
            esc(&label)
        );
    }
    let _ = graph::PAD;
    s += "</svg>";
    s
}
