//! Tokens: every event of the current instant travels its link as a small circle. A burst of a
//! thousand uploads is a thousand tokens, so they are not a thousand animated SVG elements: each
//! link draws its tokens as one `<path>` whose circles a single animation-frame loop moves, which
//! keeps the frame rate when the diagram is busy. The geometry here is plain arithmetic, tested
//! natively; [`Motion`] is the browser side.

use crate::markup::Num;
use std::cell::{Cell, RefCell};
use std::fmt::Write;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long one token takes along its link, in milliseconds.
pub const TRAVEL_MS: f64 = 600.0;
/// The longest a burst takes to leave its node: its tokens leave one after the other, so a burst
/// reads as a stream rather than one circle.
const SPREAD_MS: f64 = 400.0;
/// Time between two tokens of a small burst.
const GAP_MS: f64 = 60.0;
/// A token's radius, in diagram units.
const RADIUS: f64 = 7.0;

/// A link's curve: a cubic Bézier from one node's port to the other's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Curve(pub [(f64, f64); 4]);

impl Curve {
    /// The point at `t` in `0..=1`.
    pub fn at(&self, t: f64) -> (f64, f64) {
        let [p0, p1, p2, p3] = self.0;
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        (
            a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
            a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
        )
    }

    /// The SVG path data of the curve.
    pub fn path(&self) -> String {
        let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = self.0.map(|(x, y)| (Num(x), Num(y)));
        format!("M{x0},{y0} C{x1},{y1} {x2},{y2} {x3},{y3}")
    }

    /// The curve as eight numbers, for a `data-curve` attribute.
    pub fn to_attribute(self) -> String {
        let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = self.0.map(|(x, y)| (Num(x), Num(y)));
        format!("{x0} {y0} {x1} {y1} {x2} {y2} {x3} {y3}")
    }

    /// Reads [`Curve::to_attribute`] back.
    pub fn from_attribute(text: &str) -> Option<Curve> {
        let mut numbers = text.split(' ').map(|n| n.parse::<f64>().ok());
        let mut point = || Some((numbers.next()??, numbers.next()??));
        Some(Curve([point()?, point()?, point()?, point()?]))
    }
}

/// When token `index` of a burst of `count` leaves, in milliseconds after the step is shown.
fn departure(index: usize, count: usize) -> f64 {
    if count <= 1 {
        return 0.0;
    }
    let gap = GAP_MS.min(SPREAD_MS / (count - 1) as f64);
    index as f64 * gap
}

/// How long a burst of `count` tokens takes until the last one arrives.
pub fn duration(count: usize) -> f64 {
    departure(count.saturating_sub(1), count) + TRAVEL_MS
}

