//! Ranked lead search over the full-text index.
//!
//! Relevance comes in tiers a user can predict: the name starts with the first word, then the
//! name holds every word, then name or company, then also the email, then anywhere (notes).
//! Within a tier the newest lead comes first. Each tier is one FTS5 expression that excludes the
//! tiers before it, so a page walks the tiers in order and never ranks every match: a three-letter
//! prefix that matches thousands of leads costs a few index lookups, not a bm25 sort.

/// The FTS5 expression of every relevance tier, best first; every live match is in exactly one.
pub(super) fn tiers(terms: &[String]) -> [String; 5] {
    let all = terms.join(" ");
    let rest = &terms[1..];
    let starts = if rest.is_empty() { format!("^{}", terms[0]) } else { format!("^{} {}", terms[0], rest.join(" ")) };
    let in_name = format!("name : ({all})");
    let in_company = format!("{{name company}} : ({all})");
    let in_email = format!("{{name company email}} : ({all})");
    [
        format!("name : ({starts})"),
        format!("({in_name}) NOT (name : ({starts}))"),
        format!("({in_company}) NOT ({in_name})"),
        format!("({in_email}) NOT ({in_company})"),
        format!("({all}) NOT ({in_email})"),
    ]
}

/// Every live match, whatever its tier.
pub(super) fn any(terms: &[String]) -> String {
    terms.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_exclude_the_ones_before() {
        let t = tiers(&["\"an\"*".into(), "\"gr\"*".into()]);
        assert_eq!(t[0], "name : (^\"an\"* \"gr\"*)");
        assert_eq!(t[1], "(name : (\"an\"* \"gr\"*)) NOT (name : (^\"an\"* \"gr\"*))");
        assert_eq!(t[4], "(\"an\"* \"gr\"*) NOT ({name company email} : (\"an\"* \"gr\"*))");
        assert_eq!(any(&["\"x\"*".into()]), "\"x\"*");
    }
}
