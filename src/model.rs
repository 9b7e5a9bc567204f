//! The site as one typed, validated model. No I/O here; loaders build it, validation checks its
//! references, compliance and rendering read it.

use crate::diagnostics::Pos;
use crate::diagnostics::Spanned;

pub type Text = Spanned<String>;

#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub standard: Standard,
    pub framework: Framework,
    pub providers: Vec<Provider>,
    pub parks: Vec<Park>,
    /// The day the site's statuses are computed for (YYYY-MM-DD): what has expired by then is
    /// shown as expired.
    pub as_of: String,
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    /// The site's description: the meta description of pages that have none of their own.
    pub description: Option<String>,
    pub title_en: Option<String>,
    pub publisher: Option<String>,
    pub language: String,
    pub base_url: Option<String>,
    pub sample_data: bool,
    pub theme: String,
    pub standard_title: Option<String>,
    pub standard_title_en: Option<String>,
    /// Days after which an assessment is reported as old.
    pub assessment_max_age: Option<u32>,
}

#[derive(Debug, Default)]
pub struct Standard {
    pub parts: Vec<Part>,
}

impl Standard {
    pub fn clauses(&self) -> impl Iterator<Item = &Clause> {
        self.parts.iter().flat_map(|p| p.clauses.iter())
    }

    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.clauses().filter_map(|c| c.term.as_ref())
    }

    /// Every clause number the standard defines, parts included.
    pub fn clause_numbers(&self) -> impl Iterator<Item = &str> {
        self.parts
            .iter()
            .filter_map(|p| p.number.as_deref())
            .chain(self.clauses().filter_map(|c| c.number.as_deref()))
    }

    pub fn has_clause(&self, number: &str) -> bool {
        self.clause_numbers().any(|n| n == number)
    }

    /// Title of a clause or part by number.
    pub fn clause_title(&self, number: &str) -> Option<&str> {
        self.parts
            .iter()
            .find(|p| p.number.as_deref() == Some(number))
            .map(|p| p.title.as_str())
            .or_else(|| {
                self.clauses()
                    .find(|c| c.number.as_deref() == Some(number))
                    .map(|c| c.title.as_str())
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Text,
    Terms,
}

/// The elements of a GB/T 1.1 document that the site treats in their own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    Foreword,
    Introduction,
    Scope,
    NormativeReferences,
    Terms,
    Annex,
    Bibliography,
    Index,
}

/// Whether an annex says it is normative (规范性) or informative (资料性).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnexStatus {
    Normative,
    Informative,
}

/// One Markdown file of the standard: a top-level part such as the foreword, clause 3 or an
/// annex.
#[derive(Debug)]
pub struct Part {
    pub path: String,
    /// Where its number and title were given: the front matter's title, or its heading.
    pub pos: Pos,
    /// `1`, `0` for the introduction, `A` for an annex; none for the foreword or bibliography.
    pub number: Option<String>,
    pub title: String,
    pub title_en: Option<String>,
    pub kind: PartKind,
    pub element: Option<Element>,
    pub annex: Option<AnnexStatus>,
    /// Markdown before the first subclause heading.
    pub intro: String,
    pub clauses: Vec<Clause>,
}

impl Part {
    /// The part's anchor: `clause-N` (`annex-A`) when numbered, `foreword` or `bibliography` for
    /// those elements, else a slug of its file name.
    pub fn anchor(&self) -> String {
        if let Some(n) = &self.number {
            return anchor_of_number(n);
        }
        match self.element {
            Some(Element::Foreword) => return "foreword".into(),
            Some(Element::Bibliography) => return "bibliography".into(),
            Some(Element::Index) => return "index".into(),
            _ => {}
        }
        let stem = self
            .path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md");
        let slug: String = stem
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-')
            .to_string();
        if slug.is_empty() {
            format!("part-{stem}")
        } else {
            slug
        }
    }

    pub fn is_annex(&self) -> bool {
        self.element == Some(Element::Annex)
    }

