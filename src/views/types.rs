//! What templates see: plain, display-ready structs built from the model. Markdown is already
//! rendered to safe HTML here (fields ending in `_html`); every other string is escaped by Tera.

use crate::compliance::Status;
use crate::markdown::Html;
use crate::vocab;
use serde::Serialize;

#[derive(Serialize, Clone)]
pub struct SiteView {
    pub title: String,
    pub title_en: Option<String>,
    pub publisher: Option<String>,
    pub language: String,
    pub sample_data: bool,
    pub standard_title: Option<String>,
    pub standard_title_en: Option<String>,
}

/// Every page's frame: where it is, how to reach the root, what it is called.
#[derive(Serialize)]
pub struct PageView {
    pub title: String,
    /// Which section of the navigation this page belongs to.
    pub section: &'static str,
    pub root: String,
    pub canonical: Option<String>,
    pub description: Option<String>,
}

#[derive(Serialize, Clone, Copy)]
pub struct StatusView {
    pub code: &'static str,
    pub label: &'static str,
}

impl From<Status> for StatusView {
    fn from(s: Status) -> Self {
        StatusView {
            code: s.as_str(),
            label: vocab::label(vocab::STATUSES, s.as_str()),
        }
    }
}

#[derive(Serialize, Clone)]
pub struct Labelled<'a> {
    pub id: &'a str,
    pub label: &'static str,
}

impl<'a> Labelled<'a> {
    pub fn new(vocabulary: vocab::Vocabulary, id: &'a str) -> Self {
        Labelled {
            id,
            label: vocab::label(vocabulary, id),
        }
    }
}

#[derive(Serialize)]
pub struct Link {
    pub text: String,
    pub href: String,
}

/// A clause reference: its number, its title, and the link to it.
#[derive(Serialize, Clone)]
pub struct ClauseRef<'a> {
    pub number: &'a str,
    pub title: Option<&'a str>,
    pub href: String,
}

// ---- the standard ----

#[derive(Serialize)]
pub struct PartView {
    pub anchor: String,
    pub number: Option<String>,
    pub title: String,
    pub title_en: Option<String>,
    pub is_terms: bool,
    /// An annex (`附录A`), with `annex` `normative`, `informative` or none when it does not say.
    pub is_annex: bool,
    pub annex: Option<&'static str>,
    /// The first part of the normative body: the document's title is printed before it.
    pub opens_body: bool,
    pub intro_html: String,
    pub clauses: Vec<ClauseView>,
}

#[derive(Serialize)]
pub struct ClauseView {
    pub anchor: String,
    pub number: Option<String>,
    pub title: String,
    pub level: u8,
    pub html: String,
    pub term: Option<TermView>,
}

#[derive(Serialize, Clone)]
pub struct TermView {
    pub number: String,
    pub term: String,
    pub term_en: Option<String>,
    pub definition_html: String,
    pub notes_html: Vec<String>,
}

// ---- the framework ----

#[derive(Serialize, Clone)]
pub struct SystemSummary<'a> {
    pub id: &'a str,
    pub role: &'a str,
    pub name: &'a str,
    pub name_en: Option<&'a str>,
    pub status: Option<StatusView>,
    /// Parks meeting the whole system: only on catalogue-wide summaries, so a park's own page
    /// depends on no other park.
    pub met: Option<usize>,
}

#[derive(Serialize)]
pub struct SystemView<'a> {
    pub id: String,
    pub role: Labelled<'a>,
    pub name: String,
    pub name_en: Option<String>,
    pub clause: Option<ClauseRef<'a>>,
    pub serves: Vec<Labelled<'a>>,
    pub summary_html: Option<String>,
    pub requirements: Vec<RequirementView<'a>>,
}

#[derive(Serialize)]
pub struct RequirementView<'a> {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub clause: Option<ClauseRef<'a>>,
    pub description_html: Option<String>,
    pub rule: Vec<String>,
    /// Parks by status: met, partial, unmet, not applicable.
    pub standing: Vec<StandingGroup>,
}

/// The parks with one status on a requirement: the first few by name, the rest behind a link.
#[derive(Serialize)]
pub struct StandingGroup {
    pub status: StatusView,
    pub count: usize,
    pub parks: Vec<Link>,
    pub more_href: Option<String>,
}

// ---- parks and providers ----

