//! Suppression across linked tables. A field (a scale's bands, or a single-choice question's
//! answers) is published for every month and partner, and pooled for quarters, years and all
//! partners; a pooled cell is the sum of the monthly cells it covers, so hiding cells table by
//! table is not enough: a quarter minus two visible months gives the third.
//!
//! **The guarantee.** After [`suppress`], every hidden cell, of any table, has a *witness*:
//! another set of monthly counts, whole and non-negative, that gives every published number the
//! same value (every visible cell of every table, and every group's and pool's total of
//! reports) and gives that hidden cell a different one. So no combination of the published
//! tables pins a hidden cell, whatever an attacker adds or subtracts, even knowing every
//! group's total. A witness moves one report of one group from one value to another and back
//! elsewhere: between two values `v` and `w`, +1 in some groups and −1 in others, on one group,
//! on two groups of the same partner or month, or on a rectangle (two months × two partners).
//!
//! **The algorithm.** Each table first hides its cells as [`super::suppressed`] says (small
//! cells, then complementary ones). Then every hidden cell looks for a witness among the moves
//! above; a cell without one hides the visible cells that block the cheapest one-group or
//! two-group move (fewest reports first), which makes that move a witness. Hiding more never
//! breaks a witness already found, so the loop ends, with every hidden cell witnessed.

/// One field of one questionnaire version and privacy setting, over its groups.
pub(super) struct Field<'a> {
    /// Reports per value (outer) and group (inner).
    pub counts: &'a [Vec<u64>],
    /// Each published table's groups (indices into the inner vectors).
    pub tables: &'a [Vec<usize>],
    /// Each group's month and partner, as small indices, to find its neighbours.
    pub place: &'a [(usize, usize)],
}

/// Which cells to hide, per table and value.
pub(super) fn suppress(field: &Field, min_cell: u64) -> Vec<Vec<bool>> {
    let s = Search::new(field);
    let mut hidden: Vec<Vec<bool>> = s
        .sums
        .iter()
        .map(|c| super::suppressed(c, min_cell))
        .collect();
    let mut witnessed: Vec<Vec<bool>> = hidden.iter().map(|h| vec![false; h.len()]).collect();
    loop {
        let mut changed = false;
        for t in 0..hidden.len() {
            for v in 0..hidden[t].len() {
                if !hidden[t][v] || witnessed[t][v] {
                    continue;
                }
                if let Some((w, m)) = s.witness(&hidden, t, v) {
                    // The move witnesses every cell it changes, of both values.
                    for (t2, _) in s.changes(&m).iter() {
                        witnessed[t2][v] = true;
                        witnessed[t2][w] = true;
                    }
                    continue;
                }
                let more: Vec<(usize, usize)> = s
                    .cheapest_unblocking(&hidden, t, v)
                    .into_iter()
                    .filter(|&(t2, v2)| !hidden[t2][v2])
                    .collect();
                if more.is_empty() {
                    // Nothing left to hide (a field with a single value): no witness can exist,
                    // and hiding cannot make one.
                    witnessed[t][v] = true;
                    continue;
                }
                for (t2, v2) in more {
                    hidden[t2][v2] = true;
                }
                changed = true;
            }
        }
        if !changed {
            return hidden;
        }
    }
}

/// A move: up to four groups with +1 or −1 of value `v` (and the opposite of value `w`).
#[derive(Clone, Copy)]
struct Move {
    len: usize,
    parts: [(usize, i64); 4],
}

impl Move {
    fn of(parts: &[(usize, i64)]) -> Move {
        let mut m = Move {
            len: parts.len(),
            parts: [(0, 0); 4],
        };
        m.parts[..parts.len()].copy_from_slice(parts);
        m
    }

    fn parts(&self) -> &[(usize, i64)] {
        &self.parts[..self.len]
    }
}

/// The tables a move touches (at most four groups × six tables), with the net change of
/// value `v` in each; zero where the move's groups cancel out.
struct Changes {
    len: usize,
    items: [(usize, i64); 24],
}

impl Changes {
    fn iter(&self) -> impl Iterator<Item = (usize, i64)> + '_ {
        self.items[..self.len]
            .iter()
            .copied()
            .filter(|(_, d)| *d != 0)
    }
}

struct Search<'a> {
    counts: &'a [Vec<u64>],
    tables: &'a [Vec<usize>],
    /// The tables covering each group.
    covering: Vec<Vec<usize>>,
    /// Each group's own table (month and partner).
    own: Vec<usize>,
    /// Each table's count per value.
    sums: Vec<Vec<u64>>,
    /// The other groups of the same partner, and of the same month, per group.
    same_partner: Vec<Vec<usize>>,
    same_month: Vec<Vec<usize>>,
    /// The group at (month, partner), if any, at `month * partners + partner`.
    at: Vec<Option<usize>>,
    partners: usize,
    place: &'a [(usize, usize)],
}

