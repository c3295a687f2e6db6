//! The PostgreSQL init script runs in a real shell against a stand-in `psql` that records what
//! it was given: a password with quotes, `;`, `$` and backticks must reach psql whole, as a
//! variable, and never appear in the SQL text.

use std::path::Path;
use std::process::Command;

use composer::yaml::Y;
use composer::{compose, preset};

fn init_script() -> String {
    let p = preset("production-ha").expect("production-ha preset");
    let c = compose(p.id, &p.choices());
    c.manifests()
        .iter()
        .find(|m| m.kind() == "ConfigMap" && m.name().ends_with("postgresql-init"))
        .and_then(|m| {
            m.doc
                .get_path("data")
                .and_then(|d| d.get("10-databases.sh"))
        })
        .and_then(Y::as_str)
        .expect("the init ConfigMap carries 10-databases.sh")
        .to_string()
}

#[test]
fn hostile_passwords_reach_psql_as_variables_only() {
    let dir = std::env::temp_dir().join(format!("pg-init-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let log = dir.join("calls");
    // One line per argument, then the SQL read from stdin, per call.
    let fake = format!(
        "#!/bin/sh\nfor a in \"$@\"; do printf 'arg:%s\\n' \"$a\" >> '{log}'; done\ncat >> '{log}'\n",
        log = log.display()
    );
    let psql = dir.join("psql");
    std::fs::write(&psql, fake).expect("the stand-in psql");
    std::fs::write(dir.join("init.sh"), init_script()).expect("the init script");
    Command::new("chmod")
        .arg("+x")
        .arg(&psql)
        .status()
        .expect("chmod runs");

    let hostile = r#"it's"; DROP DATABASE x; -- $(touch pwned) `id` $HOME"#;
    let status = Command::new("sh")
        .arg(dir.join("init.sh"))
        .env("PATH", format!("{}:/usr/bin:/bin", dir.display()))
        .env("HIVE_PASSWORD", hostile)
        .env("AIRFLOW_PASSWORD", "plain")
        .env("MLFLOW_PASSWORD", "with'quote")
        .current_dir(&dir)
        .status()
        .expect("sh runs");
    assert!(status.success());
    let calls = std::fs::read_to_string(&log).expect("psql was called");
    assert!(calls.contains(&format!("arg:pw={hostile}\n")), "{calls}");
    assert!(calls.contains("arg:pw=with'quote\n"), "{calls}");
    assert!(calls.contains("arg:role=hive\n") && calls.contains("arg:db=metastore\n"));
    // The SQL text is the same for every role and holds no password.
    let sql: Vec<&str> = calls.lines().filter(|l| !l.starts_with("arg:")).collect();
    assert_eq!(sql.len(), 6, "{calls}");
    assert!(
        sql.iter()
            .all(|l| !l.contains("DROP") && !l.contains("quote"))
    );
    assert!(sql.contains(&"CREATE ROLE :\"role\" LOGIN PASSWORD :'pw';"));
    assert!(
        !Path::new(&dir.join("pwned")).exists(),
        "the shell expanded a password"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
