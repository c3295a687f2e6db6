//! JupyterLab talking to Spark Connect, with a token from a Secret and notebooks on a PVC.

use super::{
    container, deployment, env, env_secret, http_probe, mount, pod_spec, port, pvc, scratch,
    service, service_resources,
};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::{ymap, yseq};

pub fn render(v: &ValidConfig) -> Vec<Y> {
    let name = v.name("jupyter");
    let notebooks = v.name("jupyter-notebooks");
    let (mut vols, mut mounts) = scratch(&[("tmp", "/tmp"), ("local", "/home/spark/.local")]);
    vols.push(ymap! { "name" => "notebooks", "persistentVolumeClaim" => ymap! { "claimName" => &notebooks } });
    mounts.push(mount("notebooks", "/home/spark/work", false));
    let envs = vec![
        env(
            "SPARK_CONNECT_URL",
            format!("sc://{}:15002", v.connect_service()),
        ),
        env(
            "SPARK_REMOTE",
            format!("sc://{}:15002", v.connect_service()),
        ),
        env("HOME", "/home/spark"),
        env("JUPYTER_RUNTIME_DIR", "/tmp/jupyter-runtime"),
        env("JUPYTER_CONFIG_DIR", "/tmp/jupyter-config"),
        env("IPYTHONDIR", "/tmp/ipython"),
        env("PYARROW_IGNORE_TIMEZONE", "1"),
        env_secret("JUPYTER_TOKEN", &name, "token"),
    ];
    let mut ctr = container(
        v,
        "jupyter",
        v.jupyter_image(),
        vec![port("http", 8888)],
        envs,
        mounts,
        service_resources(v, "jupyter"),
    );
    ctr.set(
        "command",
        yseq![
            "jupyter",
            "lab",
            "--ip=0.0.0.0",
            "--port=8888",
            "--no-browser",
            "--ServerApp.root_dir=/home/spark/work"
        ],
    );
    ctr.set("readinessProbe", http_probe("/api", "http", 15, 10));
    ctr.set("livenessProbe", http_probe("/api", "http", 60, 30));
    vec![
        pvc(v, &notebooks, "jupyter", "10Gi"),
        deployment(v, &name, "jupyter", 1, pod_spec(v, false, vec![ctr], vols)),
        service(v, &name, "jupyter", &[("http", 8888)], false),
    ]
}
