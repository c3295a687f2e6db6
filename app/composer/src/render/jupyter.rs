//! JupyterLab talking to Spark Connect, with a token from a Secret and notebooks on a PVC.

use super::blocks::{
    container, deployment, env, env_secret, http_probe, mount, pod_spec, port, pvc, scratch_mounts,
    scratch_volumes, service, service_resources,
};
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::{emap, eseq};

const SCRATCH: &[(&str, &str)] = &[("tmp", "/tmp"), ("local", "/home/spark/.local")];

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let name = &v.name("jupyter");
    let notebooks = &v.name("jupyter-notebooks");
    let url = &format!("sc://{}:15002", v.connect_service());
    let ctr = container(
        v,
        "jupyter",
        v.jupyter_image(),
        eseq![port("http", 8888)],
        eseq![
            env("SPARK_CONNECT_URL", url),
            env("SPARK_REMOTE", url),
            env("HOME", "/home/spark"),
            env("JUPYTER_RUNTIME_DIR", "/tmp/jupyter-runtime"),
            env("JUPYTER_CONFIG_DIR", "/tmp/jupyter-config"),
            env("IPYTHONDIR", "/tmp/ipython"),
            env("PYARROW_IGNORE_TIMEZONE", "1"),
            env_secret("JUPYTER_TOKEN", name, "token"),
        ],
        eseq![
            ..scratch_mounts(SCRATCH),
            mount("notebooks", "/home/spark/work", false)
        ],
        service_resources(v, "jupyter"),
        emap! {
            "command" => eseq![
                "jupyter",
                "lab",
                "--ip=0.0.0.0",
                "--port=8888",
                "--no-browser",
                "--ServerApp.root_dir=/home/spark/work",
            ],
            "readinessProbe" => http_probe("/api", "http", 15, 10),
            "livenessProbe" => http_probe("/api", "http", 60, 30),
        },
    );
    let volumes = eseq![
        ..scratch_volumes(SCRATCH),
        emap! { "name" => "notebooks", "persistentVolumeClaim" => emap! { "claimName" => notebooks } },
    ];
    d.doc(pvc(v, notebooks, "jupyter", "10Gi"));
    d.doc(deployment(
        v,
        name,
        "jupyter",
        None,
        1,
        pod_spec(v, false, eseq![ctr], volumes),
    ));
    d.doc(service(v, name, "jupyter", &[("http", 8888)], false));
}
