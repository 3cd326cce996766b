//! One declaration per model type. Each field is written once: its Rust name and type, its JSON
//! key, what it is when absent, how it is read and how it is written:
//!
//! ```text
//! /// `Timeout` in seconds (default 3).
//! timeout: i64 = "Timeout" default(default_timeout()), read int, write always;
//! ```
//!
//! - absent: `required` (refused with "missing field"), `optional` (the type's `Default`) or
//!   `default(value)`;
//! - `read f(args)` calls `read::f(value, path, args)` (see `read/mod.rs`);
//! - `write f(args)` calls `write::f(object, key, &field, args)`, which may leave the field out
//!   (see `write.rs`).
//!
//! [`model!`] makes a struct, [`tagged!`] an internally tagged enum (`"type": "..."`) whose
//! variants are unit (other fields ignored) or have declared fields. Both generate the type, its
//! `read` (keys matched by name, unknown ones refused with the declared keys in order, then
//! required ones checked in order), `write` (declaration order) and `Serialize`. The reader goes
//! through one non-generic `read::fields`, which finds the key; a type adds one `match` on its
//! fields by name.

/// A struct, its reader, its writer and its `Serialize`.
macro_rules! model {
    (
        $(#[$meta:meta])*
        $vis:vis struct $Name:ident {
            $(
                $(#[$field_meta:meta])*
                $field:ident: $ty:ty = $key:literal $absent:ident $(($default:expr))?,
                    read $read:ident $(($($read_arg:expr),*))?,
                    write $write:ident $(($($write_arg:expr),*))?;
            )*
        }
    ) => {
        $(#[$meta])*
        $vis struct $Name {
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        impl $Name {
            /// The value before any field is read: every field as when absent.
            pub(crate) fn defaults() -> Self {
                Self { $( $field: $crate::scenario::declare::absent!($absent $(($default))?), )* }
            }

            /// Reads the type from JSON.
            pub(crate) fn read(
                value: &serde_json::Value,
                path: &$crate::scenario::read::Path,
            ) -> $crate::scenario::read::R<Self> {
                /// The fields, by name.
                #[allow(non_camel_case_types)]
                #[derive(Clone, Copy)]
                enum Field { $($field),* }
                const KEYS: &[&str] = &[$($key),*];
                const FIELDS: &[Field] = &[$(Field::$field),*];
                const REQUIRED: &[bool] = &[$($crate::scenario::declare::required!($absent)),*];
                const _: () = assert!(KEYS.len() <= $crate::scenario::read::MAX_FIELDS);
                let mut out = Self::defaults();
                $crate::scenario::read::fields(
                    value,
                    path,
                    concat!("struct ", stringify!($Name)),
                    KEYS,
                    REQUIRED,
                    None,
                    &mut |i, v, p| match FIELDS[i] {
                        $(Field::$field => $crate::scenario::read::store(
                            &mut out.$field,
                            $crate::scenario::read::$read(v, p $(, $($read_arg),*)?),
                        ),)*
                    },
                )?;
                Ok(out)
            }

            /// Writes the type as JSON, fields in declaration order.
            pub(crate) fn write(&self) -> serde_json::Value {
                let mut o = $crate::scenario::write::Obj::new();
                $( $crate::scenario::write::$write(&mut o, $key, &self.$field $(, $($write_arg),*)?); )*
                o.done()
            }
        }

        impl serde::Serialize for $Name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.write().serialize(serializer)
            }
        }
    };
}

/// An internally tagged enum (`{"type": "<tag>", ...}`), its reader, writer and `Serialize`.
macro_rules! tagged {
    (
        $(#[$meta:meta])*
        $vis:vis enum $Name:ident {
            $(
                $(#[$variant_meta:meta])*
                $Variant:ident = $tag:literal $({
                    $(
                        $(#[$field_meta:meta])*
                        $field:ident: $ty:ty = $key:literal $absent:ident $(($default:expr))?,
                            read $read:ident $(($($read_arg:expr),*))?,
                            write $write:ident $(($($write_arg:expr),*))?;
                    )*
                })?,
            )*
        }
    ) => {
        $(#[$meta])*
        $vis enum $Name {
            $( $(#[$variant_meta])* $Variant $({ $( $(#[$field_meta])* $field: $ty, )* })?, )*
        }

        impl $Name {
            /// Reads the type from JSON: the variant named by `type`, then its fields.
            pub(crate) fn read(
                value: &serde_json::Value,
                path: &$crate::scenario::read::Path,
            ) -> $crate::scenario::read::R<Self> {
                const TAGS: &[&str] = &[$($tag),*];
                const VARIANTS: &[$crate::scenario::read::Variant<$Name>] = &[$(
                    $crate::scenario::read::Variant {
                        make: || $Name::$Variant $({ $(
                            $field: $crate::scenario::declare::absent!($absent $(($default))?),
                        )* })?,
                        keys: &[$($($key),*)?],
                        required: &[$($($crate::scenario::declare::required!($absent)),*)?],
                    }
                ),*];
                let variant = &VARIANTS[$crate::scenario::read::tag(
                    value,
                    path,
                    concat!("internally tagged enum ", stringify!($Name)),
                    TAGS,
                )?];
                let mut out = (variant.make)();
                if variant.keys.is_empty() {
                    // A unit variant ignores the other fields, as serde did.
                    return Ok(out);
                }
                // Each struct variant's arm returns; a unit variant's arm is never reached.
                #[allow(unreachable_code)]
                let mut each = |i: usize, v: &serde_json::Value, p: &$crate::scenario::read::Path| {
                    match &mut out {
                        $($Name::$Variant $({ $($field),* })? => {$(
                            /// The variant's fields, by name.
                            #[allow(non_camel_case_types)]
                            #[derive(Clone, Copy)]
                            enum Field { $($field),* }
                            const FIELDS: &[Field] = &[$(Field::$field),*];
                            return match FIELDS[i] {
                                $(Field::$field => $crate::scenario::read::store(
                                    $field,
                                    $crate::scenario::read::$read(v, p $(, $($read_arg),*)?),
                                ),)*
                            };
                        )?})*
                    }
                    Ok(())
                };
                $crate::scenario::read::fields(
                    value,
                    path,
                    "struct variant", // never shown: `tag` found an object
                    variant.keys,
                    variant.required,
                    Some("type"),
                    &mut each,
                )?;
                Ok(out)
            }

            /// Writes the type as JSON: `type`, then the variant's fields in declaration order.
            pub(crate) fn write(&self) -> serde_json::Value {
                let mut o = $crate::scenario::write::Obj::new();
                match self {
                    $( $Name::$Variant $({ $($field),* })? => {
                        o.put("type", serde_json::Value::from($tag));
                        $($( $crate::scenario::write::$write(&mut o, $key, $field $(, $($write_arg),*)?); )*)?
                    } )*
                }
                o.done()
            }
        }

        impl serde::Serialize for $Name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.write().serialize(serializer)
            }
        }
    };
}

/// A field's value when absent from the document.
macro_rules! absent {
    (required) => {
        Default::default()
    };
    (optional) => {
        Default::default()
    };
    (default($value:expr)) => {
        $value
    };
}

/// Whether a field must be present.
macro_rules! required {
    (required) => {
        true
    };
    (optional) => {
        false
    };
    (default) => {
        false
    };
}

pub(crate) use {absent, model, required, tagged};
