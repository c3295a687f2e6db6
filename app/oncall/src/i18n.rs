//! Interface text of the runbook tools. One struct per language, so a missing text does not
//! compile.

use content::Lang;

use crate::params::{Param, Problem};

pub struct Text {
    pub panel_title: &'static str,
    pub panel_intro: &'static str,
    pub namespace: &'static str,
    pub release: &'static str,
    pub context: &'static str,
    pub bucket: &'static str,
    pub cli: &'static str,
    pub cli_oc: &'static str,
    pub clear: &'static str,
    pub status_set: &'static str,
    pub status_empty: &'static str,
    pub too_long: &'static str,
    pub not_dns_label: &'static str,
    pub shell_unsafe: &'static str,
    pub bucket_length: &'static str,
    pub not_bucket_name: &'static str,
    pub checklist: &'static str,
    /// `{done}` and `{total}` are filled in.
    pub progress: &'static str,
    pub export: &'static str,
    pub uncheck_all: &'static str,
    pub uncheck_confirm: &'static str,
    pub record_title: &'static str,
    pub record_runbook: &'static str,
    pub record_exported: &'static str,
    pub record_parameters: &'static str,
    pub record_not_set: &'static str,
    pub record_steps: &'static str,
    pub record_checked: &'static str,
    pub record_notes: &'static str,
    pub record_notes_hint: &'static str,
    pub record_file: &'static str,
}

pub const EN: Text = Text {
    panel_title: "Your environment",
    panel_intro: "Enter these once: every command on the runbook pages uses them. They are kept in this browser only.",
    namespace: "Namespace",
    release: "Helm release",
    context: "kube context",
    bucket: "S3 bucket",
    cli: "Command-line tool",
    cli_oc: "oc (OpenShift)",
    clear: "Clear",
    status_set: "Saved. Commands on runbook pages use your values.",
    status_empty: "Nothing set: commands show the placeholders.",
    too_long: "At most {n} characters.",
    not_dns_label: "Lower-case letters, digits and hyphens, with no hyphen at either end.",
    shell_unsafe: "Only letters, digits and - _ . : / @: the value goes into shell commands.",
    bucket_length: "A bucket name has 3 to 63 characters.",
    not_bucket_name: "Lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.",
    checklist: "Checklist",
    progress: "{done} of {total} steps checked",
    export: "Export incident record",
    uncheck_all: "Uncheck all",
    uncheck_confirm: "Uncheck every step on this page?",
    record_title: "Incident record",
    record_runbook: "Runbook",
    record_exported: "Exported",
    record_parameters: "Parameters",
    record_not_set: "not set",
    record_steps: "Steps",
    record_checked: "checked",
    record_notes: "Notes",
    record_notes_hint: "Timeline, decisions, links to dashboards and logs.",
    record_file: "incident",
};

pub const RU: Text = Text {
    panel_title: "Ваше окружение",
    panel_intro: "Введите один раз — значения подставятся в команды на всех страницах ранбуков. Хранятся только в этом браузере.",
    namespace: "Namespace",
    release: "Helm-релиз",
    context: "Контекст kubectl",
    bucket: "Бакет S3",
    cli: "Утилита командной строки",
    cli_oc: "oc (OpenShift)",
    clear: "Очистить",
    status_set: "Сохранено. Команды в ранбуках используют ваши значения.",
    status_empty: "Ничего не задано: в командах остаются плейсхолдеры.",
    too_long: "Не больше {n} символов.",
    not_dns_label: "Строчные латинские буквы, цифры и дефисы; дефис не в начале и не в конце.",
    shell_unsafe: "Только буквы, цифры и - _ . : / @: значение попадает в команды shell.",
    bucket_length: "Имя бакета — от 3 до 63 символов.",
    not_bucket_name: "Строчные буквы, цифры, точки и дефисы; в начале и в конце — буква или цифра.",
    checklist: "Чек-лист",
    progress: "Отмечено шагов: {done} из {total}",
    export: "Выгрузить запись об инциденте",
    uncheck_all: "Снять все отметки",
    uncheck_confirm: "Снять отметки со всех шагов на этой странице?",
    record_title: "Запись об инциденте",
    record_runbook: "Ранбук",
    record_exported: "Выгружено",
    record_parameters: "Параметры",
    record_not_set: "не задан",
    record_steps: "Шаги",
    record_checked: "отмечено",
    record_notes: "Заметки",
    record_notes_hint: "Хронология, решения, ссылки на дашборды и логи.",
    record_file: "incident",
};

pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
    }
}

impl Text {
    pub fn label(&self, p: Param) -> &'static str {
        match p {
            Param::Namespace => self.namespace,
            Param::Release => self.release,
            Param::Context => self.context,
            Param::Bucket => self.bucket,
        }
    }

    pub fn problem(&self, p: Problem) -> String {
        match p {
            Problem::TooLong(n) => self.too_long.replace("{n}", &n.to_string()),
            Problem::NotDnsLabel => self.not_dns_label.to_string(),
            Problem::ShellUnsafe => self.shell_unsafe.to_string(),
            Problem::BucketLength => self.bucket_length.to_string(),
            Problem::NotBucketName => self.not_bucket_name.to_string(),
        }
    }

    pub fn progress(&self, done: usize, total: usize) -> String {
        self.progress
            .replace("{done}", &done.to_string())
            .replace("{total}", &total.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_fill_every_placeholder() {
        for lang in Lang::ALL {
            let t = text(lang);
            assert!(t.progress(3, 12).contains('3') && t.progress(3, 12).contains("12"));
            assert!(t.problem(Problem::TooLong(63)).contains("63"));
            assert!(!t.progress(1, 2).contains('{'));
        }
    }
}
