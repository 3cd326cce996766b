//! The canvas's nodes and links written as markup, and the few DOM writes that change them from
//! one step to the next.
//!
//! A 200-node diagram is about 2,700 elements. Creating them one by one from wasm (each element,
//! each attribute string crossing to JavaScript) took most of the time the diagram took to open;
//! the page parses the same markup in a few milliseconds. So the canvas writes all its nodes and
//! links as one string when the diagram changes (with the state of that moment), and while the
//! diagram stays the same, or only its nodes move, it changes only what differs: a class, a
//! label, a token path, a position. The elements stay, so a focused node keeps its focus and its
//! stroke transitions.
//!
//! Every name a learner typed, and every sentence that holds one, is written through
//! [`Escaped`].

use super::status_class;
use super::tokens::{self, Curve};
use super::{glyph, NODE_H, NODE_W};
use crate::markup::{Escaped, Num};
use engine::diagram::LinkKind;
use engine::topology::{Kind, ResourceId};
use engine::world::Status;
use std::fmt::Write;
use wasm_bindgen::JsCast;

/// What a node shows that does not change with the step.
pub struct NodeDrawing<'a> {
    pub id: ResourceId,
    pub kind: Kind,
    pub name: &'a str,
    /// The name as the canvas shows it (shortened).
    pub short_name: &'a str,
    pub at: (f64, f64),
    /// Its tooltip on the port ("Drag to link").
    pub port_title: &'a str,
}

/// A class attribute: `base`, then each name whose flag is on.
fn with_flags<const N: usize>(mut class: String, flags: [(bool, &str); N]) -> String {
    for (on, name) in flags {
        if on {
            class.push(' ');
            class.push_str(name);
        }
    }
    class
}

/// What a node shows at the current step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeLook {
    pub status: Status,
    /// The status as the learner reads it ("idle", "retrying"...).
    pub status_label: &'static str,
    /// Its sentence for screen readers, ending with its status.
    pub sentence: String,
    pub selected: bool,
    /// Whether the current event happens here.
    pub current: bool,
    /// Whether it is on the causal path of the current event.
    pub on_path: bool,
    /// A line each under its box: attempt, next attempt, messages, queued events, iterator age.
    pub badges: Vec<String>,
}

impl NodeLook {
    fn class(&self, kind: Kind) -> String {
        let base = format!(
            "node kind-{} status-{}",
            kind.as_str(),
            status_class(self.status)
        );
        with_flags(
            base,
            [
                (self.selected, "selected"),
                (self.current, "current"),
                (self.on_path, "on-path"),
            ],
        )
    }

    fn badges_markup(&self) -> String {
        let mut out = String::new();
        for (i, badge) in self.badges.iter().enumerate() {
            let _ = write!(
                out,
                r#" <text class="node-badge" x="8" y="{}">{}</text>"#,
                Num(NODE_H + 16.0 + 14.0 * i as f64),
                Escaped(badge)
            );
        }
        out
    }
}

/// A whole node: its group (focusable, with its sentence), box, pictogram, name, state, port and
/// badges.
pub fn node(out: &mut String, drawing: &NodeDrawing<'_>, state: &NodeLook) {
    let (x, y) = drawing.at;
    let _ = write!(
        out,
        concat!(
            r#"<g class="{class}" transform="translate({x},{y})" tabindex="0" role="button" "#,
            r#"aria-pressed="{pressed}" aria-label="{sentence}" "#,
            r#"aria-keyshortcuts="Enter L F Delete Shift+ArrowRight" "#,
            r#"data-testid="node-{name}" data-status="{status}" data-node="{id}">"#,
            r#"<rect class="node-box" width="{w}" height="{h}" rx="10"/>"#,
            r#"<rect class="node-icon" x="10" y="12" width="40" height="40" rx="8"/>"#,
            r#"<path class="node-glyph" transform="translate(14,16)" d="{glyph}"/>"#,
            // Spaces between the texts: read together they are words, not "image-metadataidle".
            r#"<text class="node-name" x="60" y="30" data-room="{name_room}">{short}</text> "#,
            r#"<text class="node-status" x="60" y="50">{status_label}</text> "#,
            r#"<circle class="port" cx="{w}" cy="{port_y}" r="8" data-testid="port-{name}">"#,
            r#"<title>{port}</title></circle>{badges}</g>"#,
        ),
        class = state.class(drawing.kind),
        x = Num(x),
        y = Num(y),
        name = Escaped(drawing.name),
        pressed = state.selected,
        sentence = Escaped(&state.sentence),
        status = status_class(state.status),
        id = drawing.id,
        w = NODE_W,
        h = NODE_H,
        port_y = NODE_H / 2.0,
        glyph = glyph(drawing.kind),
        short = Escaped(drawing.short_name),
        name_room = Num(NAME_ROOM),
        status_label = Escaped(state.status_label),
        port = Escaped(drawing.port_title),
        badges = state.badges_markup(),
    );
}

