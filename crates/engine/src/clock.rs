//! Virtual time. The engine owns no wall clock: every instant is milliseconds since the
//! scenario's `startTime`, and timestamps in records are formatted from that.

/// Milliseconds of virtual time since the scenario started.
pub type Millis = u64;

/// One second in virtual milliseconds.
pub const SECOND: Millis = 1_000;
/// One minute in virtual milliseconds.
pub const MINUTE: Millis = 60 * SECOND;

/// Parses an ISO-8601 UTC instant of the form `2026-01-01T00:00:00Z` or with `.123Z`
/// into milliseconds since the Unix epoch. Returns `None` for anything else.
pub fn parse_iso8601(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !text.ends_with('Z') {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(i, c)| bytes[i] != c) {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let millis = match &text[19..] {
        "Z" => 0,
        rest if rest.len() == 5 && rest.starts_with('.') => num(20..23)?,
        _ => return None,
    };
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1_000 + millis)
}

/// Formats epoch milliseconds as `2026-01-01T00:00:00.000Z` (ISO-8601, UTC, milliseconds).
pub fn iso8601_millis(epoch_ms: i64) -> String {
    // Written digit by digit: records carry one of these each, and `format!` with padding is the
    // slowest part of making a record.
    let mut out = String::with_capacity(24);
    push_iso8601_millis(&mut out, epoch_ms);
    out
}

/// Appends [`iso8601_millis`] of `epoch_ms` to `out`.
pub fn push_iso8601_millis(out: &mut String, epoch_ms: i64) {
    push_date_time(out, epoch_ms, b':');
    out.push('.');
    push_digits(out, epoch_ms.rem_euclid(1_000), 3);
    out.push('Z');
}

/// Formats epoch milliseconds as `2026-01-01T00:00:00Z` (no fraction; DynamoDB arrival times).
pub fn iso8601_seconds(epoch_ms: i64) -> String {
    let mut out = String::with_capacity(20);
    push_date_time(&mut out, epoch_ms, b':');
    out.push('Z');
    out
}

/// `YYYY-MM-DDTHH:MM:SS` (with `separator` between the time fields).
fn push_date_time(out: &mut String, epoch_ms: i64, separator: u8) {
    let days = epoch_ms.div_euclid(86_400_000);
    let in_day = epoch_ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    push_digits(out, year, 4);
    out.push('-');
    push_digits(out, month, 2);
    out.push('-');
    push_digits(out, day, 2);
    out.push('T');
    push_digits(out, in_day / 3_600_000, 2);
    out.push(char::from(separator));
    push_digits(out, in_day / 60_000 % 60, 2);
    out.push(char::from(separator));
    push_digits(out, in_day / 1_000 % 60, 2);
}

/// Appends `value` zero-padded to at least `width` digits (a `-` first when negative).
fn push_digits(out: &mut String, value: i64, width: usize) {
    if value < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut n = value.unsigned_abs();
    let mut len = 0;
    while n > 0 || len < width {
        digits[len] = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
    }
    out.extend(digits[..len].iter().rev().map(|&d| char::from(d)));
}

/// The pieces of an S3 failure-record key: `YYYY/MM/DD` and `YYYY-MM-DDTHH.MM.SS`.
pub fn s3_key_parts(epoch_ms: i64) -> (String, String) {
    let (date, hour, minute, second, _) = split(epoch_ms);
    (
        date.replace('-', "/"),
        format!("{date}T{hour:02}.{minute:02}.{second:02}"),
    )
}

fn split(epoch_ms: i64) -> (String, i64, i64, i64, i64) {
    let days = epoch_ms.div_euclid(86_400_000);
    let in_day = epoch_ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    (
        format!("{year:04}-{month:02}-{day:02}"),
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1_000 % 60,
        in_day % 1_000,
    )
}

// Howard Hinnant's algorithms for the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Says a duration the way a person would: `1 min`, `2 min 30 s`, `6 h`, `250 ms`. (In Korean:
/// [`crate::korean::duration`].)
pub fn human_duration(ms: Millis) -> String {
    spoken_duration(ms, [" h", " min", " s", " ms"])
}

/// A duration in hours, minutes, seconds (with a fraction under a minute) or milliseconds under
/// a second, each number followed by its unit from `units` (hours, minutes, seconds,
/// milliseconds), the parts separated by spaces.
pub(crate) fn spoken_duration(ms: Millis, units: [&str; 4]) -> String {
    let [hours, minutes, seconds, millis] = units;
    if ms < SECOND {
        return format!("{ms}{millis}");
    }
    let total_s = ms / SECOND;
    let (h, m, s) = (total_s / 3_600, total_s / 60 % 60, total_s % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h}{hours}"));
    }
    if m > 0 {
        parts.push(format!("{m}{minutes}"));
    }
    if s > 0 || parts.is_empty() {
        let frac = ms % SECOND;
        if frac > 0 && h == 0 && m == 0 {
            let digits = format!("{frac:03}");
            parts.push(format!("{s}.{}{seconds}", digits.trim_end_matches('0')));
        } else {
            parts.push(format!("{s}{seconds}"));
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_through_iso8601_with_milliseconds() {
        let ms = parse_iso8601("2025-11-24T23:11:08.123Z").expect("valid");
        assert_eq!(iso8601_millis(ms), "2025-11-24T23:11:08.123Z");
        assert_eq!(iso8601_seconds(ms), "2025-11-24T23:11:08Z");
        assert_eq!(iso8601_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            iso8601_millis(parse_iso8601("2024-02-29T12:00:00Z").expect("leap")),
            "2024-02-29T12:00:00.000Z"
        );
    }

    #[test]
    fn malformed_start_times_are_refused() {
        for bad in [
            "",
            "2025-11-24",
            "2025-13-01T00:00:00Z",
            "2025-11-24T23:11:08+01:00",
            "2025-11-24T23:11:0xZ",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
    }

    #[test]
    fn s3_keys_use_dots_between_time_fields() {
        let ms = parse_iso8601("2026-03-04T05:06:07Z").expect("valid");
        assert_eq!(
            s3_key_parts(ms),
            ("2026/03/04".into(), "2026-03-04T05.06.07".into())
        );
    }

    #[test]
    fn durations_read_like_a_person_says_them() {
        assert_eq!(human_duration(MINUTE), "1 min");
        assert_eq!(human_duration(2 * MINUTE + 30 * SECOND), "2 min 30 s");
        assert_eq!(human_duration(6 * 3_600 * SECOND), "6 h");
        assert_eq!(human_duration(250), "250 ms");
        assert_eq!(human_duration(1_500), "1.5 s");
    }
}
