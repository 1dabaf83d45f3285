//! Serde helper: an `Option<T>` written as a plain `T` (no `Some(..)`) and omitted when
//! `None`. Used for optional numbers people type by hand (`minutes: 40`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes the inner value (callers skip `None` with `skip_serializing_if`).
pub fn serialize<T: Serialize, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => x.serialize(s),
        None => s.serialize_none(),
    }
}

/// Reads a plain value as `Some`.
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}
