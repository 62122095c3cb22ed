//! What a citizen chose about their own overview: the areas and records they pinned, the
//! order of their life areas and those they hid, the recommendations they dismissed and the
//! life events they said they are going through.

use crate::{Area, RecordId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How many records a citizen may pin: the overview reads each pinned record on every view.
pub const MAX_PINNED_RECORDS: usize = 12;

/// How many dismissed recommendations are kept; the oldest are forgotten first, so a
/// citizen's choices stay small however long they use Overblik.
pub const MAX_DISMISSED: usize = 200;

/// A citizen's choices about their overview. Kept per citizen, never read for anyone else.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct OverviewChoices {
    /// Areas shown first, in this order.
    pub pinned_areas: Vec<Area>,
    /// The citizen's order of the life areas; an area not listed keeps its place after them.
    pub area_order: Vec<Area>,
    /// Areas the citizen does not want on the overview (they stay reachable).
    pub hidden_areas: Vec<Area>,
    /// Records shown first, newest pin last.
    pub pinned_records: Vec<RecordId>,
    /// Recommendations the citizen hid, each as `rule/record`, so the same advice about a
    /// new record shows again.
    pub dismissed: Vec<String>,
    /// Life events the citizen said they are going through, by the catalogue's ids.
    pub chosen_events: Vec<String>,
}

/// A change a citizen makes to the order of their areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AreaMove {
    Pin,
    Unpin,
    Up,
    Down,
    Hide,
    Show,
}

impl AreaMove {
    pub fn parse(word: &str) -> Option<Self> {
        Some(match word {
            "pin" => Self::Pin,
            "unpin" => Self::Unpin,
            "up" => Self::Up,
            "down" => Self::Down,
            "hide" => Self::Hide,
            "show" => Self::Show,
            _ => return None,
        })
    }
}

impl OverviewChoices {
    /// The life areas in the citizen's order: pinned first, then the rest in their order,
    /// hidden ones left out.
    pub fn arranged(&self) -> Vec<Area> {
        let mut areas: Vec<Area> = self.pinned_areas.clone();
        areas.extend(
            self.ordered()
                .into_iter()
                .filter(|area| !self.pinned_areas.contains(area)),
        );
        areas.retain(|area| !self.hidden_areas.contains(area));
        areas
    }

    /// Every area in the citizen's order, pins and hiding aside.
    fn ordered(&self) -> Vec<Area> {
        let mut areas: Vec<Area> = self.area_order.clone();
        areas.extend(
            Area::ALL
                .into_iter()
                .filter(|area| !self.area_order.contains(area)),
        );
        areas
    }

    /// Applies one move to `area`. Moving up or down swaps it with its neighbour among the
    /// areas shown in the same group (the pinned, or the rest), so what the citizen sees moves.
    pub fn move_area(&mut self, area: Area, how: AreaMove) {
        match how {
            AreaMove::Pin => {
                if !self.pinned_areas.contains(&area) {
                    self.pinned_areas.push(area);
                }
                self.hidden_areas.retain(|hidden| *hidden != area);
            }
            AreaMove::Unpin => self.pinned_areas.retain(|pinned| *pinned != area),
            AreaMove::Hide => {
                if !self.hidden_areas.contains(&area) {
                    self.hidden_areas.push(area);
                }
                self.pinned_areas.retain(|pinned| *pinned != area);
            }
            AreaMove::Show => self.hidden_areas.retain(|hidden| *hidden != area),
            AreaMove::Up | AreaMove::Down => {
                let up = how == AreaMove::Up;
                if self.pinned_areas.contains(&area) {
                    swap_with_neighbour(&mut self.pinned_areas, area, up, |_| true);
                } else {
                    let mut order = self.ordered();
                    let (pinned, hidden) = (&self.pinned_areas, &self.hidden_areas);
                    swap_with_neighbour(&mut order, area, up, |other| {
                        !pinned.contains(other) && !hidden.contains(other)
                    });
                    self.area_order = order;
                }
            }
        }
    }

