//! Ordering the short lists the engine sorts (reasons, contacts, ticked answers).
//!
//! The standard library's stable sort is fast on long slices but adds several kilobytes of
//! code per element type to the widget's wasm; these lists hold a few dozen items at most.

/// Sorts `items` by `key`, keeping the order of equal items (insertion sort).
pub fn stable_sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_items_in_order() {
        let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        stable_sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        let mut empty: [u8; 0] = [];
        stable_sort_by_key(&mut empty, |x| *x);
    }
}
