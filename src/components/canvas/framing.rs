//! The views the diagram takes by itself: the whole diagram as large as the canvas allows, clear
//! of what sits over it (the zoom buttons, the outline's summary, the minimap); a phone's
//! readable start; and following a run to the node each step happens at.

use super::gestures::View;
use crate::layout::{NODE_H, NODE_W};
use engine::topology::ResourceId;
use std::collections::HashMap;

/// A rectangle in CSS pixels, from the canvas's top-left corner; or in diagram units.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn right(&self) -> f64 {
        self.x + self.w
    }

    fn bottom(&self) -> f64 {
        self.y + self.h
    }

    fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    fn union(&self, other: &Rect) -> Rect {
        let (x, y) = (self.x.min(other.x), self.y.min(other.y));
        Rect {
            x,
            y,
            w: self.right().max(other.right()) - x,
            h: self.bottom().max(other.bottom()) - y,
        }
    }

    /// What is left of `self` beside `overlay`: the strip on the other side of it, the whole
    /// height.
    fn beside(&self, overlay: &Rect) -> Rect {
        if overlay.x + overlay.w / 2.0 > self.x + self.w / 2.0 {
            Rect {
                w: overlay.x - GAP - self.x,
                ..*self
            }
        } else {
            let x = overlay.right() + GAP;
            Rect {
                x,
                w: self.right() - x,
                ..*self
            }
        }
    }

    /// What is left of `self` above or below `overlay`: the band on the other side of it, the
    /// whole width.
    fn across(&self, overlay: &Rect) -> Rect {
        if overlay.y + overlay.h / 2.0 > self.y + self.h / 2.0 {
            Rect {
                h: overlay.y - GAP - self.y,
                ..*self
            }
        } else {
            let y = overlay.bottom() + GAP;
            Rect {
                y,
                h: self.bottom() - y,
                ..*self
            }
        }
    }
}

/// The scale zoom 1 draws the diagram at: `content` fitted to the canvas (`meet`).
fn fit(canvas: (f64, f64), content: (f64, f64)) -> f64 {
    (canvas.0 / content.0).min(canvas.1 / content.1)
}

/// The canvas's size on screen, in CSS pixels.
fn size_of(rect: &web_sys::DomRect) -> (f64, f64) {
    (rect.width(), rect.height())
}

/// Room kept around each node, in diagram units.
const PAD: f64 = 12.0;
/// Room kept under each node for two lines of badges ("0 messages"), in diagram units.
const BADGES: f64 = 36.0;
/// Space kept between the diagram and an overlay, in CSS pixels.
const GAP: f64 = 6.0;
/// The largest scale a fitted diagram is drawn at (names about 14 px): a small diagram is not
/// blown up.
const MOST: f64 = 1.0;
/// A fitted view is taken only when it draws the diagram this much larger than the plain fit.
const WORTH_IT: f64 = 1.05;

