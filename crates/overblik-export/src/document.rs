//! An accessible PDF (PDF/UA-1) from a list of blocks: headings, paragraphs, lists, tables
//! with header cells, and bar charts with a text. krilla writes it, tags every piece of text
//! in reading order, and refuses (with [`DocumentError`]) a document PDF/UA-1 forbids, such
//! as a figure without its text; the document's language, its title, bookmarks for every
//! heading and the embedded fonts (DejaVu Sans, `fonts/LICENSE`) are set here.
//!
//! Pages are laid out and drawn one at a time, so memory grows with the structure (one small
//! node per line or cell), not with the pages drawn.

use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, TableHeaderScope,
    Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document as Pdf, SerializeSettings};
use std::num::NonZeroU16;

/// A document to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Its language, a BCP 47 tag: `da`, `en`.
    pub language: String,
    pub title: String,
    /// Who made it, for the document's properties.
    pub creator: String,
    /// The footer of every page; `{page}` becomes the page's number.
    pub footer: String,
    pub blocks: Vec<Block>,
    /// Files carried inside the document.
    pub attachments: Vec<Attachment>,
}

/// A file carried inside a document, stored uncompressed so that a program finds its bytes
/// in the PDF without a PDF reader.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub name: String,
    /// What it is, for a person looking at the document's attachments.
    pub description: String,
    /// Its media type, such as `text/plain`.
    pub media_type: String,
    pub data: Vec<u8>,
}

/// A part of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of level 1 to 4; each has a bookmark.
    Heading(u16, String),
    Paragraph(String),
    List(Vec<String>),
    /// Names and values: a table of two columns whose first cell in each row heads the row.
    Facts(Vec<(String, String)>),
    Table(Table),
    Chart(Chart),
    /// A square of dark and light modules (a QR code) drawn `size` points wide in ink, with
    /// a light margin of four modules; `text` says what it is, for a screen reader.
    Matrix(Matrix),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    pub text: String,
    pub size: f32,
    /// The modules, row by row from the top; `true` is dark.
    pub dark: Vec<Vec<bool>>,
}

impl Matrix {
    /// The figure it is drawn as: each dark module a square, in units of one module.
    fn chart(&self) -> Chart {
        const QUIET: f32 = 4.0;
        let count = self.dark.len() as f32;
        let mut bars = Vec::new();
        for (row, modules) in self.dark.iter().enumerate() {
            for (column, dark) in modules.iter().enumerate() {
                if *dark {
                    bars.push([QUIET + column as f32, QUIET + row as f32, 1.0, 1.0]);
                }
            }
        }
        Chart {
            text: self.text.clone(),
            width: count + 2.0 * QUIET,
            height: count + 2.0 * QUIET,
            bars,
            labels: Vec::new(),
        }
    }
}

/// A table whose first row heads its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A bar chart, drawn in its own units (`width` by `height`) and scaled to the page; what it
/// shows in words is `text`, which a screen reader reads instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub text: String,
    pub width: f32,
    pub height: f32,
    /// Each bar's left, top, width and height.
    pub bars: Vec<[f32; 4]>,
    /// Texts at a place: left or middle (`centred`), and the baseline.
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub x: f32,
    pub y: f32,
    pub text: String,
    pub centred: bool,
}

/// Why a document was not written: PDF/UA-1 forbids it (the list of what), or a block is
/// wrong (a heading level outside 1 to 4).
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the document is not PDF/UA-1: {0}")]
    NotAccessible(String),
    #[error("a heading's level must be 1 to 4, not {0}")]
    HeadingLevel(u16),
    #[error("two attachments are named {0}")]
    Attachment(String),
}

const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// A4, in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.7;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Where the text area ends; the footer is below.
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN - 12.0;
const BODY: f32 = 10.0;
const CELL: f32 = 8.5;
const CELL_PADDING: f32 = 3.0;

