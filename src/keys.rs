//! Every keyboard shortcut in one table: the page's and the diagram nodes' key handlers look a
//! key up here, and the shortcut sheet lists the same table, so what the sheet says is what the
//! keys do.

use crate::i18n::T;

/// Where a key is pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// On a focused node of the diagram.
    Node,
    /// Anywhere else on the page (outside text fields and dialogs).
    Page,
}

/// An arrow's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Move the focus to the nearest node that way.
    FocusNeighbour(Direction),
    /// Select the focused node (its panel opens).
    SelectNode,
    /// Move the focused node one grid step.
    MoveNode(Direction),
    /// Link the focused node to another.
    LinkFrom,
    /// Open the focused node's fault menu.
    Faults,
    /// Remove the selected resources.
    Delete,
    Undo,
    Redo,
    Copy,
    Paste,
    Duplicate,
    /// Play or pause (on release: held down, Space pans the canvas).
    PlayPause,
    StepForward,
    StepBack,
    NextDecision,
    PreviousDecision,
    /// Back to the start of the run.
    Reset,
    Faster,
    Slower,
    /// Open the shortcut sheet.
    Shortcuts,
    /// The open lesson's next step.
    LessonNext,
    /// The open lesson's step before.
    LessonPrevious,
    /// The next hint of the lesson's step.
    LessonHint,
    /// Ask to show the step's solution.
    LessonSolution,
    /// Put the diagram back as the step began.
    LessonResetStep,
}

impl Command {
    /// Whether it changes the diagram or works a lesson: what the player-only build, which has
    /// neither, leaves out (its shortcut sheet does not list it, its handlers ignore it).
    pub fn edits(self) -> bool {
        !matches!(
            self,
            Command::FocusNeighbour(_)
                | Command::SelectNode
                | Command::PlayPause
                | Command::StepForward
                | Command::StepBack
                | Command::NextDecision
                | Command::PreviousDecision
                | Command::Reset
                | Command::Faster
                | Command::Slower
                | Command::Shortcuts
        )
    }
}

/// Whether Shift is part of a chord.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shift {
    Off,
    On,
    /// Either: the key itself may need Shift on some keyboards (`?`, `+`, `L`).
    Either,
}

/// A key with its modifiers, as `KeyboardEvent::key` names it (lower case under Ctrl).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chord {
    key: &'static str,
    shift: Shift,
    /// Ctrl, or Cmd on a Mac.
    ctrl: bool,
}

impl Chord {
    fn matches(&self, key: &str, shift: bool, ctrl: bool) -> bool {
        self.key == key
            && self.ctrl == ctrl
            && match self.shift {
                Shift::Off => !shift,
                Shift::On => shift,
                Shift::Either => true,
            }
    }
}

/// The key, with or without Shift.
const fn key(key: &'static str) -> Chord {
    Chord {
        key,
        shift: Shift::Either,
        ctrl: false,
    }
}

/// The key without Shift.
const fn plain(key: &'static str) -> Chord {
    Chord {
        key,
        shift: Shift::Off,
        ctrl: false,
    }
}

/// Shift and the key.
const fn shift(key: &'static str) -> Chord {
    Chord {
        key,
        shift: Shift::On,
        ctrl: false,
    }
}

/// Ctrl (or Cmd) and the key, without Shift.
const fn ctrl(key: &'static str) -> Chord {
    Chord {
        key,
        shift: Shift::Off,
        ctrl: true,
    }
}

/// Ctrl (or Cmd), Shift and the key.
const fn ctrl_shift(key: &'static str) -> Chord {
    Chord {
        key,
        shift: Shift::On,
        ctrl: true,
    }
}

/// One line of the shortcut sheet: the keys as shown, what they do, and the bindings behind it.
pub struct Line {
    /// The keys, as the sheet shows them.
    pub keys: &'static str,
    /// What they do.
    pub what: T,
    /// Where each binding applies, its keys, and its command. Empty for keys the browser itself
    /// handles (Tab).
    pub bindings: &'static [(Scope, &'static [Chord], Command)],
}

impl Line {
    /// Whether every key of the line edits the diagram or works a lesson ([`Command::edits`]).
    pub fn edits(&self) -> bool {
        !self.bindings.is_empty() && self.bindings.iter().all(|(_, _, command)| command.edits())
    }
}

use Command as C;
use Direction as D;
use Scope::{Node, Page};