/// The largest view of every node (with its badges) that none of `overlays` covers, on a canvas
/// `canvas` CSS pixels large. Each overlay is kept clear of in one of three ways, and the largest
/// result wins: no node under it; the diagram in the strip beside it; or in the band above or
/// below it. Zoom 1 is the plain fit of `content` (the view box `meet`s the canvas, centred).
fn clear_fit(
    canvas: (f64, f64),
    content: (f64, f64),
    places: &[(f64, f64)],
    overlays: &[Rect],
) -> Option<View> {
    let (w, h) = canvas;
    if w <= 0.0 || h <= 0.0 || content.0 <= 0.0 || content.1 <= 0.0 {
        return None;
    }
    let boxes: Vec<Rect> = places
        .iter()
        .map(|&(x, y)| Rect {
            x: x - PAD,
            y: y - PAD,
            w: NODE_W + 2.0 * PAD,
            h: NODE_H + BADGES + PAD,
        })
        .collect();
    let bounds = boxes.iter().copied().reduce(|a, b| a.union(&b))?;
    let mut best: Option<(f64, (f64, f64))> = None;
    let ways = 3usize.checked_pow(u32::try_from(overlays.len()).ok()?)?;
    for way in 0..ways {
        let mut area = Rect {
            x: 0.0,
            y: 0.0,
            w,
            h,
        };
        let mut apart = Vec::new();
        let mut rest = way;
        for overlay in overlays {
            match rest % 3 {
                0 => apart.push(*overlay),
                1 => area = area.beside(overlay),
                _ => area = area.across(overlay),
            }
            rest /= 3;
        }
        if area.w <= 0.0 || area.h <= 0.0 {
            continue;
        }
        let scale = (area.w / bounds.w).min(area.h / bounds.h).min(MOST);
        // The diagram centred in the area.
        let origin = (
            area.x + (area.w - bounds.w * scale) / 2.0,
            area.y + (area.h - bounds.h * scale) / 2.0,
        );
        let clear = boxes.iter().all(|b| {
            let drawn = Rect {
                x: origin.0 + (b.x - bounds.x) * scale,
                y: origin.1 + (b.y - bounds.y) * scale,
                w: b.w * scale,
                h: b.h * scale,
            };
            apart.iter().all(|o| !o.overlaps(&drawn))
        });
        if clear && best.is_none_or(|(most, _)| scale > most) {
            best = Some((scale, origin));
        }
    }
    let (scale, origin) = best?;
    let zoom = scale / fit(canvas, content);
    // `meet` draws the view box centred: its left edge at `offset.0`, its top at `offset.1`.
    let offset = (
        (w - content.0 / zoom * scale) / 2.0,
        (h - content.1 / zoom * scale) / 2.0,
    );
    Some(View {
        x: bounds.x - (origin.0 - offset.0) / scale,
        y: bounds.y - (origin.1 - offset.1) / scale,
        zoom,
    })
}

/// What sits over the canvas `svg`, relative to it: the zoom buttons, the minimap and the
/// outline's summary where it is laid over the diagram (on short windows).
fn overlays(svg: &web_sys::Element, canvas: &web_sys::DomRect) -> Vec<Rect> {
    let Some(wrap) = svg.parent_element() else {
        return Vec::new();
    };
    let whole = Rect {
        x: 0.0,
        y: 0.0,
        w: canvas.width(),
        h: canvas.height(),
    };
    [".view-controls", ".minimap", ".outline:not([open])"]
        .into_iter()
        .filter_map(|selector| wrap.query_selector(selector).ok().flatten())
        .map(|e| {
            let r = e.get_bounding_client_rect();
            Rect {
                x: r.left() - canvas.left(),
                y: r.top() - canvas.top(),
                w: r.width(),
                h: r.height(),
            }
        })
        .filter(|r| r.w > 0.0 && r.h > 0.0 && r.overlaps(&whole))
        .collect()
}

/// The whole diagram, drawn as large as the canvas allows and clear of what sits over it; the
/// plain fit when that is as good.
fn whole(
    svg: &web_sys::Element,
    canvas: &web_sys::DomRect,
    content: (f64, f64),
    places: &HashMap<ResourceId, (f64, f64)>,
) -> View {
    let places: Vec<(f64, f64)> = places.values().copied().collect();
    clear_fit(size_of(canvas), content, &places, &overlays(svg, canvas))
        .filter(|view| view.zoom >= WORTH_IT)
        .unwrap_or(View::FIT)
}

/// How the canvas framed the diagram by itself: it frames it again the same way when the canvas
/// or the diagram changes, until the view is zoomed or moved.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Framing {
    /// As the page opens: a phone's readable start, else the whole diagram.
    Start,
    /// The whole diagram (the fit button).
    Whole,
}

