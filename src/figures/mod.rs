//! Every figure of the labs: charts, graph diagrams, animations.
//!
//! Each `plot_*` function returns a [`Figure`] (PNG or GIF bytes) that shows
//! itself inline when it is the last value of a notebook cell, and can be
//! [`Figure::save`]d. Rendering is deterministic: the same inputs give the same
//! bytes. Text uses the bundled DejaVu Sans, so no system fonts are needed.

mod anim;
mod charts;
mod classify;
mod diagrams;
mod explorer;
mod nudge_plots;
mod quiz_widget;
mod web;

pub use anim::{hidden_layer_animation, nudge_animation};
pub use charts::{
    plot_circles, plot_curve, plot_decision_boundary, plot_decision_function,
    plot_grad_check_errors, plot_points_and_outputs, plot_sigmoid, plot_sigmoid_and_prime,
    plot_sin_fit, plot_toy_data, plot_training,
};
pub use classify::{plot_accuracy, plot_confusion, plot_curves, plot_images, plot_layer_gradients};
pub use diagrams::{
    plot_graph, plot_graph_marked, plot_miniflow, plot_network, plot_quiz, plot_transpose,
    NetworkDiagram,
};
pub use nudge_plots::plot_nudge;

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::error::{Error, Result};

/// DejaVu Sans, bundled so text renders without system fonts (license in
/// `assets/fonts/DejaVu-LICENSE.txt`).
static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for style in [
            FontStyle::Normal,
            FontStyle::Bold,
            FontStyle::Italic,
            FontStyle::Oblique,
        ] {
            // The bundled file is a valid TrueType font; registration cannot fail on it.
            let _ = plotters::style::register_font("sans-serif", style, FONT);
        }
    });
}

/// What a [`Figure`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureFormat {
    /// A still PNG image.
    Png,
    /// An animated GIF.
    Gif,
}

/// A rendered figure: PNG or animated GIF bytes. Every plotting function returns one.
///
/// In a notebook on the evcxr kernel, a `Figure` left as the value of a cell shows
/// inline: a PNG as `image/png`; an animation as a player (play/pause, step, a
/// scrub slider and a speed menu, in HTML with inline JavaScript that needs no
/// network), with its last frame as `image/png` for viewers that run no
/// scripts. [`Figure::save`] writes the PNG or the animated GIF to a file. The
/// same inputs always give the same bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    format: FigureFormat,
    bytes: Vec<u8>,
    width: u32,
    height: u32,
    frames: usize,
    /// An animation's frames, each a one-frame GIF for the player (empty
    /// for a still figure).
    frame_gifs: Vec<Vec<u8>>,
    /// An animation's last frame as a PNG, for viewers that run no scripts.
    last_png: Vec<u8>,
    /// An animation's time per frame, in milliseconds.
    delay_ms: u32,
}