#[derive(Serialize)]
pub struct ParkRow<'a> {
    pub id: &'a str,
    pub href: String,
    pub name: &'a str,
    pub name_en: Option<&'a str>,
    pub provider: Option<Link>,
    pub level: Labelled<'a>,
    pub park_type: Labelled<'a>,
    pub region: &'a str,
    pub district: Option<&'a str>,
    pub industries: &'a [String],
    pub overall: StatusView,
    pub systems: Vec<SystemSummary<'a>>,
    pub unsupported_claims: usize,
    pub updated: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ParkView<'a> {
    pub row: ParkRow<'a>,
    pub tally: Tally,
    pub summary_html: Option<Html<'a>>,
    pub slogan: Option<&'a str>,
    pub features: Vec<FeatureView<'a>>,
    pub systems: Vec<ParkSystemView<'a>>,
    pub providers: Vec<SpecializedProviderView<'a>>,
    /// The declaring assessment: the one whose results are the park's declared statuses.
    pub assessment: Option<AssessmentView<'a>>,
    /// Every assessment, newest first.
    pub assessments: Vec<AssessmentRecordView<'a>>,
    /// The latest assessment of each kind that still holds: the compliance table's columns.
    pub assessment_columns: Vec<KindColumn<'a>>,
    pub timeline: Option<TimelineView<'a>>,
    /// The day statuses and expiry are computed for (YYYY-MM-DD).
    pub as_of: &'a str,
    pub updated: Option<&'a str>,
    pub unsupported_claims: usize,
}

/// How many of a park's requirements stand at each status.
#[derive(Serialize, Default)]
pub struct Tally {
    pub requirements: usize,
    pub met: usize,
    pub partial: usize,
    pub unmet: usize,
    pub not_applicable: usize,
}

#[derive(Serialize)]
pub struct FeatureView<'a> {
    pub title: &'a str,
    pub description_html: Option<Html<'a>>,
}

#[derive(Serialize)]
pub struct ParkSystemView<'a> {
    pub id: &'a str,
    pub role: &'a str,
    pub name: &'a str,
    pub name_en: Option<&'a str>,
    pub status: StatusView,
    pub services: Vec<ServiceView<'a>>,
    pub requirements: Vec<ParkRequirementView<'a>>,
}

#[derive(Serialize)]
pub struct ServiceView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub name: &'a str,
    pub audience: Vec<Labelled<'a>>,
    pub provider: &'a str,
    pub provider_anchor: Option<String>,
    pub description_html: Option<Html<'a>>,
    pub requirements: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct ParkRequirementView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub title_en: Option<&'a str>,
    pub clause: Option<ClauseRef<'a>>,
    pub status: StatusView,
    pub computed: Option<StatusView>,
    pub declared: Option<StatusView>,
    pub unsupported_claim: bool,
    /// Each current kind's status, in the order of the park's `assessment_columns`.
    pub by_kind: Vec<Option<StatusView>>,
    pub statement_html: Option<Html<'a>>,
    pub evidence_html: Option<Html<'a>>,
    pub evidence: Vec<EvidenceView<'a>>,
}

#[derive(Serialize)]
pub struct SpecializedProviderView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub name: &'a str,
    pub kind: Labelled<'a>,
    pub legal_entity: bool,
    pub services: usize,
}

/// One assessment, as its record on the park's page.
#[derive(Serialize)]
pub struct AssessmentRecordView<'a> {
    pub anchor: String,
    pub kind: Labelled<'a>,
    pub assessor: Option<&'a str>,
    /// The assessor's organisation, where it is not the assessor's name.
    pub organisation: Option<&'a str>,
    pub start: Option<&'a str>,
    pub end: Option<&'a str>,
    pub valid_until: Option<&'a str>,
    pub edition: Option<&'a str>,
    /// Past `valid_until` on the site's date: shown as expired, never as current.
    pub expired: bool,
    /// Its results are the park's declared statuses.
    pub declaring: bool,
    /// Each system's standing by this assessment's results, in the framework's order; none where
    /// it assessed none of the system's requirements.
    pub systems: Vec<Option<StatusView>>,
    pub results: Vec<AssessmentResultView<'a>>,
}

#[derive(Serialize)]
pub struct AssessmentResultView<'a> {
    pub requirement: &'a str,
    pub title: &'a str,
    pub status: StatusView,
    pub statement_html: Option<Html<'a>>,
    pub evidence_html: Option<Html<'a>>,
    pub evidence: Vec<EvidenceView<'a>>,
}

#[derive(Serialize)]
pub struct EvidenceView<'a> {
    pub title: &'a str,
    pub link: Option<&'a str>,
    pub file: Option<&'a str>,
    pub collected: Option<&'a str>,
    pub expires: Option<&'a str>,
    pub expired: bool,
}

/// A column of the compliance table: the latest assessment of one kind that still holds.
#[derive(Serialize)]
pub struct KindColumn<'a> {
    pub kind: Labelled<'a>,
    pub date: Option<&'a str>,
    pub declaring: bool,
}

/// The park's standing by system over the years, as marks on a grid: x by year, y by system.
#[derive(Serialize)]
pub struct TimelineView<'a> {
    pub width: usize,
    pub height: usize,
    pub years: Vec<TimelineYear>,
    pub rows: Vec<TimelineRow<'a>>,
    pub marks: Vec<TimelineMark<'a>>,
}

