//! Benchmark of codegen on one description: how long loading and generating take,
//! against a baseline measured in the same run (parsing the file's JSON with serde_json,
//! the least any tool reading it must do).
//!
//! ```text
//! cargo run --release -p poly-codegen --example bench -- <description> [iterations] [rust|typescript]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use poly_codegen::{Language, Plan};

// Code generation allocates millions of small token trees; mimalloc halves the time
// the system allocator spends on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn measure(iterations: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[times.len() / 2])
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: bench <description> [iterations] [rust|typescript]");
        std::process::exit(2);
    };
    let iterations: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10)
        .max(1);
    let language: Language = args
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or(Language::Rust);

    let (base_min, base_median) = measure(iterations, || {
        let text = std::fs::read_to_string(&path).expect("readable");
        let value: serde_json::Value = serde_yaml_free_parse(&text);
        std::hint::black_box(value);
    });
    let (load_min, load_median) = measure(iterations, || {
        std::hint::black_box(poly_model::openapi::load(&path).expect("loads"));
    });
    let mut files = 0;
    let (gen_min, gen_median) = measure(iterations, || {
        let plan = Plan::from_spec(&path, &[language]).expect("plans");
        let out = plan.render().expect("renders");
        files = out.len();
    });

    let ratio = |d: Duration| d.as_secs_f64() / base_median.as_secs_f64();
    println!("description: {}", path.display());
    println!("iterations: {iterations}, language: {language}, files generated: {files}");
    println!("baseline (read + serde_json parse): min {base_min:?}, median {base_median:?}");
    println!("load (poly_model::openapi::load):   min {load_min:?}, median {load_median:?} ({:.1}x baseline)", ratio(load_median));
    println!("load + generate:                    min {gen_min:?}, median {gen_median:?} ({:.1}x baseline)", ratio(gen_median));
}

/// JSON descriptions parse with serde_json; YAML ones through poly's own parser, the
/// fastest path available for them.
fn serde_yaml_free_parse(text: &str) -> serde_json::Value {
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => poly_model::Source::new("bench.yaml", text)
            .parse()
            .expect("parses"),
    }
}