impl Figure {
    /// The encoded file contents.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// PNG or GIF.
    pub fn format(&self) -> FigureFormat {
        self.format
    }
    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }
    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }
    /// Number of frames (1 for a PNG).
    pub fn frames(&self) -> usize {
        self.frames
    }
    /// The MIME type, `image/png` or `image/gif`.
    pub fn mime(&self) -> &'static str {
        match self.format {
            FigureFormat::Png => "image/png",
            FigureFormat::Gif => "image/gif",
        }
    }

    /// Frame `k` of an animation as a one-frame GIF, as the player shows it.
    /// `None` for a still figure or past the last frame.
    pub fn frame_gif(&self, k: usize) -> Option<&[u8]> {
        self.frame_gifs.get(k).map(|f| &f[..])
    }

    /// The player an animation shows in a notebook: the frames as PNG data
    /// URLs and the controls, as one self-contained HTML fragment. `None` for
    /// a still figure.
    pub fn player_html(&self) -> Option<String> {
        if self.format != FigureFormat::Gif {
            return None;
        }
        let frames: Vec<String> = self
            .frame_gifs
            .iter()
            .map(|f| web::js_string(&format!("data:image/gif;base64,{}", base64(f))))
            .collect();
        let n = self.frame_gifs.len();
        // The script sets the image (each frame is in it once).
        let body = format!(
            "<img class=\"bpl-frame\" width=\"{w}\" height=\"{h}\" alt=\"animation, {n} frames\"/>\n\
             <div class=\"bpl-controls\">\
             <button class=\"bpl-play\">&#9654; play</button>\
             <button class=\"bpl-prev\" title=\"previous frame\">&#9664; step</button>\
             <button class=\"bpl-next\" title=\"next frame\">step &#9654;</button>\
             <input class=\"bpl-scrub\" type=\"range\" min=\"0\" max=\"{last}\" value=\"0\" aria-label=\"frame\"/>\
             <span class=\"bpl-label\">frame 1 / {n}</span>\
             <label>speed <select class=\"bpl-speed\"><option value=\"0.25\">0.25&#215;</option><option value=\"0.5\">0.5&#215;</option>\
             <option value=\"1\" selected>1&#215;</option><option value=\"2\">2&#215;</option><option value=\"4\">4&#215;</option></select></label>\
             </div>",
            w = self.width,
            h = self.height,
            // An animation has at least one frame (`encode_gif` refuses none).
            last = n.saturating_sub(1),
        );
        let script = format!(
            "{}\nbplPlayer(root, [{}], {});\nroot.setAttribute(\"data-ready\", \"1\");",
            PLAYER_JS,
            frames.join(","),
            self.delay_ms
        );
        Some(web::widget("bpl-player", &body, &script))
    }

    /// The block the evcxr kernel reads from standard output to show a rich value.
    pub fn evcxr_content(&self) -> String {
        match self.format {
            FigureFormat::Png => web::evcxr_block("image/png", &base64(&self.bytes)),
            FigureFormat::Gif => {
                let html = self.player_html().expect("an animation");
                web::evcxr_block("text/html", &html)
                    + &web::evcxr_block("image/png", &base64(&self.last_png))
            }
        }
    }

    /// Shows the figure inline; the evcxr kernel calls this for a cell's value.
    pub fn evcxr_display(&self) {
        print!("{}", self.evcxr_content());
    }

    /// Writes the figure to `path`, through a temporary file renamed into place,
    /// so a failure leaves no half-written file.
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::io::fsio::write_atomic("Figure::save", path.as_ref(), &self.bytes)
    }
}

/// An interactive output for a notebook: self-contained HTML with inline
/// script (it needs no network and no Jupyter extension), and a PNG that
/// viewers which run no scripts show instead. Made by
/// [`NudgeSweep::explorer`](crate::net1d::NudgeSweep::explorer) and
/// [`QuizReport::widget`](crate::graph::QuizReport::widget); animations play in a
/// player of the same kind (see [`Figure`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Widget {
    html: String,
    fallback_png: Vec<u8>,
}

impl Widget {
    pub(crate) fn new(html: String, fallback_png: Vec<u8>) -> Self {
        Widget { html, fallback_png }
    }

    /// The HTML fragment, script included.
    pub fn html(&self) -> &str {
        &self.html
    }

    /// The static PNG shown where scripts do not run.
    pub fn fallback_png(&self) -> &[u8] {
        &self.fallback_png
    }

    /// The blocks the evcxr kernel reads: `text/html` and the `image/png` fallback.
    pub fn evcxr_content(&self) -> String {
        web::evcxr_block("text/html", &self.html)
            + &web::evcxr_block("image/png", &base64(&self.fallback_png))
    }

    /// Shows the widget in a notebook cell; the evcxr kernel calls this.
    pub fn evcxr_display(&self) {
        print!("{}", self.evcxr_content());
    }
}

/// The animation player's script.
const PLAYER_JS: &str = include_str!("web/player.js");