#[derive(Serialize)]
pub struct TimelineYear {
    pub year: i32,
    pub x: usize,
}

#[derive(Serialize)]
pub struct TimelineRow<'a> {
    pub name: &'a str,
    pub y: usize,
}

#[derive(Serialize)]
pub struct TimelineMark<'a> {
    pub x: usize,
    pub y: usize,
    pub status: StatusView,
    pub kind: Labelled<'a>,
    pub date: &'a str,
    pub expired: bool,
}

#[derive(Serialize)]
pub struct AssessmentView<'a> {
    pub kind: Labelled<'a>,
    pub assessor: Option<&'a str>,
    pub date: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ProviderView<'a> {
    pub id: String,
    pub href: String,
    pub name: String,
    pub short_name: Option<String>,
    pub brand: Option<String>,
    pub display_name: String,
    pub kind: Labelled<'a>,
    pub website: Option<String>,
    pub summary_html: Option<String>,
    pub park_count: usize,
}

// ---- lists of parks ----

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub href: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct PaginationView {
    pub number: usize,
    pub pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// First, last and the pages around the current one; `None` marks a gap.
    pub links: Vec<Option<PageLink>>,
}

#[derive(Serialize)]
pub struct FacetLink {
    pub label: String,
    pub href: String,
    pub count: usize,
    pub slug: String,
}

#[derive(Serialize)]
pub struct FacetNav {
    pub key: String,
    pub label: String,
    pub values: Vec<FacetLink>,
    /// Number of values in all; when more than are listed, the page that lists them all.
    pub total: usize,
    pub all_href: Option<String>,
}

#[derive(Serialize)]
pub struct ListingView<'a> {
    pub heading: String,
    pub facet_label: Option<String>,
    pub value_label: Option<String>,
    pub total: usize,
    /// Ranks of the first and last rows on this page, from 1.
    pub first: usize,
    pub last: usize,
    pub rows: Vec<ParkRow<'a>>,
    /// Parks by name only, where the page lists no rows.
    pub names: Vec<Link>,
    pub pagination: PaginationView,
    /// Every facet with its values: on the catalogue's first page only.
    pub facets: Vec<FacetNav>,
}

/// One row of the comparison matrix: a park and its status on every requirement.
#[derive(Serialize)]
pub struct CompareRow {
    pub id: String,
    pub href: String,
    pub name: String,
    pub overall: StatusView,
    pub cells: Vec<StatusView>,
    pub met: usize,
}

#[derive(Serialize)]
pub struct CompareColumn {
    pub id: String,
    pub title: String,
    pub system: String,
    pub href: String,
}

// ---- what each kind of page shows ----

/// The home page's figures.
#[derive(Serialize)]
pub struct Figures {
    pub parks: usize,
    pub providers: usize,
    pub services: usize,
    pub requirements: usize,
    pub clauses: usize,
    pub terms: usize,
    pub parks_met: usize,
}

#[derive(Serialize)]
pub struct HomeData<'a> {
    pub figures: Figures,
    pub systems: Vec<SystemSummary<'a>>,
    pub scope_html: Option<String>,
    pub scope_title: Option<String>,
    pub recent_parks: Vec<ParkRow<'a>>,
    pub charts_html: Vec<String>,
}

#[derive(Serialize)]
pub struct StandardData {
    pub parts: Vec<PartView>,
}

#[derive(Serialize)]
pub struct TermsData {
    pub terms: Vec<TermView>,
}

#[derive(Serialize)]
pub struct FrameworkData<'a> {
    pub systems: Vec<SystemView<'a>>,
    pub figure_systems: Vec<SystemSummary<'a>>,
    pub park_count: usize,
    pub dict_met: StatusView,
    pub dict_partial: StatusView,
    pub dict_unmet: StatusView,
    pub dict_na: StatusView,
}

/// A page of the catalogue, of a facet's value, or of a facet's values.
#[derive(Serialize)]
pub struct ListingData<'a> {
    pub listing: ListingView<'a>,
}

#[derive(Serialize)]
pub struct ComparePage<'a> {
    pub listing: ListingView<'a>,
    pub columns: Vec<CompareColumn>,
    pub matrix: Vec<CompareRow>,
}

#[derive(Serialize)]
pub struct ParkPage<'a> {
    pub park: ParkView<'a>,
    pub chart_html: String,
    pub json_ld_html: String,
    pub integrated_provider: Option<ProviderView<'a>>,
}

#[derive(Serialize)]
pub struct ProvidersData<'a> {
    pub providers: Vec<ProviderView<'a>>,
}

#[derive(Serialize)]
pub struct ProviderPage<'a> {
    pub provider: ProviderView<'a>,
    pub json_ld_html: String,
    pub parks: Vec<ParkRow<'a>>,
    pub pagination: PaginationView,
}
