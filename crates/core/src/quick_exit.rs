//! Recognising the quick-exit keyboard shortcut: Shift pressed three times within a few seconds
//! (the GOV.UK convention; Escape is avoided because browsers use it to stop loading).

/// How long three presses may take, in milliseconds.
pub const WINDOW_MS: f64 = 3000.0;

/// Counts Shift presses. Any other key starts the count again, so typing capitals never exits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShiftCounter {
    presses: Vec<f64>,
}

impl ShiftCounter {
    /// Feeds one `keydown`; returns true when this press completes the shortcut.
    pub fn key_down(&mut self, key: &str, repeat: bool, now_ms: f64) -> bool {
        if key != "Shift" {
            self.presses.clear();
            return false;
        }
        if repeat {
            return false;
        }
        self.presses.retain(|t| now_ms - t < WINDOW_MS);
        self.presses.push(now_ms);
        if self.presses.len() >= 3 {
            self.presses.clear();
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_presses_within_the_window_trigger() {
        let mut c = ShiftCounter::default();
        assert!(!c.key_down("Shift", false, 0.0));
        assert!(!c.key_down("Shift", false, 500.0));
        assert!(c.key_down("Shift", false, 1000.0));
        assert!(
            !c.key_down("Shift", false, 1100.0),
            "the count starts again"
        );
    }

    #[test]
    fn slow_presses_held_keys_and_typing_do_not() {
        let mut c = ShiftCounter::default();
        c.key_down("Shift", false, 0.0);
        c.key_down("Shift", false, 1000.0);
        assert!(
            !c.key_down("Shift", false, 3500.0),
            "the first press is too old"
        );
        let mut c = ShiftCounter::default();
        c.key_down("Shift", false, 0.0);
        assert!(!c.key_down("Shift", true, 10.0));
        assert!(!c.key_down("Shift", true, 20.0), "auto-repeat is one press");
        let mut c = ShiftCounter::default();
        c.key_down("Shift", false, 0.0);
        c.key_down("A", false, 10.0);
        c.key_down("Shift", false, 20.0);
        assert!(
            !c.key_down("Shift", false, 30.0),
            "typing in between resets"
        );
    }
}
