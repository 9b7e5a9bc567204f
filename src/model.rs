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

/// One Markdown file of the standard: a top-level part such as the foreword or clause 3.
#[derive(Debug)]
pub struct Part {
    pub path: String,
    pub number: Option<String>,
    pub title: String,
    pub title_en: Option<String>,
    pub kind: PartKind,
    /// Markdown before the first subclause heading.
    pub intro: String,
    pub clauses: Vec<Clause>,
}

impl Part {
    /// The part's anchor: `clause-N` when numbered, else a slug of its file name.
    pub fn anchor(&self) -> String {
        match &self.number {
            Some(n) => format!("clause-{n}"),
            None => {
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
        }
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
            Some(n) => format!("clause-{n}"),
            None => format!("section-{}", index + 1),
        }
    }
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
    pub assessment: Option<Assessment>,
    pub updated: Option<String>,
}

impl Park {
    /// The results of the park's assessment; none without one.
    pub fn assessment_results(&self) -> &[AssessmentResult] {
        self.assessment.as_ref().map_or(&[], |a| &a.results)
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

#[derive(Debug)]
pub struct Assessment {
    pub kind: String,
    pub assessor: Option<String>,
    pub date: Option<String>,
    pub results: Vec<AssessmentResult>,
}

#[derive(Debug)]
pub struct AssessmentResult {
    /// Its place in the file's list (from 0), for the key paths of messages about it: items
    /// with errors of their own are not kept, so it is not always its place in the model.
    pub index: usize,
    pub requirement: Text,
    pub status: &'static str,
    pub evidence: Option<String>,
}
