//! Security posture: UIDs, OpenShift SCCs, read-only root, credentials.

use super::{ArgExt, Out};
use crate::choices::{Choices, Platform, SecretsMode};
use crate::diag::Code;
use crate::model::ValidConfig;

pub fn check(raw: &Choices, v: &ValidConfig, out: &mut Out) {
    let c = v.choices();
    let uid = raw.features.run_as_user;
    if !(1..=2_147_483_647).contains(&uid) {
        out.push(Code::RunAsRoot, "features.run_as_user")
            .a("value", uid);
    }
    match c.platform {
        Platform::OpenShiftRestricted => {
            out.push(Code::OpenshiftUidOmitted, "platform");
            out.push(Code::OpenshiftHelmUid, "platform").a(
                "uid",
                if (1..=2_147_483_647).contains(&uid) {
                    uid
                } else {
                    185
                },
            );
        }
        Platform::OpenShiftAnyuid => {
            out.push(Code::AnyuidRelaxed, "platform");
        }
        Platform::Kubernetes => {}
    }
    if !c.features.read_only_root {
        out.push(Code::ReadOnlyRootDisabled, "features.read_only_root");
    }
    if c.features.secrets == SecretsMode::Inline
        && (c.components.storage != crate::choices::Storage::None || c.components.postgresql)
    {
        out.push(Code::PlaintextSecret, "features.secrets")
            .a("secret", &c.s3.secret_name);
        if c.s3.access_key.is_empty() || c.s3.secret_key.is_empty() {
            out.push(Code::InlineSecretEmpty, "s3.access_key");
        }
    }
}