    /// A chapter of the document's body (scope onward): numbered, neither the introduction
    /// (clause 0) nor an annex.
    pub fn is_body_chapter(&self) -> bool {
        self.number.as_deref().is_some_and(|n| n != "0")
            && !matches!(self.element, Some(Element::Introduction | Element::Annex))
    }
}

/// The anchor of a numbered part or clause on the standard's page: `clause-3.2`, `annex-A`.
pub fn anchor_of_number(number: &str) -> String {
    if number.starts_with(|c: char| c.is_ascii_alphabetic()) && !number.contains('.') {
        format!("annex-{number}")
    } else {
        format!("clause-{number}")
    }
}

/// A subclause of a part, from one Markdown heading to the next.
#[derive(Debug)]
pub struct Clause {
    pub number: Option<String>,
    pub title: String,
    /// Heading level, 2 for `##`.
    pub level: u8,
    pub body: String,
    pub pos: Pos,
    pub term: Option<Term>,
}

impl Clause {
    pub fn anchor(&self, index: usize) -> String {
        match &self.number {
            Some(n) => anchor_of_number(n),
            None => format!("section-{}", index + 1),
        }
    }
}

/// `3`, `3.2`, `0.1`, `A.1`, `A.1.2`, and `A` for an annex: what parts and clauses are numbered.
pub fn is_clause_number(s: &str) -> bool {
    let mut segments = s.split('.');
    let first = segments.next().unwrap_or("");
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let annex = first.len() == 1 && first.bytes().all(|b| b.is_ascii_uppercase());
    (digits(first) || annex) && segments.all(digits)
}

/// `产业园区 industrial park` → (`产业园区`, `industrial park`): the English term is the trailing
/// run of Latin text, starting with a letter.
pub fn split_term_title(title: &str) -> (String, Option<String>) {
    let latin = |c: char| c.is_ascii_alphanumeric() || " -'(),./".contains(c);
    let mut start = title.len();
    for (i, c) in title.char_indices().rev() {
        if latin(c) {
            start = i;
        } else {
            break;
        }
    }
    // The English term starts at a word that starts with a letter: `5G园区 5G park` → `park`.
    let tail = title[start..].trim();
    let english = tail
        .match_indices(' ')
        .map(|(i, _)| i + 1)
        .chain(std::iter::once(0))
        .filter(|&i| tail[i..].starts_with(|c: char| c.is_ascii_alphabetic()))
        .min()
        .map_or("", |i| &tail[i..]);
    let head = title[..title.len() - english.len()].trim();
    if english.is_empty() || head.is_empty() {
        (title.trim().to_string(), None)
    } else {
        (head.to_string(), Some(english.to_string()))
    }
}

/// A note paragraph starts `注:`, `注：`, `注1:` or `注 1：`: GB/T 1.1's notes, which explain the
/// text before them.
pub fn is_note(paragraph: &str) -> bool {
    let Some(rest) = paragraph.strip_prefix('注') else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '\u{3000}');
    rest.starts_with(':') || rest.starts_with('：')
}

/// A term entry of the terms part: number, Chinese and English term, definition and notes.
#[derive(Debug, Clone)]
pub struct Term {
    pub number: String,
    pub term: String,
    pub term_en: Option<String>,
    pub definition: String,
    pub notes: Vec<String>,
}

#[derive(Debug)]
pub struct Framework {
    pub path: String,
    pub systems: Vec<System>,
}

impl Framework {
    pub fn system(&self, id: &str) -> Option<&System> {
        self.systems.iter().find(|s| *s.id == id)
    }

    pub fn requirements(&self) -> impl Iterator<Item = (&System, &Requirement)> {
        self.systems
            .iter()
            .flat_map(|s| s.requirements.iter().map(move |r| (s, r)))
    }

    pub fn requirement(&self, id: &str) -> Option<(&System, &Requirement)> {
        self.requirements().find(|(_, r)| *r.id == id)
    }
}