    /// Pins a record, or unpins it when `pin` is false.
    pub fn pin_record(&mut self, record: RecordId, pin: bool) {
        self.pinned_records.retain(|pinned| *pinned != record);
        if pin {
            self.pinned_records.push(record);
            let over = self.pinned_records.len().saturating_sub(MAX_PINNED_RECORDS);
            self.pinned_records.drain(..over);
        }
    }

    /// Hides a recommendation for good.
    pub fn dismiss(&mut self, key: &str) {
        if !self.dismissed.iter().any(|known| known == key) {
            self.dismissed.push(key.to_owned());
            let over = self.dismissed.len().saturating_sub(MAX_DISMISSED);
            self.dismissed.drain(..over);
        }
    }

    pub fn is_dismissed(&self, key: &str) -> bool {
        self.dismissed.iter().any(|known| known == key)
    }

    /// Says the citizen is, or is no longer, going through a life event.
    pub fn choose_event(&mut self, event: &str, chosen: bool) {
        self.chosen_events.retain(|known| known != event);
        if chosen {
            self.chosen_events.push(event.to_owned());
        }
    }
}

/// Swaps `item` with the nearest item before (or after) it that `counts`.
fn swap_with_neighbour<T: PartialEq>(
    items: &mut [T],
    item: T,
    up: bool,
    counts: impl Fn(&T) -> bool,
) {
    let Some(at) = items.iter().position(|known| *known == item) else {
        return;
    };
    let neighbour = if up {
        (0..at).rev().find(|index| counts(&items[*index]))
    } else {
        (at + 1..items.len()).find(|index| counts(&items[*index]))
    };
    if let Some(neighbour) = neighbour {
        items.swap(at, neighbour);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_pinned_moved_and_hidden_as_the_citizen_sees_them() {
        let mut choices = OverviewChoices::default();
        assert_eq!(choices.arranged(), Area::ALL);
        choices.move_area(Area::Economy, AreaMove::Pin);
        assert_eq!(choices.arranged()[0], Area::Economy);
        // Benefits moves above Work, the area before it on the page.
        choices.move_area(Area::Benefits, AreaMove::Up);
        let arranged = choices.arranged();
        assert_eq!(
            &arranged[..4],
            [Area::Economy, Area::Personal, Area::Benefits, Area::Work]
        );
        // Hiding Work makes Personal the neighbour Benefits moves past.
        choices.move_area(Area::Work, AreaMove::Hide);
        choices.move_area(Area::Benefits, AreaMove::Up);
        assert_eq!(
            &choices.arranged()[..3],
            [Area::Economy, Area::Benefits, Area::Personal]
        );
        assert!(!choices.arranged().contains(&Area::Work));
        // The first area cannot move further up, nor the last further down.
        choices.move_area(Area::Benefits, AreaMove::Up);
        choices.move_area(Area::Fishing, AreaMove::Down);
        assert_eq!(choices.arranged()[1], Area::Benefits);
        assert_eq!(choices.arranged().last(), Some(&Area::Fishing));
        choices.move_area(Area::Work, AreaMove::Show);
        choices.move_area(Area::Economy, AreaMove::Unpin);
        assert_eq!(choices.arranged().len(), Area::ALL.len());
        // Pinning a hidden area shows it.
        choices.move_area(Area::Health, AreaMove::Hide);
        choices.move_area(Area::Health, AreaMove::Pin);
        assert_eq!(choices.arranged()[0], Area::Health);
    }

    #[test]
    fn pins_and_dismissals_are_bounded() {
        let mut choices = OverviewChoices::default();
        let records: Vec<RecordId> = (0..MAX_PINNED_RECORDS + 3)
            .map(|_| RecordId::random())
            .collect();
        for record in &records {
            choices.pin_record(*record, true);
        }
        assert_eq!(choices.pinned_records, records[3..]);
        choices.pin_record(records[5], false);
        assert!(!choices.pinned_records.contains(&records[5]));
        for index in 0..MAX_DISMISSED + 1 {
            choices.dismiss(&format!("rule/{index}"));
        }
        choices.dismiss("rule/7");
        assert_eq!(choices.dismissed.len(), MAX_DISMISSED);
        assert!(!choices.is_dismissed("rule/0"));
        assert!(choices.is_dismissed("rule/7"));
    }
}