impl Framing {
    /// The view this way of framing gives on the canvas `svg`, measured at `canvas`.
    fn view(
        self,
        svg: &web_sys::Element,
        canvas: &web_sys::DomRect,
        content: (f64, f64),
        places: &HashMap<ResourceId, (f64, f64)>,
    ) -> View {
        let whole = whole(svg, canvas, content, places);
        let size = size_of(canvas);
        match self {
            Framing::Start if whole.zoom * fit(size, content) < LEAST_SCALE => {
                readable_start(size, content, places).unwrap_or(whole)
            }
            _ => whole,
        }
    }
}

/// The view the canvas last took by itself, how, for which diagram of the gallery and at which
/// size of the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Framed {
    view: View,
    framing: Framing,
    opened: Option<usize>,
    size: (f64, f64),
    content: (f64, f64),
}

impl Default for Framed {
    fn default() -> Self {
        Framed {
            view: View::FIT,
            framing: Framing::Start,
            opened: None,
            size: (0.0, 0.0),
            content: (0.0, 0.0),
        }
    }
}

impl Framed {
    /// The view to take now that the diagram `opened` is shown in `current` on a canvas of
    /// `size`, if another: a diagram opened is framed afresh; a resized canvas, or an edit that
    /// puts a node out of sight, frames it again the same way; a view zoomed or moved by hand is
    /// kept.
    pub(super) fn again(
        &mut self,
        current: View,
        (opened, size): (Option<usize>, (f64, f64)),
        svg: &web_sys::Element,
        content: (f64, f64),
        places: &HashMap<ResourceId, (f64, f64)>,
    ) -> Option<View> {
        let fresh = opened != self.opened;
        if !fresh && current != View::FIT && current != self.view {
            return None;
        }
        let canvas = svg.get_bounding_client_rect();
        if !fresh && size == self.size {
            // An edit: what is drawn stays where it is while every node is in sight.
            let kept = if current == View::FIT {
                current
            } else {
                same_drawing(current, self.content, content, size_of(&canvas))
            };
            if all_in_sight(kept, size_of(&canvas), content, places) {
                self.view = kept;
                self.content = content;
                return (kept != current).then_some(kept);
            }
        }
        let framing = if fresh { Framing::Start } else { self.framing };
        let view = framing.view(svg, &canvas, content, places);
        *self = Framed {
            view,
            framing,
            opened,
            size,
            content,
        };
        (view != current).then_some(view)
    }

    /// The whole diagram (the fit button); it is framed again so as the canvas changes.
    pub(super) fn whole(
        &mut self,
        svg: &web_sys::Element,
        content: (f64, f64),
        places: &HashMap<ResourceId, (f64, f64)>,
    ) -> View {
        self.framing = Framing::Whole;
        self.view = self
            .framing
            .view(svg, &svg.get_bounding_client_rect(), content, places);
        self.content = content;
        self.view
    }
}

/// The view that draws the diagram as `view` did, at the same scale and place, now that its
/// extent (`content`, which zoom 1 fits) is `now` instead of `was`.
fn same_drawing(view: View, was: (f64, f64), now: (f64, f64), canvas: (f64, f64)) -> View {
    let (fit_was, fit_now) = (fit(canvas, was), fit(canvas, now));
    if [was.0, was.1, now.0, now.1, fit_was, fit_now]
        .iter()
        .any(|v| !v.is_finite() || *v <= 0.0)
    {
        return view;
    }
    let scale = view.zoom * fit_was;
    let middle = (
        view.x + was.0 / view.zoom / 2.0,
        view.y + was.1 / view.zoom / 2.0,
    );
    let zoom = scale / fit_now;
    View {
        x: middle.0 - now.0 / zoom / 2.0,
        y: middle.1 - now.1 / zoom / 2.0,
        zoom,
    }
}

/// The scale a canvas too small for the whole diagram starts at, so node names are readable
/// (about 9 px).
const READABLE_SCALE: f64 = 0.65;
/// The whole diagram drawn smaller than this (names under 7 px: a phone, upright or sideways) is
/// not readable: the canvas starts at the readable scale instead, with part of the diagram out
/// of sight.
const LEAST_SCALE: f64 = 0.5;

