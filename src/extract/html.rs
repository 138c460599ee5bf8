//! HTML → visible text, title, description, raw links, and the markup where addresses hide.
//!
//! One parse with `scraper` (html5ever) and one iterative walk of the tree, so that a page
//! nested 100,000 deep costs no recursion. Links come out raw here (as written); resolving them
//! against the page's base is `extract::links`. Nothing here looks for wallets or contacts.

use ego_tree::iter::Edge;
use scraper::{Html, Node, node::Element};
use std::borrow::Cow;

/// What the walk of one HTML document yields.
#[derive(Debug, Default)]
pub struct Document {
    /// The `<title>`, whitespace folded.
    pub title: String,
    /// `<meta name=description>` or `og:description`.
    pub description: String,
    /// The visible text, block boundaries as line breaks, whitespace folded.
    pub text: String,
    /// Attribute values, inline scripts and hidden text: where pages hide addresses.
    pub markup: String,
    /// `href`/`src` of anchors, areas and frames, as written.
    pub links: Vec<String>,
    /// The first `<base href>`, as written.
    pub base: Option<String>,
    /// `<link rel=canonical>` or `og:url`, as written.
    pub canonical: Option<String>,
}

/// Deepest element nesting handed to the parser. Browsers cap tree depth too (Blink at 512);
/// past it, html5ever's scope checks make parsing quadratic (100,000 nested `<div>`s: 30 s).
const MAX_NESTING: usize = 512;

/// Parses `source` and walks it once.
pub fn read(source: &str) -> Document {
    let html = Html::parse_document(&cap_nesting(source));
    let mut document = Document::default();
    let mut text = TextWriter::default();
    let mut title = TextWriter::default();
    // Depth inside elements whose text is not shown (script, style, hidden, …).
    let mut hidden_depth = 0usize;
    // Depth inside <style>, whose text is neither shown nor worth scanning.
    let mut style_depth = 0usize;
    let mut title_depth = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let hidden_by_attribute = collect_attributes(element, &mut document);
                    let name = element.name();
                    if name == "style" {
                        style_depth += 1;
                    }
                    if name == "title" && title.is_empty() {
                        title_depth += 1;
                    } else if hidden_depth > 0 || hidden_by_attribute || hides_by_tag(name) {
                        hidden_depth += 1;
                    } else if is_block(name) {
                        text.break_line();
                    } else if is_cell(name) {
                        text.space();
                    }
                }
                Node::Text(content) => {
                    if style_depth > 0 {
                        continue;
                    }
                    if title_depth > 0 {
                        title.push(content);
                    } else if hidden_depth > 0 {
                        document.markup.push_str(content);
                        document.markup.push('\n');
                    } else {
                        text.push(content);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if name == "style" {
                        style_depth = style_depth.saturating_sub(1);
                    }
                    if name == "title" && title_depth > 0 {
                        title_depth -= 1;
                    } else if hidden_depth > 0 {
                        hidden_depth -= 1;
                    } else if is_block(name) {
                        text.break_line();
                    }
                }
            }
        }
    }
    document.text = text.finish();
    document.title = title.finish();
    document
}

/// `source` with the start tags that would nest deeper than [`MAX_NESTING`] removed.
///
/// The count is approximate (it skips void elements and those whose end tag may be implied),
/// which is enough: real pages stay far below the cap, and past it only tags are dropped,
/// never text.
fn cap_nesting(source: &str) -> Cow<'_, str> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut kept = String::new();
    let mut copied_up_to = 0;
    for start in memchr::memchr_iter(b'<', bytes) {
        let (name, is_end) = tag_name(&bytes[start + 1..]);
        if name.is_empty() || !counts_for_nesting(name) {
            continue;
        }
        if is_end {
            depth = depth.saturating_sub(1);
            continue;
        }
        depth += 1;
        if depth > MAX_NESTING {
            depth -= 1;
            let end = memchr::memchr(b'>', &bytes[start..])
                .map_or(bytes.len(), |offset| start + offset + 1);
            if start >= copied_up_to {
                kept.push_str(&source[copied_up_to..start]);
                copied_up_to = end;
            }
        }
    }
    if copied_up_to == 0 {
        return Cow::Borrowed(source);
    }
    kept.push_str(&source[copied_up_to.min(source.len())..]);
    Cow::Owned(kept)
}