impl<'a> Search<'a> {
    fn new(field: &Field<'a>) -> Search<'a> {
        let groups = field.place.len();
        let mut covering = vec![Vec::new(); groups];
        let mut own = vec![usize::MAX; groups];
        for (t, gs) in field.tables.iter().enumerate() {
            for &g in gs {
                covering[g].push(t);
            }
            if let [g] = gs[..]
                && own[g] == usize::MAX
            {
                own[g] = t;
            }
        }
        let sums = field
            .tables
            .iter()
            .map(|gs| {
                field
                    .counts
                    .iter()
                    .map(|per_group| gs.iter().map(|&g| per_group[g]).sum())
                    .collect()
            })
            .collect();
        let present: Vec<usize> = (0..groups).filter(|&g| !covering[g].is_empty()).collect();
        let months = field.place.iter().map(|p| p.0 + 1).max().unwrap_or(0);
        let partners = field.place.iter().map(|p| p.1 + 1).max().unwrap_or(0);
        let mut at = vec![None; months * partners];
        for &g in &present {
            let (m, p) = field.place[g];
            at[m * partners + p] = Some(g);
        }
        let near = |same: &dyn Fn(usize, usize) -> bool| -> Vec<Vec<usize>> {
            (0..groups)
                .map(|g| {
                    present
                        .iter()
                        .copied()
                        .filter(|&h| h != g && same(g, h))
                        .collect()
                })
                .collect()
        };
        Search {
            counts: field.counts,
            tables: field.tables,
            covering,
            own,
            sums,
            same_partner: near(&|g, h| field.place[g].1 == field.place[h].1),
            same_month: near(&|g, h| field.place[g].0 == field.place[h].0),
            at,
            partners,
            place: field.place,
        }
    }

    /// Whether the move keeps every count non-negative: −1 of `v` needs a report with `v`,
    /// +1 of `v` takes one from `w`.
    fn possible(&self, v: usize, w: usize, m: &Move) -> bool {
        m.parts().iter().all(|&(g, s)| {
            let from = if s < 0 { v } else { w };
            self.counts[from][g] >= 1
        })
    }

    /// Every table the move changes, with the change of value `v` in it (never zero).
    fn changes(&self, m: &Move) -> Changes {
        let mut out = Changes {
            len: 0,
            items: [(0, 0); 24],
        };
        for &(g, s) in m.parts() {
            for &t in &self.covering[g] {
                let len = out.len;
                match out.items[..len].iter_mut().find(|(u, _)| *u == t) {
                    Some(e) => e.1 += s,
                    None if len < 24 => {
                        out.items[out.len] = (t, s);
                        out.len += 1;
                    }
                    // Six tables cover a group at most, so four groups never get here.
                    None => {}
                }
            }
        }
        out
    }

    /// The tables the move changes, or `None` when it is impossible or leaves the target
    /// table as it is.
    fn effect(&self, target: usize, v: usize, w: usize, m: &Move) -> Option<Changes> {
        let changes = self.possible(v, w, m).then(|| self.changes(m))?;
        let touches = changes.iter().any(|(t, _)| t == target);
        touches.then_some(changes)
    }

    /// The visible cells (of value `v` or `w`) among the changed tables: a witness has none.
    fn visible<'h>(
        hidden: &'h [Vec<bool>],
        changes: &'h Changes,
        v: usize,
        w: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'h {
        changes
            .iter()
            .flat_map(move |(t, _)| [(t, v), (t, w)])
            .filter(|&(t, value)| !hidden[t][value])
    }

    /// The visible cells the move would change, or `None` when it is no candidate at all.
    fn blocking(
        &self,
        hidden: &[Vec<bool>],
        target: usize,
        v: usize,
        w: usize,
        m: &Move,
    ) -> Option<Vec<(usize, usize)>> {
        let changes = self.effect(target, v, w, m)?;
        Some(Self::visible(hidden, &changes, v, w).collect())
    }

    /// Whether the move changes only hidden cells (and the target's), without allocating: it is
    /// tried for every candidate.
    fn is_witness(
        &self,
        hidden: &[Vec<bool>],
        target: usize,
        v: usize,
        w: usize,
        m: &Move,
    ) -> bool {
        self.effect(target, v, w, m)
            .is_some_and(|c| Self::visible(hidden, &c, v, w).next().is_none())
    }

