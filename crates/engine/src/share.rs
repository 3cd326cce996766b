//! Share links: a whole scenario (and optionally the step the player was on) packed into a URL
//! fragment, so a link carries everything and no server is needed.
//!
//! The payload is `v1.` + base64url (no padding) of the scenario's compact JSON compressed with
//! raw deflate, then optionally `.` + the step number: `v1.bVLLbtsw…` or `v1.bVLLbtsw….42`.
//! The version prefix lets a later format change keep old links readable.
//!
//! Decoding is for text from strangers: every failure is a [`ShareError`] that says where the
//! link is broken, the decompressed size is capped ([`MAX_DECOMPRESSED_BYTES`]) against
//! decompression bombs, and the scenario goes through the same strict reader as a file
//! ([`Scenario::from_json`]).

use crate::korean::{attach, Particle};
use crate::lang::Lang;
use crate::scenario::{ParseError, Scenario};
use std::fmt;

/// The version prefix this engine writes and reads.
pub const PREFIX: &str = "v1.";
/// Largest decompressed scenario accepted from a link, in bytes.
pub const MAX_DECOMPRESSED_BYTES: usize = 2 * 1024 * 1024;
/// Largest link payload read, in characters. Browsers stop far below this.
pub const MAX_PAYLOAD_CHARS: usize = 4 * 1024 * 1024;
/// Past this many characters a link is unreliable in chats and some browsers: the app should
/// suggest saving a file instead.
pub const LINK_WARNING_CHARS: usize = 8000;

/// What a share link carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    /// The scenario.
    pub scenario: Scenario,
    /// The player step the link points at, if any.
    pub step: Option<u64>,
}

/// Why a share link could not be read. Each variant carries the data its message needs, so the
/// app can word it in any language ([`ShareError::message`] gives English and Korean).
#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// Nothing after `#`.
    Empty,
    /// The payload does not start with a known version prefix.
    UnknownVersion {
        /// What the link starts with (at most 16 characters).
        found: String,
    },
    /// The payload is longer than [`MAX_PAYLOAD_CHARS`].
    TooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// A character that base64url does not use.
    BadBase64 {
        /// 1-based character position in the payload (the `v1.` prefix counts).
        position: usize,
        /// The character found.
        found: char,
    },
    /// The base64 part has a length no encoder produces (one character too many or too few).
    BadBase64Length {
        /// Its length in characters.
        length: usize,
    },
    /// The compressed data stops early: the link was probably cut off when copied.
    Truncated,
    /// The compressed data is damaged.
    Corrupt,
    /// The scenario inside is larger than [`MAX_DECOMPRESSED_BYTES`].
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The decompressed data is not UTF-8 text.
    NotText {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The scenario inside was refused by the scenario reader.
    Scenario(ParseError),
    /// The part after the last `.` is not a step number.
    BadStep {
        /// The text found (at most 32 characters).
        found: String,
    },
}

impl ShareError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ShareError::Empty, Lang::En) => "The link has no scenario after '#'.".into(),
            (ShareError::Empty, Lang::Ko) => "링크의 '#' 뒤에 시나리오가 없습니다.".into(),
            (ShareError::UnknownVersion { found }, Lang::En) => format!(
                "The link starts with '{found}', not '{PREFIX}': it was made by another version of the playground, or it is not a playground link."
            ),
            (ShareError::UnknownVersion { found }, Lang::Ko) => format!(
                "링크가 {} 아니라 {} 시작합니다. 다른 버전의 플레이그라운드에서 만든 링크이거나 플레이그라운드 링크가 아닙니다.",
                attach(&format!("'{PREFIX}'"), Particle::Subject),
                attach(&format!("'{found}'"), Particle::Toward)
            ),
            (ShareError::TooLong { chars }, Lang::En) => format!(
                "The link is {chars} characters long; at most {MAX_PAYLOAD_CHARS} are read. Share a scenario file instead."
            ),
            (ShareError::TooLong { chars }, Lang::Ko) => format!(
                "링크가 {chars}자입니다. 최대 {MAX_PAYLOAD_CHARS}자까지 읽습니다. 시나리오 파일로 공유하세요."
            ),
            (ShareError::BadBase64 { position, found }, Lang::En) => format!(
                "The link is damaged at character {position}: {found:?} is not allowed (only A-Z, a-z, 0-9, '-' and '_'). Copy the whole link again."
            ),
            (ShareError::BadBase64 { position, found }, Lang::Ko) => format!(
                "링크의 {position}번째 문자가 손상되었습니다: {} 허용되지 않습니다(A-Z, a-z, 0-9, '-', '_'만 가능). 링크 전체를 다시 복사하세요.",
                attach(&format!("{found:?}"), Particle::Topic)
            ),
            (ShareError::BadBase64Length { length }, Lang::En) => format!(
                "The link's data is {length} characters long, which no link has: a character is missing or extra. Copy the whole link again."
            ),
            (ShareError::BadBase64Length { length }, Lang::Ko) => format!(
                "링크 데이터가 {length}자로, 문자가 빠졌거나 더 붙었습니다. 링크 전체를 다시 복사하세요."
            ),
            (ShareError::Truncated, Lang::En) => {
                "The link is cut off: its data ends early. Copy the whole link again.".into()
            }
            (ShareError::Truncated, Lang::Ko) => {
                "링크가 잘렸습니다. 데이터가 중간에 끝납니다. 링크 전체를 다시 복사하세요.".into()
            }
            (ShareError::Corrupt, Lang::En) => {
                "The link's compressed data is damaged. Copy the whole link again.".into()
            }
            (ShareError::Corrupt, Lang::Ko) => {
                "링크의 압축 데이터가 손상되었습니다. 링크 전체를 다시 복사하세요.".into()
            }
            (ShareError::TooLarge { limit }, Lang::En) => format!(
                "The scenario in the link is larger than {limit} bytes, the most a link may carry. Share a scenario file instead."
            ),
            (ShareError::TooLarge { limit }, Lang::Ko) => format!(
                "링크 속 시나리오가 링크가 담을 수 있는 최대 크기({limit}바이트)보다 큽니다. 시나리오 파일로 공유하세요."
            ),
            (ShareError::NotText { offset }, Lang::En) => format!(
                "The link's data is not text (invalid UTF-8 at byte {offset})."
            ),
            (ShareError::NotText { offset }, Lang::Ko) => {
                format!("링크 데이터가 텍스트가 아닙니다({offset}번째 바이트가 UTF-8이 아님).")
            }
            (ShareError::Scenario(e), Lang::En) => format!("The scenario in the link is invalid: {e}"),
            (ShareError::Scenario(e), Lang::Ko) => format!("링크 속 시나리오가 올바르지 않습니다: {e}"),
            (ShareError::BadStep { found }, Lang::En) => format!(
                "The link's step '{found}' is not a step number (expected digits after the last '.')."
            ),
            (ShareError::BadStep { found }, Lang::Ko) => format!(
                "링크의 단계 {} 단계 번호가 아닙니다(마지막 '.' 뒤에 숫자가 와야 합니다).",
                attach(&format!("'{found}'"), Particle::Topic)
            ),
        }
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ShareError {}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

