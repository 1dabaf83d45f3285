//! Small labelled input fields that refuse bad values with a message instead of clamping.
//! While a field has focus it keeps what the user typed; otherwise it shows the model.

use chrono::NaiveDate;
use egui::{Color32, Id, RichText, Ui};
use std::collections::HashMap;
use std::ops::RangeInclusive;

/// Text buffers and error messages of the fields being edited, plus the gesture counter
/// that groups one field's keystrokes into one undo step.
#[derive(Default)]
pub struct Fields {
    buffers: HashMap<Id, String>,
    errors: HashMap<Id, String>,
    /// Bumped whenever a field gains focus or a slider starts a drag.
    pub gesture: u64,
}

impl Fields {
    /// Forgets typed text and messages (e.g. when the selection changes).
    pub fn reset(&mut self) {
        self.buffers.clear();
        self.errors.clear();
    }

    /// Whether any field shows an error.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// A labelled single-line text field. `current` is the model's value as text; `parse`
    /// checks what was typed. Returns a new value when the user typed a valid one.
    pub fn text<T>(
        &mut self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        current: &str,
        width: f32,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        self.text_with(ui, key, label, current, width, parse, |_| None)
    }

    /// [`Fields::text`] with something after the field on the same row (a picker) that
    /// may give a value too.
    #[allow(clippy::too_many_arguments)]
    fn text_with<T>(
        &mut self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        current: &str,
        width: f32,
        parse: impl Fn(&str) -> Result<T, String>,
        trailing: impl FnOnce(&mut Ui) -> Option<T>,
    ) -> Option<T> {
        let id = ui.scope_id().with(key);
        let mut out = None;
        ui.horizontal(|ui| {
            let l = ui.add_sized([72.0, 18.0], egui::Label::new(label).truncate());
            let buffer = self
                .buffers
                .entry(id)
                .or_insert_with(|| current.to_string());
            let has_focus = ui.memory(|m| m.has_focus(id));
            if !has_focus {
                buffer.clear();
                buffer.push_str(current);
            }
            let resp = ui
                .add(
                    egui::TextEdit::singleline(buffer)
                        .id(id)
                        .desired_width(width),
                )
                .labelled_by(l.id);
            if resp.gained_focus() {
                self.gesture += 1;
            }
            if resp.changed() {
                match parse(buffer.trim()) {
                    Ok(v) => {
                        self.errors.remove(&id);
                        out = Some(v);
                    }
                    Err(e) => {
                        self.errors.insert(id, e);
                    }
                }
            }
            if let Some(v) = trailing(ui) {
                self.errors.remove(&id);
                out = Some(v);
            }
        });
        if let Some(e) = self.errors.get(&id) {
            ui.label(
                RichText::new(format!("⚠ {e}"))
                    .color(Color32::from_rgb(0xd0, 0x3a, 0x1a))
                    .small(),
            );
        }
        out
    }

    /// A number field accepting `lo..=hi` (or `(lo, hi]` when `exclusive_lo`).
    #[allow(clippy::too_many_arguments)]
    pub fn number(
        &mut self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        value: f64,
        lo: f64,
        hi: f64,
        exclusive_lo: bool,
        unit: &str,
    ) -> Option<f64> {
        let current = fmt_number(value);
        self.text(ui, key, label, &current, 60.0, |t| {
            let v: f64 = t
                .replace(',', ".")
                .parse()
                .map_err(|_| format!("\"{t}\" is not a number"))?;
            let low_ok = if exclusive_lo { v > lo } else { v >= lo };
            if !v.is_finite() || !low_ok || v > hi {
                let range = if exclusive_lo {
                    format!(
                        "more than {} and at most {}",
                        fmt_number(lo),
                        fmt_number(hi)
                    )
                } else {
                    format!("{}–{}", fmt_number(lo), fmt_number(hi))
                };
                return Err(format!(
                    "{} {unit} refused: must be {range} {unit}",
                    fmt_number(v)
                ));
            }
            Ok(v)
        })
    }

    /// A whole-number field accepting `range` (one of `model::limits`', mostly).
    pub fn whole<T>(
        &mut self,
        ui: &mut Ui,
        (key, label): (&str, &str),
        value: T,
        range: RangeInclusive<T>,
        unit: &str,
    ) -> Option<T>
    where
        T: Copy + PartialOrd + std::fmt::Display + TryFrom<i64>,
    {
        self.text(ui, key, label, &value.to_string(), 60.0, |t| {
            let v: i64 = t
                .parse()
                .map_err(|_| format!("\"{t}\" is not a whole number"))?;
            T::try_from(v)
                .ok()
                .filter(|v| range.contains(v))
                .ok_or_else(|| {
                    let (lo, hi) = (range.start(), range.end());
                    format!("{v} {unit} refused: must be {lo}–{hi} {unit}")
                })
        })
    }

    /// A date field: typed as `YYYY-MM-DD`, or picked from a calendar with the button
    /// beside it.
    pub fn date(
        &mut self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        value: NaiveDate,
    ) -> Option<NaiveDate> {
        self.text_with(ui, key, label, &value.to_string(), 90.0, parse_date, |ui| {
            date_picker(ui, key, label, value)
        })
    }
}

/// A calendar button for `value`; returns the day picked. The picker works in `jiff`
/// dates: converted here, both ways.
fn date_picker(ui: &mut Ui, key: &str, label: &str, value: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let to_jiff =
        |d: NaiveDate| jiff::civil::Date::new(d.year() as i16, d.month() as i8, d.day() as i8).ok();
    let mut picked = to_jiff(value)?;
    let salt = format!("{key}-picker");
    let resp = ui.add(
        egui_extras::DatePickerButton::new(&mut picked)
            .id_salt(&salt)
            .format("")
            // Its year/month/day combo boxes have no accessible names: arrows and the
            // month grid instead.
            .combo_boxes(false)
            .calendar_week(false),
    );
    let name = format!("Pick the {} from a calendar", label.to_lowercase());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    let resp = resp.on_hover_text(&name);
    if !resp.changed() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::from(picked.year()),
        picked.month() as u32,
        picked.day() as u32,
    )
    .filter(|d| crate::model::date_in_range(*d))
}

/// Parses `YYYY-MM-DD` in the years plans use, with a helpful message.
pub fn parse_date(t: &str) -> Result<NaiveDate, String> {
    crate::model::parse_date(t)
}

/// A number without needless decimals: 6, 6.5, 21.1.
pub fn fmt_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A labelled combo box over `options`; returns the new choice when changed.
pub fn choice<T: Copy + PartialEq>(
    ui: &mut Ui,
    key: &str,
    label: &str,
    value: T,
    options: &[T],
    name: impl Fn(T) -> String,
) -> Option<T> {
    let mut out = None;
    ui.horizontal(|ui| {
        let l = ui.add_sized([72.0, 18.0], egui::Label::new(label).truncate());
        let resp = egui::ComboBox::from_id_salt(key)
            .selected_text(name(value))
            .width(120.0)
            .show_ui(ui, |ui| {
                for &o in options {
                    if ui.selectable_label(o == value, name(o)).clicked() && o != value {
                        out = Some(o);
                    }
                }
            });
        resp.response.labelled_by(l.id);
    });
    out
}