type Colour = (u8, u8, u8);
const INK: Colour = (0x1a, 0x1a, 0x1a);
const HEADING: Colour = (0x0b, 0x3d, 0x6e);
const MUTED: Colour = (0x4a, 0x4a, 0x4a);
const RULE: Colour = (0x9a, 0x9a, 0x9a);
const HEAD_FILL: Colour = (0xe3, 0xe9, 0xf1);
const BAR: Colour = (0x1f, 0x5f, 0x99);

/// A font krilla draws with, and the same font to measure with.
struct Face {
    font: Font,
    shaper: rustybuzz::Face<'static>,
}

impl Face {
    fn load(data: &'static [u8]) -> Self {
        // The fonts are part of the program; that they load is checked by the tests.
        let font = Font::new(data.into(), 0);
        let shaper = rustybuzz::Face::from_slice(data, 0);
        match (font, shaper) {
            (Some(font), Some(shaper)) => Self { font, shaper },
            _ => unreachable!("the embedded fonts are valid TrueType"),
        }
    }

    /// How wide `text` is at `size`, shaped as krilla shapes it.
    fn width(&self, text: &str, size: f32) -> f32 {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(&self.shaper, &[], buffer);
        let advance: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        advance as f32 * size / f32::from(self.shaper.units_per_em() as u16)
    }

    /// `text` as the font can draw it: a character it has no glyph for (a script DejaVu
    /// does not cover, a private-use or control character) becomes U+FFFD, which PDF/UA-1
    /// allows where it forbids the font's empty glyph.
    fn drawable<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let has = |character: char| self.shaper.glyph_index(character).is_some();
        if text
            .chars()
            .all(|character| character == '\n' || has(character))
        {
            return std::borrow::Cow::Borrowed(text);
        }
        let replacement = if has('\u{FFFD}') { '\u{FFFD}' } else { '?' };
        text.chars()
            .map(|character| match character {
                '\n' => '\n',
                other if other.is_whitespace() || other.is_control() => ' ',
                other if has(other) => other,
                _ => replacement,
            })
            .collect()
    }

    /// `text` broken into lines no wider than `width`; a word wider than a line is cut.
    fn lines(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let text = self.drawable(text);
        let space = self.width(" ", size);
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let (mut line, mut used) = (String::new(), 0.0);
            for word in paragraph.split_whitespace() {
                let mut word = word.to_owned();
                let mut wide = self.width(&word, size);
                while wide > width {
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        used = 0.0;
                    }
                    let cut = self.fitting(&word, size, width);
                    let rest = word.split_off(cut);
                    lines.push(word);
                    word = rest;
                    wide = self.width(&word, size);
                }
                if !line.is_empty() && used + space + wide > width {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                if !line.is_empty() {
                    line.push(' ');
                    used += space;
                }
                line.push_str(&word);
                used += wide;
            }
            if !line.is_empty() {
                lines.push(line);
            }
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    /// The byte length of the longest start of `word` (one character at least) that fits.
    fn fitting(&self, word: &str, size: f32, width: f32) -> usize {
        let mut fits = word.chars().next().map_or(0, char::len_utf8);
        for (index, character) in word.char_indices().skip(1) {
            if self.width(&word[..index + character.len_utf8()], size) > width {
                break;
            }
            fits = index + character.len_utf8();
        }
        fits
    }
}

/// The structure, with placeholders for the marked content a page gets when drawn.
enum Shape {
    Group(TagKind, Vec<Shape>),
    Leaf(usize),
}

fn group(tag: impl Into<TagKind>, children: Vec<Shape>) -> Shape {
    Shape::Group(tag.into(), children)
}

/// What the current page draws, in order.
enum Draw {
    /// Text in the structure, as leaf `leaf`.
    Text {
        leaf: usize,
        x: f32,
        baseline: f32,
        bold: bool,
        size: f32,
        colour: Colour,
        text: String,
    },
    /// A figure's drawing, as leaf `leaf`.
    Figure {
        leaf: usize,
        x: f32,
        y: f32,
        scale: f32,
        chart: Chart,
        colour: Colour,
    },
    /// Decoration outside the structure: table fills and rules.
    Decoration(Vec<(Rect, Colour)>),
    /// A table's header repeated on a following page, outside the structure.
    RepeatedHeader { y: f32, cells: Vec<(f32, String)> },
}

