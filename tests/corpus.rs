//! End-to-end tests over the real reports of `corpus/`, asserted against their truth files.

use xxgk_model::{Status, Template};
use xxgk_tests::{corpus_dir, read_report, score, truth};

#[test]
fn seed_report_liaocheng_2019_is_read_completely() {
    let dir = corpus_dir();
    let report = read_report(&dir.join("liaocheng-waiban-2019.txt"));
    let t = truth(&dir.join("truth/liaocheng-waiban-2019.json"));
    let s = score(&report, &t);
    assert!(s.wrong.is_empty(), "wrong cells:\n{}", s.wrong.join("\n"));
    assert_eq!((s.correct, s.total), (198, 198));
    assert_eq!(report.meta.template, Some(Template::V2019));
    assert_eq!(
        report.meta.agency.as_deref(),
        Some("聊城市人民政府外事办公室")
    );
    assert_eq!(report.meta.year, Some(2019));
    assert_eq!(report.status, Status::Ok, "{}", report.message);
}
