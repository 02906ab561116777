//! The fonts a PDF's text is set in. DejaVu Sans is built in and sets what it covers (Latin,
//! Greek, Cyrillic and more), so the CLI and the app make the same document. A character it lacks
//! (Chinese, Japanese, Korean, Thai, …) is set in the first of the system's fonts that has it,
//! looked for once per character, weight and process; without one it shows as DejaVu's empty box.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use krilla::text::Font;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A font as krilla embeds it and as its glyph widths are read.
pub(super) struct Typeface {
    pub(super) font: Font,
    face: ttf_parser::Face<'static>,
}

impl Typeface {
    fn new(data: &'static [u8], index: u32) -> Option<Typeface> {
        Some(Typeface { font: Font::new(data.into(), index)?, face: ttf_parser::Face::parse(data, index).ok()? })
    }

    /// How wide `c` is, in ems; `None` if this font has no glyph for it.
    fn width(&self, c: char) -> Option<f32> {
        let glyph = self.face.glyph_index(c)?;
        Some(f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) / f32::from(self.face.units_per_em()))
    }
}

static BUILT_IN: LazyLock<[Typeface; 2]> = LazyLock::new(|| {
    [
        Typeface::new(REGULAR, 0).expect("the built-in regular font"),
        Typeface::new(BOLD, 0).expect("the built-in bold font"),
    ]
});

fn built_in(bold: bool) -> &'static Typeface {
    &BUILT_IN[usize::from(bold)]
}

/// Each character of `text` with the typeface that sets it and its width there in ems: the
/// built-in typeface where it has the glyph, else a system font that has it. A space or a mark
/// between characters of one system font stays in that font, so a Japanese name is one run.
fn set(text: &str, bold: bool) -> impl Iterator<Item = (usize, &'static Typeface, f32)> {
    let own = built_in(bold);
    let mut current = own;
    text.char_indices().map(move |(i, c)| {
        let kept = if std::ptr::eq(current, own) || c.is_alphanumeric() { None } else { current.width(c) };
        let (face, width) = match kept {
            Some(w) => (current, w),
            None => match own.width(c) {
                Some(w) => (own, w),
                None => match system_font(c, bold) {
                    Some(face) => (face, face.width(c).unwrap_or(0.0)),
                    // Drawn as the font's empty box.
                    None => (own, own.width('\u{FFFD}').unwrap_or(0.0)),
                },
            },
        };
        current = face;
        (i, face, width)
    })
}

/// How wide `text` is at `size` points.
pub(super) fn advance(text: &str, size: f32, bold: bool) -> f32 {
    set(text, bold).map(|(_, _, width)| width).sum::<f32>() * size
}

/// `text` cut where its typeface changes: each piece and the typeface that sets it.
pub(super) fn runs(text: &str, bold: bool) -> Vec<(&str, &'static Typeface)> {
    let mut runs: Vec<(&str, &'static Typeface)> = Vec::new();
    let mut start = 0;
    for (i, face, _) in set(text, bold) {
        if runs.last().is_some_and(|(_, last)| std::ptr::eq(*last, face)) {
            continue;
        }
        if let Some(last) = runs.last_mut() {
            last.0 = &text[start..i];
        }
        start = i;
        runs.push(("", face));
    }
    if let Some(last) = runs.last_mut() {
        last.0 = &text[start..];
    }
    runs
}

/// The system's fonts, read the first time a character is missing from the built-in ones, and
/// what has been looked up in them.
struct SystemFonts {
    fonts: fontdb::Database,
    /// Fonts already taken, tried first: a text in one script keeps to one font.
    taken: Vec<&'static Typeface>,
    found: HashMap<(char, bool), Option<&'static Typeface>>,
}

static SYSTEM: LazyLock<Mutex<SystemFonts>> = LazyLock::new(|| {
    let mut fonts = fontdb::Database::new();
    fonts.load_system_fonts();
    Mutex::new(SystemFonts { fonts, taken: Vec::new(), found: HashMap::new() })
});

fn system_font(c: char, bold: bool) -> Option<&'static Typeface> {
    let mut system = SYSTEM.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(found) = system.found.get(&(c, bold)) {
        return *found;
    }
    let found = system.look_for(c, bold);
    system.found.insert((c, bold), found);
    found
}

impl SystemFonts {
    fn look_for(&mut self, c: char, bold: bool) -> Option<&'static Typeface> {
        if let Some(face) = self.taken.iter().find(|f| f.width(c).is_some()) {
            return Some(face);
        }
        // Upright faces nearest the weight first, then by file, so a machine always picks the same.
        let weight = if bold { 700 } else { 400 };
        let mut candidates: Vec<&fontdb::FaceInfo> =
            self.fonts.faces().filter(|f| f.style == fontdb::Style::Normal && !f.monospaced).collect();
        candidates.sort_by_key(|f| (f.weight.0.abs_diff(weight), source_name(&f.source), f.index));
        let has = |id| {
            self.fonts
                .with_face_data(id, |data, index| {
                    ttf_parser::Face::parse(data, index).is_ok_and(|f| f.glyph_index(c).is_some())
                })
                .unwrap_or(false)
        };
        // A font krilla cannot embed (a colour emoji font of bitmaps) is passed over.
        let face = candidates.iter().filter(|f| has(f.id)).find_map(|f| self.load(f.id))?;
        self.taken.push(face);
        Some(face)
    }

    /// The font `id` as a typeface. Its bytes are kept for the rest of the process, as the
    /// built-in fonts' are: a document refers to them until it is written, and the next one will
    /// likely need the same font.
    fn load(&self, id: fontdb::ID) -> Option<&'static Typeface> {
        let (data, index) = self.fonts.with_face_data(id, |data, index| (data.to_vec(), index))?;
        let data: &'static [u8] = Box::leak(data.into_boxed_slice());
        Typeface::new(data, index).map(|face| &*Box::leak(Box::new(face)))
    }
}

fn source_name(source: &fontdb::Source) -> String {
    match source {
        fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path.display().to_string(),
        fontdb::Source::Binary(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_is_one_run_in_the_built_in_font() {
        let latin = runs("Café Müller, 12 %", false);
        assert_eq!(latin.len(), 1);
        assert!(std::ptr::eq(latin[0].1, built_in(false)));
        assert!(advance("MMM", 10.0, true) > advance("MMM", 10.0, false));
        let sum = advance("a", 10.0, false) + advance("b", 10.0, false);
        assert!((advance("ab", 10.0, false) - sum).abs() < 1e-4);
        assert!(runs("", false).is_empty());
    }

    #[test]
    fn a_name_in_another_script_is_one_run_with_its_spaces() {
        // Needs a system font with Chinese characters (`make test` installs fonts-wqy-microhei).
        let pieces: Vec<&str> = runs("山田 太郎 and Ana", true).into_iter().map(|(text, _)| text).collect();
        assert_eq!(pieces, ["山田 太郎 ", "and Ana"]);
        assert!(advance("山田", 10.0, false) > 15.0, "set at its own width, not as empty boxes");
    }
}