struct Writer {
    pdf: Pdf,
    regular: Face,
    bold: Face,
    footer: String,
    page: Vec<Draw>,
    pages: usize,
    y: f32,
    /// The marked content of each leaf, once its page is drawn.
    leaves: Vec<Option<Identifier>>,
    /// Each heading's level, text, page and place, for the bookmarks.
    headings: Vec<(u16, String, usize, f32)>,
}

/// Writes `document` as PDF/UA-1.
pub fn write(document: &Document) -> Result<Vec<u8>, DocumentError> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|error| DocumentError::NotAccessible(format!("{error:?}")))?;
    let mut writer = Writer {
        pdf: Pdf::new_with(SerializeSettings {
            configuration,
            enable_tagging: true,
            ..Default::default()
        }),
        regular: Face::load(REGULAR),
        bold: Face::load(BOLD),
        footer: document.footer.clone(),
        page: Vec::new(),
        pages: 0,
        y: MARGIN,
        leaves: Vec::new(),
        headings: Vec::new(),
    };
    let mut structure = Vec::with_capacity(document.blocks.len());
    for block in &document.blocks {
        structure.push(writer.block(block)?);
    }
    writer.draw_page();

    let mut tree = TagTree::new().with_lang(Some(document.language.clone()));
    for shape in structure {
        tree.push(node(shape, &writer.leaves));
    }
    writer.pdf.set_tag_tree(tree);
    writer.pdf.set_outline(outline(&writer.headings));
    for attachment in &document.attachments {
        let file = krilla::embed::EmbeddedFile {
            path: attachment.name.clone(),
            mime_type: krilla::embed::MimeType::new(&attachment.media_type),
            description: Some(attachment.description.clone()),
            association_kind: krilla::embed::AssociationKind::Supplement,
            data: attachment.data.clone().into(),
            modification_date: None,
            compress: Some(false),
            location: None,
        };
        if writer.pdf.embed_file(file).is_none() {
            return Err(DocumentError::Attachment(attachment.name.clone()));
        }
    }
    writer.pdf.set_metadata(
        Metadata::new()
            .title(document.title.clone())
            .language(document.language.clone())
            .creator(document.creator.clone()),
    );
    writer
        .pdf
        .finish()
        .map_err(|error| DocumentError::NotAccessible(format!("{error:?}")))
}

fn node(shape: Shape, leaves: &[Option<Identifier>]) -> Node {
    match shape {
        Shape::Leaf(leaf) => match leaves.get(leaf).copied().flatten() {
            Some(identifier) => Node::Leaf(identifier),
            // Every leaf is drawn before the tree is made; an empty group is left out.
            None => TagGroup::new(Tag::Span).into(),
        },
        Shape::Group(kind, children) => TagGroup::with_children(
            kind,
            children
                .into_iter()
                .map(|child| node(child, leaves))
                .collect(),
        )
        .into(),
    }
}

/// Bookmarks nested as the headings are.
fn outline(headings: &[(u16, String, usize, f32)]) -> Outline {
    fn take(
        headings: &[(u16, String, usize, f32)],
        at: &mut usize,
        level: u16,
    ) -> Vec<OutlineNode> {
        let mut nodes = Vec::new();
        while let Some((this, title, page, y)) = headings.get(*at) {
            if *this < level {
                break;
            }
            *at += 1;
            let mut node = OutlineNode::new(
                title.clone(),
                XyzDestination::new(*page, Point::from_xy(MARGIN, *y)),
            );
            for child in take(headings, at, this + 1) {
                node.push_child(child);
            }
            nodes.push(node);
        }
        nodes
    }
    let mut outline = Outline::new();
    let mut at = 0;
    while at < headings.len() {
        let level = headings[at].0;
        for node in take(headings, &mut at, level) {
            outline.push_child(node);
        }
    }
    outline
}

