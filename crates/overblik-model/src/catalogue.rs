//! The classification catalogue: subject codes mapped to life areas and to plain-language
//! titles. Catalogues for Denmark (KLE-style), a Catalan and a Dutch municipality ship inside
//! the binary; an operator may load their own.

use crate::parse::{FromJsonScalar, expect_str};
use crate::values::{LocalizedText, ShortText, TextLanguage};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// The life areas of a citizen's overview, in the order the overview shows them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Personal,
    Work,
    Benefits,
    Health,
    Education,
    Housing,
    Economy,
    Family,
    Daycare,
    Leisure,
    Building,
    Transport,
    Agriculture,
    Fishing,
}

impl Area {
    pub const ALL: [Area; 14] = [
        Area::Personal,
        Area::Work,
        Area::Benefits,
        Area::Health,
        Area::Education,
        Area::Housing,
        Area::Economy,
        Area::Family,
        Area::Daycare,
        Area::Leisure,
        Area::Building,
        Area::Transport,
        Area::Agriculture,
        Area::Fishing,
    ];

    /// The slug used in URLs, the store and the catalogue.
    pub fn slug(self) -> &'static str {
        match self {
            Area::Personal => "personal",
            Area::Work => "work",
            Area::Benefits => "benefits",
            Area::Health => "health",
            Area::Education => "education",
            Area::Housing => "housing",
            Area::Economy => "economy",
            Area::Family => "family",
            Area::Daycare => "daycare",
            Area::Leisure => "leisure",
            Area::Building => "building",
            Area::Transport => "transport",
            Area::Agriculture => "agriculture",
            Area::Fishing => "fishing",
        }
    }
}

impl FromStr for Area {
    type Err = String;

    fn from_str(slug: &str) -> Result<Self, Self::Err> {
        Area::ALL
            .into_iter()
            .find(|area| area.slug() == slug)
            .ok_or_else(|| format!("is not a life area; one of {}", slugs(&Area::ALL)))
    }
}

fn slugs(areas: &[Area]) -> String {
    areas
        .iter()
        .map(|area| area.slug())
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// A classification code of the catalogue, such as `28.15` or `02.34.02`.
///
/// Only codes the catalogue knows parse, so every classification has an area and a title.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = String, pattern = r"^\d\d(\.\d\d){0,2}$", example = "28.15")]
pub struct Classification(String);

impl Classification {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The catalogue entry this code falls under (the longest matching prefix). A code
    /// stored under another catalogue than the deployment's falls under its personal area's
    /// "other" code rather than failing the read.
    pub fn entry(&self) -> &'static Entry {
        let catalogue = Catalogue::get();
        catalogue
            .lookup(&self.0)
            .unwrap_or_else(|| catalogue.other(Area::Personal))
    }

    pub fn area(&self) -> Area {
        self.entry().area
    }

    /// Whether this code lies under `prefix`, group by group (`28` covers `28.15` but not `281`).
    pub fn is_under(&self, prefix: &str) -> bool {
        self.0 == prefix
            || self
                .0
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('.'))
    }
}

/// Whether `code` is written as dotted two-digit groups: `NN`, `NN.NN` or `NN.NN.NN`.
pub fn is_code_shaped(code: &str) -> bool {
    let groups: Vec<&str> = code.split('.').collect();
    (1..=3).contains(&groups.len())
        && groups
            .iter()
            .all(|group| group.len() == 2 && group.bytes().all(|b| b.is_ascii_digit()))
}

impl FromStr for Classification {
    type Err = String;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        if !is_code_shaped(code) {
            return Err("must be a classification code written NN, NN.NN or NN.NN.NN".to_owned());
        }
        if Catalogue::get().lookup(code).is_none() {
            return Err("is not in the classification catalogue".to_owned());
        }
        Ok(Self(code.to_owned()))
    }
}

impl FromJsonScalar for Classification {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        expect_str(value)?.parse()
    }
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One code of the catalogue with its area and plain-language titles.
#[derive(Debug, Clone)]
pub struct Entry {
    pub code: String,
    pub area: Area,
    /// The area's code for what no more specific code fits.
    pub other: bool,
    /// Its title in each language the catalogue has, at most 80 characters.
    pub title: LocalizedText,
}

/// An entry as the file writes it: `code`, `area`, `other`, and a title per language tag.
#[derive(Deserialize)]
struct FileEntry {
    code: String,
    area: Area,
    #[serde(default)]
    other: bool,
    #[serde(flatten)]
    titles: BTreeMap<String, String>,
}

