//! The classification catalogue: KLE-style subject codes mapped to life areas and to
//! plain-language titles in Danish and English. It ships inside the binary.

use crate::parse::{FromJsonScalar, expect_str};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;
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

    /// The catalogue entry this code falls under (the longest matching prefix).
    pub fn entry(&self) -> &'static Entry {
        Catalogue::get()
            .lookup(&self.0)
            .expect("a parsed classification is in the catalogue")
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
#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    pub code: String,
    pub area: Area,
    pub da: String,
    pub en: String,
}

/// The catalogue: every known code, looked up by longest prefix.
#[derive(Debug)]
pub struct Catalogue {
    entries: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
struct CatalogueFile {
    entry: Vec<Entry>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    Catalogue::parse(include_str!("../catalogue.toml")).expect("the shipped catalogue is valid")
});

impl Catalogue {
    /// The catalogue that ships with Overblik.
    pub fn get() -> &'static Catalogue {
        &CATALOGUE
    }

    fn parse(text: &str) -> Result<Self, String> {
        let file: CatalogueFile = toml::from_str(text).map_err(|error| error.to_string())?;
        let mut entries = BTreeMap::new();
        for entry in file.entry {
            if !is_code_shaped(&entry.code) {
                return Err(format!("malformed code {}", entry.code));
            }
            let code = entry.code.clone();
            if entries.insert(code.clone(), entry).is_some() {
                return Err(format!("duplicate code {code}"));
            }
        }
        Ok(Self { entries })
    }

    /// The entry for `code`, or for its nearest parent group.
    /// The plain-language titles of `prefixes` (what an authority may report), once each.
    pub fn titles(&self, language: crate::Language, prefixes: &[String]) -> Vec<&str> {
        let mut titles: Vec<&str> = prefixes
            .iter()
            .filter_map(|prefix| self.lookup(prefix))
            .map(|entry| match language {
                crate::Language::Da => entry.da.as_str(),
                crate::Language::En => entry.en.as_str(),
            })
            .collect();
        titles.dedup();
        titles
    }

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
            for title in [&entry.da, &entry.en] {
                assert!(
                    !title.is_empty() && title.chars().count() <= 80,
                    "{}",
                    entry.code
                );
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
    fn prefixes_match_whole_groups() {
        let code = Classification("28.15".to_owned());
        assert!(code.is_under("28"));
        assert!(code.is_under("28.15"));
        assert!(!code.is_under("28.1"));
        assert!(!code.is_under("2"));
    }
}
