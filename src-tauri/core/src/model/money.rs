//! Money: integer minor units plus an ISO 4217 currency code, never a float.

use crate::{Error, Result};

/// Active ISO 4217 currency codes.
const CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
    "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SYP", "SZL",
    "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES", "VND",
    "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// The upper-case ISO 4217 code, or a clear error.
pub fn currency(raw: &str) -> Result<String> {
    let code = raw.trim().to_ascii_uppercase();
    if CURRENCIES.binary_search(&code.as_str()).is_ok() {
        Ok(code)
    } else {
        Err(Error::invalid(
            "currency",
            format!("{:?} is not an ISO 4217 currency code (such as EUR, USD, GBP)", raw.trim()),
        ))
    }
}

/// A deal's value: zero or more minor units (cents).
pub fn value_minor(value: i64) -> Result<i64> {
    amount_minor("value_minor", value)
}

/// An amount of money (a value, a budget, a spend): zero or more minor units.
pub fn amount_minor(field: &'static str, value: i64) -> Result<i64> {
    if value < 0 {
        return Err(Error::invalid(field, "cannot be negative"));
    }
    // Far above any deal, and far below where sums of 100,000 of them would overflow.
    if value > 100_000_000_000_000 {
        return Err(Error::invalid(field, "is larger than 1,000,000,000,000"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_are_checked_against_iso_4217() {
        assert!(CURRENCIES.windows(2).all(|w| w[0] < w[1]), "sorted, for the binary search");
        assert_eq!(currency(" eur ").unwrap(), "EUR");
        assert_eq!(currency("XYZ").unwrap_err().field(), Some("currency"));
        assert_eq!(currency("").unwrap_err().field(), Some("currency"));
        assert_eq!(value_minor(-1).unwrap_err().field(), Some("value_minor"));
        assert_eq!(value_minor(0).unwrap(), 0);
    }
}
