//! The enumerations that the content model fixes (park levels and types, provider kinds,
//! audiences, assessment kinds), each with its Chinese label. Framework systems, requirements and
//! clause numbers are not here: they are content.

/// `(id, 中文 label)` pairs, in the order they are listed to readers.
pub type Vocabulary = &'static [(&'static str, &'static str)];

pub const LEVELS: Vocabulary = &[
    ("national", "国家级"),
    ("municipal", "市级"),
    ("district", "区级"),
];

pub const PARK_TYPES: Vocabulary = &[
    ("economic-development-zone", "经济技术开发区"),
    ("high-tech-zone", "高新技术产业开发区"),
    ("bonded-zone", "保税区"),
    ("export-processing-zone", "出口加工区"),
    ("comprehensive-bonded-zone", "综合保税区"),
    ("free-trade-zone", "自由贸易区"),
    ("industrial-base", "产业基地"),
    ("industrial-land", "工业地块"),
    ("other", "其他产业园区"),
];

/// Kinds of integrated service provider (园区集成服务商).
pub const INTEGRATED_PROVIDER_KINDS: Vocabulary = &[
    ("government-agency", "政府派出机构"),
    ("development-company", "具有法人资质的开发公司"),
];

/// Kinds of specialized service provider (园区专业服务商).
pub const SPECIALIZED_PROVIDER_KINDS: Vocabulary = &[
    ("functional-institution", "功能性服务机构"),
    ("operating-company", "经营性公司"),
    ("government-agency", "政府派出的管理机构和服务单位"),
    ("social-organization", "社会服务性机构"),
    ("enterprise", "服务类企业"),
];

pub const AUDIENCES: Vocabulary = &[
    ("operator", "园区运营管理主体"),
    ("enterprise", "入园企业"),
    ("industry", "产业"),
    ("talent", "入园人才"),
];

pub const ASSESSMENT_KINDS: Vocabulary = &[
    ("self", "自我评价"),
    ("authority", "主管部门评价"),
    ("third-party", "第三方评价"),
];

pub const STATUSES: Vocabulary = &[
    ("met", "符合"),
    ("partial", "部分符合"),
    ("unmet", "不符合"),
    ("not-applicable", "不适用"),
];

pub const ROLES: Vocabulary = &[("hub", "枢纽"), ("pillar", "支柱")];

pub fn ids(vocabulary: Vocabulary) -> Vec<&'static str> {
    vocabulary.iter().map(|(id, _)| *id).collect()
}

pub fn label(vocabulary: Vocabulary, id: &str) -> &'static str {
    vocabulary
        .iter()
        .find(|(k, _)| *k == id)
        .map_or("", |(_, label)| label)
}