/// How far along its link token `index` of `count` is, `elapsed` milliseconds after its step
/// was shown: 0 before it leaves, 1 once it has arrived (it stays there), eased in and out.
pub fn progress(index: usize, count: usize, elapsed: f64) -> f64 {
    let t = ((elapsed - departure(index, count)) / TRAVEL_MS).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The path data of a burst of `count` tokens on `curve`, `elapsed` milliseconds in: one circle
/// (two arcs) per token.
pub fn burst_path(curve: &Curve, count: usize, elapsed: f64) -> String {
    let mut d = String::with_capacity(count * 48);
    for index in 0..count {
        let (x, y) = curve.at(progress(index, count, elapsed));
        let _ = write!(
            d,
            "M{:.1},{:.1}a{RADIUS},{RADIUS} 0 1,0 {},0a{RADIUS},{RADIUS} 0 1,0 -{},0",
            x - RADIUS,
            y,
            2.0 * RADIUS,
            2.0 * RADIUS
        );
    }
    d
}

/// The animation-frame callback, kept where it can ask for the next frame itself.
type Tick = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

/// The tokens of one step moving on the page; dropping it stops them where they are.
pub struct Motion {
    frame: Rc<Cell<Option<i32>>>,
    tick: Tick,
}

impl Motion {
    /// Moves every `path.token` under `canvas` (each with `data-curve` and `data-tokens`) from the
    /// start of its link to its end. Nothing moves when the learner prefers reduced motion: the
    /// tokens are hidden then, and the active link alone shows where the step went.
    pub fn start(canvas: &web_sys::Element) -> Option<Motion> {
        let window = web_sys::window()?;
        if let Ok(Some(query)) = window.match_media("(prefers-reduced-motion: reduce)") {
            if query.matches() {
                return None;
            }
        }
        let found = canvas.query_selector_all("path.token").ok()?;
        let mut bursts = Vec::new();
        for i in 0..found.length() {
            let Some(element) = found
                .get(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let curve = element
                .get_attribute("data-curve")
                .and_then(|c| Curve::from_attribute(&c));
            let count = element
                .get_attribute("data-tokens")
                .and_then(|c| c.parse::<usize>().ok());
            if let (Some(curve), Some(count)) = (curve, count) {
                bursts.push((element, curve, count));
            }
        }
        if bursts.is_empty() {
            return None;
        }
        let longest = bursts.iter().map(|b| duration(b.2)).fold(0.0, f64::max);
        let frame = Rc::new(Cell::new(None));
        let tick: Tick = Rc::new(RefCell::new(None));
        let started = Cell::new(None::<f64>);
        let closure = {
            let frame = Rc::clone(&frame);
            let tick = Rc::clone(&tick);
            let window = window.clone();
            Closure::<dyn FnMut(f64)>::new(move |now: f64| {
                let start = started.get().unwrap_or(now);
                started.set(Some(start));
                let elapsed = now - start;
                for (element, curve, count) in &bursts {
                    let _ = element.set_attribute("d", &burst_path(curve, *count, elapsed));
                }
                frame.set(None);
                if elapsed < longest {
                    if let Some(next) = tick.borrow().as_ref() {
                        frame.set(
                            window
                                .request_animation_frame(next.as_ref().unchecked_ref())
                                .ok(),
                        );
                    }
                }
            })
        };
        frame.set(
            window
                .request_animation_frame(closure.as_ref().unchecked_ref())
                .ok(),
        );
        *tick.borrow_mut() = Some(closure);
        Some(Motion { frame, tick })
    }
}

impl Drop for Motion {
    fn drop(&mut self) {
        if let (Some(id), Some(window)) = (self.frame.take(), web_sys::window()) {
            let _ = window.cancel_animation_frame(id);
        }
        // The closure holds a handle to itself (to ask for the next frame): break the cycle.
        self.tick.borrow_mut().take();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: Curve = Curve([(0.0, 0.0), (10.0, 0.0), (20.0, 0.0), (30.0, 0.0)]);

    #[test]
    fn a_token_starts_at_its_link_start_and_ends_at_its_end() {
        assert_eq!(LINE.at(progress(0, 1, 0.0)), (0.0, 0.0));
        assert_eq!(LINE.at(progress(0, 1, TRAVEL_MS)), (30.0, 0.0));
        assert_eq!(LINE.at(progress(0, 1, 10.0 * TRAVEL_MS)), (30.0, 0.0));
        let (x, _) = LINE.at(progress(0, 1, TRAVEL_MS / 2.0));
        assert!(x > 0.0 && x < 30.0, "half-way is between the ends: {x}");
    }

    #[test]
    fn a_burst_leaves_one_token_after_the_other_within_the_spread() {
        let count = 1_000;
        assert_eq!(progress(count - 1, count, 0.0), 0.0);
        assert!(progress(0, count, 100.0) > progress(500, count, 100.0));
        assert!((duration(count) - (SPREAD_MS + TRAVEL_MS)).abs() < 1e-9);
        assert_eq!(duration(1), TRAVEL_MS);
        assert!((duration(3) - (2.0 * GAP_MS + TRAVEL_MS)).abs() < 1e-9);
        assert_eq!(progress(count - 1, count, duration(count)), 1.0);
    }

    #[test]
    fn a_burst_draws_one_circle_per_token() {
        let d = burst_path(&LINE, 250, 0.0);
        assert_eq!(d.matches('M').count(), 250);
        assert_eq!(d.matches('a').count(), 500);
        assert!(
            d.starts_with("M-7.0,0.0a7,7 0 1,0 14,0a7,7 0 1,0 -14,0M"),
            "{d}"
        );
        let later = burst_path(&LINE, 1, TRAVEL_MS);
        assert_eq!(later, "M23.0,0.0a7,7 0 1,0 14,0a7,7 0 1,0 -14,0");
    }

    #[test]
    fn a_curve_survives_its_attribute() {
        let curve = Curve([(1.5, 2.0), (3.0, -4.25), (5.0, 6.0), (7.0, 8.0)]);
        assert_eq!(Curve::from_attribute(&curve.to_attribute()), Some(curve));
        assert_eq!(Curve::from_attribute("1 2 3"), None);
        assert_eq!(Curve::from_attribute("1 2 3 4 5 6 7 x"), None);
        assert_eq!(curve.path(), "M1.5,2 C3,-4.25 5,6 7,8");
    }
}
