//! The questionnaires the collector accepts reports for: the built-in ones (compiled in) and
//! any in `--questionnaires DIR`, each by id and version.

use screening_core::{Definition, parse_definition};
use std::collections::BTreeMap;
use std::path::Path;

/// The built-in definitions, compiled in (the same files the widget serves).
pub const BUILT_IN: [(&str, &str); 2] = [
    (
        "job-offer",
        include_str!("../../../../questionnaires/job-offer.json"),
    ),
    (
        "returnee",
        include_str!("../../../../questionnaires/returnee.json"),
    ),
];

/// Every earlier version of the built-in questionnaires, as released (`questionnaires/archive/`,
/// taken from the repository's history; v1's Uzbek, which was Latin, keyed `uz-Latn`). Compiled
/// in so that a widget still cached at an older version delivers its reports, and reports stored
/// under an older version keep counting in the aggregates.
pub const ARCHIVED: [(&str, &str); 5] = [
    (
        "job-offer v1",
        include_str!("../../../../questionnaires/archive/job-offer.v1.json"),
    ),
    (
        "job-offer v2",
        include_str!("../../../../questionnaires/archive/job-offer.v2.json"),
    ),
    (
        "returnee v1",
        include_str!("../../../../questionnaires/archive/returnee.v1.json"),
    ),
    (
        "returnee v2",
        include_str!("../../../../questionnaires/archive/returnee.v2.json"),
    ),
    (
        "returnee v3",
        include_str!("../../../../questionnaires/archive/returnee.v3.json"),
    ),
];

pub struct Registry {
    definitions: BTreeMap<(String, u32), Definition>,
}

impl Registry {
    pub fn load(dir: Option<&Path>) -> Result<Registry, String> {
        let mut definitions = BTreeMap::new();
        let mut sources: BTreeMap<(String, u32), String> = BTreeMap::new();
        let mut add = |source: &str, json: &str| -> Result<(), String> {
            let d = parse_definition(json).map_err(|errors| {
                let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                format!("{source} is invalid:\n  {}", list.join("\n  "))
            })?;
            let key = (d.id().to_owned(), d.version());
            if let Some(first) = sources.get(&key) {
                return Err(format!(
                    "{source} defines questionnaire {:?} version {}, which {first} already \
                     defines: reports name a questionnaire by id and version, so each pair must \
                     be unique (give the new definition another version)",
                    d.id(),
                    d.version()
                ));
            }
            sources.insert(key.clone(), source.to_owned());
            definitions.insert(key, d);
            Ok(())
        };
        for (name, json) in BUILT_IN {
            add(&format!("the built-in {name}"), json)?;
        }
        for (name, json) in ARCHIVED {
            add(&format!("the archived {name}"), json)?;
        }
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir)
                .map_err(|e| format!("--questionnaires {}: {e}", dir.display()))?;
            let mut paths = entries
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("--questionnaires {}: {e}", dir.display()))?;
            paths.sort();
            for path in paths {
                if path.extension().is_some_and(|e| e == "json") {
                    let json = std::fs::read_to_string(&path)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    if json.contains("\"contacts\"") && !json.contains("\"questions\"") {
                        continue; // a contact directory next to the definitions
                    }
                    add(&path.display().to_string(), &json)?;
                }
            }
        }
        Ok(Registry { definitions })
    }

    /// No questionnaire at all (for tests that need none).
    #[cfg(test)]
    pub fn empty() -> Registry {
        Registry {
            definitions: BTreeMap::new(),
        }
    }

    pub fn get(&self, id: &str, version: u32) -> Option<&Definition> {
        self.definitions.get(&(id.to_owned(), version))
    }

    /// Every version of questionnaire `id`, newest first.
    pub fn versions(&self, id: &str) -> Vec<&Definition> {
        self.definitions
            .iter()
            .rev()
            .filter(|((i, _), _)| i == id)
            .map(|(_, d)| d)
            .collect()
    }

    pub fn knows(&self, id: &str) -> bool {
        self.definitions.keys().any(|(i, _)| i == id)
    }

    /// The questionnaire ids, sorted, each once.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.definitions.keys().map(|(i, _)| i.clone()).collect();
        ids.dedup();
        ids
    }

    /// "job-offer v1, returnee v1", for the log.
    pub fn describe(&self) -> String {
        let names: Vec<String> = self
            .definitions
            .keys()
            .map(|(i, v)| format!("{i} v{v}"))
            .collect();
        names.join(", ")
    }
}