/// The lower-case ASCII name of the tag that starts at `after_bracket`, and whether it ends.
fn tag_name(after_bracket: &[u8]) -> (&[u8], bool) {
    let (is_end, rest) = match after_bracket.first() {
        Some(b'/') => (true, &after_bracket[1..]),
        _ => (false, after_bracket),
    };
    let length = rest
        .iter()
        .take(16)
        .take_while(|byte| byte.is_ascii_alphanumeric())
        .count();
    (&rest[..length], is_end)
}

fn counts_for_nesting(name: &[u8]) -> bool {
    const UNCOUNTED: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"source",
        b"track",
        b"wbr",
        b"param",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"thead",
        b"tbody",
        b"tfoot",
        b"colgroup",
        b"caption",
        b"head",
        b"body",
        b"html",
        b"rb",
        b"rt",
        b"rp",
    ];
    name.first().is_some_and(u8::is_ascii_alphabetic)
        && !UNCOUNTED
            .iter()
            .any(|uncounted| uncounted.eq_ignore_ascii_case(name))
}

/// Records the attributes that matter: links, metadata, and every value an address may hide
/// in. Returns true when an attribute hides the element (`hidden`, `aria-hidden`, a style).
fn collect_attributes(element: &Element, document: &mut Document) -> bool {
    let name = element.name();
    let mut hidden = false;
    for (attribute, value) in element.attrs() {
        hidden |= match attribute {
            "hidden" => true,
            "aria-hidden" => value.eq_ignore_ascii_case("true"),
            "style" => hides_by_style(value),
            _ => false,
        };
        let linkable = matches!(attribute, "href" | "src")
            && matches!(name, "a" | "area" | "iframe" | "frame");
        if linkable {
            document.links.push(value.to_owned());
        }
        if is_hiding_place(attribute) {
            document.markup.push_str(attribute);
            document.markup.push('=');
            document.markup.push_str(value);
            document.markup.push('\n');
        }
    }
    match name {
        "base" if document.base.is_none() => {
            document.base = element.attr("href").map(str::to_owned)
        }
        "link" if has_token(element.attr("rel"), "canonical") => {
            document.canonical = element.attr("href").map(str::to_owned);
        }
        "meta" => read_meta(element, document),
        _ => {}
    }
    hidden
}

fn read_meta(element: &Element, document: &mut Document) {
    let key = element
        .attr("name")
        .or_else(|| element.attr("property"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let Some(content) = element.attr("content") else {
        return;
    };
    match key.as_str() {
        "description" | "og:description" if document.description.is_empty() => {
            let mut description = TextWriter::default();
            description.push(content);
            document.description = description.finish();
        }
        "og:url" if document.canonical.is_none() => document.canonical = Some(content.to_owned()),
        _ => {}
    }
}

fn has_token(list: Option<&str>, token: &str) -> bool {
    list.is_some_and(|list| {
        list.split_ascii_whitespace()
            .any(|item| item.eq_ignore_ascii_case(token))
    })
}

/// Attributes whose values scam pages use to hide addresses and handles.
fn is_hiding_place(attribute: &str) -> bool {
    matches!(
        attribute,
        "href" | "src" | "value" | "alt" | "title" | "content" | "placeholder" | "action"
    ) || attribute.starts_with("data-")
}

/// Elements whose content a reader never sees as text.
fn hides_by_tag(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "template" | "noscript" | "head" | "svg" | "object" | "select"
    )
}

fn hides_by_style(style: &str) -> bool {
    style.split(';').any(|declaration| {
        let Some((property, value)) = declaration.split_once(':') else {
            return false;
        };
        let (property, value) = (property.trim(), value.trim());
        let starts_with = |prefix: &str| {
            value.len() >= prefix.len() && value[..prefix.len()].eq_ignore_ascii_case(prefix)
        };
        (property.eq_ignore_ascii_case("display") && starts_with("none"))
            || (property.eq_ignore_ascii_case("visibility") && starts_with("hidden"))
    })
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "caption"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tr"
            | "ul"
            | "option"
            | "button"
            | "label"
            | "textarea"
    )
}

fn is_cell(name: &str) -> bool {
    matches!(name, "td" | "th")
}

/// Builds folded text: runs of white space become one space, block boundaries one line break,
/// and invisible characters used to split addresses (zero-width, soft hyphen) are dropped.
#[derive(Default)]
pub struct TextWriter {
    output: String,
    pending: Pending,
}

