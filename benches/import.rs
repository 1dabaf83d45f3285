//! Import speed: an export of 1,000 hour-long FIT activities (3,600 records each, the
//! size a watch writes) read into activities, and the same as one zip archive.
//! Run with `cargo bench --bench import`.

use criterion::{Criterion, criterion_group, criterion_main};
use gradual::import::{Progress, read};
use std::io::Write;

fn import(c: &mut Criterion) {
    let fit = std::fs::read("tests/fixtures/import-bench/hour-run.fit").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("activities");
    std::fs::create_dir(&folder).unwrap();
    for k in 0..1000 {
        std::fs::write(folder.join(format!("{k:04}.fit")), &fit).unwrap();
    }
    let zip_path = dir.path().join("export.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for k in 0..1000 {
        z.start_file(format!("activities/{k:04}.fit"), opts)
            .unwrap();
        z.write_all(&fit).unwrap();
    }
    z.finish().unwrap();
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("1000 FIT files", |b| {
        b.iter(|| {
            let found = read(std::slice::from_ref(&folder), &Progress::default());
            assert_eq!(found.activities.len(), 1000);
        })
    });
    g.bench_function("1000 FIT files in a zip", |b| {
        b.iter(|| {
            let found = read(std::slice::from_ref(&zip_path), &Progress::default());
            assert_eq!(found.activities.len(), 1000);
        })
    });
    g.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
