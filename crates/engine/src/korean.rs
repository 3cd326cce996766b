//! Korean written the Korean way: particles that agree with the word before them ("버킷을",
//! "큐를", "파일로") and durations in Korean units ("1분", "2분 30초", "850ms").
//!
//! A particle's form depends on how the word before it ends when read aloud: a Hangul syllable
//! by its final consonant (batchim), a number as it is read in Korean ("3" 삼, "10" 십, "2" 이),
//! a Latin name by its usual Korean reading ("stream" 스트림, "queue" 큐, "SQS" 에스큐에스).

use crate::clock::Millis;

/// A particle whose form depends on the word before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Particle {
    /// 을/를: the object ("버킷을", "큐를").
    Object,
    /// 이/가: the subject ("버킷이", "큐가").
    Subject,
    /// 은/는: the topic ("버킷은", "큐는").
    Topic,
    /// 과/와: "and", "with" ("버킷과", "큐와").
    And,
    /// 으로/로: "to", "as" ("버킷으로", "큐로", and "파일로" after ㄹ).
    Toward,
}

impl Particle {
    /// The form after a final consonant, and the form after a vowel.
    fn forms(self) -> (&'static str, &'static str) {
        match self {
            Particle::Object => ("을", "를"),
            Particle::Subject => ("이", "가"),
            Particle::Topic => ("은", "는"),
            Particle::And => ("과", "와"),
            Particle::Toward => ("으로", "로"),
        }
    }
}

/// How a word ends when it is read aloud.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// On a vowel ("큐", "queue", "2" 이).
    Vowel,
    /// On ㄹ ("파일", "pool", "1" 일), which takes 로 rather than 으로.
    Rieul,
    /// On any other final consonant ("버킷", "stream", "3" 삼).
    Consonant,
}

/// The form of `particle` after `word`: the consonant form after a final consonant ("버킷을"),
/// the vowel form after a vowel ("큐를"); 으로/로 takes 로 after ㄹ as well ("파일로").
///
/// What is read is the end of the word: closing quotes are looked through ("'abc'는") and a
/// closing parenthesis with what it encloses is skipped, as Korean does ("시간(6시간)을" agrees
/// with 시간). Digits are read as Korean numbers ("3" 삼, "10" 십, "1,000" 천, "1.5" 오), except one
/// digit right after a Latin letter, which is read in English ("S3" 에스쓰리, "EC2"). Latin
/// words are read as Korean writes them: ㄹ after l and -le ("pool", "table"), a consonant after
/// m, n (also -me, -ne, -ng), ck, ic, and after p, t, k, b that close a short vowel ("bucket" 버킷, "app" 앱,
/// "timeout" 타임아웃), a vowel otherwise ("queue" 큐, "event" 이벤트, "orders" 오더스). A
/// name in capitals is read letter by letter ("SQS" 에스, "ARN" 엔, "URL" 엘). A word that ends
/// in none of these (a symbol, an emoji) takes the vowel form.
pub fn particle(word: &str, particle: Particle) -> &'static str {
    let (after_consonant, after_vowel) = particle.forms();
    match (ending(word), particle) {
        (Ending::Consonant, _) => after_consonant,
        (Ending::Rieul, Particle::Toward) => after_vowel,
        (Ending::Rieul, _) => after_consonant,
        (Ending::Vowel, _) => after_vowel,
    }
}

/// `word` followed by the form of `particle` it takes: "버킷을", "images를".
pub fn attach(word: &str, particle: Particle) -> String {
    format!("{word}{}", self::particle(word, particle))
}

/// `word` followed by `text` whose first word is a particle written in its form after a consonant
/// ("을 구독함", "으로 전달함", "이 필요합니다"): the particle takes the form `word` needs
/// ("images를 구독함", "image-alerts로 전달함"). Any other text follows as it is ("에서 호출됨").
pub fn join(word: &str, text: &str) -> String {
    let starts = |form: &str| {
        text.strip_prefix(form)
            .filter(|rest| form == "으로" || !rest.chars().next().is_some_and(is_syllable))
    };
    for kind in [
        Particle::Toward,
        Particle::Object,
        Particle::Subject,
        Particle::Topic,
        Particle::And,
    ] {
        if let Some(rest) = starts(kind.forms().0) {
            return format!("{word}{}{rest}", particle(word, kind));
        }
    }
    format!("{word}{text}")
}