/// Room for a node's name: from where it starts to the port on the box's right edge.
const NAME_ROOM: f64 = NODE_W - 60.0 - 8.0;

/// Draws each text in `root` that is longer than the room it is marked with (`data-room`, in
/// diagram units) narrower, at the same height, so it stays inside: node names, and link labels
/// between two nodes. Measured in the browser's own font; every text is read before any is
/// changed, so the page is laid out once.
pub fn fit_texts(root: &web_sys::Element) {
    let Ok(texts) = root.query_selector_all("text[data-room]") else {
        return;
    };
    let texts: Vec<web_sys::SvgTextContentElement> = (0..texts.length())
        .filter_map(|i| texts.item(i)?.dyn_into().ok())
        .collect();
    for text in &texts {
        let _ = text.remove_attribute("textLength");
    }
    let over: Vec<(&web_sys::SvgTextContentElement, f64)> = texts
        .iter()
        .filter_map(|text| {
            let room: f64 = text.get_attribute("data-room")?.parse().ok()?;
            (f64::from(text.get_computed_text_length()) > room).then_some((text, room))
        })
        .collect();
    for (text, room) in over {
        let _ = text.set_attribute("textLength", &Num(room).to_string());
        let _ = text.set_attribute("lengthAdjust", "spacingAndGlyphs");
    }
}

/// Changes a node drawn by [`node`] from the state `was` to `now`.
pub fn patch_node(element: &web_sys::Element, kind: Kind, was: &NodeLook, now: &NodeLook) {
    if (was.status, was.selected, was.current, was.on_path)
        != (now.status, now.selected, now.current, now.on_path)
    {
        let _ = element.set_attribute("class", &now.class(kind));
    }
    if was.selected != now.selected {
        let _ = element.set_attribute("aria-pressed", if now.selected { "true" } else { "false" });
    }
    if was.sentence != now.sentence {
        let _ = element.set_attribute("aria-label", &now.sentence);
    }
    if was.status != now.status {
        let _ = element.set_attribute("data-status", status_class(now.status));
        if let Ok(Some(text)) = element.query_selector(".node-status") {
            text.set_text_content(Some(now.status_label));
        }
    }
    if was.badges != now.badges {
        if let Ok(old) = element.query_selector_all(".node-badge") {
            for i in 0..old.length() {
                if let Some(badge) = old
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    // With the space written before it (see `badges_markup`).
                    if let Some(space) = badge.previous_sibling().filter(|n| n.node_type() == 3) {
                        let _ = element.remove_child(&space);
                    }
                    badge.remove();
                }
            }
        }
        let _ = element.insert_adjacent_html("beforeend", &now.badges_markup());
    }
}