impl Writer {
    fn leaf(&mut self) -> usize {
        self.leaves.push(None);
        self.leaves.len() - 1
    }

    /// Moves to a new page unless `height` still fits; says whether it did.
    fn room(&mut self, height: f32) -> bool {
        if self.y + height <= BOTTOM || self.y <= MARGIN {
            return false;
        }
        self.draw_page();
        true
    }

    fn text(
        &mut self,
        x: f32,
        baseline: f32,
        bold: bool,
        size: f32,
        colour: Colour,
        text: String,
    ) -> Shape {
        let leaf = self.leaf();
        self.page.push(Draw::Text {
            leaf,
            x,
            baseline,
            bold,
            size,
            colour,
            text,
        });
        Shape::Leaf(leaf)
    }

    fn lines(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        colour: Colour,
        indent: f32,
    ) -> Vec<Shape> {
        let face = if bold { &self.bold } else { &self.regular };
        let lines = face.lines(text, size, TEXT_WIDTH - indent);
        let height = size * 1.4;
        let mut shapes = Vec::with_capacity(lines.len());
        for line in lines {
            self.room(height);
            let baseline = self.y + size;
            shapes.push(self.text(MARGIN + indent, baseline, bold, size, colour, line));
            self.y += height;
        }
        shapes
    }