/// The sheet, in order, and every binding.
pub const SHEET: &[Line] = &[
    Line {
        keys: "Tab, ← → ↑ ↓",
        what: T::ShortcutFocus,
        bindings: &[
            (Node, &[plain("ArrowLeft")], C::FocusNeighbour(D::Left)),
            (Node, &[plain("ArrowRight")], C::FocusNeighbour(D::Right)),
            (Node, &[plain("ArrowUp")], C::FocusNeighbour(D::Up)),
            (Node, &[plain("ArrowDown")], C::FocusNeighbour(D::Down)),
        ],
    },
    Line {
        keys: "Enter",
        what: T::ShortcutOpen,
        bindings: &[(Node, &[key("Enter"), key(" ")], C::SelectNode)],
    },
    Line {
        keys: "L",
        what: T::ShortcutLink,
        bindings: &[(Node, &[key("l"), key("L")], C::LinkFrom)],
    },
    Line {
        keys: "F",
        what: T::FaultsTitle,
        bindings: &[(Node, &[key("f"), key("F"), key("ContextMenu")], C::Faults)],
    },
    Line {
        keys: "Shift + ← → ↑ ↓",
        what: T::ShortcutMove,
        bindings: &[
            (Node, &[shift("ArrowLeft")], C::MoveNode(D::Left)),
            (Node, &[shift("ArrowRight")], C::MoveNode(D::Right)),
            (Node, &[shift("ArrowUp")], C::MoveNode(D::Up)),
            (Node, &[shift("ArrowDown")], C::MoveNode(D::Down)),
        ],
    },
    Line {
        keys: "Delete",
        what: T::ShortcutDelete,
        bindings: &[
            (Node, &[key("Delete"), key("Backspace")], C::Delete),
            (Page, &[key("Delete")], C::Delete),
        ],
    },
    Line {
        keys: "Ctrl+Z / Ctrl+Shift+Z",
        what: T::Undo,
        bindings: &[
            (Page, &[ctrl("z")], C::Undo),
            (
                Page,
                &[ctrl_shift("z"), ctrl("y"), ctrl_shift("y")],
                C::Redo,
            ),
        ],
    },
    Line {
        keys: "Ctrl+C / Ctrl+V / Ctrl+D",
        what: T::ShortcutCopy,
        bindings: &[
            (Page, &[ctrl("c"), ctrl_shift("c")], C::Copy),
            (Page, &[ctrl("v"), ctrl_shift("v")], C::Paste),
            (Page, &[ctrl("d"), ctrl_shift("d")], C::Duplicate),
        ],
    },
    Line {
        keys: "Space",
        what: T::ShortcutPlay,
        bindings: &[(Page, &[key(" ")], C::PlayPause)],
    },
    Line {
        keys: "← →",
        what: T::ShortcutStep,
        bindings: &[
            (Page, &[key("ArrowLeft")], C::StepBack),
            (Page, &[key("ArrowRight")], C::StepForward),
            (Page, &[key("Home")], C::Reset),
        ],
    },
    Line {
        keys: "[ ]",
        what: T::ShortcutDecision,
        bindings: &[
            (Page, &[key("[")], C::PreviousDecision),
            (Page, &[key("]")], C::NextDecision),
        ],
    },
    Line {
        keys: "- +",
        what: T::ShortcutSpeed,
        bindings: &[
            (Page, &[key("-")], C::Slower),
            (Page, &[key("+"), key("=")], C::Faster),
        ],
    },
    Line {
        keys: "?",
        what: T::ShortcutSheet,
        bindings: &[(Page, &[key("?")], C::Shortcuts)],
    },
    Line {
        keys: "N / P",
        what: T::ShortcutLessonSteps,
        bindings: &[
            (Page, &[key("n"), key("N"), key("PageDown")], C::LessonNext),
            (
                Page,
                &[key("p"), key("P"), key("PageUp")],
                C::LessonPrevious,
            ),
        ],
    },
    Line {
        keys: "H",
        what: T::LessonHint,
        bindings: &[(Page, &[key("h"), key("H")], C::LessonHint)],
    },
    Line {
        keys: "S",
        what: T::LessonShowSolution,
        bindings: &[(Page, &[key("s"), key("S")], C::LessonSolution)],
    },
    Line {
        keys: "R",
        what: T::LessonResetStep,
        bindings: &[(Page, &[key("r"), key("R")], C::LessonResetStep)],
    },
];

/// The command bound to a key pressed in `scope` (`key` as `KeyboardEvent::key` names it, `ctrl`
/// meaning Ctrl or Cmd). Alt is never part of a shortcut.
pub fn command(scope: Scope, key: &str, shift: bool, ctrl: bool) -> Option<Command> {
    // Under Ctrl, Shift changes the letter's case: Ctrl+Shift+Z arrives as "Z".
    let key = if ctrl {
        key.to_lowercase()
    } else {
        key.to_string()
    };
    SHEET
        .iter()
        .flat_map(|line| line.bindings)
        .filter(|(s, _, _)| *s == scope)
        .find(|(_, chords, _)| chords.iter().any(|c| c.matches(&key, shift, ctrl)))
        .map(|(_, _, command)| *command)
        // The player-only build has no editor and no lessons: their keys stay the browser's.
        .filter(|command| crate::EDITOR || !command.edits())
}