/// A link's parts that change only with the diagram and the language.
pub struct LinkDrawing<'a> {
    /// Its position in `Sim::links`, which a drag uses to find it.
    pub index: usize,
    pub kind: LinkKind,
    pub curve: Curve,
    pub label_at: (f64, f64),
    /// The width its label has between two nodes, if it sits between them (see [`fit_texts`]).
    pub label_room: Option<f64>,
    /// Its short label on the canvas ("async", "OnFailure"...).
    pub label: &'a str,
    /// Its sentence for screen readers, with AWS's refusals at the end.
    pub sentence: &'a str,
    /// AWS's refusals of it, one a line, if any.
    pub refused: Option<&'a str>,
    pub test_id: &'a str,
}

/// What a link shows at the current step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinkLook {
    /// Tokens travelling it at this instant.
    pub tokens: usize,
    /// Whether it is on the causal path of the current event.
    pub on_path: bool,
}

impl LinkLook {
    fn class(self, drawing: &LinkDrawing<'_>) -> String {
        with_flags(
            format!("link link-{}", drawing.kind.as_str()),
            [
                (self.tokens > 0, "active"),
                (self.on_path, "on-path"),
                (drawing.refused.is_some(), "refused"),
            ],
        )
    }

    fn label(self, drawing: &LinkDrawing<'_>) -> String {
        if self.tokens > 1 {
            format!("{} ×{}", drawing.label, self.tokens)
        } else {
            drawing.label.to_string()
        }
    }
}

/// One token per event at this instant, all drawn by one path (see tokens.rs).
fn token_path(out: &mut String, curve: &Curve, count: usize) {
    let _ = write!(
        out,
        r#"<path class="token" aria-hidden="true" data-tokens="{count}" data-curve="{curve}" d="{d}"/>"#,
        curve = curve.to_attribute(),
        d = tokens::burst_path(curve, count, 0.0),
    );
}

