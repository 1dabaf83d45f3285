//! An empty eframe window: the baseline for Gradual's start-up time and memory
//! (`scripts/measure-startup.sh`).

fn main() -> eframe::Result {
    eframe::run_native(
        "empty",
        eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default().with_inner_size([1280.0, 800.0]),
            renderer: gradual::app::renderer(),
            ..Default::default()
        },
        Box::new(|_| Ok(Box::new(Empty))),
    )
}

struct Empty;

impl eframe::App for Empty {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| ui.label("empty"));
    }
}
