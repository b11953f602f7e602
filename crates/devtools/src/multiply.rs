//! Multiplies a collector's database in place, so the benchmarks can measure aggregates at
//! millions of reports without posting them. Irreversible: never part of the production binary.

/// `screening-dev generate` (benchmarks only): makes every stored report `factor` reports, with new
/// ids (the original's first 24 hex digits and a counter) and a placeholder payload (`{}`,
/// so ten million rows stay a few gigabytes short), and multiplies every counter by `factor`,
/// so the counters stay exactly those of the rows. The collector must be stopped. Returns the
/// reports stored afterwards.
pub async fn multiply(db: &str, factor: u32) -> Result<i64, String> {
    if factor < 2 {
        return Err("--multiply must be at least 2".into());
    }
    let extra = factor - 1;
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        let (client, connection) = tokio_postgres::connect(db, tokio_postgres::NoTls)
            .await
            .map_err(|e| e.to_string())?;
        tokio::spawn(connection);
        client
            .batch_execute(&format!(
                "BEGIN;
                 INSERT INTO submissions (id, questionnaire, version, locale, partner, month, payload)
                     SELECT substr(s.id, 1, 24) || lpad(to_hex(g), 8, '0'), s.questionnaire,
                            s.version, s.locale, s.partner, s.month, '{{}}'
                     FROM submissions s, generate_series(1, {extra}) g ORDER BY 1;
                 UPDATE counts SET n = n * {factor};
                 COMMIT;"
            ))
            .await
            .map_err(|e| format!("{e:?}"))?;
        // Not in the same simple query: that would make it one transaction block.
        client
            .batch_execute("VACUUM ANALYZE")
            .await
            .map_err(|e| format!("{e:?}"))?;
        let row = client
            .query_one("SELECT COUNT(*) FROM submissions", &[])
            .await
            .map_err(|e| e.to_string())?;
        Ok(row.get(0))
    } else {
        let conn = rusqlite::Connection::open(db).map_err(|e| e.to_string())?;
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL; PRAGMA cache_size = -262144;
             BEGIN;
             INSERT INTO submissions (id, questionnaire, version, locale, partner, month, payload)
                 WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < {extra})
                 SELECT substr(s.id, 1, 24) || printf('%08x', g.x), s.questionnaire, s.version,
                        s.locale, s.partner, s.month, '{{}}'
                 FROM submissions s, g ORDER BY 1;
             UPDATE counts SET n = n * {factor};
             COMMIT;
             PRAGMA wal_checkpoint(TRUNCATE);"
        ))
        .map_err(|e| e.to_string())?;
        conn.query_row("SELECT COUNT(*) FROM submissions", [], |r| r.get(0))
            .map_err(|e| e.to_string())
    }
}
