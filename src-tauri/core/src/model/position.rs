//! Fractional position keys: the order of deals within a stage.
//!
//! A key is a base-36 fraction (`0-9a-z`, compared bytewise, which is numeric order here). Between
//! any two keys there is always another, so moving a card writes one row, however often cards
//! move. Keys this module makes never end in `0`, which keeps room below every key; keys of other
//! origins (the demo's fixed-width keys) only need to be distinct and not prefixes of each other.

use crate::{Error, Result};

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const BASE: u8 = 36;

fn value(c: u8) -> Option<u8> {
    DIGITS.iter().position(|&d| d == c).map(|i| i as u8)
}

/// Whether `key` is a position key (non-empty, base-36 digits only).
pub fn is_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|c| value(c).is_some())
}

/// A key that sorts strictly after `before` (if any) and strictly before `after` (if any).
/// `None` on either side means the start or the end of the column.
pub fn between(before: Option<&str>, after: Option<&str>) -> Result<String> {
    for key in [before, after].into_iter().flatten() {
        if !is_key(key) {
            return Err(Error::invalid("position", format!("{key:?} is not a position key")));
        }
    }
    if let (Some(a), Some(b)) = (before, after)
        && a >= b
    {
        return Err(Error::Conflict(format!("position {a:?} is not before {b:?}")));
    }
    let digits = |k: &str| k.bytes().map(|c| value(c).unwrap_or(0)).collect::<Vec<u8>>();
    let key = match (before, after) {
        (None, None) => Some(vec![BASE / 2]),
        (Some(a), None) => Some(increment(&digits(a))),
        (None, Some(b)) => decrement(&digits(b)),
        (Some(a), Some(b)) => midpoint(&digits(a), Some(&digits(b))),
    };
    let key = key.ok_or_else(|| Error::Conflict(format!("no key fits between {before:?} and {after:?}")))?;
    Ok(key.into_iter().map(|d| DIGITS[d as usize] as char).collect())
}

/// The next key after `a`, like a counter: adding at the end of a column keeps keys short.
fn increment(a: &[u8]) -> Vec<u8> {
    match a.iter().rposition(|&d| d < BASE - 1) {
        Some(p) => [&a[..p], &[a[p] + 1][..]].concat(),
        // All `z`: one digit more (35 appends per extra digit).
        None => [a, &[1][..]].concat(),
    }
}

/// The key before `b`, counting down; `None` only if `b` is all zeros.
fn decrement(b: &[u8]) -> Option<Vec<u8>> {
    let p = b.iter().rposition(|&d| d > 0)?;
    Some(match b[p] - 1 {
        // Never end in 0: one digit more instead (35 prepends per extra digit).
        0 => [&b[..p], &[0, BASE - 1][..]].concat(),
        d => [&b[..p], &[d][..]].concat(),
    })
}

/// Digits strictly between the fractions `0.a` and `0.b` (`b = None` is 1). `None` when there are
/// none, which happens only if `b` is `a` followed by zeros.
fn midpoint(a: &[u8], b: Option<&[u8]>) -> Option<Vec<u8>> {
    let digit = |s: &[u8], i: usize| s.get(i).copied().unwrap_or(0);
    if let Some(b) = b {
        // A common prefix stays; the keys part after it.
        let shared = (0..b.len()).take_while(|&i| digit(a, i) == b[i]).count();
        if shared == b.len() {
            return None;
        }
        if shared > 0 {
            let tail = midpoint(a.get(shared..).unwrap_or(&[]), Some(&b[shared..]))?;
            return Some([&b[..shared], &tail[..]].concat());
        }
    }
    let low = digit(a, 0);
    let high = b.map_or(BASE, |b| b[0]);
    if high - low > 1 {
        return Some(vec![(low + high) / 2]);
    }
    // Adjacent first digits: `b`'s first digit alone is below `b` when `b` goes on; otherwise
    // keep `a`'s first digit and go half-way between the rest of `a` and the end.
    if let Some(b) = b
        && b.len() > 1
    {
        return Some(vec![b[0]]);
    }
    let rest = midpoint(a.get(1..).unwrap_or(&[]), None)?;
    Some([&[low][..], &rest[..]].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(before: Option<&str>, after: Option<&str>) -> String {
        let k = between(before, after).unwrap();
        assert!(is_key(&k) && !k.ends_with('0'), "{k:?}");
        if let Some(a) = before {
            assert!(a < k.as_str(), "{a:?} < {k:?}");
        }
        if let Some(b) = after {
            assert!(k.as_str() < b, "{k:?} < {b:?}");
        }
        k
    }

    #[test]
    fn first_last_and_between() {
        assert_eq!(key(None, None), "i");
        assert_eq!(key(Some("i"), None), "j");
        assert_eq!(key(Some("az"), None), "b");
        assert_eq!(key(Some("zz"), None), "zz1");
        assert_eq!(key(None, Some("i")), "h");
        assert_eq!(key(None, Some("a1")), "a0z");
        assert_eq!(key(None, Some("a10")), "a0z");
        assert_eq!(key(Some("a"), Some("b")), "ai");
        assert_eq!(key(Some("a"), Some("a1")), "a0i");
        assert_eq!(key(Some("az"), Some("b")), "azi");
        key(Some("a0001g"), Some("a0001w")); // the demo's fixed-width keys
    }

    #[test]
    fn keys_stay_short_under_appends_and_prepends() {
        let mut last = key(None, None);
        let mut first = last.clone();
        for _ in 0..1000 {
            last = key(Some(&last), None);
            first = key(None, Some(&first));
        }
        // Growth is linear at the ends, but slow: one character per 35 additions.
        assert!(last.len() <= 30 && first.len() <= 30, "{} {}", last.len(), first.len());
    }

    #[test]
    fn many_moves_into_one_gap_keep_order() {
        // Always dropping right after the same card: the worst case for key length.
        let (low, high) = ("a".to_string(), "b".to_string());
        let mut next = high.clone();
        let mut keys = vec![low.clone(), high];
        for _ in 0..500 {
            next = key(Some(&low), Some(&next));
            keys.push(next.clone());
        }
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), keys.len(), "every key is distinct");
    }

    #[test]
    fn bad_keys_and_reversed_bounds_are_refused() {
        assert_eq!(between(Some("A"), None).unwrap_err().code(), "invalid");
        assert_eq!(between(Some(""), None).unwrap_err().code(), "invalid");
        assert_eq!(between(Some("b"), Some("a")).unwrap_err().code(), "conflict");
        assert_eq!(between(Some("a"), Some("a")).unwrap_err().code(), "conflict");
        assert_eq!(between(Some("a"), Some("a00")).unwrap_err().code(), "conflict");
        assert_eq!(between(None, Some("00")).unwrap_err().code(), "conflict");
    }
}
