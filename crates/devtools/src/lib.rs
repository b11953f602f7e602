//! Development tools for the collector: a load generator and a database multiplier for the
//! benchmarks and tests. They live here, not in the `screening` binary a partner deploys,
//! because one of them rewrites a database irreversibly.

pub mod load;
pub mod multiply;
