//! Compiles the widget's stylesheet into the wasm without its comments and indentation (the
//! readable file, with the documented theming properties, stays in style/).

fn main() {
    let source = "style/screening-form.css";
    println!("cargo::rerun-if-changed={source}");
    let css = std::fs::read_to_string(source).expect("style/screening-form.css is readable");
    let mut out = String::with_capacity(css.len());
    let mut rest = css.as_str();
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    let mut minified = String::with_capacity(out.len());
    for line in out.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !minified.is_empty() && !minified.ends_with(['{', '}', ';', ',']) {
            minified.push(' ');
        }
        minified.push_str(line);
    }
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("style.css");
    std::fs::write(path, minified).expect("OUT_DIR is writable");
}