    fn block(&mut self, block: &Block) -> Result<Shape, DocumentError> {
        Ok(match block {
            Block::Heading(level, text) => {
                let size = match level {
                    1 => 20.0,
                    2 => 15.0,
                    3 => 12.5,
                    4 => 10.5,
                    other => return Err(DocumentError::HeadingLevel(*other)),
                };
                self.y += if *level == 1 { 0.0 } else { size * 0.6 };
                // A heading keeps the first lines of what follows on its page.
                self.room(size * 1.4 + 3.0 * BODY * 1.4);
                self.headings
                    .push((*level, text.clone(), self.pages, self.y));
                let lines = self.lines(text, size, true, HEADING, 0.0);
                self.y += 3.0;
                let level = NonZeroU16::new(*level).ok_or(DocumentError::HeadingLevel(0))?;
                group(Tag::Hn(level, Some(text.clone())), lines)
            }
            Block::Paragraph(text) => {
                let lines = self.lines(text, BODY, false, INK, 0.0);
                self.y += BODY * 0.6;
                group(Tag::P, lines)
            }
            Block::List(items) => {
                let mut shapes = Vec::with_capacity(items.len());
                for item in items {
                    self.room(BODY * 1.4);
                    let bullet = self.text(MARGIN, self.y + BODY, false, BODY, INK, "•".to_owned());
                    let body = self.lines(item, BODY, false, INK, 12.0);
                    shapes.push(group(
                        Tag::LI,
                        vec![group(Tag::Lbl, vec![bullet]), group(Tag::LBody, body)],
                    ));
                }
                self.y += BODY * 0.6;
                group(Tag::L(ListNumbering::Disc), shapes)
            }
            Block::Facts(rows) => {
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|(name, value)| vec![name.clone(), value.clone()])
                    .collect();
                self.table(None, &[], &rows, &[0.35, 0.65])
            }
            Block::Table(table) => {
                let widths = self.column_widths(table);
                self.table(Some(&table.caption), &table.columns, &table.rows, &widths)
            }
            Block::Chart(chart) => {
                let scale = (TEXT_WIDTH / chart.width).min(1.5);
                self.room(chart.height * scale + 8.0);
                let leaf = self.leaf();
                self.page.push(Draw::Figure {
                    leaf,
                    x: MARGIN,
                    y: self.y,
                    scale,
                    chart: chart.clone(),
                    colour: BAR,
                });
                self.y += chart.height * scale + 8.0;
                // A figure without its text is left for the validator to refuse.
                let text = Some(chart.text.clone()).filter(|text| !text.trim().is_empty());
                group(Tag::Figure(text), vec![Shape::Leaf(leaf)])
            }
            Block::Matrix(matrix) => {
                let chart = matrix.chart();
                let scale = matrix.size.min(TEXT_WIDTH) / chart.width;
                self.room(chart.height * scale + 8.0);
                let leaf = self.leaf();
                let text = Some(chart.text.clone()).filter(|text| !text.trim().is_empty());
                self.page.push(Draw::Figure {
                    leaf,
                    x: MARGIN,
                    y: self.y,
                    scale,
                    chart,
                    colour: INK,
                });
                self.y += matrix.size.min(TEXT_WIDTH) + 8.0;
                group(Tag::Figure(text), vec![Shape::Leaf(leaf)])
            }
        })
    }

    /// Each column's share of the width: by its longest cell, within limits. A column is
    /// first given room for its longest word where all columns' fit, so that a code or an
    /// amount is not broken inside; what is left goes by the longest cells.
    fn column_widths(&self, table: &Table) -> Vec<f32> {
        let count = table.columns.len().max(1);
        let mut longest: Vec<f32> = table
            .columns
            .iter()
            .map(|column| self.bold.width(column, CELL))
            .collect();
        let mut longest_word = vec![0.0_f32; longest.len()];
        for row in table.rows.iter().take(200) {
            for (index, cell) in row.iter().enumerate().take(count) {
                let wide = self.regular.width(cell, CELL).min(TEXT_WIDTH * 0.6);
                if let Some(slot) = longest.get_mut(index) {
                    *slot = slot.max(wide);
                }
                let word = cell
                    .split_whitespace()
                    .map(|word| self.regular.width(word, CELL))
                    .fold(0.0, f32::max)
                    .min(TEXT_WIDTH * 0.6);
                if let Some(slot) = longest_word.get_mut(index) {
                    *slot = slot.max(word);
                }
            }
        }
        let floor = TEXT_WIDTH / count as f32 * 0.4;
        let wanted: Vec<f32> = longest
            .iter()
            .map(|wide| (wide + 2.0 * CELL_PADDING).max(floor))
            .collect();
        let least: Vec<f32> = longest_word
            .iter()
            .zip(&wanted)
            .map(|(word, wanted)| (word + 2.0 * CELL_PADDING + 1.0).min(*wanted))
            .collect();
        let total: f32 = wanted.iter().sum();
        let least_total: f32 = least.iter().sum();
        if total <= TEXT_WIDTH || least_total >= TEXT_WIDTH {
            return wanted.iter().map(|wide| wide / total).collect();
        }
        // Every column gets its longest word; the rest of the line goes by what each wants
        // beyond that.
        let spare = TEXT_WIDTH - least_total;
        let beyond = total - least_total;
        least
            .iter()
            .zip(&wanted)
            .map(|(least, wanted)| (least + spare * (wanted - least) / beyond) / TEXT_WIDTH)
            .collect()
    }

    /// A table: a caption, then a header row (when `columns` is not empty) of column header
    /// cells, then the rows; in facts (no columns) each row's first cell heads the row.
    fn table(
        &mut self,
        caption: Option<&str>,
        columns: &[String],
        rows: &[Vec<String>],
        shares: &[f32],
    ) -> Shape {
        let widths: Vec<f32> = shares.iter().map(|share| share * TEXT_WIDTH).collect();
        let mut children = Vec::with_capacity(rows.len() + 2);
        self.room(4.0 * CELL * 1.4 + 2.0 * CELL_PADDING);
        if let Some(caption) = caption {
            let lines = self.lines(caption, CELL + 0.5, true, MUTED, 0.0);
            children.push(group(Tag::Caption, lines));
        }
        let header: Vec<(f32, String)> = widths
            .iter()
            .scan(MARGIN, |x, width| {
                let at = *x;
                *x += width;
                Some(at)
            })
            .zip(columns.iter().cloned())
            .collect();
        let header_lines = self.cell_lines(columns, &widths, true, false);
        let header_height = row_height(&header_lines);
        if !columns.is_empty() {
            children.push(self.row(header_lines, &widths, true, false));
        }
        for row in rows {
            let lines = self.cell_lines(row, &widths, false, columns.is_empty());
            if row_height(&lines) + self.y > BOTTOM {
                self.draw_page();
                if !columns.is_empty() {
                    self.page.push(Draw::RepeatedHeader {
                        y: self.y,
                        cells: header.clone(),
                    });
                    self.y += header_height;
                }
            }
            children.push(self.row(lines, &widths, false, columns.is_empty()));
        }
        self.y += BODY * 0.8;
        group(Tag::Table, children)
    }

    /// Each cell of a row broken into the lines it takes in its column: a header cell, and
    /// the first cell of a row that heads its row, in bold.
    fn cell_lines(
        &self,
        cells: &[String],
        widths: &[f32],
        header: bool,
        row_header: bool,
    ) -> Vec<Vec<String>> {
        cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(index, (cell, width))| {
                let face = if header || (row_header && index == 0) {
                    &self.bold
                } else {
                    &self.regular
                };
                face.lines(cell, CELL, width - 2.0 * CELL_PADDING)
            })
            .collect()
    }

    fn row(
        &mut self,
        cells: Vec<Vec<String>>,
        widths: &[f32],
        header: bool,
        row_header: bool,
    ) -> Shape {
        let height = row_height(&cells);
        let top = self.y;
        let mut decoration = vec![(
            Rect::from_xywh(MARGIN, top + height - 0.5, TEXT_WIDTH, 0.5),
            RULE,
        )];
        if header {
            decoration.insert(
                0,
                (Rect::from_xywh(MARGIN, top, TEXT_WIDTH, height), HEAD_FILL),
            );
        }
        self.page.push(Draw::Decoration(
            decoration
                .into_iter()
                .filter_map(|(rect, colour)| rect.map(|rect| (rect, colour)))
                .collect(),
        ));
        let mut x = MARGIN;
        let mut shapes = Vec::with_capacity(cells.len());
        for (index, (lines, width)) in cells.into_iter().zip(widths).enumerate() {
            let heads = header || (row_header && index == 0);
            let mut texts = Vec::with_capacity(lines.len());
            for (number, line) in lines.into_iter().enumerate() {
                let baseline = top + CELL_PADDING + CELL + number as f32 * CELL * 1.35;
                texts.push(self.text(x + CELL_PADDING, baseline, heads, CELL, INK, line));
            }
            let tag: TagKind = if header {
                Tag::TH(TableHeaderScope::Column).into()
            } else if heads {
                Tag::TH(TableHeaderScope::Row).into()
            } else {
                Tag::TD.into()
            };
            shapes.push(Shape::Group(tag, texts));
            x += width;
        }
        self.y = top + height;
        group(Tag::TR, shapes)
    }

    /// Draws the page laid out so far, with its footer, and starts the next.
    fn draw_page(&mut self) {
        let draws = std::mem::take(&mut self.page);
        self.pages += 1;
        self.y = MARGIN;
        let footer = self.footer.replace("{page}", &self.pages.to_string());
        let Some(settings) = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT) else {
            return;
        };
        let mut page = self.pdf.start_page_with(settings);
        let mut surface = page.surface();
        for draw in draws {
            match draw {
                Draw::Text {
                    leaf,
                    x,
                    baseline,
                    bold,
                    size,
                    colour,
                    text,
                } => {
                    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                    let face = if bold { &self.bold } else { &self.regular };
                    write_text(&mut surface, &face.font, x, baseline, size, colour, &text);
                    surface.end_tagged();
                    self.leaves[leaf] = Some(id);
                }
                Draw::Figure {
                    leaf,
                    x,
                    y,
                    scale,
                    chart,
                    colour,
                } => {
                    let id = surface.start_tagged(ContentTag::Other);
                    for [left, top, width, height] in &chart.bars {
                        fill_rect(
                            &mut surface,
                            Rect::from_xywh(
                                x + left * scale,
                                y + top * scale,
                                width * scale,
                                height * scale,
                            ),
                            colour,
                        );
                    }
                    for label in &chart.labels {
                        let size = 7.5;
                        let text = self.regular.drawable(&label.text);
                        let wide = self.regular.width(&text, size);
                        let left =
                            x + label.x * scale - if label.centred { wide / 2.0 } else { 0.0 };
                        write_text(
                            &mut surface,
                            &self.regular.font,
                            left,
                            y + label.y * scale,
                            size,
                            MUTED,
                            &text,
                        );
                    }
                    surface.end_tagged();
                    self.leaves[leaf] = Some(id);
                }
                Draw::Decoration(rects) => {
                    surface.start_tagged(ContentTag::Artifact(Artifact::new(
                        ArtifactType::Layout,
                        None,
                    )));
                    for (rect, colour) in rects {
                        fill_rect(&mut surface, Some(rect), colour);
                    }
                    surface.end_tagged();
                }
                Draw::RepeatedHeader { y, cells } => {
                    surface.start_tagged(ContentTag::Artifact(Artifact::new(
                        ArtifactType::PaginationOther,
                        None,
                    )));
                    let width = TEXT_WIDTH;
                    fill_rect(
                        &mut surface,
                        Rect::from_xywh(MARGIN, y, width, CELL * 1.35 + 2.0 * CELL_PADDING),
                        HEAD_FILL,
                    );
                    for (x, text) in cells {
                        write_text(
                            &mut surface,
                            &self.bold.font,
                            x + CELL_PADDING,
                            y + CELL_PADDING + CELL,
                            CELL,
                            INK,
                            &text,
                        );
                    }
                    surface.end_tagged();
                }
            }
        }
        surface.start_tagged(ContentTag::Artifact(Artifact::new(
            ArtifactType::Footer,
            None,
        )));
        fill_rect(
            &mut surface,
            Rect::from_xywh(MARGIN, PAGE_HEIGHT - MARGIN + 4.0, TEXT_WIDTH, 0.5),
            RULE,
        );
        write_text(
            &mut surface,
            &self.regular.font,
            MARGIN,
            PAGE_HEIGHT - MARGIN + 16.0,
            7.5,
            MUTED,
            &footer,
        );
        surface.end_tagged();
        surface.finish();
        page.finish();
    }
}

