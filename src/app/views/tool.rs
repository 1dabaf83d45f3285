//! The tool windows (calf program, return to running, fit to headroom, re-plan, import,
//! how the calves feel): one way to open and close them. Each opens at its own spot and
//! closes with its × or with Escape — when it is the topmost window, no dialog is over it
//! and no text field is being edited (Escape then leaves the field first).

use egui::{Context, Id, Key, LayerId, Modifiers, Order, Ui};

/// Where the frame before's keyboard focus is kept.
const KEYBOARD_TAKEN: &str = "gradual-keyboard-taken";

/// Call at the end of each frame: whether a text field has the keyboard, for the next
/// frame's Escape.
pub fn remember_keyboard(ctx: &Context) {
    let taken = ctx.egui_wants_keyboard_input();
    ctx.data_mut(|d| d.insert_temp(Id::unique(KEYBOARD_TAKEN), taken));
}

/// Where a tool window opens and how big.
pub struct Tool {
    /// The title (also the window's identity).
    pub title: &'static str,
    /// Where it first opens.
    pub pos: [f32; 2],
    /// Its first width.
    pub width: f32,
    /// Its first height, when the content would not size it well.
    pub height: Option<f32>,
    /// Whether it can be folded to its title bar.
    pub collapsible: bool,
}

impl Tool {
    /// A tool window titled `title`, opening at `pos`, `width` wide.
    pub const fn new(title: &'static str, pos: [f32; 2], width: f32) -> Self {
        Tool {
            title,
            pos,
            width,
            height: None,
            collapsible: true,
        }
    }

    /// With a first height.
    pub const fn height(self, height: f32) -> Self {
        Tool {
            height: Some(height),
            ..self
        }
    }

    /// Without folding.
    pub const fn fixed(self) -> Self {
        Tool {
            collapsible: false,
            ..self
        }
    }

    /// The window's identity (set on the window, so its layer is known).
    fn id(&self) -> Id {
        Id::unique(self.title)
    }

    /// The window's layer.
    fn layer(&self) -> LayerId {
        LayerId::new(Order::Middle, self.id())
    }

    /// Shows the window while `open`; clears `open` when it is closed (× or Escape).
    /// Returns what `add` returned, when the window's content ran.
    pub fn show<R>(
        &self,
        ctx: &Context,
        open: &mut bool,
        add: impl FnOnce(&mut Ui) -> R,
    ) -> Option<R> {
        if !*open {
            return None;
        }
        if self.escape_closes(ctx) {
            *open = false;
            return None;
        }
        let mut window = egui::Window::new(self.title)
            .id(self.id())
            .default_pos(self.pos)
            .default_width(self.width)
            .collapsible(self.collapsible)
            .open(open);
        if let Some(h) = self.height {
            window = window.default_height(h);
        }
        window.show(ctx, add).and_then(|r| r.inner)
    }

    /// Escape was pressed for this window: it is the topmost window shown, no modal
    /// dialog is up and no text field had the keyboard (egui drops the focus on Escape
    /// before anything is drawn, so the frame before tells: see [`remember_keyboard`]).
    fn escape_closes(&self, ctx: &Context) -> bool {
        let typing = ctx.data(|d| d.get_temp::<bool>(Id::unique(KEYBOARD_TAKEN)));
        let on_top = ctx.memory(|m| {
            m.top_modal_layer().is_none()
                && m.layer_ids()
                    .filter(|l| l.order == Order::Middle && m.areas().is_visible(l))
                    .last()
                    == Some(self.layer())
        });
        on_top
            && typing != Some(true)
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
    }
}
