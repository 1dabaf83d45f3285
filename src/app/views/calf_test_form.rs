//! The calf-raise test entry form: both legs' reps and the pain felt during the test,
//! typed and then recorded together. The inspector shows it for a test session (its day
//! fixed); the plan panel's "Add calf-raise test" opens it with a day to choose. Nothing
//! is recorded until the numbers are typed: a placeholder result would count as evidence.

use super::CalfTestEntry;
use crate::model::CalfRaiseTest;
use crate::model::limits;
use chrono::NaiveDate;
use egui::{RichText, Ui};

/// What the form asks for.
pub enum Outcome {
    /// Nothing yet.
    None,
    /// Record this result.
    Record(CalfRaiseTest),
    /// Close the form without recording (only offered when the day can be chosen).
    Cancel,
}

impl CalfTestEntry {
    /// A blank entry for `date`, or the numbers already recorded for it.
    pub fn for_date(date: NaiveDate, recorded: Option<&CalfRaiseTest>) -> Self {
        CalfTestEntry {
            date: Some(date),
            date_text: date.to_string(),
            left: recorded.map(|t| t.left.to_string()).unwrap_or_default(),
            right: recorded.map(|t| t.right.to_string()).unwrap_or_default(),
            pain: recorded
                .and_then(|t| t.pain)
                .map(|p| p.to_string())
                .unwrap_or_default(),
            error: None,
        }
    }

    /// The typed result, or why it is refused.
    pub fn parse(&self, date_editable: bool) -> Result<CalfRaiseTest, String> {
        let reps = |t: &str, leg: &str| -> Result<u32, String> {
            let v: i64 = t
                .trim()
                .parse()
                .map_err(|_| format!("{leg}: \"{t}\" is not a whole number of reps"))?;
            let range = limits::TEST_REPS;
            u32::try_from(v)
                .ok()
                .filter(|v| range.contains(v))
                .ok_or_else(|| {
                    format!(
                        "{leg}: {v} reps refused: must be {}–{}",
                        range.start(),
                        range.end()
                    )
                })
        };
        let date = if date_editable {
            super::fields::parse_date(self.date_text.trim()).map_err(|e| format!("date: {e}"))?
        } else {
            self.date.ok_or("no test day")?
        };
        let pain = match self.pain.trim() {
            "" => None,
            t => {
                let v: i64 = t
                    .parse()
                    .map_err(|_| format!("pain: \"{t}\" is not a whole number 0–10"))?;
                let range = limits::PAIN;
                let pain = u8::try_from(v).ok().filter(|v| range.contains(v));
                Some(pain.ok_or_else(|| {
                    format!(
                        "pain: {v} refused: must be {}–{}",
                        range.start(),
                        range.end()
                    )
                })?)
            }
        };
        Ok(CalfRaiseTest {
            date,
            left: reps(&self.left, "left")?,
            right: reps(&self.right, "right")?,
            pain,
        })
    }
}

/// Shows the form for `entry`; `date_editable` adds a day field and a Cancel button.
pub fn show(ui: &mut Ui, entry: &mut CalfTestEntry, date_editable: bool) -> Outcome {
    let mut rows: Vec<(&str, &mut String)> = Vec::new();
    if date_editable {
        rows.push(("Test day", &mut entry.date_text));
    }
    rows.push(("Left reps", &mut entry.left));
    rows.push(("Right reps", &mut entry.right));
    rows.push(("Pain 0–10", &mut entry.pain));
    for (label, text) in rows {
        ui.horizontal(|ui| {
            let l = ui.add_sized([72.0, 18.0], egui::Label::new(label));
            ui.add(egui::TextEdit::singleline(text).desired_width(80.0))
                .labelled_by(l.id);
        });
    }
    ui.label(
        RichText::new("Pain: the most felt during the test (empty if not noted).")
            .small()
            .weak(),
    );
    let mut outcome = Outcome::None;
    ui.horizontal(|ui| {
        if ui.button("Record test").clicked() {
            match entry.parse(date_editable) {
                Ok(t) => {
                    entry.error = None;
                    outcome = Outcome::Record(t);
                }
                Err(e) => entry.error = Some(e),
            }
        }
        if date_editable && ui.button("Cancel").clicked() {
            outcome = Outcome::Cancel;
        }
    });
    if let Some(e) = &entry.error {
        ui.label(
            RichText::new(format!("⚠ {e}"))
                .color(egui::Color32::from_rgb(0xd0, 0x3a, 0x1a))
                .small(),
        );
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_result_is_checked_before_it_counts() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut e = CalfTestEntry::for_date(d, None);
        assert!(e.parse(false).unwrap_err().contains("left"), "blank reps");
        e.left = "18".into();
        e.right = "21".into();
        assert_eq!(
            e.parse(false).unwrap(),
            CalfRaiseTest {
                date: d,
                left: 18,
                right: 21,
                pain: None
            }
        );
        e.pain = "11".into();
        assert_eq!(
            e.parse(false).unwrap_err(),
            "pain: 11 refused: must be 0–10"
        );
        e.pain = "1".into();
        e.date_text = "2026-03-04".into();
        let t = e.parse(true).unwrap();
        assert_eq!((t.date.to_string(), t.pain), ("2026-03-04".into(), Some(1)));
        e.date_text = "yesterday".into();
        assert!(e.parse(true).unwrap_err().starts_with("date:"));
    }
}
