//! The catalogue: every message by its stable code, in Chinese and in English. `{name}` is an
//! argument; a test holds both languages to the same arguments, and every code used in `src/`
//! to an entry here.

use super::Lang;

/// `(code, 中文, English)`, grouped by where the messages are used.
const MESSAGES: &[(&str, &str, &str)] = &[
    // Words that messages put in.
    ("error", "错误", "error"),
    ("warning", "警告", "warning"),
    ("hint", "提示", "hint"),
    ("what-park", "园区文件", "a park"),
    ("what-service", "服务", "a service"),
    ("what-brand", "`brand`", "`brand`"),
    ("what-feature", "品牌特征", "a brand feature"),
    ("what-specialized-provider", "园区专业服务商", "a service provider"),
    ("what-assessment", "`assessment`", "`assessment`"),
    ("what-result", "评价结果", "an assessment result"),
    ("found-nothing", "空值", "nothing"),
    ("found-value", "单个值", "a single value"),
    ("found-list", "列表", "a list"),
    ("found-mapping", "映射（`键: 值` 行）", "a mapping"),
    ("did-you-mean", "是否想写 `{word}`？", "did you mean `{word}`?"),
    // The command line (src/main.rs).
    ("summary-counts", "{errors} 个错误，{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
    (
        "check-ok",
        "通过：检查了 {parks} 个园区、{providers} 个集成服务商、{requirements} 项要求；{counts}",
        "ok: {parks} parks, {providers} providers, {requirements} requirements checked; {counts}",
    ),
    ("check-failed", "检查未通过：{counts}", "check failed: {counts}"),
    (
        "check-failed-warnings",
        "检查未通过（--deny-warnings 把警告视为错误）：{counts}",
        "check failed (--deny-warnings counts warnings as errors): {counts}",
    ),
    (
        "built",
        "已生成 {pages} 个页面（{files} 个文件，{mb} MB），写入 {output}，用时 {ms} 毫秒",
        "built {pages} pages ({files} files, {mb} MB) into {output} in {ms} ms",
    ),
    ("build-failed", "生成失败：{counts}；未写入任何文件", "build failed: {counts}; nothing was written"),
    (
        "links-checked",
        "检查了 {pages} 个页面、{links} 个链接，用时 {ms} 毫秒",
        "{pages} pages, {links} links checked in {ms} ms",
    ),
    (
        "links-ok",
        "通过：{output} 中没有失效链接：{checked}；{warnings} 个警告",
        "ok: no broken link in {output}: {checked}; {warnings} warning(s)",
    ),
    (
        "links-failed",
        "check --links 未通过：{output} 的 {pages} 个页面中有 {broken} 个失效链接：{checked}",
        "check --links failed: {broken} broken link(s) in {pages} page(s) of {output}: {checked}",
    ),
    ("stopped", "已停止", "stopped"),
    ("command-error", "错误：{error}", "error: {error}"),
    ("command-hint", "  提示：{hint}", "  hint: {hint}"),
    (
        "schema-no-framework",
        "无法读取站点的服务体系框架：{counts}",
        "cannot read the site's framework: {counts}",
    ),
    (
        "new-park-written",
        "已写入 {path}：请填写其中的空白，然后运行 `parkbook check`",
        "wrote {path}: fill in its blanks, then run `parkbook check`",
    ),
    ("new-park-site-errors", "站点有错误，请先修正", "the site has errors; fix them first"),
    // Warnings about a valid site (src/warnings.rs).
    (
        "warn-unsupported-claim",
        "园区声明要求 `{requirement}` 为“符合”，但按其数据计算的结果是 `{computed}`（{label}）",
        "the park declares `{requirement}` met, but its data gives `{computed}`（{label}）",
    ),
    (
        "warn-unsupported-claim-hint",
        "补充支持该结论的数据（服务、服务商、品牌特征），或把声明改为计算得出的状态",
        "add the data that supports the claim (services, providers, brand features), or declare the computed status",
    ),
    (
        "warn-evidence-undated",
        "评价结果引用了证据，但评价没有日期",
        "the assessment cites evidence but has no date",
    ),
    (
        "warn-evidence-undated-hint",
        "在 `assessment` 下写明 `date: YYYY-MM-DD`，让读者知道证据的时效",
        "add `date: YYYY-MM-DD` under `assessment`, so readers know how current the evidence is",
    ),
    (
        "warn-assessment-old",
        "评价日期 {date} 已过去 {days} 天，超过本站规定的 {max} 天（`assessment_max_age`）",
        "the assessment of {date} is {days} days old, more than the site's {max} (`assessment_max_age`)",
    ),
    (
        "warn-assessment-old-hint",
        "重新评价，并更新 `assessment.date` 和各项结果",
        "assess the park again and update `assessment.date` and its results",
    ),
    (
        "warn-service-supports-nothing",
        "服务“{service}”不支撑任何要求：它没有列出 `requirements`，“{system}”的规则也不计入服务",
        "the service “{service}” supports no requirement: it lists no `requirements`, and no rule of “{system}” counts services",
    ),
    (
        "warn-service-supports-nothing-hint",
        "在 `requirements` 中列出该服务支撑的要求，或确认它属于正确的体系",
        "list the requirements it supports under `requirements`, or check that it is in the right system",
    ),
    // Park files (src/load/parks.rs).
    (
        "integrated-reserved",
        "`integrated` 保留给园区自己的集成服务商",
        "`integrated` is reserved for the park's own integrated service provider",
    ),
    (
        "audience-empty",
        "`audience` 为空：请写明服务面向谁",
        "`audience` is empty: name whom the service serves",
    ),
    // Reading values (src/load/reader.rs).
    ("unknown-key", "{what}中有未知的键 `{key}`", "unknown key `{key}` in {what}"),
    ("keys-taken", "{what}可用的键：{keys}", "{what} takes: {keys}"),
    (
        "not-a-mapping",
        "{what}应是若干 `键: 值` 行组成的映射，而不是{found}",
        "{what} must be a mapping of `key: value` lines, not {found}",
    ),
    ("missing-key", "{what}缺少 `{key}`", "{what} has no `{key}`"),
    ("not-text", "`{key}` 应是文本，而不是{found}", "`{key}` must be text, not {found}"),
    ("empty", "`{key}` 为空", "`{key}` is empty"),
    (
        "not-bool",
        "`{key}` 只能是 `true` 或 `false`",
        "`{key}` must be `true` or `false`",
    ),
    ("bool-means", "YAML 中 `{value}` 应写作 `{code}`", "YAML writes `{value}` as `{code}`"),
    (
        "not-count",
        "`{key}` 应是整数（0 或以上）",
        "`{key}` must be a whole number (0 or more)",
    ),
    (
        "one-of",
        "`{key}` 的值 `{value}` 不在可选值之中：{allowed}",
        "`{key}` is `{value}`, which is not one of: {allowed}",
    ),
    (
        "did-you-mean-code",
        "是否想写 `{code}`（{label}）？",
        "did you mean `{code}`（{label}）?",
    ),
    ("choose-one", "可选：{allowed}", "one of: {allowed}"),
    ("not-a-list", "`{key}` 应是列表，而不是{found}", "`{key}` must be a list, not {found}"),
    (
        "write-a-list",
        "写作 `{key}: [a, b]`，或每行一项 `- a`",
        "write `{key}: [a, b]` or one `- item` per line",
    ),
    (
        "bad-id",
        "`{key}` 的值 `{value}` 不是有效的 id：{problem}",
        "`{key}` `{value}` is not a valid id: {problem}",
    ),
    (
        "id-hint",
        "id 只用小写字母 a-z、数字和单个连字符，例如 `zhangjiang-science-city`",
        "ids use lowercase letters a-z, digits and single hyphens, e.g. `zhangjiang-science-city`",
    ),
    ("id-empty", "它是空的", "it is empty"),
    ("id-too-long", "它超过 64 个字符", "it is longer than 64 characters"),
    ("id-characters", "只能用 a-z、0-9 和 `-`", "only a-z, 0-9 and `-` are allowed"),
    ("id-hyphens", "连字符只能位于字母或数字之间", "hyphens go only between letters or digits"),
    ("not-a-date", "`{key}` 的值 `{value}` 不是日期", "`{key}` `{value}` is not a date"),
    (
        "date-hint",
        "日期写作 YYYY-MM-DD，例如 2026-06-30",
        "write dates as YYYY-MM-DD, e.g. 2026-06-30",
    ),
    // YAML syntax (src/load/yaml/).
    (
        "yaml-second-document",
        "每个文件只能有一个 YAML 文档（发现了第二个 `---`）",
        "only one YAML document is allowed per file (found a second `---`)",
    ),
    ("yaml-tag", "此处不支持 YAML 标签（`!name`）", "YAML tags (`!name`) are not supported here"),
    ("yaml-unknown-anchor", "别名指向未知的锚点", "alias to an unknown anchor"),
    ("yaml-complex-key", "键只能是单个值，而不是{found}", "a key must be a single value, not {found}"),
    (
        "yaml-duplicate-key",
        "重复的键 `{key}`（第一次出现在第 {line} 行）",
        "duplicate key `{key}` (first at line {line})",
    ),
    ("yaml-too-deep", "嵌套超过 {max} 层", "nesting deeper than {max} levels"),
    (
        "yaml-too-big",
        "文档展开后超过 {max} 个值（含别名）",
        "the document expands to more than {max} values (aliases included)",
    ),
    (
        "yaml-colon-in-value",
        "值中出现了 `: `，YAML 把它当作新的键（解析器：{info}）",
        "a `: ` inside a value, which YAML reads as a new key (parser: {info})",
    ),
    (
        "yaml-expected-colon",
        "这一行不是 `键: 值` 的形式（解析器：{info}）",
        "this line is not of the form `key: value` (parser: {info})",
    ),
    (
        "yaml-expected-key",
        "此处应是一个键：请检查这一行的缩进（解析器：{info}）",
        "a key was expected here: check this line's indentation (parser: {info})",
    ),
    (
        "yaml-expected-dash",
        "此处应是以 `- ` 开头的列表项：请检查这一行的缩进（解析器：{info}）",
        "a list item starting with `- ` was expected here: check this line's indentation (parser: {info})",
    ),
    (
        "yaml-unclosed-list",
        "列表 `[` 没有用 `]` 闭合，或各项之间缺少半角逗号 `,`（解析器：{info}）",
        "a list `[` is not closed by `]`, or its items are not separated by `,` (parser: {info})",
    ),
    (
        "yaml-unclosed-map",
        "花括号中的映射没有闭合，或各项之间缺少半角逗号 `,`（解析器：{info}）",
        "a mapping in braces is not closed, or its entries are not separated by `,` (parser: {info})",
    ),
    ("yaml-unclosed-quote", "引号没有闭合（解析器：{info}）", "a quotation mark is not closed (parser: {info})"),
    (
        "yaml-tab",
        "YAML 只能用空格缩进，不能用制表符（解析器：{info}）",
        "YAML indents with spaces, not tabs (parser: {info})",
    ),
    (
        "yaml-bad-start",
        "值不能以这个字符开头：请给值加上引号（解析器：{info}）",
        "a value cannot start with this character: quote the value (parser: {info})",
    ),
    (
        "yaml-missing-value",
        "此处缺少一个值：也许 `[` 或花括号没有闭合（解析器：{info}）",
        "a value is missing here: perhaps a `[` or a brace is not closed (parser: {info})",
    ),
    ("yaml-syntax", "YAML 语法错误：{info}", "YAML syntax: {info}"),
    // The slips of a Chinese keyboard (src/load/yaml/slips.rs).
    (
        "slip-fullwidth-colon",
        "`{key}` 后面是全角冒号 `：`，YAML 只认半角冒号 `:`",
        "a full-width colon `：` after `{key}`: YAML needs the ASCII colon `:`",
    ),
    (
        "slip-fullwidth-colon-hint",
        "切换到英文输入，写成 `{key}: `（半角冒号加一个空格）",
        "switch the input method to English and write `{key}: ` (colon, then a space)",
    ),
    (
        "slip-space-after-colon",
        "`{key}:` 后面是全角空格，YAML 需要半角空格",
        "a full-width space after `{key}:`: YAML needs an ASCII space",
    ),
    (
        "slip-no-space-after-colon",
        "`{key}:` 后面缺少空格，YAML 会把整行当作一个值",
        "no space after `{key}:`, so YAML reads the whole line as one value",
    ),
    (
        "slip-no-space-after-colon-hint",
        "在冒号后加一个空格：`{key}: …`",
        "put a space after the colon: `{key}: …`",
    ),
    ("slip-tab", "缩进中有制表符（Tab）", "a tab in the indentation"),
    (
        "slip-tab-hint",
        "YAML 只能用空格缩进：把制表符换成空格，并与同级的键对齐",
        "YAML indents with spaces only: replace the tab with spaces, aligned with the keys beside it",
    ),
    ("slip-fullwidth-space", "缩进中有全角空格 `　`", "a full-width space `　` in the indentation"),
    (
        "slip-fullwidth-space-hint",
        "YAML 只能用半角空格缩进：切换到英文输入后重新输入空格",
        "YAML indents with ASCII spaces only: retype the space with the input method in English",
    ),
    (
        "slip-fullwidth-hyphen",
        "列表项以全角 `－` 开头，YAML 需要半角 `-`",
        "a list item starts with a full-width `－`: YAML needs the ASCII `-`",
    ),
    ("slip-fullwidth-hyphen-hint", "写成 `- `（半角连字符加一个空格）", "write `- ` (hyphen, then a space)"),
    (
        "slip-fullwidth-bracket",
        "值以全角括号 `{found}` 开头，YAML 的列表和映射需要半角括号",
        "the value starts with a full-width `{found}`: YAML lists and mappings need ASCII brackets",
    ),
    (
        "slip-fullwidth-bracket-hint",
        "切换到英文输入，改用 `{ascii}`",
        "switch the input method to English and use `{ascii}`",
    ),
    (
        "slip-fullwidth-comma",
        "列表中用了全角逗号 `，`，YAML 不把它当作分隔符，两项会连成一项",
        "a full-width comma `，` in a list: YAML does not read it as a separator, so two items become one",
    ),
    (
        "slip-fullwidth-comma-hint",
        "用半角逗号 `,` 分隔各项，例如 `[enterprise, talent]`",
        "separate the items with an ASCII comma `,`, e.g. `[enterprise, talent]`",
    ),
    (
        "slip-colon-in-value",
        "`{key}` 的值中有未加引号的 `: `，YAML 会把它读成新的键",
        "the value of `{key}` holds an unquoted `: `, which YAML reads as a new key",
    ),
    (
        "slip-quote-value",
        "给整个值加上引号：`{key}: \"{value}\"`",
        "quote the whole value: `{key}: \"{value}\"`",
    ),
    (
        "slip-hash-in-value",
        "` #` 之后是注释，所以 `{key}` 的值只是 `{value}`，`{comment}` 被忽略",
        "` #` starts a comment, so `{key}` is only `{value}` and `{comment}` is dropped",
    ),
    (
        "slip-misaligned",
        "这一行缩进了 {found} 个空格，与同级的 `{sibling}`（第 {line} 行，缩进 {expected} 个空格）没有对齐",
        "this line is indented by {found} spaces; its sibling `{sibling}` on line {line} is indented by {expected}",
    ),
    (
        "slip-misaligned-hint",
        "让 `{key}` 与 `{sibling}` 对齐（同样多的空格）",
        "align `{key}` with `{sibling}` (the same number of spaces)",
    ),
    // src/load/mod.rs.
    (
        "no-content-folder",
        "{path} 处没有 content 文件夹",
        "no content folder at {path}",
    ),
    (
        "no-content-folder-hint",
        "请在站点根目录下运行 parkbook，或用 --root DIR 指定站点根目录",
        "run parkbook in a site root, or pass --root DIR",
    ),
    (
        "too-many-parks",
        "园区文件超过 {max} 个；最多只能有 {max} 个园区",
        "more than {max} park files; the limit is {max} parks",
    ),
    (
        "too-many-parks-hint",
        "请把名录拆分成几个站点，每个站点各有自己的 content/",
        "split the catalogue into several sites, each with its own content/",
    ),
    (
        "folder-ignored",
        "已忽略：此处的文件夹中没有 parkbook 读取的内容",
        "ignored: a folder here holds nothing parkbook reads",
    ),
    (
        "not-yaml-file",
        "不是 `.yaml` 文件，因此会被忽略",
        "not a `.yaml` file, so it would be ignored",
    ),
    (
        "rename-to-yaml",
        "请将其重命名为 `{stem}.yaml`",
        "rename it to `{stem}.yaml`",
    ),
    (
        "file-name-not-an-id",
        "文件名 `{stem}` 不是有效的 id：{problem}",
        "the file name `{stem}` is not a valid id: {problem}",
    ),
    (
        "file-missing",
        "缺少此文件：每个站点都必须有它",
        "file is missing: every site needs it",
    ),
    (
        "file-missing-hint",
        "内容格式见 parkbook 的 README，也可以从随附的 content/ 中复制一份",
        "see the content format in parkbook's README, or copy it from the shipped content/",
    ),
    (
        "file-too-large",
        "文件大小为 {size} 字节，超过了 {limit} 字节的上限",
        "file is {size} bytes; the limit is {limit} bytes",
    ),
    (
        "file-changing",
        "读取期间文件一直在变化",
        "file kept changing while it was read",
    ),
    (
        "file-changing-hint",
        "仍有程序在写入该文件；请等它保存完毕后再构建",
        "something is still writing it; build again once it is saved",
    ),
    ("cannot-read", "无法读取：{error}", "cannot read: {error}"),
    (
        "not-utf8",
        "文件不是有效的 UTF-8 文本",
        "file is not valid UTF-8 text",
    ),
    (
        "not-utf8-hint",
        "请将文件另存为 UTF-8 编码（不支持 GBK 等其他编码）",
        "save the file as UTF-8 (GBK and other encodings are not read)",
    ),
    (
        "nul-byte",
        "文件中含有 NUL 字节：这是二进制文件吗？",
        "file holds a NUL byte: is it a binary file?",
    ),
    ("file-empty", "文件为空", "file is empty"),
    (
        "no-yaml-values",
        "文件中没有任何 YAML 值（只有注释或空行）",
        "file holds no YAML values (only comments or blank lines)",
    ),
    // src/load/standard.rs.
    ("what-front-matter", "文件头（front matter）", "the front matter"),
    (
        "no-standard-folder",
        "没有 standard 文件夹：站点中没有标准正文",
        "no standard folder: the site has no standard text",
    ),
    (
        "part-number-twice",
        "章号 {number} 也被 {first} 使用",
        "part number {number} is also used by {first}",
    ),
    (
        "clause-number-twice",
        "条款编号 {number} 重复（另见 {first}）",
        "clause {number} is numbered twice (also in {first})",
    ),
    (
        "front-matter-not-closed",
        "文件头（front matter）没有结束",
        "the front matter is not closed",
    ),
    (
        "front-matter-not-closed-hint",
        "请用只含 `---` 的一行结束文件头",
        "end it with a line holding only `---`",
    ),
    (
        "no-front-matter",
        "没有文件头（front matter）",
        "no front matter",
    ),
    (
        "no-front-matter-hint",
        "文件应以 `---` 开头，接着写 `title: …`（以及 `number: \"N\"`），再以 `---` 结束",
        "start the file with `---`, then `title: …` (and `number: \"N\"`), then `---`",
    ),
    (
        "not-a-clause-number",
        "`number` 的值 `{value}` 不是章条编号（应形如 \"3\"）",
        "`number` `{value}` is not a clause number such as \"3\"",
    ),
    (
        "heading-in-part",
        "本文件中出现了 `#` 一级标题",
        "a `#` heading inside a part",
    ),
    (
        "heading-in-part-hint",
        "章标题取自文件头；条款请写成 `## N 标题`",
        "the part's title comes from its front matter; write clauses as `## N title`",
    ),
    (
        "clause-outside-its-part",
        "条款 {clause} 位于第 {part} 章：其编号必须以 `{part}.` 开头",
        "clause {clause} is in part {part}: its number must start with `{part}.`",
    ),
    (
        "term-without-definition",
        "术语 {number} 没有定义",
        "term {number} has no definition",
    ),
    // src/load/framework.rs.
    ("what-framework", "framework.yaml 文件", "framework.yaml"),
    ("what-system", "服务体系", "a system"),
    ("what-requirement", "要求项", "a requirement"),
    ("what-rule", "规则", "a rule"),
    (
        "framework-without-systems",
        "框架中没有任何服务体系",
        "the framework has no systems",
    ),
    (
        "audience-any-empty",
        "`audience_any` 至少需要一个服务对象",
        "`audience_any` needs at least one audience",
    ),
    (
        "rule-without-condition",
        "规则中没有任何条件",
        "the rule has no condition",
    ),
    (
        "flag-false",
        "`{key}: false` 不检查任何内容",
        "`{key}: false` checks nothing",
    ),
    (
        "flag-false-hint",
        "请从规则中删除 `{key}`",
        "remove `{key}` from the rule",
    ),
    // src/load/site_config.rs.
    ("what-site", "site.yaml 文件", "site.yaml"),
    ("what-standard-settings", "`standard`", "`standard`"),
    (
        "bad-base-url",
        "`base_url` 必须是以 https:// 或 http:// 开头的网址，且不能含有空格或引号",
        "`base_url` must be a web address starting with https:// or http://, without spaces or quotes",
    ),
    // src/load/providers.rs.
    ("what-provider", "集成服务商文件", "a provider"),
    (
        "not-a-web-address",
        "`{value}` 不是网址",
        "`{value}` is not a web address",
    ),
    (
        "web-address-hint",
        "请填写以 https:// 开头的完整网址",
        "write the full address, starting with https://",
    ),
    // src/validate.rs.
    (
        "system-id-twice",
        "服务体系 id `{id}` 重复使用（首次出现在第 {line} 行）",
        "system id `{id}` is used twice (first at line {line})",
    ),
    (
        "requirement-id-twice",
        "要求 id `{id}` 重复使用（首次出现在第 {line} 行）",
        "requirement id `{id}` is used twice (first at line {line})",
    ),
    (
        "clause-not-in-standard",
        "标准中没有条款 `{number}`",
        "clause `{number}` is not in the standard",
    ),
    (
        "standard-without-clauses",
        "标准中还没有带编号的条款",
        "the standard has no numbered clauses yet",
    ),
    (
        "standard-clauses",
        "标准中的条款有：{clauses}",
        "the standard has clauses {clauses}",
    ),
    ("known-values", "已定义的有：{known}", "known: {known}"),
    (
        "known-values-more",
        "已定义的有：{known}……（共 {total} 个）",
        "known: {known}, … ({total} in all)",
    ),
    ("known-none", "目前一个都还没有定义", "none are defined yet"),
    ("hint-then", "{first}{then}", "{first} {then}"),
    (
        "provider-not-defined",
        "集成服务商 `{id}` 未定义：没有 providers/{id}.yaml 文件",
        "provider `{id}` is not defined: there is no providers/{id}.yaml",
    ),
    (
        "service-provider-id-twice",
        "专业服务商 id `{id}` 重复使用（首次出现在第 {line} 行）",
        "service provider id `{id}` is used twice (first at line {line})",
    ),
    (
        "service-id-twice",
        "服务 id `{id}` 重复使用（首次出现在第 {line} 行）",
        "service id `{id}` is used twice (first at line {line})",
    ),
    (
        "system-not-in-framework",
        "框架中没有服务体系 `{id}`",
        "system `{id}` is not in the framework",
    ),
    (
        "integrated-without-provider",
        "该服务由 `integrated`（集成服务商）提供，但园区没有指定集成服务商",
        "the service is provided by `integrated`, but the park names no integrated service provider",
    ),
    (
        "integrated-without-provider-hint",
        "请在园区文件开头加上 `provider: <id>`",
        "add `provider: <id>` at the top of the park file",
    ),
    (
        "service-provider-not-listed",
        "专业服务商 `{id}` 不在本园区的 `providers` 列表中",
        "service provider `{id}` is not in this park's `providers` list",
    ),
    (
        "requirement-not-in-framework",
        "框架中没有要求 `{id}`",
        "requirement `{id}` is not in the framework",
    ),
    (
        "requirement-of-another-system",
        "要求 `{id}` 属于服务体系 `{system}`，而不属于本服务所在的服务体系 `{service_system}`",
        "requirement `{id}` belongs to system `{system}`, not to this service's system `{service_system}`",
    ),
    (
        "requirement-assessed-twice",
        "要求 `{id}` 被评价了两次（首次出现在第 {line} 行）",
        "requirement `{id}` is assessed twice (first at line {line})",
    ),
    // src/links.rs.
    (
        "build-first-hint",
        "请先构建站点（`parkbook build`），或用 --output DIR 指定构建输出的文件夹",
        "build the site first (`parkbook build`), or pass the folder it wrote with --output DIR",
    ),
    ("no-output-folder", "此处没有输出文件夹", "no output folder here"),
    ("not-a-folder", "不是文件夹", "not a folder"),
    (
        "not-an-output-folder",
        "不是 parkbook 的输出文件夹（其中没有 `{marker}` 标记）",
        "not a parkbook output folder (it has no `{marker}` marker)",
    ),
    (
        "broken-fragment",
        "链接 {link} 失效：{page} 中没有 id \"{fragment}\"",
        "broken link to {link}: no id \"{fragment}\" in {page}",
    ),
    (
        "duplicate-html-id",
        "id \"{id}\" 重复（首次出现在 {first}）",
        "duplicate id \"{id}\" (first at {first})",
    ),
    (
        "root-absolute-link",
        "以 / 开头的根路径链接 {link}",
        "root-absolute link {link}",
    ),
    (
        "root-absolute-link-hint",
        "从本地磁盘打开站点，或站点发布在路径前缀下时，这种链接会失效：请改为相对链接",
        "it breaks when the site is opened from disk or published under a path prefix: make it relative",
    ),
    (
        "broken-link-because",
        "链接 {link} 失效：{why}",
        "broken link to {link}: {why}",
    ),
    (
        "link-not-utf8",
        "其百分号编码不是 UTF-8",
        "its percent-encoding is not UTF-8",
    ),
    (
        "link-outside-output",
        "它指向输出文件夹之外",
        "it leads outside the output folder",
    ),
    ("broken-link", "链接 {link} 失效", "broken link to {link}"),
    (
        "link-to-folder-hint",
        "{target} 是文件夹：请链接到其中的 index.html",
        "{target} is a folder: link to its index.html",
    ),
    (
        "not-in-output-hint",
        "输出中没有 {target}",
        "{target} is not in the output",
    ),
    // src/pages/mod.rs.
    (
        "render-failed",
        "渲染 {page} 失败：{error}",
        "rendering {page} failed: {error}",
    ),
    // src/pages/theme.rs.
    (
        "theme-not-found",
        "找不到主题 `{name}`：没有 {folder}/ 文件夹",
        "theme `{name}` not found: there is no {folder}/ folder",
    ),
    (
        "theme-not-found-hint",
        "删除 `theme:` 即可使用内置主题",
        "remove `theme:` to use the built-in theme",
    ),
    (
        "cannot-read-template",
        "无法读取模板：{error}",
        "cannot read template: {error}",
    ),
    ("template-error", "模板错误：{error}", "template error: {error}"),
    // src/write.rs.
    (
        "output-not-a-folder",
        "{path} 已存在，但不是文件夹",
        "{path} exists and is not a folder",
    ),
    (
        "output-not-ours",
        "{path} 不是空文件夹，也不是 parkbook 生成的，因此不会改动它（请换一个 --output，或先清空它）",
        "{path} is not empty and was not made by parkbook, so it is left alone (choose another --output, or empty it)",
    ),
    (
        "output-unsafe",
        "{path} 会包含站点自身的内容，或者就是站点根目录：请换一个 --output",
        "{path} would hold the site's own content or be the site root: choose another --output",
    ),
    (
        "output-symlink",
        "{path} 是符号链接：parkbook 会整体替换输出文件夹，既不通过链接写入，也不替换链接（请把链接指向的文件夹作为 --output 传入）",
        "{path} is a symbolic link: parkbook replaces its output folder whole and neither writes through a link nor replaces one (pass the folder it points to as --output)",
    ),
    ("cannot-write", "无法写入 {path}：{error}", "cannot write {path}: {error}"),
    (
        "cannot-create-staging",
        "无法创建 {path}（新站点先写到这里，再替换输出文件夹）：{error}",
        "cannot create {path} (the new site is written there before it replaces the output): {error}",
    ),
    (
        "cannot-create-output-parent",
        "无法创建存放输出的文件夹 {path}：{error}",
        "cannot create {path}, the folder that holds the output: {error}",
    ),
    (
        "cannot-write-new-file",
        "无法写入新站点的 {rel}：{error}",
        "cannot write {rel} of the new site: {error}",
    ),
    (
        "write-outside-output",
        "拒绝写入输出文件夹之外的位置：{path}",
        "refusing to write outside the output folder: {path}",
    ),
    // src/new_park.rs.
    (
        "new-park-bad-id",
        "`{id}` 不是有效的园区 id：{problem}",
        "`{id}` is not a valid park id: {problem}",
    ),
    (
        "new-park-exists",
        "{path} 已存在；请换一个 id，或直接编辑该文件",
        "{path} already exists; choose another id or edit that file",
    ),
    (
        "new-park-site-has-errors",
        "站点存在错误；请先修正（运行 `parkbook check`）",
        "the site has errors; fix them first (run `parkbook check`)",
    ),
    // src/serve/mod.rs.
    (
        "no-free-port",
        "{addr} 上从 {from} 到 {to} 都没有空闲端口",
        "no free port from {from} to {to} on {addr}",
    ),
    (
        "cannot-watch",
        "无法监视站点的文件：{error}",
        "cannot watch the site: {error}",
    ),
    (
        "serving",
        "正在 {url} 提供 {root}（构建用时 {ms} 毫秒；按 Ctrl-C 停止）",
        "serving {root} at {url} (built in {ms} ms; Ctrl-C stops)",
    ),
    (
        "rebuilt",
        "已重新构建：{files} 个文件，用时 {ms} 毫秒",
        "rebuilt: {files} files in {ms} ms",
    ),
    (
        "full-rebuild",
        "已全部重新构建：{files} 个文件，用时 {ms} 毫秒",
        "full rebuild: {files} files in {ms} ms",
    ),
    (
        "search-index-refreshed",
        "搜索索引：{files} 个文件，用时 {ms} 毫秒",
        "search index: {files} files in {ms} ms",
    ),
    (
        "serve-build-failed",
        "构建失败：{count} 个错误；仍在提供上一次成功构建的站点",
        "build failed: {count} error(s); still serving the last good site",
    ),
    // src/serve/state.rs.
    (
        "serve-overlay-title",
        "parkbook：上一次构建失败；本页显示的是上一次成功构建的站点",
        "parkbook: the last build failed; this page shows the last good site",
    ),
    // parkbook diff.
    ("diff-title", "parkbook diff：本次提交的变化", "parkbook diff: what this submission changes"),
    ("diff-verdict-worse", "需要审核：{reasons}", "needs review: {reasons}"),
    ("diff-verdict-ok", "没有变差", "nothing got worse"),
    ("diff-verdict-unchanged", "读者看到的内容没有变化", "nothing a reader sees changed"),
    ("diff-count-fell", "{n} 项状态下降", "{n} status(es) fell"),
    ("diff-count-claims", "{n} 条新的无依据申报", "{n} new unsupported claim(s)"),
    ("diff-count-errors", "{n} 个新错误", "{n} new error(s)"),
    (
        "diff-summary",
        "园区：新增 {added}，删除 {removed}，变更 {changed}。状态：下降 {fell}，上升 {rose}。无依据申报：新增 {claims}，消除 {claims_resolved}。错误：新增 {errors}，解决 {errors_resolved}。警告：新增 {warnings}，解决 {warnings_resolved}。",
        "Parks: {added} added, {removed} removed, {changed} changed. Statuses: {fell} fell, {rose} rose. Unsupported claims: {claims} new, {claims_resolved} resolved. Errors: {errors} new, {errors_resolved} resolved. Warnings: {warnings} new, {warnings_resolved} resolved.",
    ),
    (
        "diff-usage",
        "请给出两个站点根目录 OLD NEW，或用 --rev REV 把 ROOT 与它的一个 git 版本比较",
        "give two site roots, OLD NEW, or --rev REV to compare ROOT with one of its git revisions",
    ),
    (
        "diff-no-root",
        "{root} 不是站点根目录：其中没有 content/ 文件夹",
        "{root} is not a site root: it has no content/ folder",
    ),
    ("diff-rev-bad", "`{rev}` 不是可读取的版本", "`{rev}` is not a revision parkbook reads"),
    ("diff-rev-git", "无法运行 git：{error}", "cannot run git: {error}"),
    ("diff-rev-git-failed", "git {command} 失败：{error}", "git {command} failed: {error}"),
    ("diff-rev-unknown", "读不到版本 `{rev}`：{error}", "cannot read revision `{rev}`: {error}"),
    ("diff-rev-no-content", "版本 `{rev}` 中没有 {path}", "revision `{rev}` has no {path}"),
    ("diff-rev-write", "无法写出 {path}：{error}", "cannot write {path}: {error}"),
    ("diff-added", "新增", "added"),
    ("diff-removed", "删除", "removed"),
    (
        "diff-not-compared",
        "园区文件或服务框架有错误，未比较状态",
        "the park's file or the framework has errors: statuses not compared",
    ),
    ("diff-named", "{name}（`{id}`）", "{name} (`{id}`)"),
    ("diff-of", "{item}：{field}", "{item}: {field}"),
    ("diff-and", "{first}、{rest}", "{first}, {rest}"),
    ("diff-as-written", "{text}", "{text}"),
    ("diff-absent", "—", "—"),
    ("diff-nothing", "无", "none"),
    ("diff-yes", "是", "yes"),
    ("diff-no", "否", "no"),
    ("diff-clause", "条款 {clause}", "clause {clause}"),
    ("diff-hint", "提示：{hint}", "hint: {hint}"),
    ("diff-line-change", "{what}：{old} → {new}", "{what}: {old} → {new}"),
    ("diff-line-note", "{line}（{note}）", "{line} ({note})"),
    ("diff-line-claim", "{claim}：{requirement}：{details}", "{claim}: {requirement}: {details}"),
    ("diff-fell", "下降", "fell"),
    ("diff-rose", "上升", "rose"),
    ("diff-status-met", "符合", "met"),
    ("diff-status-partial", "部分符合", "partially met"),
    ("diff-status-unmet", "不符合", "unmet"),
    ("diff-status-not-applicable", "不适用", "not applicable"),
    ("diff-audience-operator", "园区运营管理主体", "the park's operator"),
    ("diff-audience-enterprise", "入园企业", "enterprises"),
    ("diff-audience-industry", "产业", "industries"),
    ("diff-audience-talent", "入园人才", "talent"),
    ("diff-scope-overall", "总体", "overall"),
    ("diff-scope-system", "体系：{name}（`{id}`）", "system: {name} (`{id}`)"),
    ("diff-col-requirement", "要求", "requirement"),
    ("diff-col-clause", "条款", "clause"),
    ("diff-col-old-status", "原状态", "was"),
    ("diff-col-new-status", "新状态", "now"),
    ("diff-col-because", "依据", "why"),
    ("diff-col-claim", "申报的要求", "claimed requirement"),
    ("diff-col-details", "说明", "details"),
    ("diff-col-change", "变更", "change"),
    ("diff-col-old", "原", "was"),
    ("diff-col-new", "新", "now"),
    ("diff-col-severity", "级别", "severity"),
    ("diff-col-where", "位置", "where"),
    ("diff-col-message", "信息", "message"),
    ("diff-claim-new", "新的无依据申报", "new unsupported claim"),
    ("diff-claim-resolved", "已消除的无依据申报", "resolved unsupported claim"),
    (
        "diff-claim-details",
        "申报为{declared}，计算为{computed}",
        "declared {declared}, computed {computed}",
    ),
    ("diff-rule-none", "无规则", "no rule"),
    ("diff-rule-and", "{first}；{rest}", "{first}; {rest}"),
    ("diff-rule-min-services", "本体系至少 {n} 项服务", "at least {n} service(s) in this system"),
    (
        "diff-rule-audience-any",
        "本体系有服务面向：{audiences}（任一）",
        "a service of this system serves one of: {audiences}",
    ),
    (
        "diff-rule-integrated-provider",
        "由已登记的园区集成服务商运营",
        "run by an integrated service provider on record",
    ),
    ("diff-rule-min-brand-features", "至少 {n} 项服务特色和品牌特征", "at least {n} brand feature(s)"),
    (
        "diff-rule-min-supporting-services",
        "至少 {n} 项服务支撑本要求",
        "at least {n} service(s) supporting this requirement",
    ),
    (
        "diff-rule-providers-legal-entities",
        "所用专业服务商均具有法人资格",
        "every specialized provider in use is a legal entity",
    ),
    (
        "diff-because-rule-changed",
        "规则由「{old}」改为「{new}」",
        "the rule changed from “{old}” to “{new}”",
    ),
    (
        "diff-because-condition",
        "{rule}（{old_status} → {new_status}）：{old} → {new}",
        "{rule} ({old_status} → {new_status}): {old} → {new}",
    ),
    ("diff-because-condition-same", "{rule}（{status}）：{data}", "{rule} ({status}): {data}"),
    ("diff-because-declared", "园区申报：{old} → {new}", "the park's declaration: {old} → {new}"),
    (
        "diff-because-no-rule",
        "本要求无计算规则，状态取园区申报",
        "no rule computes this requirement: its status is the park's declaration",
    ),
    ("diff-because-evidence", "依据：{evidence}", "evidence: {evidence}"),
    ("diff-because-services", "本体系服务由 {old} 项变为 {new} 项", "services in this system: {old} → {new}"),
    (
        "diff-because-requirements",
        "状态变化的要求：{requirements}",
        "requirements whose status changed: {requirements}",
    ),
    ("diff-because-systems", "状态变化的体系：{systems}", "systems whose status changed: {systems}"),
    ("diff-not-declared", "未申报", "not declared"),
    ("diff-data-items", "{count} 项：{items}", "{count}: {items}"),
    ("diff-data-provider-unknown", "`{id}`（未登记）", "`{id}` (not on record)"),
    ("diff-data-no-specialized", "未使用专业服务商", "no specialized provider in use"),
    ("diff-data-legal-all", "均具有法人资格：{legal}", "all legal entities: {legal}"),
    ("diff-data-legal-none", "均无法人资格：{other}", "none a legal entity: {other}"),
    (
        "diff-data-legal-mixed",
        "具有法人资格：{legal}；无法人资格：{other}",
        "legal entities: {legal}; not legal entities: {other}",
    ),
    ("diff-field-name", "名称", "name"),
    ("diff-field-name-en", "英文名称", "English name"),
    ("diff-field-provider", "园区集成服务商", "integrated service provider"),
    ("diff-field-level", "级别", "level"),
    ("diff-field-type", "园区类型", "type"),
    ("diff-field-region", "地区", "region"),
    ("diff-field-district", "区县", "district"),
    ("diff-field-industries", "主导产业", "industries"),
    ("diff-field-summary", "简介", "summary"),
    ("diff-field-slogan", "品牌口号", "slogan"),
    ("diff-field-updated", "更新日期", "updated"),
    ("diff-field-kind", "类型", "kind"),
    ("diff-field-legal-entity", "法人资格", "legal entity"),
    ("diff-field-audience", "服务对象", "audience"),
    ("diff-field-service-provider", "服务商", "provider"),
    ("diff-field-description", "说明", "description"),
    ("diff-field-supports", "支撑的要求", "requirements supported"),
    ("diff-field-assessment-kind", "评价方式", "assessment kind"),
    ("diff-field-assessor", "评价方", "assessor"),
    ("diff-field-assessment-date", "评价日期", "assessment date"),
    ("diff-field-status", "状态", "status"),
    ("diff-field-evidence", "依据", "evidence"),
    ("diff-field-short-name", "简称", "short name"),
    ("diff-field-brand", "品牌", "brand"),
    ("diff-field-website", "网站", "website"),
    ("diff-field-title", "标题", "title"),
    ("diff-field-clause", "条款", "clause"),
    ("diff-field-rule", "规则", "rule"),
    ("diff-field-system", "体系", "system"),
    ("diff-feature", "服务特色「{title}」", "brand feature “{title}”"),
    ("diff-specialized", "专业服务商「{name}」（`{id}`）", "specialized provider “{name}” (`{id}`)"),
    ("diff-service", "服务「{name}」（`{id}`）", "service “{name}” (`{id}`)"),
    ("diff-integrated", "园区集成服务商", "the park's integrated provider"),
    ("diff-declaration", "申报「{title}」（`{id}`）", "declaration on “{title}” (`{id}`)"),
    (
        "diff-fw-system",
        "体系「{name}」（`{id}`）",
        "system “{name}” (`{id}`)",
    ),
    (
        "diff-fw-requirement",
        "要求「{title}」（`{id}`）",
        "requirement “{title}” (`{id}`)",
    ),
    ("diff-section-providers", "园区集成服务商", "Integrated service providers"),
    ("diff-provider-parks", "运营的园区：{parks}", "parks it runs: {parks}"),
    ("diff-section-framework", "服务框架", "Service framework"),
    ("diff-section-new-diagnostics", "新的错误和警告", "New errors and warnings"),
    ("diff-section-resolved-diagnostics", "已解决的错误和警告", "Resolved errors and warnings"),
];

pub fn template(code: &str, lang: Lang) -> Option<&'static str> {
    MESSAGES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(template: &str) -> BTreeSet<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn codes_are_unique_and_both_languages_take_the_same_arguments() {
        let mut seen = BTreeSet::new();
        for (code, zh, en) in MESSAGES.iter() {
            assert!(seen.insert(code), "`{code}` is in the catalogue twice");
            assert_eq!(placeholders(zh), placeholders(en), "`{code}`");
            assert!(!zh.is_empty() && !en.is_empty(), "`{code}`");
        }
    }

    /// Every `msg!("code"`, `Msg::new("code"` and `.word("name", "code"` in the sources names
    /// an entry.
    #[test]
    fn every_code_in_the_sources_is_in_the_catalogue() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            // Comments name codes as examples.
            let text: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let mut codes = Vec::new();
            for opener in ["msg!(\"", "Msg::new(\""] {
                codes.extend(
                    text.match_indices(opener)
                        .map(|(i, _)| &text[i + opener.len()..]),
                );
            }
            // The second string of `.word("name", "code")`.
            codes.extend(text.match_indices(".word(\"").filter_map(|(i, _)| {
                let rest = &text[i + ".word(\"".len()..];
                let (_, after) = rest.split_once('"')?;
                after.strip_prefix(", \"")
            }));
            for rest in codes {
                let code = rest.split('"').next().unwrap_or_default();
                let is_code =
                    !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
                if is_code && template(code, Lang::En).is_none() {
                    missing.push(format!("{}: {code}", entry.path().display()));
                }
            }
        }
        assert!(missing.is_empty(), "not in the catalogue: {missing:#?}");
    }

    /// A `{` is always an argument's opening: text that needs a brace says so in words.
    #[test]
    fn braces_open_arguments_only() {
        for (code, zh, en) in MESSAGES.iter() {
            for text in [zh, en] {
                for rest in text.split('{').skip(1) {
                    let name = rest.split('}').next().unwrap_or_default();
                    assert!(
                        rest.contains('}')
                            && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                        "`{code}`: {text}"
                    );
                }
            }
        }
    }
}