/// The command for a keyboard event in `scope`, if the key is bound there.
pub fn command_for(scope: Scope, event: &web_sys::KeyboardEvent) -> Option<Command> {
    if event.alt_key() {
        return None;
    }
    command(
        scope,
        &event.key(),
        event.shift_key(),
        event.ctrl_key() || event.meta_key(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_player_keys_step_jump_and_change_speed_on_the_page() {
        let page = |key, shift| command(Page, key, shift, false);
        assert_eq!(page("ArrowRight", false), Some(C::StepForward));
        assert_eq!(page("ArrowLeft", false), Some(C::StepBack));
        assert_eq!(page("]", false), Some(C::NextDecision));
        assert_eq!(page("[", false), Some(C::PreviousDecision));
        assert_eq!(page("Home", false), Some(C::Reset));
        assert_eq!(page("+", true), Some(C::Faster));
        assert_eq!(page("=", false), Some(C::Faster));
        assert_eq!(page("-", false), Some(C::Slower));
        assert_eq!(page("?", true), Some(C::Shortcuts));
        assert_eq!(page(" ", false), Some(C::PlayPause));
        assert_eq!(page("x", false), None);
        assert_eq!(page("n", false), Some(C::LessonNext));
        assert_eq!(page("PageUp", false), Some(C::LessonPrevious));
        assert_eq!(page("h", false), Some(C::LessonHint));
    }

    #[test]
    fn ctrl_keys_undo_redo_and_copy_and_plain_letters_do_nothing_on_the_page() {
        assert_eq!(command(Page, "z", false, true), Some(C::Undo));
        assert_eq!(command(Page, "Z", true, true), Some(C::Redo));
        assert_eq!(command(Page, "C", true, true), Some(C::Copy));
        assert_eq!(command(Page, "y", false, true), Some(C::Redo));
        assert_eq!(command(Page, "d", false, true), Some(C::Duplicate));
        assert_eq!(command(Page, "z", false, false), None);
        assert_eq!(command(Page, "l", false, false), None);
    }

    #[test]
    fn on_a_node_arrows_move_the_focus_and_shift_arrows_move_the_node() {
        assert_eq!(
            command(Node, "ArrowDown", false, false),
            Some(C::FocusNeighbour(D::Down))
        );
        assert_eq!(
            command(Node, "ArrowDown", true, false),
            Some(C::MoveNode(D::Down))
        );
        assert_eq!(command(Node, "l", false, false), Some(C::LinkFrom));
        assert_eq!(
            command(Node, "l", false, true),
            None,
            "Ctrl+L is the browser's"
        );
        assert_eq!(command(Node, "f", false, false), Some(C::Faults));
        assert_eq!(command(Node, "Backspace", false, false), Some(C::Delete));
        assert_eq!(command(Node, "Enter", false, false), Some(C::SelectNode));
    }

    #[test]
    fn the_player_builds_sheet_keeps_the_player_keys_and_leaves_out_editing_and_lessons() {
        let kept: Vec<T> = SHEET
            .iter()
            .filter(|l| !l.edits())
            .map(|l| l.what)
            .collect();
        let left_out: Vec<T> = SHEET.iter().filter(|l| l.edits()).map(|l| l.what).collect();
        assert!(kept.contains(&T::ShortcutFocus), "{kept:?}");
        assert!(
            kept.iter().any(|&t| SHEET
                .iter()
                .any(|l| l.what == t && l.bindings.iter().any(|b| b.2 == Command::PlayPause))),
            "{kept:?}"
        );
        assert!(
            left_out.iter().any(|&t| SHEET
                .iter()
                .any(|l| l.what == t && l.bindings.iter().any(|b| b.2 == Command::Undo))),
            "{left_out:?}"
        );
        assert!(Command::Delete.edits() && Command::LessonHint.edits());
        assert!(!Command::StepBack.edits() && !Command::Shortcuts.edits());
    }

    #[test]
    fn every_line_of_the_sheet_does_something_and_no_key_means_two_things() {
        let mut seen: Vec<(Scope, &str, bool, bool, Command)> = Vec::new();
        for line in SHEET {
            assert!(!line.bindings.is_empty(), "{} does something", line.keys);
            for (scope, chords, command) in line.bindings {
                for chord in *chords {
                    for shift in [false, true] {
                        if !chord.matches(chord.key, shift, chord.ctrl) {
                            continue;
                        }
                        let press = (*scope, chord.key, shift, chord.ctrl);
                        let twice = seen
                            .iter()
                            .find(|s| (s.0, s.1, s.2, s.3) == press && s.4 != *command);
                        assert!(twice.is_none(), "{press:?} means {command:?} and {twice:?}");
                        seen.push((press.0, press.1, press.2, press.3, *command));
                    }
                }
            }
        }
    }
}
