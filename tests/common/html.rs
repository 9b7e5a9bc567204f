//! A small scanner of HTML tags, shared by the injection tests (`tests/invalid_inputs.rs`) and
//! the fuzz targets (`fuzz/fuzz_targets/common`), which include this file by path.

/// Each tag of an HTML text: its name and attributes (name, value), lowercased names.
pub fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off + 1;
        i = start;
        if !bytes.get(start).is_some_and(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        let mut j = start;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let a = j;
            while j < bytes.len() && !b" \t\n\r/>=".contains(&bytes[j]) {
                j += 1;
            }
            let attr = html[a..j].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                match bytes.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[j + 1..]
                            .find(q as char)
                            .map_or(bytes.len(), |e| j + 1 + e);
                        value = html[j + 1..end].to_string();
                        j = (end + 1).min(bytes.len());
                    }
                    _ => {
                        let v = j;
                        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>'
                        {
                            j += 1;
                        }
                        value = html[v..j].to_string();
                    }
                }
            }
            attrs.push((attr, value));
        }
        i = j;
        found.push((name, attrs));
    }
    found
}

/// Text of an HTML page: tags removed, entities decoded, whitespace dropped. Elements with
/// `class="en-title"` are English labels that parkbook adds, not text of the source; they go.
pub fn visible_text(html: &str) -> String {
    let mut html = html.to_string();
    while let Some(start) = html.find("<span class=\"en-title\"") {
        let Some(end) = html[start..].find("</span>") else {
            break;
        };
        html.replace_range(start..start + end + "</span>".len(), "");
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode(&text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The five entities parkbook's escaping writes, decoded.
pub fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
