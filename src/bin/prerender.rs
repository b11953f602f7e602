//! `screening-prerender DIR`: writes `DIR/questionnaires/<id>.<locale>.start.json` beside each
//! one-locale definition `cargo xtask dist` derived, the start screen the loader shows before
//! the wasm has arrived (see `screening_widget::prerender`). Prints what it wrote.

use screening_core::Locale;
use screening_core::validate::parse_definition;
use screening_widget::prerender::StartScreens;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::path::Path;

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: screening-prerender DIR (a built bundle, such as dist/)");
        std::process::exit(2);
    };
    if let Err(e) = run(&Path::new(&dir).join("questionnaires")) {
        eprintln!("screening-prerender: {e}");
        std::process::exit(1);
    }
}

fn run(dir: &Path) -> Result<(), String> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| format!("{}: {e}", dir.join(name).display()))
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut written = 0;
    let mut questionnaires = BTreeMap::new();
    for name in &names {
        // `<id>.<locale>.json`: the files the widget loads (not `contacts.<locale>.json`).
        let Some((id, tag)) = name.strip_suffix(".json").and_then(|n| n.split_once('.')) else {
            continue;
        };
        let Some(locale) = Locale::from_exact_tag(tag) else {
            continue;
        };
        if id == "contacts" {
            continue;
        }
        // The questionnaire's locales, which the widget gives a one-locale file back (read once
        // per questionnaire).
        let all = match questionnaires.entry(id.to_owned()) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(
                parse_definition(&read(&format!("{id}.json"))?)
                    .map_err(|e| format!("{id}.json: {e:?}"))?,
            ),
        };
        let mut one = parse_definition(&read(name)?).map_err(|e| format!("{name}: {e:?}"))?;
        one.offer_locales(all.locales().clone(), all.default_scripts().clone());
        let screens = StartScreens::render(id, one, locale)?;
        let out = dir.join(format!("{id}.{tag}.start.json"));
        std::fs::write(&out, screens.to_json()).map_err(|e| format!("{}: {e}", out.display()))?;
        written += 1;
    }
    println!(
        "screening-prerender: {written} start screens in {}",
        dir.display()
    );
    Ok(())
}
