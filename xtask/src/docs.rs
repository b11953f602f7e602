//! The documentation's relative links: every `[text](path)` and `[text](path#anchor)` in
//! README.md and docs/*.md must name a file that exists and, for a Markdown file, a heading it
//! has. Checked by `cargo test` (this module's test), so moving a section never leaves a dead link.

use std::path::{Path, PathBuf};

/// The Markdown files whose links are checked.
pub fn documents(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.join("README.md")];
    if let Ok(entries) = std::fs::read_dir(root.join("docs")) {
        let mut docs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        docs.sort();
        out.extend(docs);
    }
    out
}

/// The relative link targets of a Markdown text (outside code blocks).
pub fn links(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            rest = &rest[i + 2..];
            let Some(end) = rest.find(')') else { break };
            let target = &rest[..end];
            if !target.contains("://") && !target.starts_with("mailto:") && !target.is_empty() {
                out.push(target.to_owned());
            }
            rest = &rest[end..];
        }
    }
    out
}

/// A heading's anchor as GitHub makes it: lowercase, spaces to `-`, punctuation dropped.
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Every broken relative link in the documents, as `file: target (why)`.
pub fn broken(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for doc in documents(root) {
        let Ok(text) = std::fs::read_to_string(&doc) else {
            continue;
        };
        let dir = doc.parent().unwrap_or(root);
        for target in links(&text) {
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let file = if path.is_empty() {
                doc.clone()
            } else {
                dir.join(path)
            };
            let name = doc.strip_prefix(root).unwrap_or(&doc).display().to_string();
            if !file.exists() {
                out.push(format!("{name}: {target} (no such file)"));
                continue;
            }
            if !anchor.is_empty() && file.extension().is_some_and(|x| x == "md") {
                let headings = std::fs::read_to_string(&file).unwrap_or_default();
                let found = headings
                    .lines()
                    .filter(|l| l.starts_with('#'))
                    .any(|l| slug(l.trim_start_matches('#')) == anchor);
                if !found {
                    out.push(format!("{name}: {target} (no such heading)"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relative_link_in_the_readme_and_docs_resolves() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        assert_eq!(broken(&root), Vec::<String>::new());
    }

    #[test]
    fn links_and_anchors_are_read_as_github_does() {
        let md =
            "See [a](docs/a.md#two-words) and [b](https://x.org) and `[c](d)`\n```\n[e](f)\n```\n";
        assert_eq!(links(md), ["docs/a.md#two-words", "d"]);
        assert_eq!(
            slug(" Report payload (version 1)"),
            "report-payload-version-1"
        );
        assert_eq!(slug("What a visitor sees"), "what-a-visitor-sees");
    }

    #[test]
    fn a_dead_link_is_reported() {
        let dir = std::env::temp_dir().join(format!("sf-links-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("docs")).unwrap();
        std::fs::write(
            dir.join("README.md"),
            "[x](docs/missing.md) [y](docs/a.md#nope)\n",
        )
        .unwrap();
        std::fs::write(dir.join("docs/a.md"), "# A\n## Here\n").unwrap();
        let found = broken(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
    }
}