#[derive(Debug)]
pub struct System {
    pub id: Text,
    pub role: String,
    pub name: String,
    pub name_en: Option<String>,
    pub clause: Option<Text>,
    pub serves: Vec<Text>,
    pub summary: Option<String>,
    pub requirements: Vec<Requirement>,
}

#[derive(Debug)]
pub struct Requirement {
    pub id: Text,
    pub title: String,
    pub title_en: Option<String>,
    pub clause: Option<Text>,
    pub description: Option<String>,
    pub rule: Option<Rule>,
}

/// The conditions of a rule; all must hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    MinServices(u32),
    AudienceAny(Vec<String>),
    IntegratedProvider,
    MinBrandFeatures(u32),
    ProvidersLegalEntities,
    MinSupportingServices(u32),
}

/// An integrated service provider (园区集成服务商): a brand that runs parks.
#[derive(Debug)]
pub struct Provider {
    pub id: String,
    pub path: String,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: String,
    pub brand: Option<String>,
    pub website: Option<String>,
    pub summary: Option<String>,
}

impl Provider {
    pub fn display_name(&self) -> &str {
        self.brand
            .as_deref()
            .or(self.short_name.as_deref())
            .unwrap_or(&self.name)
    }
}

#[derive(Debug)]
pub struct Park {
    pub id: String,
    pub path: String,
    pub name: String,
    pub name_en: Option<String>,
    pub provider: Option<Text>,
    pub level: String,
    pub park_type: String,
    pub region: String,
    pub district: Option<String>,
    pub industries: Vec<String>,
    pub summary: Option<String>,
    pub slogan: Option<String>,
    pub features: Vec<BrandFeature>,
    pub providers: Vec<SpecializedProvider>,
    pub services: Vec<Service>,
    /// In the order the file gives them.
    pub assessments: Vec<Assessment>,
    pub updated: Option<String>,
}

impl Park {
    /// The assessment whose results declare the park's standing on `as_of` (YYYY-MM-DD): of
    /// those that still hold, the most independent kind, then the latest.
    pub fn declaring_assessment(&self, as_of: &str) -> Option<&Assessment> {
        self.assessments
            .iter()
            .filter(|a| !a.expired(as_of))
            .max_by(|a, b| (a.independence(), a.date()).cmp(&(b.independence(), b.date())))
    }

    /// The results of the declaring assessment on `as_of`; none without one.
    pub fn assessment_results(&self, as_of: &str) -> &[AssessmentResult] {
        self.declaring_assessment(as_of).map_or(&[], |a| &a.results)
    }

    /// The latest assessment of `kind` that still holds on `as_of`.
    pub fn latest_of_kind(&self, kind: &str, as_of: &str) -> Option<&Assessment> {
        self.assessments
            .iter()
            .filter(|a| a.kind == kind && !a.expired(as_of))
            .max_by(|a, b| a.date().cmp(&b.date()))
    }
}

#[derive(Debug)]
pub struct BrandFeature {
    pub title: String,
    pub description: Option<String>,
}

/// A specialized service provider (园区专业服务商) that a park's services use.
#[derive(Debug)]
pub struct SpecializedProvider {
    /// Its place in the file's list (from 0), for the key paths of messages about it: items
    /// with errors of their own are not kept, so it is not always its place in the model.
    pub index: usize,
    pub id: Text,
    pub name: String,
    pub kind: &'static str,
    pub legal_entity: bool,
}

/// The id a service uses for the park's own integrated service provider.
pub const INTEGRATED: &str = "integrated";

#[derive(Debug)]
pub struct Service {
    /// Its place in the file's list (from 0), for the key paths of messages about it: items
    /// with errors of their own are not kept, so it is not always its place in the model.
    pub index: usize,
    pub id: Text,
    pub system: Text,
    pub name: String,
    pub audience: Vec<&'static str>,
    pub provider: Text,
    pub description: Option<String>,
    pub requirements: Vec<Text>,
}