    /// Whether cell (`target`, `v`) has a witness. Every group a move touches has its own
    /// table changed, so only groups whose own cells of `v` and `w` are hidden can take part:
    /// the search runs over those alone, one group, then two neighbours, then a rectangle.
    fn witness(&self, hidden: &[Vec<bool>], target: usize, v: usize) -> Option<(usize, Move)> {
        for w in (0..self.counts.len()).filter(|&w| w != v && hidden[target][w]) {
            let free = |g: usize| hidden[self.own[g]][v] && hidden[self.own[g]][w];
            let starts: Vec<usize> = self.tables[target]
                .iter()
                .copied()
                .filter(|&g| free(g))
                .collect();
            let found = |m: Move| self.is_witness(hidden, target, v, w, &m);
            for &g in &starts {
                for s in [1, -1] {
                    let m = Move::of(&[(g, s)]);
                    if found(m) {
                        return Some((w, m));
                    }
                }
            }
            for &g in &starts {
                for &h in self.same_partner[g].iter().chain(&self.same_month[g]) {
                    if !free(h) {
                        continue;
                    }
                    for (s, r) in [(1, -1), (-1, 1), (1, 1), (-1, -1)] {
                        let m = Move::of(&[(g, s), (h, r)]);
                        if found(m) {
                            return Some((w, m));
                        }
                    }
                }
            }
            for &g in &starts {
                for &h in self.same_partner[g].iter().filter(|&&h| free(h)) {
                    for &i in self.same_month[g].iter().filter(|&&i| free(i)) {
                        let corner = self.place[h].0 * self.partners + self.place[i].1;
                        let Some(j) = self.at[corner] else {
                            continue;
                        };
                        if !free(j) {
                            continue;
                        }
                        for s in [1, -1] {
                            let m = Move::of(&[(g, s), (h, -s), (i, -s), (j, s)]);
                            if found(m) {
                                return Some((w, m));
                            }
                        }
                    }
                }
            }
        }
        None
    }

    /// The visible cells to hide so that the cheapest one- or two-group move becomes a
    /// witness for (`target`, `v`): fewest reports hidden, then fewest cells.
    fn cheapest_unblocking(
        &self,
        hidden: &[Vec<bool>],
        target: usize,
        v: usize,
    ) -> Vec<(usize, usize)> {
        // (reports hidden, cells hidden) and the cells.
        type Cost = (u64, usize);
        let mut best: Option<(Cost, Vec<(usize, usize)>)> = None;
        let mut consider = |w: usize, m: Move| {
            let Some(cells) = self.blocking(hidden, target, v, w, &m) else {
                return;
            };
            let cost = (
                cells.iter().map(|&(t, u)| self.sums[t][u]).sum::<u64>(),
                cells.len(),
            );
            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                best = Some((cost, cells));
            }
        };
        for w in (0..self.counts.len()).filter(|&w| w != v) {
            for &g in &self.tables[target] {
                for s in [1, -1] {
                    consider(w, Move::of(&[(g, s)]));
                }
                for &h in self.same_partner[g].iter().chain(&self.same_month[g]) {
                    for (s, r) in [(1, -1), (-1, 1)] {
                        consider(w, Move::of(&[(g, s), (h, r)]));
                    }
                }
            }
        }
        // A table with reports always has a one-group move (see the module notes); without
        // one, hide the whole table.
        best.map(|(_, cells)| cells)
            .unwrap_or_else(|| (0..self.counts.len()).map(|u| (target, u)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_with_one_value_ends() {
        let counts = vec![vec![2, 3]];
        let tables = vec![vec![0], vec![1], vec![0, 1]];
        let place = [(0, 0), (1, 0)];
        let field = Field {
            counts: &counts,
            tables: &tables,
            place: &place,
        };
        assert_eq!(suppress(&field, 5), [vec![true], vec![true], vec![false]]);
    }

    #[test]
    fn a_quarter_does_not_give_away_a_hidden_month() {
        // One partner, three months of one quarter; values a/b. Month 3 has a small cell.
        let counts = vec![vec![20, 30, 2], vec![25, 15, 40]];
        let tables = vec![vec![0], vec![1], vec![2], vec![0, 1, 2]];
        let place = [(0, 0), (1, 0), (2, 0)];
        let field = Field {
            counts: &counts,
            tables: &tables,
            place: &place,
        };
        let hidden = suppress(&field, 5);
        // Month 3 hides both cells; the quarter (62 / 80) would give them back unless another
        // month hides too, or the quarter does.
        assert_eq!(hidden[2], [true, true]);
        let quarter_hidden = hidden[3].iter().all(|h| *h);
        let another_month = hidden[0] == [true, true] || hidden[1] == [true, true];
        assert!(quarter_hidden || another_month, "{hidden:?}");
    }
}
