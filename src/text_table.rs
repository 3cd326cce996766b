//! The shape of a text catalog: an enum of keys, each with its English and Korean text, kept as
//! a table (a few bytes a text, not a jump table's code for each). A key without both languages
//! does not compile. The app's catalog (`src/i18n.rs`) and the tools worker's lesson texts
//! (`src/bin/tools/lesson_texts.rs`) are both written with it.

/// Declares `$name` with one variant per key, `$name::get(lang)`, and `$name::ALL` for tests.
macro_rules! text_table {
    ($(#[$doc:meta])* $name:ident { $($key:ident => $en:expr, $ko:expr;)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($key,)* }

        impl $name {
            /// Every key, for tests.
            #[cfg(test)]
            pub const ALL: &'static [$name] = &[$($name::$key,)*];

            /// The text in `lang`.
            pub fn get(self, lang: engine::lang::Lang) -> &'static str {
                const TEXTS: &[[&str; 2]] = &[$([$en, $ko],)*];
                let column = match lang {
                    engine::lang::Lang::En => 0,
                    engine::lang::Lang::Ko => 1,
                };
                TEXTS.get(self as usize).map_or("", |texts| texts[column])
            }
        }
    };
}