/// One assessment of a park's service system: who made it, when, against which edition, how long
/// it holds, and its result per requirement.
#[derive(Debug)]
pub struct Assessment {
    /// Where messages about it point: `assessments[2]`, or `assessment` in the older form of a
    /// file with one assessment.
    pub key: String,
    pub pos: Pos,
    /// `self`, `authority` or `third-party`.
    pub kind: String,
    pub assessor: Assessor,
    pub start: Option<String>,
    /// When it was completed (`date` in the older form).
    pub end: Option<String>,
    pub valid_until: Option<String>,
    /// The edition of the standard it was made against.
    pub edition: Option<Text>,
    pub results: Vec<AssessmentResult>,
}

/// Kinds of assessment from the most independent: the order in which one declares a park's
/// status when several hold at once.
pub const ASSESSMENT_KINDS_BY_INDEPENDENCE: [&str; 3] = ["third-party", "authority", "self"];

impl Assessment {
    /// Its date on a timeline: when it ended, else when it started.
    pub fn date(&self) -> Option<&str> {
        self.end.as_deref().or(self.start.as_deref())
    }

    /// Whether it no longer holds on `as_of` (YYYY-MM-DD).
    pub fn expired(&self, as_of: &str) -> bool {
        self.valid_until
            .as_deref()
            .is_some_and(|until| until < as_of)
    }

    /// An assessment of `kind` with nothing else given yet.
    pub fn of_kind(kind: &str, key: impl Into<String>) -> Assessment {
        Assessment {
            key: key.into(),
            pos: Pos::default(),
            kind: kind.to_string(),
            assessor: Assessor::default(),
            start: None,
            end: None,
            valid_until: None,
            edition: None,
            results: Vec::new(),
        }
    }

    fn independence(&self) -> usize {
        ASSESSMENT_KINDS_BY_INDEPENDENCE
            .iter()
            .position(|k| *k == self.kind)
            .map_or(0, |rank| ASSESSMENT_KINDS_BY_INDEPENDENCE.len() - rank)
    }
}

#[derive(Debug, Default)]
pub struct Assessor {
    pub name: Option<String>,
    /// The organisation that made it: required of a third party.
    pub organisation: Option<String>,
}

#[derive(Debug)]
pub struct AssessmentResult {
    /// Its place in the file's list (from 0), for the key paths of messages about it: items
    /// with errors of their own are not kept, so it is not always its place in the model.
    pub index: usize,
    pub requirement: Text,
    pub status: &'static str,
    /// The assessor's finding, in Markdown.
    pub statement: Option<String>,
    /// Evidence as one Markdown text (the older form of `evidence`).
    pub evidence: Option<String>,
    /// Evidence as items, each with its dates.
    pub evidence_items: Vec<Evidence>,
}

/// One piece of evidence: a document, by link or file name, with when it was collected and
/// until when it holds.
#[derive(Debug)]
pub struct Evidence {
    pub title: String,
    pub link: Option<String>,
    pub file: Option<String>,
    pub collected: Option<String>,
    pub expires: Option<String>,
}

impl Evidence {
    pub fn expired(&self, as_of: &str) -> bool {
        self.expires.as_deref().is_some_and(|until| until < as_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_titles_split_into_chinese_and_english() {
        let split = |t: &str| split_term_title(t);
        let some = |c: &str, e: &str| (c.to_string(), Some(e.to_string()));
        assert_eq!(
            split("产业园区 industrial park"),
            some("产业园区", "industrial park")
        );
        assert_eq!(
            split("产业园区 industrialpark"),
            some("产业园区", "industrialpark")
        );
        assert_eq!(split("客户 clients"), some("客户", "clients"));
        assert_eq!(split("园区"), ("园区".into(), None));
        assert_eq!(split("5G园区 5G park"), some("5G园区 5G", "park"));
        assert_eq!(split("clients"), ("clients".into(), None));
        assert_eq!(split(""), ("".into(), None));
    }
}
