//! The ingest benchmark runs end to end on a small load: its demo records (custody facts
//! among them) go through the real provider API and it prints its figures.

use std::process::Command;

#[test]
fn the_ingest_benchmark_pushes_its_records_and_prints_the_ratio() {
    let output = Command::new(env!("CARGO_BIN_EXE_overblik-bench"))
        .args(["ingest", "--records", "4000", "--batch-size", "500"])
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the benchmark starts");
    let printed = String::from_utf8_lossy(&output.stdout);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{printed}\n{errors}");
    assert!(printed.contains("records/s"), "{printed}");
}