/// The catalogue: every known code, looked up by longest prefix. Each deployment has one (the
/// Danish one unless its country says otherwise); see [`crate::Country`].
#[derive(Debug)]
pub struct Catalogue {
    entries: BTreeMap<String, Entry>,
    /// The areas of the codes at or under each code or group of codes, worked out once:
    /// every overview shows which areas each authority's delivery covers.
    areas_under: HashMap<String, Vec<Area>>,
}

#[derive(Deserialize)]
struct CatalogueFile {
    entry: Vec<FileEntry>,
}

impl Catalogue {
    /// The deployment's catalogue.
    pub fn get() -> &'static Catalogue {
        &crate::Country::current().catalogue
    }

    /// Reads a catalogue file (TOML; see the shipped `catalogue.toml`) and checks it: codes
    /// well formed and unique, each under a main group of its own file, titles of at most 80
    /// characters in valid BCP 47 languages, and exactly one "other" code per life area.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: CatalogueFile = toml::from_str(text).map_err(|error| error.to_string())?;
        let mut entries = BTreeMap::new();
        for entry in file.entry {
            let code = entry.code;
            if !is_code_shaped(&code) {
                return Err(format!("malformed code {code}"));
            }
            let mut titles = BTreeMap::new();
            for (tag, title) in entry.titles {
                let language = TextLanguage::parse(&tag)
                    .map_err(|detail| format!("code {code}: the key {tag} {detail}"))?;
                if title.chars().count() > 80 {
                    return Err(format!(
                        "code {code}: the {tag} title is over 80 characters"
                    ));
                }
                let title = ShortText::parse(&title)
                    .map_err(|detail| format!("code {code}: the {tag} title {detail}"))?;
                titles.insert(language, title);
            }
            let title = LocalizedText::from_titles(titles)
                .ok_or_else(|| format!("code {code} has no title"))?;
            let entry = Entry {
                code: code.clone(),
                area: entry.area,
                other: entry.other,
                title,
            };
            if entries.insert(code.clone(), entry).is_some() {
                return Err(format!("duplicate code {code}"));
            }
        }
        if let Some(orphan) = entries
            .keys()
            .find(|code| !entries.contains_key(&code[..2]))
        {
            return Err(format!("code {orphan} has no main group {}", &orphan[..2]));
        }
        for area in Area::ALL {
            let others = entries
                .values()
                .filter(|entry| entry.other && entry.area == area)
                .count();
            if others != 1 {
                return Err(format!(
                    "the area {area} must have exactly one code marked other = true, has {others}"
                ));
            }
        }
        let mut areas_under: HashMap<String, Vec<Area>> = HashMap::new();
        for entry in entries.values() {
            let code = entry.code.as_str();
            let groups = code.match_indices('.').map(|(dot, _)| &code[..dot]);
            for group in groups.chain([code]) {
                let areas = areas_under.entry(group.to_owned()).or_default();
                if !areas.contains(&entry.area) {
                    areas.push(entry.area);
                }
            }
        }
        Ok(Self {
            entries,
            areas_under,
        })
    }

    /// The plain-language titles of `prefixes` (what an authority may report), once each.
    pub fn titles(&self, language: crate::Language, prefixes: &[String]) -> Vec<&str> {
        let mut titles: Vec<&str> = prefixes
            .iter()
            .filter_map(|prefix| self.lookup(prefix))
            .map(|entry| entry.title.get(language))
            .collect();
        titles.dedup();
        titles
    }

    /// The life areas that codes under `prefixes` (what an authority may report) fall in,
    /// in the overview's order.
    pub fn areas(&self, prefixes: &[String]) -> Vec<Area> {
        let mut areas: Vec<Area> = prefixes
            .iter()
            .flat_map(|prefix| {
                let under = self.areas_under.get(prefix.as_str()).into_iter().flatten();
                // A code more specific than the catalogue's falls in its nearest one's area.
                under
                    .copied()
                    .chain(self.lookup(prefix).map(|entry| entry.area))
            })
            .collect();
        areas.sort();
        areas.dedup();
        areas
    }

    /// The code for what no more specific code of `area` fits.
    pub fn other(&self, area: Area) -> &Entry {
        self.entries
            .values()
            .find(|entry| entry.other && entry.area == area)
            .expect("a parsed catalogue has an other code per area")
    }

    /// The entry for `code`, or for its nearest parent group.
    pub fn lookup(&self, code: &str) -> Option<&Entry> {
        let mut candidate = code;
        loop {
            if let Some(entry) = self.entries.get(candidate) {
                return Some(entry);
            }
            candidate = &candidate[..candidate.rfind('.')?];
        }
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_covers_every_life_area() {
        for area in Area::ALL {
            let count = Catalogue::get()
                .entries()
                .filter(|entry| entry.area == area)
                .count();
            assert!(count >= 3, "{area} has only {count} codes");
        }
    }

    #[test]
    fn every_code_has_its_main_group_and_short_titles() {
        let catalogue = Catalogue::get();
        for entry in catalogue.entries() {
            assert!(
                catalogue.entries.contains_key(&entry.code[..2]),
                "{}",
                entry.code
            );
            for language in ["da", "en"] {
                assert!(entry.title.exactly(language).is_some(), "{}", entry.code);
            }
        }
    }

    #[test]
    fn unknown_subgroups_fall_back_to_their_parent() {
        let parent = Catalogue::get().entries().next().expect("entries");
        let child: Classification = format!("{}.99", parent.code).parse().expect("falls back");
        assert_eq!(child.entry().code, parent.code);
        assert!("7x.01".parse::<Classification>().is_err());
    }

    #[test]
    fn a_catalogue_needs_one_other_code_per_area_and_its_main_groups() {
        let shipped = include_str!("../catalogue.toml");
        assert!(Catalogue::parse(shipped).is_ok());
        let without_other = shipped.replacen("other = true", "other = false", 1);
        let error = Catalogue::parse(&without_other).expect_err("refused");
        assert!(error.contains("other = true"), "{error}");
        let orphan =
            format!("{shipped}\n[[entry]]\ncode = \"77.01\"\narea = \"work\"\nen = \"x\"\n");
        let error = Catalogue::parse(&orphan).expect_err("refused");
        assert!(error.contains("no main group 77"), "{error}");
        let bad_language =
            format!("{shipped}\n[[entry]]\ncode = \"02.99\"\narea = \"work\"\nenglish = \"x\"\n");
        let error = Catalogue::parse(&bad_language).expect_err("refused");
        assert!(error.contains("02.99"), "{error}");
        let twice =
            format!("{shipped}\n[[entry]]\ncode = \"02\"\narea = \"building\"\nen = \"x\"\n");
        let error = Catalogue::parse(&twice).expect_err("refused");
        assert!(error.contains("duplicate code 02"), "{error}");
        let long = format!(
            "{shipped}\n[[entry]]\ncode = \"02.98\"\narea = \"building\"\nen = \"{}\"\n",
            "x".repeat(81)
        );
        let error = Catalogue::parse(&long).expect_err("refused");
        assert!(error.contains("over 80 characters"), "{error}");
    }

    #[test]
    fn each_shipped_catalogue_has_an_other_code_in_every_area() {
        for text in [
            include_str!("../catalogue.toml"),
            include_str!("../catalogues/cat.toml"),
            include_str!("../catalogues/nl.toml"),
        ] {
            let catalogue = Catalogue::parse(text).expect("valid");
            for area in Area::ALL {
                let other = catalogue.other(area);
                assert_eq!(other.area, area);
                let found = catalogue.lookup(&other.code).expect("its own entry");
                assert_eq!(found.area, area);
            }
        }
    }

    #[test]
    fn prefixes_match_whole_groups() {
        let code = Classification("28.15".to_owned());
        assert!(code.is_under("28"));
        assert!(code.is_under("28.15"));
        assert!(!code.is_under("28.1"));
        assert!(!code.is_under("2"));
    }

    #[test]
    fn an_authority_reaches_the_areas_of_every_code_under_its_prefixes() {
        let catalogue = Catalogue::get();
        for entry in catalogue.entries() {
            let group = entry.code[..2].to_owned();
            let areas = catalogue.areas(std::slice::from_ref(&group));
            assert!(areas.contains(&entry.area), "{} under {group}", entry.code);
            assert!(areas.is_sorted(), "{areas:?}");
            // Exactly the areas of the codes under it, and of the code itself.
            let mut under: Vec<Area> = catalogue
                .entries()
                .filter(|other| Classification(other.code.clone()).is_under(&entry.code))
                .map(|other| other.area)
                .collect();
            under.sort();
            under.dedup();
            assert_eq!(catalogue.areas(std::slice::from_ref(&entry.code)), under);
            // A prefix finer than the catalogue's codes falls in its nearest code's area.
            let finer = format!("{}.99.99", &entry.code[..2]);
            assert!(!catalogue.areas(&[finer]).is_empty());
        }
        assert!(catalogue.areas(&[]).is_empty());
    }
}