/// A whole link: its group (with its sentence), curve, tokens and label.
pub fn link(out: &mut String, drawing: &LinkDrawing<'_>, state: LinkLook) {
    let _ = write!(
        out,
        r#"<g class="{class}" role="img" aria-label="{sentence}" data-testid="{test_id}" data-kind="{kind}" data-link="{index}" data-refused="{refused}">"#,
        class = state.class(drawing),
        sentence = Escaped(drawing.sentence),
        test_id = Escaped(drawing.test_id),
        kind = drawing.kind.as_str(),
        index = drawing.index,
        refused = drawing.refused.is_some(),
    );
    if let Some(refused) = drawing.refused {
        let _ = write!(out, "<title>{}</title>", Escaped(refused));
    }
    let _ = write!(
        out,
        r#"<path class="edge" d="{}" marker-end="url(#arrow)"/>"#,
        drawing.curve.path()
    );
    if state.tokens > 0 {
        token_path(out, &drawing.curve, state.tokens);
    }
    let (x, y) = (Num(drawing.label_at.0), Num(drawing.label_at.1));
    let room = drawing
        .label_room
        .map(|room| format!(r#" data-room="{}""#, Num(room)))
        .unwrap_or_default();
    let _ = write!(
        out,
        r#"<text x="{x}" y="{y}"{room} text-anchor="middle" aria-hidden="true">{}</text></g>"#,
        Escaped(&state.label(drawing))
    );
}

/// Changes a link drawn by [`link`] from the state `was` to `now`.
pub fn patch_link(
    element: &web_sys::Element,
    drawing: &LinkDrawing<'_>,
    was: LinkLook,
    now: LinkLook,
) {
    if was == now {
        return;
    }
    let _ = element.set_attribute("class", &now.class(drawing));
    let token = element.query_selector("path.token").ok().flatten();
    match (token, now.tokens) {
        (Some(token), 0) => token.remove(),
        (Some(token), count) => {
            let _ = token.set_attribute("data-tokens", &count.to_string());
            let _ = token.set_attribute("d", &tokens::burst_path(&drawing.curve, count, 0.0));
        }
        (None, 0) => {}
        (None, count) => {
            let mut markup = String::new();
            token_path(&mut markup, &drawing.curve, count);
            if let Ok(Some(edge)) = element.query_selector(".edge") {
                let _ = edge.insert_adjacent_html("afterend", &markup);
            }
        }
    }
    if was.label(drawing) != now.label(drawing) {
        if let Ok(Some(text)) = element.query_selector("text") {
            text.set_text_content(Some(&now.label(drawing)));
            fit_texts(element);
        }
    }
}

/// Moves a node drawn by [`node`] to `at`.
pub fn place_node(element: &web_sys::Element, (x, y): (f64, f64)) {
    let _ = element.set_attribute("transform", &format!("translate({},{})", Num(x), Num(y)));
}

/// Redraws a link drawn by [`link`] along `curve`, its label at `label_at`: its path, label and
/// any tokens on it.
pub fn place_link(
    element: &web_sys::Element,
    curve: &Curve,
    (x, y): (f64, f64),
    room: Option<f64>,
) {
    if let Ok(Some(edge)) = element.query_selector(".edge") {
        let _ = edge.set_attribute("d", &curve.path());
    }
    if let Ok(Some(text)) = element.query_selector("text") {
        let _ = text.set_attribute("x", &Num(x).to_string());
        let _ = text.set_attribute("y", &Num(y).to_string());
        // Fitted again when the drag ends and the diagram is drawn (`fit_texts`).
        let _ = match room {
            Some(room) => text.set_attribute("data-room", &Num(room).to_string()),
            None => text.remove_attribute("data-room"),
        };
    }
    if let Ok(Some(token)) = element.query_selector("path.token") {
        let count = token
            .get_attribute("data-tokens")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let _ = token.set_attribute("data-curve", &curve.to_attribute());
        let _ = token.set_attribute("d", &tokens::burst_path(curve, count, 0.0));
    }
}

/// Everything [`node`] and [`link`] wrote, in one group: the page moves one element into the
/// canvas, not one per node and link.
pub fn layer(out: &mut String, contents: impl FnOnce(&mut String)) {
    out.push_str(r#"<g class="diagram">"#);
    contents(out);
    out.push_str("</g>");
}

/// The groups [`layer`] holds once it is on the page, in order, as a list (an `HTMLCollection`
/// is live).
pub fn children(container: &web_sys::Element) -> Vec<web_sys::Element> {
    let Some(layer) = container.first_element_child() else {
        return Vec::new();
    };
    let children = layer.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .filter_map(|child| child.dyn_into::<web_sys::Element>().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link_drawing<'a>(sentence: &'a str, refused: Option<&'a str>) -> LinkDrawing<'a> {
        LinkDrawing {
            index: 3,
            kind: LinkKind::OnFailure,
            curve: Curve([(0.0, 0.0), (10.0, 0.0), (20.0, 5.0), (30.0, 5.0)]),
            label_at: (15.0, -5.0),
            label_room: None,
            label: "OnFailure",
            sentence,
            refused,
            test_id: "link-a-b",
        }
    }

    fn link_markup(drawing: &LinkDrawing<'_>, state: LinkLook) -> String {
        let mut out = String::new();
        link(&mut out, drawing, state);
        out
    }

    #[test]
    fn a_label_between_two_nodes_is_marked_with_the_room_it_has() {
        use super::super::flow::{label_room, link_geometry};
        // Two nodes of one row, 100 apart: the label has the gap less the port and the arrow.
        let (from, to) = ((40.0, 160.0), (320.0, 160.0));
        let (curve, label_at) = link_geometry(from, to, 0.0);
        let room = label_room(from, to, label_at);
        assert_eq!(room, Some(80.0));
        let drawing = LinkDrawing {
            curve,
            label_at,
            label_room: room,
            ..link_drawing("s", None)
        };
        let markup = link_markup(&drawing, LinkLook::default());
        assert!(markup.contains(r#" data-room="80" "#), "{markup}");
        // Between two rows, two columns apart, the label is in the open.
        let (from, to) = ((40.0, 60.0), (600.0, 360.0));
        let (_, label_at) = link_geometry(from, to, 0.0);
        assert_eq!(label_room(from, to, label_at), None);
        // A link back to an earlier column runs under the nodes: in the open too.
        let (_, label_at) = link_geometry(to, from, 0.0);
        assert_eq!(label_room(to, from, label_at), None);
    }

    #[test]
    fn a_quiet_link_is_its_curve_and_label_with_its_sentence() {
        let drawing = link_drawing("Lambda function a → SNS topic b: on failure", None);
        assert_eq!(
            link_markup(&drawing, LinkLook::default()),
            concat!(
                r#"<g class="link link-on-failure" role="img" aria-label="Lambda function a → SNS topic b: on failure" data-testid="link-a-b" data-kind="on-failure" data-link="3" data-refused="false">"#,
                r#"<path class="edge" d="M0,0 C10,0 20,5 30,5" marker-end="url(#arrow)"/>"#,
                r#"<text x="15" y="-5" text-anchor="middle" aria-hidden="true">OnFailure</text></g>"#,
            )
        );
    }

    #[test]
    fn a_travelled_link_is_active_and_draws_its_tokens_and_their_count() {
        let markup = link_markup(
            &link_drawing("s", None),
            LinkLook {
                tokens: 3,
                on_path: true,
            },
        );
        assert!(
            markup.starts_with(r#"<g class="link link-on-failure active on-path" "#),
            "{markup}"
        );
        assert!(
            markup.contains(r#"<path class="token" aria-hidden="true" data-tokens="3" data-curve="0 0 10 0 20 5 30 5" d="M"#),
            "{markup}"
        );
        assert!(markup.ends_with(">OnFailure ×3</text></g>"), "{markup}");
    }

    #[test]
    fn a_hostile_name_in_a_link_sentence_or_refusal_stays_text() {
        let markup = link_markup(
            &link_drawing(
                r#"SQS queue "><script>alert(1)</script>"#,
                Some("<b>no</b>"),
            ),
            LinkLook::default(),
        );
        assert!(!markup.contains("<script>"), "{markup}");
        assert!(!markup.contains("<b>"), "{markup}");
        assert!(
            markup.contains(r#"aria-label="SQS queue &quot;&gt;&lt;script&gt;"#),
            "{markup}"
        );
        assert!(
            markup.contains(r#"class="link link-on-failure refused""#),
            "{markup}"
        );
        assert!(
            markup.contains("<title>&lt;b&gt;no&lt;/b&gt;</title>"),
            "{markup}"
        );
    }

    #[test]
    fn a_node_shows_its_state_and_badges_and_escapes_its_name() {
        let drawing = NodeDrawing {
            id: 7,
            kind: Kind::Function,
            name: "<img src=x>",
            short_name: "<img src=x>",
            at: (40.0, 60.0),
            port_title: "Drag to link",
        };
        let state = NodeLook {
            status: Status::Retrying,
            status_label: "retrying",
            sentence: "Lambda function <img src=x>, retrying".into(),
            selected: true,
            current: false,
            on_path: true,
            badges: vec!["Attempt 2/3".into(), "4 <queued>".into()],
        };
        let mut markup = String::new();
        node(&mut markup, &drawing, &state);
        assert!(
            markup.starts_with(r#"<g class="node kind-function status-retrying selected on-path" transform="translate(40,60)" tabindex="0" role="button" aria-pressed="true" aria-label="Lambda function &lt;img src=x&gt;, retrying" "#),
            "{markup}"
        );
        assert!(
            markup.contains(
                r#"data-testid="node-&lt;img src=x&gt;" data-status="retrying" data-node="7">"#
            ),
            "{markup}"
        );
        assert!(!markup.contains("<img"), "{markup}");
        assert!(
            markup.contains(r#"<text class="node-status" x="60" y="50">retrying</text>"#),
            "{markup}"
        );
        assert!(
            markup.ends_with(concat!(
                r#"<title>Drag to link</title></circle>"#,
                r#" <text class="node-badge" x="8" y="88">Attempt 2/3</text>"#,
                r#" <text class="node-badge" x="8" y="102">4 &lt;queued&gt;</text></g>"#,
            )),
            "{markup}"
        );
    }
}
