//! `cargo xtask bench`: the release bundle's size table (raw, gzip -9, brotli -q 11).

use crate::bundle::{self, GLUE, LOADER, WASM};
use crate::tools::{self, dist_dir};
use std::io::Write;

/// Sizes of one file, in bytes.
struct Sizes {
    raw: usize,
    gzip: usize,
    brotli: usize,
}

impl Sizes {
    fn of(bytes: &[u8]) -> Sizes {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(bytes).expect("writing to memory");
        let gzip = gz.finish().expect("writing to memory").len();
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).expect("writing to memory");
        Sizes {
            raw: bytes.len(),
            gzip,
            brotli: br.len(),
        }
    }
}

pub fn run(_args: &[String]) -> Result<(), String> {
    let tools = tools::install_build_tools()?;
    bundle::build_release(&tools)?;
    let dist = dist_dir();
    let css = std::fs::read(crate::cmd::root().join("style/screening-form.css"))
        .map_err(|e| format!("cannot read style/screening-form.css: {e}"))?;
    let mut rows = Vec::new();
    for (label, file) in [("loader JS", LOADER), ("glue JS", GLUE), ("wasm", WASM)] {
        let bytes =
            std::fs::read(dist.join(file)).map_err(|e| format!("cannot read dist/{file}: {e}"))?;
        rows.push((format!("{label} ({file})"), Sizes::of(&bytes)));
    }
    let total = Sizes {
        raw: rows.iter().map(|(_, s)| s.raw).sum(),
        gzip: rows.iter().map(|(_, s)| s.gzip).sum(),
        brotli: rows.iter().map(|(_, s)| s.brotli).sum(),
    };
    rows.push(("CSS (inside the wasm)".into(), Sizes::of(&css)));
    println!("\n| file | raw | gzip -9 | brotli -q 11 |");
    println!("|---|---:|---:|---:|");
    for (label, s) in &rows {
        println!("| {label} | {} | {} | {} |", s.raw, s.gzip, s.brotli);
    }
    println!(
        "| **total downloaded** | **{}** | **{}** | **{}** |",
        total.raw, total.gzip, total.brotli
    );
    Ok(())
}
