//! A bar chart drawn as inline SVG on the server: no script, and a name and description for
//! screen readers. The page always shows the same figures as a table too.

/// One value to draw.
#[derive(Debug)]
pub struct Point {
    /// The full label, read out for the bar: "1 Mar 2026".
    pub label: String,
    /// The label under the bar where there is room: "03/26".
    pub short_label: String,
    pub value: i64,
    /// The value as the page writes it: "DKK 12,345.00".
    pub value_text: String,
}

#[derive(Debug)]
pub struct Chart {
    pub title: String,
    pub description: String,
    pub width: u32,
    pub height: u32,
    pub bars: Vec<Bar>,
    pub labels: Vec<Label>,
    /// Where the bars stand.
    pub baseline: u32,
}

#[derive(Debug)]
pub struct Bar {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// What the bar says when pointed at: its date and amount.
    pub tooltip: String,
}

#[derive(Debug)]
pub struct Label {
    pub x: u32,
    pub y: u32,
    pub text: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
}

const WIDTH: u32 = 360;
const HEIGHT: u32 = 200;
const TOP: u32 = 24;
const BASELINE: u32 = 172;
/// At most this many labels under the bars, so they never overlap.
const MAX_AXIS_LABELS: usize = 6;

impl Chart {
    /// Bars for `points`, left to right, scaled to the largest value; negative values draw as
    /// no bar.
    pub fn bars(title: String, description: String, points: Vec<Point>) -> Self {
        let largest = points.iter().map(|point| point.value).max().unwrap_or(0);
        let count = u32::try_from(points.len()).unwrap_or(u32::MAX).max(1);
        let slot = WIDTH / count;
        let bar_width = (slot * 3 / 4).max(1);
        let label_every = points.len().div_ceil(MAX_AXIS_LABELS).max(1);
        let mut bars = Vec::with_capacity(points.len());
        let mut labels = Vec::new();
        if let Some(top) = points.iter().find(|point| point.value == largest) {
            labels.push(Label {
                x: 0,
                y: TOP - 8,
                text: top.value_text.clone(),
                anchor: "start",
            });
        }
        for (index, point) in points.into_iter().enumerate() {
            let position = u32::try_from(index).unwrap_or(u32::MAX);
            let height = scaled(point.value, largest, BASELINE - TOP);
            let x = position * slot + (slot - bar_width) / 2;
            if index % label_every == 0 {
                labels.push(Label {
                    x: x + bar_width / 2,
                    y: BASELINE + 18,
                    text: point.short_label,
                    anchor: "middle",
                });
            }
            bars.push(Bar {
                x,
                y: BASELINE - height,
                width: bar_width,
                height,
                tooltip: format!("{}: {}", point.label, point.value_text),
            });
        }
        Self {
            title,
            description,
            width: WIDTH,
            height: HEIGHT,
            bars,
            labels,
            baseline: BASELINE,
        }
    }
}

/// `value` as a share of `largest`, in `span` units.
fn scaled(value: i64, largest: i64, span: u32) -> u32 {
    if value <= 0 || largest <= 0 {
        return 0;
    }
    let share = i128::from(value) * i128::from(span) / i128::from(largest);
    u32::try_from(share).unwrap_or(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(value: i64) -> Point {
        Point {
            label: format!("day {value}"),
            short_label: value.to_string(),
            value,
            value_text: format!("{value} kr."),
        }
    }

    #[test]
    fn the_largest_value_fills_the_height_and_others_scale() {
        let chart = Chart::bars(
            "t".into(),
            "d".into(),
            vec![point(50), point(100), point(-5)],
        );
        let heights: Vec<u32> = chart.bars.iter().map(|bar| bar.height).collect();
        assert_eq!(heights, vec![(BASELINE - TOP) / 2, BASELINE - TOP, 0]);
        assert!(chart.bars.iter().all(|bar| bar.y + bar.height == BASELINE));
        assert!(chart.bars.iter().all(|bar| bar.x + bar.width <= WIDTH));
        assert_eq!(chart.labels[0].text, "100 kr.");
        assert_eq!(chart.bars[1].tooltip, "day 100: 100 kr.");
    }

    #[test]
    fn labels_under_the_bars_never_crowd() {
        let chart = Chart::bars("t".into(), "d".into(), (1..=24).map(point).collect());
        assert_eq!(chart.bars.len(), 24);
        let axis = chart.labels.iter().filter(|label| label.anchor == "middle");
        assert!(axis.count() <= MAX_AXIS_LABELS);
    }

    #[test]
    fn an_empty_or_all_zero_chart_draws_no_bars_tall() {
        let chart = Chart::bars("t".into(), "d".into(), vec![point(0), point(0)]);
        assert!(chart.bars.iter().all(|bar| bar.height == 0));
        let chart = Chart::bars("t".into(), "d".into(), Vec::new());
        assert!(chart.bars.is_empty());
    }
}