#[derive(Default, PartialEq)]
enum Pending {
    #[default]
    Nothing,
    Space,
    LineBreak,
}

impl TextWriter {
    /// Appends text, folding white space.
    pub fn push(&mut self, content: &str) {
        self.output.reserve(content.len());
        if content.is_ascii() {
            self.push_ascii(content);
            return;
        }
        let mut run_start = None;
        for (index, character) in content.char_indices() {
            let is_space = character.is_whitespace();
            if is_space || is_invisible(character) {
                if let Some(start) = run_start.take() {
                    self.flush_pending();
                    self.output.push_str(&content[start..index]);
                }
                if is_space && self.pending == Pending::Nothing {
                    self.pending = Pending::Space;
                }
            } else if run_start.is_none() {
                run_start = Some(index);
            }
        }
        if let Some(start) = run_start {
            self.flush_pending();
            self.output.push_str(&content[start..]);
        }
    }

    /// The same as [`TextWriter::push`] for ASCII, without decoding characters.
    fn push_ascii(&mut self, content: &str) {
        let bytes = content.as_bytes();
        let mut index = 0;
        while index < bytes.len() {
            if bytes[index].is_ascii_whitespace() {
                if self.pending == Pending::Nothing {
                    self.pending = Pending::Space;
                }
                index += 1;
                continue;
            }
            let start = index;
            while index < bytes.len() && !bytes[index].is_ascii_whitespace() {
                index += 1;
            }
            self.flush_pending();
            self.output.push_str(&content[start..index]);
        }
    }

    /// Marks a block boundary.
    pub fn break_line(&mut self) {
        self.pending = Pending::LineBreak;
    }

    /// Marks a word boundary (table cells).
    pub fn space(&mut self) {
        if self.pending == Pending::Nothing {
            self.pending = Pending::Space;
        }
    }

    /// True while nothing visible has been written.
    pub fn is_empty(&self) -> bool {
        self.output.is_empty()
    }

    /// The folded text.
    pub fn finish(self) -> String {
        self.output
    }

    fn flush_pending(&mut self) {
        if !self.output.is_empty() {
            match self.pending {
                Pending::Nothing => {}
                Pending::Space => self.output.push(' '),
                Pending::LineBreak => self.output.push('\n'),
            }
        }
        self.pending = Pending::Nothing;
    }
}

/// Characters that render as nothing and are used to break up addresses.
pub fn is_invisible(character: char) -> bool {
    matches!(
        character,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_keeps_blocks_and_drops_hidden_markup() {
        let document = read(
            "<html><head><title> Job  offer </title><style>p{}</style></head><body>\
             <h1>Hello&nbsp;&amp; welcome</h1><p>Line <b>one</b></p><div hidden>secret</div>\
             <script>var w='x';</script><p style='display: none'>gone</p><p>two</p></body></html>",
        );
        assert_eq!(document.title, "Job offer");
        assert_eq!(document.text, "Hello & welcome\nLine one\ntwo");
        assert!(document.markup.contains("secret"));
        assert!(document.markup.contains("var w='x';"));
    }

    #[test]
    fn absurd_nesting_is_capped_without_losing_text() {
        let source = format!("{}deep text{}", "<div>".repeat(5000), "</div>".repeat(5000));
        assert!(cap_nesting(&source).len() < source.len());
        assert_eq!(read(&source).text, "deep text");
        let normal = "<div><div><p>a<p>b</div></div>";
        assert!(matches!(cap_nesting(normal), Cow::Borrowed(_)));
    }

    #[test]
    fn ascii_and_unicode_paths_fold_alike() {
        let cases: [(&[&str], &str); 5] = [
            (&["  a  b\tc \n d "], "a b c d"),
            (&["x", "y"], "xy"),
            (&["x ", "y"], "x y"),
            (&["x", " y ", "z"], "x y z"),
            (&["é ", " x", "ü"], "é xü"),
        ];
        for (pieces, expected) in cases {
            let mut writer = TextWriter::default();
            for piece in pieces {
                writer.push(piece);
            }
            assert_eq!(writer.finish(), expected, "{pieces:?}");
        }
    }

    #[test]
    fn zero_width_characters_are_dropped() {
        let document = read("<p>TR7N\u{200B}Hqje\u{00AD}KQ</p>");
        assert_eq!(document.text, "TR7NHqjeKQ");
    }
}