/// A duration in Korean units: `1분`, `2분 30초`, `6시간`, `1.5초`, and `250ms` as AWS writes
/// milliseconds in Korean too.
pub fn duration(ms: Millis) -> String {
    crate::clock::spoken_duration(ms, ["시간", "분", "초", "ms"])
}

fn is_syllable(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

fn ending(word: &str) -> Ending {
    let chars: Vec<char> = word.chars().collect();
    let Some(end) = last_read(&chars) else {
        return Ending::Vowel;
    };
    let c = chars[end];
    if is_syllable(c) {
        return match (c as u32 - '가' as u32) % 28 {
            0 => Ending::Vowel,
            8 => Ending::Rieul,
            _ => Ending::Consonant,
        };
    }
    if ('ㄱ'..='ㅎ').contains(&c) {
        return if c == 'ㄹ' {
            Ending::Rieul
        } else {
            Ending::Consonant
        };
    }
    if c.is_ascii_digit() {
        return number_ending(&chars[..=end]);
    }
    if c.is_ascii_alphabetic() {
        return latin_ending(&chars[..=end]);
    }
    Ending::Vowel
}

/// The index of the last character that is read: closing quotes are looked through, and a
/// closing parenthesis is skipped with what it encloses.
fn last_read(chars: &[char]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate().rev() {
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            '\'' | '"' | '‘' | '’' | '“' | '”' | '»' | '」' | '』' => {}
            c if c.is_whitespace() => {}
            _ => return Some(i),
        }
    }
    None
}

/// How a number at the end of `chars` is read.
fn number_ending(chars: &[char]) -> Ending {
    let mut start = chars.len();
    while start > 0
        && (chars[start - 1].is_ascii_digit()
            || (chars[start - 1] == ',' && start > 1 && chars[start - 2].is_ascii_digit()))
    {
        start -= 1;
    }
    let digits: Vec<u32> = chars[start..]
        .iter()
        .filter_map(|c| c.to_digit(10))
        .collect();
    let before = start.checked_sub(1).map(|i| chars[i]);
    let last = digits.last().copied().unwrap_or(0);
    // One digit glued to a Latin letter is read in English: S3 (쓰리), EC2 (투), v1 (원).
    if digits.len() == 1 && before.is_some_and(|c| c.is_ascii_alphabetic()) {
        return match last {
            1 | 7 | 8 | 9 => Ending::Consonant, // 원, 세븐, 에잇, 나인
            _ => Ending::Vowel,                 // 제로, 투, 쓰리, 포, 파이브, 식스
        };
    }
    // After a decimal point each digit is read alone: 1.5 is 일 점 오.
    let fraction = before == Some('.') && start > 1 && chars[start - 2].is_ascii_digit();
    let zeros = if fraction {
        0
    } else {
        digits.iter().rev().take_while(|&&d| d == 0).count()
    };
    if zeros == digits.len() {
        return Ending::Consonant; // 영
    }
    match zeros {
        0 => match last {
            2 | 4 | 5 | 9 => Ending::Vowel, // 이, 사, 오, 구
            1 | 7 | 8 => Ending::Rieul,     // 일, 칠, 팔
            _ => Ending::Consonant,         // 영, 삼, 육
        },
        // 십, 백, 천; 만, 억; 조 ends on a vowel; 경.
        12 => Ending::Vowel,
        _ => Ending::Consonant,
    }
}

