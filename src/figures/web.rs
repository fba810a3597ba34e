//! Interactive outputs for notebooks: HTML with inline CSS and JavaScript and
//! no network, each carrying a PNG for viewers that run no scripts.
//!
//! Every widget is one `<div class="bpl-widget ...">` whose script finds its
//! own `<div>` through `document.currentScript`, so any number of widgets can
//! share a page and a re-run cell simply replaces its own; nothing relies on
//! a global id.

/// The CSS every widget shares.
const CSS: &str = include_str!("web/widget.css");

/// A widget's `<div>`: the shared CSS, the body, and `script`, which runs with
/// `root` bound to the widget's own `<div>`. `data-lm-suppress-shortcuts`
/// keeps JupyterLab's keyboard shortcuts (`a`, `b`, `d d`, ...) from firing
/// while the learner types into the widget. `kind` names the widget
/// (`bpl-player`, ...), for the page's CSS and for tests.
pub(crate) fn widget(kind: &str, body: &str, script: &str) -> String {
    format!(
        "<div class=\"bpl-widget {kind}\" data-lm-suppress-shortcuts=\"true\">\n<style>{CSS}</style>\n{body}\n<script>\n(function (root) {{\n{script}\n}})(document.currentScript ? document.currentScript.parentNode : document.querySelector(\".{kind}:not([data-ready])\"));\n</script>\n</div>"
    )
}

/// A string as a JavaScript (and JSON) string literal.
pub(crate) fn js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            // "</script>" inside a string would end the script element.
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Finite numbers as a JavaScript array literal, shortest round-trip form.
pub(crate) fn js_numbers(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|x| js_number(*x)).collect();
    format!("[{}]", items.join(","))
}

/// One finite number as JavaScript reads it back exactly; `null` otherwise.
pub(crate) fn js_number(x: f64) -> String {
    if x.is_finite() {
        format!("{x:?}")
    } else {
        "null".into()
    }
}

/// The evcxr kernel's block for one MIME type.
pub(crate) fn evcxr_block(mime: &str, data: &str) -> String {
    format!("EVCXR_BEGIN_CONTENT {mime}\n{data}\nEVCXR_END_CONTENT\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_close_the_script() {
        let s = js_string("a\"b\\c</script><b>\n");
        assert_eq!(s, "\"a\\\"b\\\\c\\u003c/script\\u003e\\u003cb\\u003e\\n\"");
        assert!(!s.contains("</"));
    }

    #[test]
    fn numbers_round_trip_and_refuse_nan() {
        assert_eq!(js_numbers(&[0.1, -2.0, 1e-300]), "[0.1,-2.0,1e-300]");
        assert_eq!(js_number(f64::NAN), "null");
        let x = 0.1 + 0.2;
        assert_eq!(js_number(x).parse::<f64>().unwrap(), x);
    }

    #[test]
    fn a_widget_finds_its_own_div() {
        let html = widget(
            "bpl-test",
            "<p>hi</p>",
            "root.setAttribute('data-ready','1');",
        );
        assert!(html.starts_with("<div class=\"bpl-widget bpl-test\" data-lm-suppress-shortcuts"));
        assert!(html.contains("document.currentScript.parentNode"));
        assert!(html.trim_end().ends_with("</script>\n</div>"));
    }
}