/// Standard base64 with padding.
pub(crate) fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk.len();
        let b = [
            chunk[0],
            if n > 1 { chunk[1] } else { 0 },
            if n > 2 { chunk[2] } else { 0 },
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(T[(v >> 18) as usize & 63] as char);
        out.push(T[(v >> 12) as usize & 63] as char);
        out.push(if n > 1 {
            T[(v >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if n > 2 {
            T[v as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

pub(crate) fn render_err(op: &'static str, e: impl std::fmt::Display) -> Error {
    Error::Render {
        op,
        detail: e.to_string(),
    }
}

thread_local! {
    static SIZE_OVERRIDE: std::cell::Cell<Option<(u32, u32)>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with charts and animations drawn at `size` (width, height) instead
/// of their default size; diagrams size themselves to their content and ignore it.
///
/// # Errors
/// [`Error::InvalidParameter`] for a width or height of 0 or above 8000; the
/// errors of `f`.
///
/// ```
/// use backprop_lab::figures::{plot_sigmoid, with_figure_size};
/// let big = with_figure_size((1000, 600), plot_sigmoid)?;
/// assert_eq!((big.width(), big.height()), (1000, 600));
/// assert!(with_figure_size((0, 600), plot_sigmoid).is_err());
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn with_figure_size<T>(size: (u32, u32), f: impl FnOnce() -> Result<T>) -> Result<T> {
    check_size("with_figure_size", size)?;
    /// Puts the previous size back when dropped, so that it is restored even
    /// when `f` panics.
    struct Restore(Option<(u32, u32)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            SIZE_OVERRIDE.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(SIZE_OVERRIDE.with(|c| c.replace(Some(size))));
    f()
}

/// The size to draw at: the override of [`with_figure_size`], else `default`.
pub(crate) fn size_or(default: (u32, u32)) -> (u32, u32) {
    SIZE_OVERRIDE.with(|c| c.get()).unwrap_or(default)
}

/// Checks a figure size.
pub(crate) fn check_size(op: &'static str, (w, h): (u32, u32)) -> Result<()> {
    if w == 0 || h == 0 || w > 8000 || h > 8000 {
        return Err(size_err(op, (w, h)));
    }
    Ok(())
}

/// The error for a figure size outside 1 to 8000 pixels a side.
fn size_err(op: &'static str, (w, h): (u32, u32)) -> Error {
    Error::InvalidParameter {
        op,
        name: "size",
        value: format!("{w}x{h}"),
        reason: "width and height must be between 1 and 8000 pixels".into(),
    }
}

/// The longest text (title, axis label, legend entry, caption, node name) a
/// figure draws, in characters. Drawing text takes time in proportion to its
/// length (a million characters took half a minute); no figure up to 8000
/// pixels wide shows more than about 800 characters on a line.
pub(crate) const MAX_TEXT: usize = 1000;

/// Checks that `text` (the parameter `name`) is at most [`MAX_TEXT`] characters.
pub(crate) fn check_text(op: &'static str, name: &'static str, text: &str) -> Result<()> {
    let n = text.chars().count();
    if n > MAX_TEXT {
        return Err(Error::InvalidParameter {
            op,
            name,
            value: format!("a text of {n} characters"),
            reason: format!("a figure draws texts of at most {MAX_TEXT} characters"),
        });
    }
    Ok(())
}

/// Checks that every value of `v` lies within `±limit`, the largest magnitude
/// the chart drawing `what` survives (NaN is refused too).
pub(crate) fn check_range(op: &'static str, what: &str, v: &[f64], limit: f64) -> Result<()> {
    match v.iter().position(|x| x.is_nan() || x.abs() > limit) {
        None => Ok(()),
        Some(i) => Err(Error::Domain {
            op,
            detail: format!(
                "{what}[{i}] = {:e} is beyond ±{limit:e}, the largest magnitude this figure draws",
                v[i]
            ),
        }),
    }
}

/// Checks a series for plotting: non-empty and finite.
pub(crate) fn check_series(op: &'static str, what: &str, v: &[f64]) -> Result<()> {
    if v.is_empty() {
        return Err(Error::Empty {
            op,
            what: what.to_string(),
        });
    }
    crate::error::check_finite_slice(op, what, v)
}

/// The drawing area type all figure code draws on.
pub(crate) type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

/// Renders one frame: white background, `draw`, then the RGB buffer.
pub(crate) fn render_rgb(
    op: &'static str,
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> std::result::Result<(), Box<dyn std::error::Error>>,
) -> Result<Vec<u8>> {
    check_size(op, size)?;
    register_fonts();
    // Checked although `check_size` bounds both sides by 8000 (192 MB of RGB).
    let bytes = (size.0 as usize)
        .checked_mul(size.1 as usize)
        .and_then(|p| p.checked_mul(3))
        .ok_or_else(|| size_err(op, size))?;
    let mut buf = vec![255u8; bytes];
    {
        let root = BitMapBackend::with_buffer(&mut buf, size).into_drawing_area();
        root.fill(&WHITE).map_err(|e| render_err(op, e))?;
        draw(&root).map_err(|e| render_err(op, e))?;
        root.present().map_err(|e| render_err(op, e))?;
    }
    Ok(buf)
}

/// Renders a PNG figure.
pub(crate) fn render_png(
    op: &'static str,
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> std::result::Result<(), Box<dyn std::error::Error>>,
) -> Result<Figure> {
    let rgb = render_rgb(op, size, draw)?;
    Ok(Figure {
        format: FigureFormat::Png,
        bytes: encode_png(op, size, &rgb)?,
        width: size.0,
        height: size.1,
        frames: 1,
        frame_gifs: Vec::new(),
        last_png: Vec::new(),
        delay_ms: 0,
    })
}

/// One RGB buffer as PNG bytes.
fn encode_png(op: &'static str, size: (u32, u32), rgb: &[u8]) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, size.0, size.1);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().map_err(|e| render_err(op, e))?;
        w.write_image_data(rgb).map_err(|e| render_err(op, e))?;
    }
    Ok(bytes)
}

/// Encodes RGB frames as a looping GIF with `delay_cs` hundredths of a second per frame.
pub(crate) fn encode_gif(
    op: &'static str,
    size: (u32, u32),
    frames: &[Vec<u8>],
    delay_cs: u16,
) -> Result<Figure> {
    if frames.is_empty() {
        return Err(Error::Empty {
            op,
            what: "the list of animation frames".into(),
        });
    }
    if size.0 > u32::from(u16::MAX) || size.1 > u32::from(u16::MAX) {
        return Err(size_err(op, size));
    }
    let mut bytes = Vec::new();
    {
        let mut enc = gif::Encoder::new(&mut bytes, size.0 as u16, size.1 as u16, &[])
            .map_err(|e| render_err(op, e))?;
        enc.set_repeat(gif::Repeat::Infinite)
            .map_err(|e| render_err(op, e))?;
        for rgb in frames {
            let mut frame = gif::Frame::from_rgb_speed(size.0 as u16, size.1 as u16, rgb, 10);
            frame.delay = delay_cs;
            enc.write_frame(&frame).map_err(|e| render_err(op, e))?;
        }
    }
    // Each frame on its own too, for the player: GIF's 256-colour frames are
    // about a third smaller than PNG's for these figures.
    let frame_gifs = frames
        .iter()
        .map(|rgb| {
            let mut one = Vec::new();
            {
                let mut enc = gif::Encoder::new(&mut one, size.0 as u16, size.1 as u16, &[])
                    .map_err(|e| render_err(op, e))?;
                let frame = gif::Frame::from_rgb_speed(size.0 as u16, size.1 as u16, rgb, 10);
                enc.write_frame(&frame).map_err(|e| render_err(op, e))?;
            }
            Ok(one)
        })
        .collect::<Result<Vec<_>>>()?;
    let last = frames.last().expect("checked non-empty above");
    Ok(Figure {
        format: FigureFormat::Gif,
        bytes,
        width: size.0,
        height: size.1,
        frames: frames.len(),
        frame_gifs,
        last_png: encode_png(op, size, last)?,
        delay_ms: u32::from(delay_cs) * 10,
    })
}

/// Shorthand for drawing errors inside figure code.
pub(crate) type DrawResult = std::result::Result<(), Box<dyn std::error::Error>>;

/// The labs' colours.
pub(crate) mod palette {
    use plotters::style::RGBColor;
    /// matplotlib's default blue.
    pub(crate) const BLUE: RGBColor = RGBColor(31, 119, 180);
    /// matplotlib's default orange.
    pub(crate) const ORANGE: RGBColor = RGBColor(255, 127, 14);
    /// matplotlib's default green.
    pub(crate) const GREEN: RGBColor = RGBColor(44, 160, 44);
    /// matplotlib's default red.
    pub(crate) const RED: RGBColor = RGBColor(214, 39, 40);
    /// matplotlib's default purple.
    pub(crate) const PURPLE: RGBColor = RGBColor(148, 103, 189);
    /// A neutral grey for wires and grids.
    pub(crate) const GREY: RGBColor = RGBColor(150, 150, 150);
    /// Per-layer colours for norm plots.
    pub(crate) const SERIES: [RGBColor; 5] = [BLUE, ORANGE, GREEN, RED, PURPLE];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        // RFC 4648 section 10 test vectors.
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), want);
        }
    }

    #[test]
    fn zero_size_is_refused() {
        assert!(matches!(
            render_png("t", (0, 10), |_| Ok(())),
            Err(Error::InvalidParameter { .. })
        ));
        assert!(matches!(
            encode_gif("t", (10, 10), &[], 10),
            Err(Error::Empty { .. })
        ));
    }
}
