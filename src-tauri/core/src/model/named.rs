//! Lists of things saved under a name in the workspace (lead views, report packs): one per name,
//! case aside, kept sorted by name.

use crate::{Error, Result};

pub trait Named {
    fn name(&self) -> &str;
}

/// `list` with `item` saved: replacing the one of the same name (case aside), else added, up to
/// `max` (`what` names them in the refusal: "views").
pub fn save<T: Named>(mut list: Vec<T>, item: T, max: usize, what: &str) -> Result<Vec<T>> {
    let key = item.name().to_lowercase();
    match list.iter().position(|x| x.name().to_lowercase() == key) {
        Some(i) => list[i] = item,
        None if list.len() >= max => {
            return Err(Error::invalid("name", format!("keep at most {max} {what}; delete one first")));
        }
        None => list.push(item),
    }
    list.sort_by_key(|x| x.name().to_lowercase());
    Ok(list)
}

/// `list` without the one named `name` (case and spaces around it aside); `None` if none is.
pub fn without<T: Named>(mut list: Vec<T>, name: &str) -> Option<Vec<T>> {
    let key = name.trim().to_lowercase();
    let before = list.len();
    list.retain(|x| x.name().to_lowercase() != key);
    (list.len() < before).then_some(list)
}
