//! The component graph: read back from the NetworkPolicies the composer renders, so the picture
//! shows exactly the connections the policies allow (computed even when policies are off, to
//! show what talks to what).

use crate::model::ValidConfig;
use crate::render::network_policy;
use crate::yaml::{self, Docs, Y};

/// A box in the picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    /// Column (0 = outside clients … 4 = storage and the outside world) and row.
    pub col: u32,
    pub row: u32,
}

/// A permitted connection with its destination ports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub ports: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// Node size and spacing of the layout, in SVG user units.
pub const NODE_W: u32 = 150;
pub const NODE_H: u32 = 34;
pub const COL_W: u32 = 200;
pub const ROW_H: u32 = 58;
pub const PAD: u32 = 10;

impl Node {
    pub fn x(&self) -> u32 {
        PAD + self.col * COL_W
    }
    pub fn y(&self) -> u32 {
        PAD + self.row * ROW_H
    }
}

impl Graph {
    pub fn width(&self) -> u32 {
        let cols = self.nodes.iter().map(|n| n.col + 1).max().unwrap_or(1);
        2 * PAD + (cols - 1) * COL_W + NODE_W
    }
    pub fn height(&self) -> u32 {
        let rows = self.nodes.iter().map(|n| n.row + 1).max().unwrap_or(1);
        2 * PAD + (rows - 1) * ROW_H + NODE_H
    }
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
    /// Ports reachable from outside the namespace: (component, port).
    pub fn exposed(&self) -> Vec<(String, i64)> {
        let mut out: Vec<(String, i64)> = self
            .edges
            .iter()
            .filter(|e| matches!(e.from.as_str(), "ingress-nginx" | "router"))
            .flat_map(|e| e.ports.iter().map(|p| (e.to.clone(), *p)))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

const ORDER: &[&str] = &[
    "driver",
    "executor",
    "minio",
    "ingress-nginx",
    "router",
    "jupyter",
    "connect",
    "metastore",
    "postgresql",
    "history-server",
    "external",
    "airflow-webserver",
    "airflow-scheduler",
    "spark-submit",
    "standalone-master",
    "celeborn-master",
    "celeborn-worker",
    "mlflow",
    "minio-buckets",
    "monitoring",
];

fn column(id: &str) -> u32 {
    match id {
        "ingress-nginx" | "router" | "monitoring" | "openshift-user-workload-monitoring" => 0,
        "jupyter" | "airflow-webserver" | "airflow-scheduler" | "spark-submit"
        | "history-server" => 1,
        "connect" | "driver" | "standalone-master" | "spark-operator" => 2,
        "executor" | "celeborn-master" | "celeborn-worker" | "mlflow" | "minio-buckets" => 3,
        _ => 4,
    }
}

fn selector_id(sel: Option<&Y>) -> Option<String> {
    let labels = sel?.get("matchLabels")?;
    labels
        .get("app.kubernetes.io/name")
        .or_else(|| labels.get("spark-role"))
        .and_then(Y::as_str)
        .map(str::to_string)
}

fn peer_id(peer: &Y) -> Option<String> {
    if let Some(ps) = peer.get("podSelector") {
        return selector_id(Some(ps));
    }
    if peer.get("ipBlock").is_some() {
        return Some("external".into());
    }
    let labels = peer.get("namespaceSelector")?.get("matchLabels")?;
    match labels {
        Y::Map(m) => m.first().map(|(_, v)| match v.as_str() {
            Some("") | None => "router".to_string(),
            Some(s) => s.to_string(),
        }),
        _ => None,
    }
}

fn ports(rule: &Y) -> Vec<i64> {
    match rule.get("ports") {
        Some(Y::Seq(ps)) => ps
            .iter()
            .filter_map(|p| match p.get("port") {
                Some(Y::Int(n)) => Some(*n),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn add(edges: &mut Vec<Edge>, from: String, to: String, p: Vec<i64>) {
    match edges.iter_mut().find(|e| e.from == from && e.to == to) {
        Some(e) => {
            e.ports.extend(p);
            e.ports.sort_unstable();
            e.ports.dedup();
        }
        None => edges.push(Edge { from, to, ports: p }),
    }
}

/// The graph of a configuration.
pub fn graph(v: &ValidConfig) -> Graph {
    let mut edges = Vec::new();
    // The graph is what the NetworkPolicies allow: their text, read back.
    let mut text = String::new();
    network_policy::render(v, &mut Docs::new(&mut text));
    for doc in yaml::read::documents(&text).unwrap_or_default() {
        let Some(spec) = doc.get("spec") else {
            continue;
        };
        let own = selector_id(spec.get("podSelector"));
        // Egress rules give every in-namespace source's connections.
        if let (Some(from), Some(Y::Seq(rules))) = (&own, spec.get("egress")) {
            for rule in rules {
                if let Some(Y::Seq(to)) = rule.get("to") {
                    for peer in to {
                        if let Some(to) = peer_id(peer) {
                            add(&mut edges, from.clone(), to, ports(rule));
                        }
                    }
                }
            }
        }
        // Ingress from other namespaces (ingress controller, Prometheus) has no egress side here.
        if let (Some(to), Some(Y::Seq(rules))) = (&own, spec.get("ingress")) {
            for rule in rules {
                if let Some(Y::Seq(from)) = rule.get("from") {
                    for peer in from.iter().filter(|p| p.get("namespaceSelector").is_some()) {
                        if let Some(from) = peer_id(peer) {
                            add(&mut edges, from, to.clone(), ports(rule));
                        }
                    }
                }
            }
        }
    }
    let mut nodes: Vec<Node> = Vec::new();
    // Rows follow a fixed order, so the busiest pairs (driver and executors) sit side by side.
    let mut ids: Vec<&String> = edges.iter().flat_map(|e| [&e.from, &e.to]).collect();
    ids.sort_by_key(|id| ORDER.iter().position(|o| o == id).unwrap_or(ORDER.len()));
    for id in ids {
        if nodes.iter().all(|n| &n.id != id) {
            let col = column(id);
            let row = nodes.iter().filter(|n| n.col == col).count() as u32;
            nodes.push(Node {
                id: id.clone(),
                col,
                row,
            });
        }
    }
    // Empty columns collapse so the picture stays narrow.
    let mut used: Vec<u32> = nodes.iter().map(|n| n.col).collect();
    used.sort_unstable();
    used.dedup();
    for n in &mut nodes {
        n.col = used.iter().position(|c| *c == n.col).unwrap_or(0) as u32;
    }
    Graph { nodes, edges }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(id: &str) -> Graph {
        let p = crate::preset(id).expect("preset");
        graph(&crate::validate(&p.choices()).0)
    }

    fn has(g: &Graph, from: &str, to: &str, port: i64) -> bool {
        g.edges
            .iter()
            .any(|e| e.from == from && e.to == to && e.ports.contains(&port))
    }

    #[test]
    fn jupyter_connect_edges() {
        let g = of("jupyter-connect-k8s");
        assert!(has(&g, "jupyter", "connect", 15002), "{:?}", g.edges);
        assert!(has(&g, "executor", "driver", 7078));
        assert!(has(&g, "executor", "minio", 9000));
        assert!(
            g.nodes
                .iter()
                .all(|n| n.x() + NODE_W <= g.width() && n.y() + NODE_H <= g.height())
        );
    }

    #[test]
    fn every_edge_is_a_rendered_policy_edge() {
        for p in crate::presets() {
            let mut c = p.choices();
            c.features.network_policies = true;
            let comp = crate::compose(p.id, &c);
            let g = graph(&comp.config);
            let np = &comp.files["manifests/network-policies.yaml"];
            for e in &g.edges {
                for port in &e.ports {
                    assert!(np.contains(&format!("port: {port}")), "{}: {e:?}", p.id);
                }
            }
            // No two nodes share a place.
            for (i, a) in g.nodes.iter().enumerate() {
                assert!(
                    g.nodes[i + 1..]
                        .iter()
                        .all(|b| (a.col, a.row) != (b.col, b.row))
                );
            }
        }
    }

    #[test]
    fn monitoring_is_not_exposure() {
        let mut c = crate::Choices::default();
        c.features.monitoring = true;
        let g = graph(&crate::validate(&c).0);
        assert!(
            g.edges
                .iter()
                .any(|e| e.from == "monitoring" && e.to == "driver")
        );
        assert!(g.exposed().is_empty());
    }

    #[test]
    fn exposure_shows_as_ingress_from_outside() {
        let mut c = crate::Choices::default();
        c.features.exposure = crate::choices::Exposure::Ingress;
        let g = graph(&crate::validate(&c).0);
        assert!(
            g.exposed().contains(&("jupyter".to_string(), 8888)),
            "{:?}",
            g.edges
        );
    }
}