/// The view a canvas too small for the whole diagram (a phone) starts at: a readable scale, from
/// the left edge of the nodes (where the inputs are; what is left over is on the right, where
/// the zoom buttons are) and their middle. `None` when the fit view is as good.
fn readable_start(
    (width, height): (f64, f64),
    content: (f64, f64),
    places: &HashMap<ResourceId, (f64, f64)>,
) -> Option<View> {
    if width <= 0.0 || height <= 0.0 || places.is_empty() {
        return None;
    }
    // The nodes, with room for the labels under them and a little margin.
    const ROOM: f64 = 24.0;
    let (mut left, mut top, mut bottom) = (f64::MAX, f64::MAX, f64::MIN);
    for &(x, y) in places.values() {
        (left, top) = (left.min(x - ROOM), top.min(y - ROOM));
        bottom = bottom.max(y + NODE_H + 2.0 * ROOM);
    }
    let zoom = (READABLE_SCALE / fit((width, height), content)).min(4.0);
    if zoom <= 1.05 {
        return None;
    }
    // The middle of what is in sight (the view box and the margins `meet` leaves around it).
    let middle_x = left + width / READABLE_SCALE / 2.0;
    let middle_y = (top + bottom) / 2.0;
    Some(View {
        x: middle_x - content.0 / (2.0 * zoom),
        y: middle_y - content.1 / (2.0 * zoom),
        zoom,
    })
}

/// What of the diagram is in sight in `view` on a canvas `canvas` CSS pixels large (the view box
/// and the margins `meet` leaves around it), in diagram units; `None` before it is laid out.
fn sight(view: View, canvas: (f64, f64), content: (f64, f64)) -> Option<Rect> {
    let scale = view.zoom * fit(canvas, content);
    if scale <= 0.0 {
        return None;
    }
    let (shown_w, shown_h) = (content.0 / view.zoom, content.1 / view.zoom);
    let (seen_w, seen_h) = (canvas.0 / scale, canvas.1 / scale);
    Some(Rect {
        x: view.x + (shown_w - seen_w) / 2.0,
        y: view.y + (shown_h - seen_h) / 2.0,
        w: seen_w,
        h: seen_h,
    })
}

/// Whether the node at `place` is wholly in `sight`.
fn sees(sight: &Rect, place: &(f64, f64)) -> bool {
    place.0 >= sight.x
        && place.1 >= sight.y
        && place.0 + NODE_W <= sight.right()
        && place.1 + NODE_H <= sight.bottom()
}

/// Whether every node is wholly in sight in `view` (an edit that keeps them so keeps the view).
fn all_in_sight(
    view: View,
    canvas: (f64, f64),
    content: (f64, f64),
    places: &HashMap<ResourceId, (f64, f64)>,
) -> bool {
    sight(view, canvas, content).is_some_and(|sight| places.values().all(|p| sees(&sight, p)))
}

