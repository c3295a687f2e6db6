//! NetworkPolicies from the component graph: default deny, DNS, then one ingress allow per real
//! edge at its destination and one egress policy per source listing where it may go.

use super::{match_labels, meta, object};
use crate::choices::{Exposure, Iceberg};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::{ymap, yseq};

/// A set of Pods: an id for names, and the labels that select them.
#[derive(Clone)]
struct Sel {
    id: &'static str,
    labels: Y,
}

fn comp(v: &ValidConfig, c: &'static str) -> Sel {
    Sel {
        id: c,
        labels: match_labels(v, c),
    }
}

fn role(v: &ValidConfig, r: &'static str) -> Sel {
    Sel {
        id: r,
        labels: ymap! { "spark-role" => r, "app.kubernetes.io/instance" => v.release().to_owned() },
    }
}

enum Peer {
    Pods(Sel),
    /// Anything outside the cluster (S3, API server, REST catalog).
    World,
    /// Pods in another namespace, by namespace label.
    Namespace(&'static str, &'static str),
}

struct Edge {
    from: Peer,
    to: Peer,
    ports: Vec<(i64, &'static str)>,
}

fn tcp(ports: &[i64]) -> Vec<(i64, &'static str)> {
    ports.iter().map(|p| (*p, "TCP")).collect()
}

fn port_list(ports: &[(i64, &'static str)]) -> Y {
    Y::Seq(
        ports
            .iter()
            .map(|(p, proto)| ymap! { "protocol" => *proto, "port" => *p })
            .collect(),
    )
}

fn url_port(url: &str) -> i64 {
    let https = url.starts_with("https://");
    let rest = url.split("://").nth(1).unwrap_or("");
    let host = rest.split('/').next().unwrap_or("");
    host.rsplit_once(':')
        .and_then(|(_, p)| p.parse().ok())
        .unwrap_or(if https { 443 } else { 80 })
}

fn edges(v: &ValidConfig) -> Vec<Edge> {
    let c = v.choices();
    let k = &c.components;
    let mut e = Vec::new();
    let mut add =
        |from: Peer, to: Peer, ports: Vec<(i64, &'static str)>| e.push(Edge { from, to, ports });
    let driver = || Peer::Pods(role(v, "driver"));
    let executor = || Peer::Pods(role(v, "executor"));
    let p = |c: &'static str| Peer::Pods(comp(v, c));

    add(executor(), driver(), tcp(&[7078, 7079]));
    add(driver(), executor(), tcp(&[7079]));
    add(executor(), executor(), tcp(&[7079]));
    if v.k8s_executors() {
        add(driver(), Peer::World, tcp(&[443, 6443]));
        if !v.connect() {
            add(p("spark-submit"), Peer::World, tcp(&[443, 6443]));
        }
    }
    if v.connect() {
        if k.jupyter {
            add(p("jupyter"), p("connect"), tcp(&[15002]));
        }
        if k.airflow {
            add(p("airflow-webserver"), p("connect"), tcp(&[15002]));
            add(p("airflow-scheduler"), p("connect"), tcp(&[15002]));
        }
    }
    if k.airflow
        && matches!(
            c.backend,
            crate::choices::Backend::SubmitK8s | crate::choices::Backend::Operator
        )
    {
        add(p("airflow-scheduler"), Peer::World, tcp(&[443, 6443]));
    }
    if k.operator {
        // The operator (installed from its chart as release <rel>-operator) watches the API
        // server and serves its admission webhook on 8080; the selector is Helm's instance label.
        let op = Sel {
            id: "spark-operator",
            labels: ymap! { "app.kubernetes.io/instance" => format!("{}-operator", v.release()) },
        };
        add(Peer::Pods(op.clone()), Peer::World, tcp(&[443, 6443]));
        // Admission calls come from the API server, which is not a Pod: allow by port.
        add(Peer::World, Peer::Pods(op), tcp(&[8080]));
    }
    if v.standalone() {
        add(driver(), p("standalone-master"), tcp(&[7077]));
        add(executor(), p("standalone-master"), tcp(&[7077]));
        add(p("standalone-master"), executor(), tcp(&[7080]));
    }
    let s3_users: Vec<fn(&ValidConfig) -> Option<Peer>> = vec![
        |_| Some(Peer::Pods(role_static("driver"))),
        |_| Some(Peer::Pods(role_static("executor"))),
        |v| {
            v.choices()
                .components
                .history
                .then(|| Peer::Pods(comp_static("history-server")))
        },
        |v| {
            v.choices()
                .components
                .metastore
                .then(|| Peer::Pods(comp_static("metastore")))
        },
        |v| {
            v.choices()
                .components
                .mlflow
                .then(|| Peer::Pods(comp_static("mlflow")))
        },
    ];
    if v.storage() {
        for f in &s3_users {
            if let Some(Peer::Pods(sel)) = f(v) {
                let from = Peer::Pods(fix(v, sel));
                if v.minio() {
                    add(from, p("minio"), tcp(&[9000]));
                } else {
                    add(from, Peer::World, tcp(&[url_port(&c.s3.endpoint)]));
                }
            }
        }
        if v.minio() {
            add(p("minio-buckets"), p("minio"), tcp(&[9000]));
        }
    }
    if k.metastore {
        add(driver(), p("metastore"), tcp(&[9083]));
        add(executor(), p("metastore"), tcp(&[9083]));
    }
    if k.postgresql {
        for client in [
            (k.metastore, "metastore"),
            (k.airflow, "airflow-webserver"),
            (k.airflow, "airflow-scheduler"),
            (k.mlflow, "mlflow"),
        ] {
            if client.0 {
                add(p(client.1), p("postgresql"), tcp(&[5432]));
            }
        }
    }
    if k.celeborn {
        for from in [driver(), executor(), p("celeborn-worker")] {
            add(from, p("celeborn-master"), tcp(&[9097]));
        }
        add(
            p("celeborn-master"),
            p("celeborn-master"),
            tcp(&[9097, 9872]),
        );
        add(driver(), p("celeborn-worker"), tcp(&[9098]));
        add(executor(), p("celeborn-worker"), tcp(&[9098]));
        add(p("celeborn-worker"), p("celeborn-worker"), tcp(&[9098]));
    }
    if k.mlflow {
        for (on, from) in [
            (k.jupyter && v.connect(), "jupyter"),
            (k.airflow, "airflow-scheduler"),
        ] {
            if on {
                add(p(from), p("mlflow"), tcp(&[5000]));
            }
        }
        add(driver(), p("mlflow"), tcp(&[5000]));
        add(executor(), p("mlflow"), tcp(&[5000]));
    }
    if c.features.iceberg == Iceberg::Rest && !c.features.iceberg_rest_uri.is_empty() {
        let port = url_port(&c.features.iceberg_rest_uri);
        add(driver(), Peer::World, tcp(&[port]));
        add(executor(), Peer::World, tcp(&[port]));
    }
    if c.features.exposure != Exposure::None {
        let (key, val) = if v.openshift() {
            ("policy-group.network.openshift.io/ingress", "")
        } else {
            ("kubernetes.io/metadata.name", "ingress-nginx")
        };
        for (on, target, port) in [
            (k.jupyter && v.connect(), "jupyter", 8888),
            (k.history, "history-server", 18080),
            (k.airflow, "airflow-webserver", 8080),
            (k.mlflow, "mlflow", 5000),
            (v.connect(), "connect", 4040),
        ] {
            if on {
                add(Peer::Namespace(key, val), p(target), tcp(&[port]));
            }
        }
    }
    if c.features.monitoring {
        let ns = if v.openshift() {
            "openshift-user-workload-monitoring"
        } else {
            "monitoring"
        };
        add(
            Peer::Namespace("kubernetes.io/metadata.name", ns),
            driver(),
            tcp(&[4040]),
        );
    }
    e
}

// Helpers for the fn-pointer table above (no captures allowed there).
fn role_static(r: &'static str) -> Sel {
    Sel {
        id: r,
        labels: ymap! { "spark-role" => r },
    }
}
fn comp_static(c: &'static str) -> Sel {
    Sel {
        id: c,
        labels: Y::Null,
    }
}
fn fix(v: &ValidConfig, s: Sel) -> Sel {
    match s.id {
        "driver" | "executor" => role(v, s.id),
        other => comp(v, other),
    }
}

fn peer_rule(p: &Peer) -> Y {
    match p {
        Peer::Pods(s) => ymap! { "podSelector" => ymap! { "matchLabels" => s.labels.clone() } },
        Peer::World => ymap! { "ipBlock" => ymap! { "cidr" => "0.0.0.0/0" } },
        Peer::Namespace(k, val) => {
            ymap! { "namespaceSelector" => ymap! { "matchLabels" => ymap! { *k => *val } } }
        }
    }
}

fn peer_id(p: &Peer) -> &'static str {
    match p {
        Peer::Pods(s) => s.id,
        Peer::World => "external",
        Peer::Namespace(_, "") => "router",
        Peer::Namespace(_, v) => v,
    }
}

fn policy(
    v: &ValidConfig,
    name: String,
    selector: Y,
    types: &[&'static str],
    body: Vec<(&'static str, Y)>,
) -> Y {
    let mut spec = ymap! { +body.len(); "podSelector" => selector, "policyTypes" => Y::Seq(types.iter().map(|t| Y::from(*t)).collect()) };
    for (k, val) in body {
        spec.set(k, val);
    }
    object(
        "networking.k8s.io/v1",
        "NetworkPolicy",
        meta(v, &name, "network-policy"),
    )
    .with("spec", spec)
}

pub fn render(v: &ValidConfig) -> Vec<Y> {
    let mut out = vec![
        policy(
            v,
            v.name("default-deny"),
            Y::map(),
            &["Ingress", "Egress"],
            vec![],
        ),
        policy(
            v,
            v.name("allow-dns"),
            Y::map(),
            &["Egress"],
            vec![(
                "egress",
                yseq![ymap! {
                    "to" => yseq![ymap! { "namespaceSelector" => Y::map() }],
                    "ports" => port_list(&[(53, "UDP"), (53, "TCP"), (5353, "UDP"), (5353, "TCP")]),
                }],
            )],
        ),
    ];
    let edges = edges(v);
    // Ingress at each destination Pod set, one policy per edge.
    for e in &edges {
        if let Peer::Pods(to) = &e.to {
            out.push(policy(
                v,
                v.name(&format!("allow-{}-to-{}", peer_id(&e.from), to.id)),
                ymap! { "matchLabels" => to.labels.clone() },
                &["Ingress"],
                vec![("ingress", yseq![ymap! { "from" => yseq![peer_rule(&e.from)], "ports" => port_list(&e.ports) }])],
            ));
        }
    }
    // Egress per source Pod set, listing every edge leaving it.
    let mut sources: Vec<(&'static str, Y, Vec<Y>)> = Vec::new();
    for e in &edges {
        if let Peer::Pods(from) = &e.from {
            let rule = ymap! { "to" => yseq![peer_rule(&e.to)], "ports" => port_list(&e.ports) };
            match sources.iter_mut().find(|s| s.0 == from.id) {
                Some(s) => s.2.push(rule),
                None => sources.push((from.id, from.labels.clone(), vec![rule])),
            }
        }
    }
    for (id, labels, rules) in sources {
        out.push(policy(
            v,
            v.name(&format!("egress-{id}")),
            ymap! { "matchLabels" => labels },
            &["Egress"],
            vec![("egress", Y::Seq(rules))],
        ));
    }
    out
}