/// How a Latin word at the end of `chars` is read in Korean.
fn latin_ending(chars: &[char]) -> Ending {
    let mut start = chars.len();
    while start > 0 && chars[start - 1].is_ascii_alphabetic() {
        start -= 1;
    }
    let run = &chars[start..];
    // In a camel-case name the last word is read: "RetriesExhausted" ends on "Exhausted".
    let word = match run.iter().rposition(|c| c.is_ascii_uppercase()) {
        Some(i) if run[i..].len() > 1 && run[i + 1..].iter().all(|c| c.is_ascii_lowercase()) => {
            &run[i..]
        }
        _ => run,
    };
    let letters = word.len() == 1 || word.iter().all(|c| c.is_ascii_uppercase());
    let last = word[word.len() - 1].to_ascii_lowercase();
    if letters {
        // The letter's name: 엘, 알; 엠, 엔; 에이, 비, 씨, …
        return match last {
            'l' | 'r' => Ending::Rieul,
            'm' | 'n' => Ending::Consonant,
            _ => Ending::Vowel,
        };
    }
    let word: String = word.iter().map(char::to_ascii_lowercase).collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    if word.ends_with('l') || word.ends_with("le") {
        return Ending::Rieul;
    }
    // m, n and ng, also before a silent e: "stream" 스트림, "done" 던, "runtime" 런타임.
    if word.ends_with('m')
        || word.ends_with('n')
        || word.ends_with("ng")
        || word.ends_with("me")
        || word.ends_with("ne")
    {
        return Ending::Consonant;
    }
    if word.ends_with("ck") || word.ends_with("ic") {
        return Ending::Consonant;
    }
    if matches!(last, 'p' | 't' | 'k' | 'b') {
        // A doubled consonant is one sound: "app" is 앱.
        let body = word.trim_end_matches(last);
        let before: Vec<char> = body.chars().rev().take(3).collect();
        let short_vowel = match before.as_slice() {
            [v, c, ..] => vowel(*v) && !vowel(*c),
            [v] => vowel(*v),
            _ => false,
        };
        // Two vowels that still read short: book 북, timeout 타임아웃, group 그룹.
        let read_short = body.ends_with("oo") && last == 'k' || body.ends_with("ou");
        if short_vowel || read_short {
            return Ending::Consonant;
        }
    }
    Ending::Vowel
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SECOND;
    use Particle::*;

    #[test]
    fn a_word_ending_in_a_vowel_takes_the_vowel_form() {
        assert_eq!(attach("큐", Object), "큐를");
        assert_eq!(attach("큐", Subject), "큐가");
        assert_eq!(attach("큐", Topic), "큐는");
        assert_eq!(attach("큐", And), "큐와");
        assert_eq!(attach("큐", Toward), "큐로");
    }

    #[test]
    fn a_word_ending_in_a_consonant_takes_the_consonant_form() {
        assert_eq!(attach("버킷", Object), "버킷을");
        assert_eq!(attach("버킷", Subject), "버킷이");
        assert_eq!(attach("버킷", Topic), "버킷은");
        assert_eq!(attach("버킷", And), "버킷과");
        assert_eq!(attach("버킷", Toward), "버킷으로");
    }

    #[test]
    fn after_rieul_toward_is_ro_and_the_others_take_the_consonant_form() {
        assert_eq!(attach("파일", Toward), "파일로");
        assert_eq!(attach("파일", Object), "파일을");
        assert_eq!(attach("thumbnail", Toward), "thumbnail로");
        assert_eq!(attach("table", Toward), "table로");
        assert_eq!(attach("URL", Toward), "URL로");
        assert_eq!(attach("1", Toward), "1로");
        assert_eq!(attach("7", Subject), "7이");
    }

    #[test]
    fn digits_are_read_as_korean_numbers() {
        // 일, 이, 삼, 사, 오, 육, 칠, 팔, 구
        let subjects: Vec<String> = (1..=9).map(|n| attach(&n.to_string(), Subject)).collect();
        assert_eq!(
            subjects,
            ["1이", "2가", "3이", "4가", "5가", "6이", "7이", "8이", "9가"]
        );
        assert_eq!(attach("0", Object), "0을"); // 영
        assert_eq!(attach("10", Object), "10을"); // 십
        assert_eq!(attach("12", Object), "12를"); // 십이
        assert_eq!(attach("100", Toward), "100으로"); // 백
        assert_eq!(attach("8,000", Topic), "8,000은"); // 팔천
        assert_eq!(attach("10000", Topic), "10000은"); // 만
        assert_eq!(attach("1.5", Topic), "1.5는"); // 일 점 오
        assert_eq!(attach("시도 1/3", Object), "시도 1/3을"); // 삼
        assert_eq!(attach("queue-2", Subject), "queue-2가");
        assert_eq!(attach("queue-3", Subject), "queue-3이");
    }

    #[test]
    fn one_digit_after_a_latin_letter_is_read_in_english() {
        assert_eq!(attach("S3", Topic), "S3는"); // 에스쓰리
        assert_eq!(attach("EC2", Object), "EC2를"); // 이씨투
        assert_eq!(attach("v1", Subject), "v1이"); // 브이원
    }

    #[test]
    fn latin_names_are_read_as_korean_writes_them() {
        for (word, expected) in [
            ("images", "images를"),                     // 이미지스
            ("resize-image", "resize-image를"),         // 이미지
            ("image-metadata", "image-metadata를"),     // 메타데이터
            ("orders-dlq", "orders-dlq를"),             // 디엘큐
            ("process-order", "process-order를"),       // 오더
            ("send-invoice", "send-invoice를"),         // 인보이스
            ("console-test", "console-test를"),         // 테스트
            ("Event", "Event를"),                       // 이벤트
            ("RetriesExhausted", "RetriesExhausted를"), // 이그조스티드
            ("clickstream", "clickstream을"),           // 스트림
            ("ping", "ping을"),                         // 핑
            ("thumbnails-done", "thumbnails-done을"),   // 던
            ("runtime", "runtime을"),                   // 런타임
            ("DryRun", "DryRun을"),                     // 드라이런
            ("bucket", "bucket을"),                     // 버킷
            ("orders-app", "orders-app을"),             // 앱
            ("timeout", "timeout을"),                   // 타임아웃
            ("topic", "topic을"),                       // 토픽
            ("click", "click을"),                       // 클릭
            ("SQS", "SQS를"),                           // 에스큐에스
            ("ARN", "ARN을"),                           // 에이알엔
            ("IAM", "IAM을"),                           // 아이에이엠
            ("readings-a", "readings-a를"),             // 에이
        ] {
            assert_eq!(attach(word, Object), expected, "{word}");
        }
    }

    #[test]
    fn quotes_are_looked_through_and_a_parenthesis_is_skipped() {
        assert_eq!(attach("'v1'", Subject), "'v1'이");
        assert_eq!(attach("'abc'", Topic), "'abc'는");
        assert_eq!(attach("한도(6시간)", Object), "한도(6시간)를");
        assert_eq!(attach("🎉", Object), "🎉를");
        assert_eq!(attach("", Object), "를");
    }

    #[test]
    fn a_text_that_begins_with_a_particle_agrees_with_the_word_before_it() {
        assert_eq!(
            join("SNS 토픽 image-alerts", "으로 전달함"),
            "SNS 토픽 image-alerts로 전달함"
        );
        assert_eq!(
            join("Kinesis 스트림 clickstream", "을 읽는 매핑"),
            "Kinesis 스트림 clickstream을 읽는 매핑"
        );
        assert_eq!(join("SQS 큐 orders", "을 구독함"), "SQS 큐 orders를 구독함");
        assert_eq!(
            join("S3 버킷 images", "에서 비동기 호출됨"),
            "S3 버킷 images에서 비동기 호출됨"
        );
        assert_eq!(join("큐", "이벤트"), "큐이벤트");
        assert_eq!(join("이름", "이 필요합니다"), "이름이 필요합니다");
        assert_eq!(join("queue", "이 필요합니다"), "queue가 필요합니다");
    }

    #[test]
    fn durations_are_said_in_korean_units() {
        assert_eq!(duration(60 * SECOND), "1분");
        assert_eq!(duration(150 * SECOND), "2분 30초");
        assert_eq!(duration(6 * 3_600 * SECOND), "6시간");
        assert_eq!(duration(850), "850ms");
        assert_eq!(duration(1_500), "1.5초");
        assert_eq!(attach(&duration(60 * SECOND), Subject), "1분이");
        assert_eq!(attach(&duration(30 * SECOND), Subject), "30초가");
    }
}
