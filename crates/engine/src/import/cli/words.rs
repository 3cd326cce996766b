//! Splitting shell text into commands and words, as a POSIX shell would, without expanding
//! anything.

use super::{MAX_COMMANDS, MAX_WORDS};

/// A word of a command, after quote removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The text.
    pub text: String,
    /// 1-based line where it starts.
    pub line: usize,
    /// Contains `$...` outside single quotes, which only a shell can expand.
    pub expands: bool,
}

/// One command: its words, its 1-based number in the text and its first line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// 1-based position among the commands.
    pub number: usize,
    /// 1-based line of its first word.
    pub line: usize,
    /// Its words (at most [`MAX_WORDS`]).
    pub words: Vec<Word>,
    /// Words past [`MAX_WORDS`], not kept.
    pub dropped_words: usize,
}

/// The commands of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// At most [`MAX_COMMANDS`] commands.
    pub commands: Vec<Command>,
    /// Commands past [`MAX_COMMANDS`], not kept.
    pub dropped_commands: usize,
}

/// Splits shell text into commands and words. Never fails: an unclosed quote runs to the end.
pub fn split(text: &str) -> Split {
    let mut out = Split {
        commands: Vec::new(),
        dropped_commands: 0,
    };
    let mut words = (Vec::new(), 0usize);
    let mut word: Option<Word> = None;
    let mut line = 1usize;
    let mut chars = text.chars().peekable();
    let mut heredoc: Option<(String, bool)> = None;
    let mut skip_target = false;
    fn end_word(word: &mut Option<Word>, words: &mut (Vec<Word>, usize), skip: &mut bool) {
        if let Some(w) = word.take() {
            if std::mem::take(skip) {
                // A redirection target.
            } else if words.0.len() < MAX_WORDS {
                words.0.push(w);
            } else {
                words.1 += 1;
            }
        }
    }
    let end_command = |words: &mut (Vec<Word>, usize), out: &mut Split| {
        if !words.0.is_empty() {
            if out.commands.len() < MAX_COMMANDS {
                let first = words.0[0].line;
                out.commands.push(Command {
                    number: out.commands.len() + 1,
                    line: first,
                    words: std::mem::take(&mut words.0),
                    dropped_words: words.1,
                });
            } else {
                out.dropped_commands += 1;
            }
        }
        words.0.clear();
        words.1 = 0;
    };
    let start = |word: &mut Option<Word>, line: usize| {
        if word.is_none() {
            *word = Some(Word {
                text: String::new(),
                line,
                expands: false,
            });
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                end_word(&mut word, &mut words, &mut skip_target);
                end_command(&mut words, &mut out);
                skip_target = false;
                line += 1;
                // A here-document's body is data for the command before it, not commands.
                if let Some((delimiter, strip_tabs)) = heredoc.take() {
                    let mut current = String::new();
                    for c in chars.by_ref() {
                        if c != '\n' {
                            current.push(c);
                            continue;
                        }
                        line += 1;
                        let candidate = if strip_tabs {
                            current.trim_start_matches('\t')
                        } else {
                            current.as_str()
                        };
                        if candidate.trim_end_matches('\r') == delimiter {
                            break;
                        }
                        current.clear();
                    }
                }
            }
            ' ' | '\t' | '\r' => end_word(&mut word, &mut words, &mut skip_target),
            '<' if chars.peek() == Some(&'<') => {
                end_word(&mut word, &mut words, &mut skip_target);
                chars.next();
                let strip_tabs = chars.peek() == Some(&'-');
                if strip_tabs {
                    chars.next();
                }
                while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
                    chars.next();
                }
                let mut delimiter = String::new();
                while let Some(&c) = chars.peek() {
                    match c {
                        '\'' | '"' => {}
                        c if c.is_whitespace() || c == ';' || c == '&' || c == '|' => break,
                        c => delimiter.push(c),
                    }
                    chars.next();
                }
                if !delimiter.is_empty() {
                    heredoc = Some((delimiter, strip_tabs));
                }
            }
            // Redirections (`> out.json`, `2>&1`, `>> log`): the target is not an argument.
            '>' => {
                end_word(&mut word, &mut words, &mut skip_target);
                if words
                    .0
                    .last()
                    .is_some_and(|w: &Word| w.text.chars().all(|c| c.is_ascii_digit()))
                {
                    words.0.pop();
                }
                if chars.peek() == Some(&'>') {
                    chars.next();
                }
                if chars.peek() == Some(&'&') {
                    chars.next();
                    while chars
                        .peek()
                        .is_some_and(|c| c.is_ascii_digit() || *c == '-')
                    {
                        chars.next();
                    }
                } else {
                    skip_target = true;
                }
            }
            // `\` + new line (also with trailing spaces, a common copy-and-paste slip), and the
            // Windows `^` and PowerShell backtick continuations.
            '\\' | '^' | '`' if continues(&mut chars.clone()) => {
                end_word(&mut word, &mut words, &mut skip_target);
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            '\\' => {
                start(&mut word, line);
                if let (Some(w), Some(next)) = (word.as_mut(), chars.next()) {
                    if next == '\n' {
                        line += 1;
                    } else {
                        w.text.push(next);
                    }
                }
            }
            '\'' => {
                start(&mut word, line);
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    if c == '\n' {
                        line += 1;
                    }
                    if let Some(w) = word.as_mut() {
                        w.text.push(c);
                    }
                }
            }
            '"' => {
                start(&mut word, line);
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some('\n') => line += 1,
                            Some(e @ ('"' | '\\' | '$' | '`')) => {
                                if let Some(w) = word.as_mut() {
                                    w.text.push(e);
                                }
                            }
                            Some(other) => {
                                if let Some(w) = word.as_mut() {
                                    w.text.push('\\');
                                    w.text.push(other);
                                }
                            }
                            None => {}
                        },
                        c => {
                            if c == '\n' {
                                line += 1;
                            }
                            if let Some(w) = word.as_mut() {
                                w.expands |= c == '$';
                                w.text.push(c);
                            }
                        }
                    }
                }
            }
            '#' if word.is_none() => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        end_command(&mut words, &mut out);
                        skip_target = false;
                        line += 1;
                        break;
                    }
                }
            }
            ';' => {
                end_word(&mut word, &mut words, &mut skip_target);
                end_command(&mut words, &mut out);
                skip_target = false;
            }
            '&' | '|' => {
                end_word(&mut word, &mut words, &mut skip_target);
                if chars.peek() == Some(&c) {
                    chars.next();
                }
                end_command(&mut words, &mut out);
                skip_target = false;
            }
            c => {
                start(&mut word, line);
                if let Some(w) = word.as_mut() {
                    w.expands |= c == '$';
                    w.text.push(c);
                }
            }
        }
    }
    end_word(&mut word, &mut words, &mut skip_target);
    end_command(&mut words, &mut out);
    out
}

/// After a continuation character: only spaces, then a new line (or the end).
fn continues(rest: &mut std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    for c in rest.by_ref() {
        match c {
            '\n' => return true,
            ' ' | '\t' | '\r' => {}
            _ => return false,
        }
    }
    false
}