/// The view moved so that the node at `place` is in sight, when it is not and only part of the
/// diagram is shown (a phone following a run); `None` otherwise.
pub(super) fn following(
    view: View,
    svg: &web_sys::Element,
    content: (f64, f64),
    place: (f64, f64),
) -> Option<View> {
    let canvas = size_of(&svg.get_bounding_client_rect());
    if view.zoom <= 1.0 || sees(&sight(view, canvas, content)?, &place) {
        return None;
    }
    // Moved, the node is put in the middle, clear of the zoom buttons in the corner.
    Some(View {
        x: place.0 + NODE_W / 2.0 - content.0 / view.zoom / 2.0,
        y: place.1 + NODE_H / 2.0 - content.1 / view.zoom / 2.0,
        zoom: view.zoom,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a node at `place` is drawn in the view, on screen: the view box `meet`s the canvas.
    fn drawn(view: View, canvas: (f64, f64), content: (f64, f64), place: (f64, f64)) -> Rect {
        let scale = view.zoom * fit(canvas, content);
        let shown = (content.0 / view.zoom, content.1 / view.zoom);
        let offset = (
            (canvas.0 - shown.0 * scale) / 2.0,
            (canvas.1 - shown.1 * scale) / 2.0,
        );
        Rect {
            x: offset.0 + (place.0 - view.x) * scale,
            y: offset.1 + (place.1 - view.y) * scale,
            w: NODE_W * scale,
            h: NODE_H * scale,
        }
    }

    /// The image-processing diagram: two nodes in a row, two beside them, one more at the top
    /// right (where the zoom buttons are).
    const PLACES: [(f64, f64); 5] = [
        (40.0, 160.0),
        (320.0, 160.0),
        (600.0, 60.0),
        (600.0, 260.0),
        (880.0, 60.0),
    ];
    const CONTENT: (f64, f64) = (1160.0, 432.0);

    #[test]
    fn a_short_wide_canvas_draws_every_node_larger_and_inside_it() {
        let canvas = (822.0, 219.0);
        let view = clear_fit(canvas, CONTENT, &PLACES, &[]).expect("a view");
        assert!(
            view.zoom > 1.25,
            "drawn larger than the plain fit: {view:?}"
        );
        for place in PLACES {
            let r = drawn(view, canvas, CONTENT, place);
            assert!(
                r.x >= 0.0 && r.y >= 0.0 && r.right() <= canvas.0 && r.bottom() <= canvas.1,
                "{place:?} is drawn at {r:?}"
            );
        }
    }

    #[test]
    fn no_node_is_drawn_under_the_zoom_buttons() {
        let canvas = (872.0, 280.0);
        let buttons = Rect {
            x: 764.0,
            y: 8.0,
            w: 100.0,
            h: 37.0,
        };
        let view = clear_fit(canvas, CONTENT, &PLACES, &[buttons]).expect("a view");
        let unclear = clear_fit(canvas, CONTENT, &PLACES, &[]).expect("a view");
        let under = |view| {
            PLACES
                .iter()
                .filter(|&&place| drawn(view, canvas, CONTENT, place).overlaps(&buttons))
                .count()
        };
        assert_eq!(
            under(unclear),
            1,
            "without them, the top-right node would be"
        );
        assert_eq!(under(view), 0);
        assert!(view.zoom > 1.0, "still larger than the plain fit: {view:?}");
    }

    #[test]
    fn a_diagram_grown_by_an_edit_is_drawn_at_the_same_scale_and_place() {
        let canvas = (822.0, 219.0);
        let view = clear_fit(canvas, CONTENT, &PLACES, &[]).expect("a view");
        let grown = (CONTENT.0, CONTENT.1 + 20.0);
        let kept = same_drawing(view, CONTENT, grown, canvas);
        for place in PLACES {
            let (before, after) = (
                drawn(view, canvas, CONTENT, place),
                drawn(kept, canvas, grown, place),
            );
            for (a, b) in [
                (before.x, after.x),
                (before.y, after.y),
                (before.w, after.w),
            ] {
                assert!((a - b).abs() < 1e-9, "{place:?}: {before:?} → {after:?}");
            }
        }
        assert_ne!(kept, view, "the view itself changes with the extent");
    }

    #[test]
    fn a_canvas_not_laid_out_or_an_empty_diagram_has_no_fitted_view() {
        assert_eq!(clear_fit((0.0, 0.0), CONTENT, &PLACES, &[]), None);
        assert_eq!(clear_fit((822.0, 219.0), CONTENT, &[], &[]), None);
    }

    #[test]
    fn a_small_diagram_is_not_blown_up() {
        let view =
            clear_fit((1600.0, 900.0), (640.0, 360.0), &[(40.0, 40.0)], &[]).expect("a view");
        let scale = view.zoom * fit((1600.0, 900.0), (640.0, 360.0));
        assert!((scale - MOST).abs() < 1e-9, "drawn at {scale}");
    }
}