fn sextet(c: u8) -> Option<u32> {
    let value = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// Decodes base64url without padding. On a bad character, the error holds its 0-based character
/// index in `text` and the character.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    if let Some((index, found)) = text
        .chars()
        .enumerate()
        .find(|&(_, c)| !c.is_ascii() || sextet(c as u8).is_none())
    {
        return Err(Base64Error::BadCharacter { index, found });
    }
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return Err(Base64Error::BadLength {
            length: bytes.len(),
        });
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= sextet(c).unwrap_or(0) << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        for i in 0..produced {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}

/// Why base64url text could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base64Error {
    /// A character outside the base64url alphabet.
    BadCharacter {
        /// 0-based character index.
        index: usize,
        /// The character.
        found: char,
    },
    /// A length of 4n+1, which no encoder produces.
    BadLength {
        /// The length in characters.
        length: usize,
    },
}

/// The fragment payload for `scenario` (without the `#`), optionally pointing at a player step.
pub fn encode(scenario: &Scenario, step: Option<u64>) -> String {
    let json = serde_json::to_string(scenario).unwrap_or_default();
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    let mut out = String::from(PREFIX);
    out.push_str(&base64url_encode(&compressed));
    if let Some(step) = step {
        out.push('.');
        out.push_str(&step.to_string());
    }
    out
}

/// Reads a fragment payload made by [`encode`]. A leading `#` is accepted; surrounding white
/// space is ignored.
pub fn decode(payload: &str) -> Result<Shared, ShareError> {
    let trimmed = payload.trim();
    // Position of `trimmed` within `payload`, so reported positions are the user's.
    let lead = payload.len() - payload.trim_start().len();
    let (hash, text) = match trimmed.strip_prefix('#') {
        Some(rest) => (1, rest),
        None => (0, trimmed),
    };
    if text.is_empty() {
        return Err(ShareError::Empty);
    }
    let chars = text.chars().count();
    if chars > MAX_PAYLOAD_CHARS {
        return Err(ShareError::TooLong { chars });
    }
    let Some(rest) = text.strip_prefix(PREFIX) else {
        return Err(ShareError::UnknownVersion {
            found: text.chars().take(16).collect(),
        });
    };
    let (data, step) = match rest.split_once('.') {
        Some((data, step)) => (data, Some(step)),
        None => (rest, None),
    };
    let step = match step {
        None => None,
        Some(s) => match s.parse::<u64>() {
            Ok(n) if s.bytes().all(|b| b.is_ascii_digit()) => Some(n),
            _ => {
                return Err(ShareError::BadStep {
                    found: s.chars().take(32).collect(),
                })
            }
        },
    };
    let compressed = base64url_decode(data).map_err(|e| match e {
        Base64Error::BadCharacter { index, found } => ShareError::BadBase64 {
            // 1-based, counting the leading white space, `#` and the prefix.
            position: payload[..lead].chars().count() + hash + PREFIX.len() + index + 1,
            found,
        },
        Base64Error::BadLength { length } => ShareError::BadBase64Length { length },
    })?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_DECOMPRESSED_BYTES)
            .map_err(|e| {
                use miniz_oxide::inflate::TINFLStatus;
                match e.status {
                    TINFLStatus::HasMoreOutput => ShareError::TooLarge {
                        limit: MAX_DECOMPRESSED_BYTES,
                    },
                    TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                        ShareError::Truncated
                    }
                    _ => ShareError::Corrupt,
                }
            })?;
    let json = String::from_utf8(json).map_err(|e| ShareError::NotText {
        offset: e.utf8_error().valid_up_to(),
    })?;
    let scenario = Scenario::from_json(&json).map_err(ShareError::Scenario)?;
    Ok(Shared { scenario, step })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for n in 0..bytes.len() {
            let text = base64url_encode(&bytes[..n]);
            assert!(!text.contains('='), "no padding");
            assert_eq!(
                base64url_decode(&text),
                Ok(bytes[..n].to_vec()),
                "length {n}"
            );
        }
    }

    #[test]
    fn base64url_matches_the_rfc_examples() {
        assert_eq!(base64url_encode(b"foob"), "Zm9vYg");
        assert_eq!(base64url_encode(b"fooba"), "Zm9vYmE");
        assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
    }
}
