//! The only randomness in the engine: a seeded SplitMix64 generator. Same seed, same numbers,
//! on every platform.

/// A small, fast, seeded pseudo-random generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Moves on exactly as [`Rng::uuid`] does, for an id nobody reads.
    pub fn skip_uuid(&mut self) {
        self.next_u64();
        self.next_u64();
    }

    /// A random (version 4 shaped) UUID string, as AWS uses for request ids.
    pub fn uuid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        // `{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}`, written without `format!` (a run makes one per
        // request and message).
        let mut out = String::with_capacity(36);
        push_hex(&mut out, a >> 32, 8);
        out.push('-');
        push_hex(&mut out, (a >> 16) & 0xffff, 4);
        out.push_str("-4");
        push_hex(&mut out, a & 0x0fff, 3);
        out.push('-');
        push_hex(&mut out, ((b >> 48) & 0x3fff) | 0x8000, 4);
        out.push('-');
        push_hex(&mut out, b & 0xffff_ffff_ffff, 12);
        out
    }
}

/// Appends the low `digits` hex digits of `value`, lower case, zero-padded.
fn push_hex(out: &mut String, value: u64, digits: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for i in (0..digits).rev() {
        out.push(char::from(HEX[((value >> (4 * i)) & 0xf) as usize]));
    }
}

/// A stable 64-bit hash (FNV-1a) used to place partition keys on shards and lanes.
pub fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipping_an_id_leaves_the_generator_where_making_it_does() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        a.uuid();
        b.skip_uuid();
        assert_eq!(a.uuid(), b.uuid());
    }

    #[test]
    fn the_same_seed_gives_the_same_request_ids() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!(a.uuid(), b.uuid());
        assert_ne!(Rng::new(7).uuid(), Rng::new(8).uuid());
    }

    #[test]
    fn request_ids_are_the_uuid_format_of_two_draws() {
        for seed in [0, 1, 7, u64::MAX] {
            let (mut ids, mut draws) = (Rng::new(seed), Rng::new(seed));
            for _ in 0..50 {
                let (a, b) = (draws.next_u64(), draws.next_u64());
                let expected = format!(
                    "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
                    a >> 32,
                    (a >> 16) & 0xffff,
                    a & 0x0fff,
                    ((b >> 48) & 0x3fff) | 0x8000,
                    b & 0xffff_ffff_ffff
                );
                assert_eq!(ids.uuid(), expected);
            }
        }
    }

    #[test]
    fn request_ids_look_like_uuids() {
        let id = Rng::new(1).uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(id.as_bytes()[14], b'4');
        assert_eq!(id.matches('-').count(), 4);
    }
}