/// The height of a row of cells broken into lines.
fn row_height(cells: &[Vec<String>]) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * CELL * 1.35 + 2.0 * CELL_PADDING
}

fn fill(colour: Colour) -> Option<krilla::paint::Fill> {
    Some(Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    })
}

fn write_text(
    surface: &mut Surface<'_>,
    font: &Font,
    x: f32,
    baseline: f32,
    size: f32,
    colour: Colour,
    text: &str,
) {
    surface.set_fill(fill(colour));
    surface.draw_text(
        Point::from_xy(x, baseline),
        font.clone(),
        size,
        text,
        false,
        TextDirection::LeftToRight,
    );
}

fn fill_rect(surface: &mut Surface<'_>, rect: Option<Rect>, colour: Colour) {
    let Some(rect) = rect else {
        return;
    };
    surface.set_fill(fill(colour));
    let mut path = PathBuilder::new();
    path.push_rect(rect);
    if let Some(path) = path.finish() {
        surface.draw_path(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(blocks: Vec<Block>) -> Document {
        Document {
            language: "da".to_owned(),
            title: "Prøve".to_owned(),
            creator: "Overblik".to_owned(),
            footer: "Side {page}".to_owned(),
            blocks,
            attachments: Vec::new(),
        }
    }

    #[test]
    fn a_matrix_is_a_figure_and_an_attachment_is_carried_as_it_is() {
        let mut with = document(vec![
            Block::Heading(1, "Attest".to_owned()),
            Block::Matrix(Matrix {
                text: "QR-kode".to_owned(),
                size: 150.0,
                dark: vec![vec![true, false], vec![false, true]],
            }),
        ]);
        with.attachments.push(Attachment {
            name: "certificate.txt".to_owned(),
            description: "The signed certificate".to_owned(),
            media_type: "text/plain".to_owned(),
            data: b"OB1:ABC DEF\n".to_vec(),
        });
        let pdf = write(&with).expect("written");
        let carried = pdf.windows(12).any(|window| window == b"OB1:ABC DEF\n");
        assert!(
            carried,
            "the attachment's bytes are in the file as they are"
        );
        with.blocks.push(Block::Matrix(Matrix {
            text: " ".to_owned(),
            size: 150.0,
            dark: vec![vec![true]],
        }));
        assert!(
            write(&with).is_err(),
            "a matrix without its text is refused"
        );
    }

    #[test]
    fn a_document_of_every_block_is_written_and_long_text_wraps() {
        let face = Face::load(REGULAR);
        let long = "ord ".repeat(400);
        assert!(face.lines(&long, BODY, TEXT_WIDTH).len() > 10);
        assert_eq!(
            face.lines(&"x".repeat(500), BODY, 50.0).concat(),
            "x".repeat(500)
        );
        let rows = (0..300)
            .map(|row| vec![format!("række {row}"), "1.234,00 kr.".to_owned()])
            .collect();
        let pdf = write(&document(vec![
            Block::Heading(1, "Alt om dig".to_owned()),
            Block::Paragraph(long),
            Block::List(vec!["et".to_owned(), "to".to_owned()]),
            Block::Heading(2, "Økonomi".to_owned()),
            Block::Facts(vec![("Status".to_owned(), "Afgjort".to_owned())]),
            Block::Table(Table {
                caption: "Udbetalinger".to_owned(),
                columns: vec!["Dato".to_owned(), "Beløb".to_owned()],
                rows,
            }),
            Block::Chart(Chart {
                text: "Tre udbetalinger".to_owned(),
                width: 360.0,
                height: 200.0,
                bars: vec![[10.0, 20.0, 30.0, 150.0]],
                labels: vec![Label {
                    x: 25.0,
                    y: 190.0,
                    text: "03/26".to_owned(),
                    centred: true,
                }],
            }),
        ]))
        .expect("written");
        assert!(pdf.starts_with(b"%PDF-1.7"));
    }

    #[test]
    fn what_pdf_ua_forbids_is_refused_by_the_validator() {
        let chart = Chart {
            text: " ".to_owned(),
            width: 10.0,
            height: 10.0,
            bars: vec![[0.0, 0.0, 5.0, 5.0]],
            labels: Vec::new(),
        };
        let refused = write(&document(vec![
            Block::Heading(1, "Udbetalinger".to_owned()),
            Block::Chart(chart),
        ]));
        let why = match refused {
            Err(DocumentError::NotAccessible(why)) => why,
            Err(other) => panic!("refused for another reason: {other}"),
            Ok(_) => panic!("a figure without its text was written"),
        };
        assert!(why.contains("MissingAltText"), "{why}");
    }

    #[test]
    fn characters_the_font_lacks_are_drawn_as_replacements() {
        let odd = "Ans\u{f8}gning \u{7a30d}\u{106108} \u{5}\u{c}ok \u{6F22}";
        let face = Face::load(REGULAR);
        assert_eq!(face.drawable("Blåbærgrød"), "Blåbærgrød");
        assert_eq!(
            face.drawable(odd),
            "Ansøgning \u{FFFD}\u{FFFD}   ok \u{FFFD}"
        );
        write(&document(vec![
            Block::Heading(1, odd.to_owned()),
            Block::Paragraph(odd.to_owned()),
            Block::Table(Table {
                caption: odd.to_owned(),
                columns: vec![odd.to_owned()],
                rows: vec![vec![odd.to_owned()]],
            }),
        ]))
        .map_err(|error| error.to_string())
        .expect("written, with replacements");
    }

    #[test]
    fn a_heading_level_beyond_four_is_refused() {
        let refused = write(&document(vec![Block::Heading(5, "Dybt".to_owned())]));
        assert!(matches!(refused, Err(DocumentError::HeadingLevel(5))));
    }
}
