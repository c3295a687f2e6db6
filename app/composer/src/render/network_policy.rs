//! NetworkPolicies from the component graph: default deny, DNS, then one ingress allow per real
//! edge at its destination and one egress policy per source listing where it may go.

use super::blocks::{match_labels, meta};
use crate::choices::{Exposure, Iceberg};
use crate::model::ValidConfig;
use crate::yaml::emit::{Emit, Entries, each, map};
use crate::yaml::{Docs, Text};
use crate::{emap, eseq};

/// A set of Pods. Its labels are built only where a policy selects it.
#[derive(Clone, Copy, PartialEq)]
enum Sel {
    /// Spark Pods of a role (`driver`, `executor`), by `spark-role` and release.
    Role(&'static str),
    /// A component's Pods, by its selector labels.
    Comp(&'static str),
    /// The Spark operator, installed from its chart as release `<rel>-operator`: Helm's
    /// instance label selects it.
    Operator,
}

impl Sel {
    /// The id used in policy names.
    fn id(self) -> &'static str {
        match self {
            Sel::Role(id) | Sel::Comp(id) => id,
            Sel::Operator => "spark-operator",
        }
    }

    fn labels(self, v: &ValidConfig) -> impl Emit {
        map(move |m| match self {
            Sel::Role(r) => {
                m.entry(Text::Plain("spark-role"), r);
                m.entry(Text::Static("app.kubernetes.io/instance"), v.release_text());
            }
            Sel::Comp(c) => match_labels(v, c).add_to(m),
            Sel::Operator => m.entry(
                Text::Static("app.kubernetes.io/instance"),
                [v.release(), "-operator"].concat(),
            ),
        })
    }
}

#[derive(Clone, Copy)]
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

fn port_list(ports: &[(i64, &'static str)]) -> impl Emit {
    each(
        ports
            .iter()
            .map(|(p, proto)| emap! { "protocol" => *proto, "port" => *p }),
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
    let driver = || Peer::Pods(Sel::Role("driver"));
    let executor = || Peer::Pods(Sel::Role("executor"));
    let p = |c: &'static str| Peer::Pods(Sel::Comp(c));

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
        // The operator watches the API server and serves its admission webhook on 8080.
        let op = Sel::Operator;
        add(Peer::Pods(op), Peer::World, tcp(&[443, 6443]));
        // Admission calls come from the API server, which is not a Pod: allow by port.
        add(Peer::World, Peer::Pods(op), tcp(&[8080]));
    }
    if v.standalone() {
        add(driver(), p("standalone-master"), tcp(&[7077]));
        add(executor(), p("standalone-master"), tcp(&[7077]));
        add(p("standalone-master"), executor(), tcp(&[7080]));
    }
    if v.storage() {
        let s3_users = [
            (true, driver()),
            (true, executor()),
            (k.history, p("history-server")),
            (k.metastore, p("metastore")),
            (k.mlflow, p("mlflow")),
        ];
        for (on, from) in s3_users {
            if on {
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

fn peer_rule(v: &ValidConfig, p: Peer) -> impl Emit {
    map(move |m| match p {
        Peer::Pods(s) => m.entry(
            Text::Plain("podSelector"),
            emap! { "matchLabels" => s.labels(v) },
        ),
        Peer::World => m.entry(Text::Plain("ipBlock"), emap! { "cidr" => "0.0.0.0/0" }),
        Peer::Namespace(k, val) => m.entry(
            Text::Plain("namespaceSelector"),
            emap! { "matchLabels" => emap! { k => val } },
        ),
    })
}

fn peer_id(p: &Peer) -> &'static str {
    match p {
        Peer::Pods(s) => s.id(),
        Peer::World => "external",
        Peer::Namespace(_, "") => "router",
        Peer::Namespace(_, v) => v,
    }
}

/// A NetworkPolicy; `rules` is its `ingress` or `egress` list (none for default deny).
fn policy(
    v: &ValidConfig,
    name: String,
    selector: impl Emit,
    types: &'static [&'static str],
    rules: impl Entries,
) -> impl Emit {
    emap! {
        "apiVersion" => "networking.k8s.io/v1",
        "kind" => "NetworkPolicy",
        "metadata" => meta(v, name, "network-policy"),
        "spec" => emap! {
            "podSelector" => selector,
            "policyTypes" => each(types.iter().copied()),
            ..rules,
        },
    }
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    d.doc(policy(
        v,
        v.name("default-deny"),
        emap! {},
        &["Ingress", "Egress"],
        emap! {},
    ));
    d.doc(policy(
        v,
        v.name("allow-dns"),
        emap! {},
        &["Egress"],
        emap! {
            "egress" => eseq![emap! {
                "to" => eseq![emap! { "namespaceSelector" => emap! {} }],
                "ports" => port_list(&[(53, "UDP"), (53, "TCP"), (5353, "UDP"), (5353, "TCP")]),
            }],
        },
    ));
    let edges = edges(v);
    // Ingress at each destination Pod set, one policy per edge.
    for e in &edges {
        if let Peer::Pods(to) = e.to {
            d.doc(policy(
                v,
                [v.release(), "-allow-", peer_id(&e.from), "-to-", to.id()].concat(),
                emap! { "matchLabels" => to.labels(v) },
                &["Ingress"],
                emap! {
                    "ingress" => eseq![emap! { "from" => eseq![peer_rule(v, e.from)], "ports" => port_list(&e.ports) }],
                },
            ));
        }
    }
    // Egress per source Pod set, listing every edge leaving it.
    let mut sources: Vec<(Sel, Vec<&Edge>)> = Vec::new();
    for e in &edges {
        if let Peer::Pods(from) = e.from {
            match sources.iter_mut().find(|s| s.0 == from) {
                Some(s) => s.1.push(e),
                None => sources.push((from, vec![e])),
            }
        }
    }
    for (from, out) in sources {
        d.doc(policy(
            v,
            [v.release(), "-egress-", from.id()].concat(),
            emap! { "matchLabels" => from.labels(v) },
            &["Egress"],
            emap! {
                "egress" => each(out.into_iter().map(|e| {
                    emap! { "to" => eseq![peer_rule(v, e.to)], "ports" => port_list(&e.ports) }
                })),
            },
        ));
    }
}
