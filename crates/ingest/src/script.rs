//! A report kept in a script, as some CMSs serve a page's body: `var content = "<p …>…";`,
//! a JSONP answer `callback({"title": "…", "content": "…"})`, or `document.write('…')`. The
//! body is the longest string literal holding body markup (literals joined by `+` are one), read
//! as an HTML fragment with its title, exactly as a JSON answer's `content` field
//! ([`crate::escaped::report_in_json`]).
//!
//! The literals are read the way JavaScript reads them (`"…"`, `'…'`, `` `…` ``, with their
//! escapes); comments are skipped. Nothing is run.

/// The report body a script holds in a string literal, as an HTML fragment.
pub fn report_in_script(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() > crate::TEXT_MAX_BYTES {
        return None;
    }
    let (text, _) = crate::text::decode(bytes);
    let literals = literals(text.trim_start_matches('\u{feff}'));
    let pairs: Vec<(&str, &str)> = literals
        .iter()
        .map(|l| (l.key.as_str(), l.text.as_str()))
        .collect();
    crate::escaped::fragment_of(&pairs)
}

/// Whether a text file begins as a script does: a declaration, an assignment to `window` or
/// `document`, or a JSONP call (`name({` or `name([`).
pub fn looks_like_script(bytes: &[u8]) -> bool {
    let mut head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Spaces and comments before the first statement.
    loop {
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        head = &head[start..];
        let end = if head.starts_with(b"//") {
            head.iter().position(|&b| b == b'\n')
        } else if head.starts_with(b"/*") {
            head.windows(2).position(|w| w == b"*/").map(|p| p + 1)
        } else {
            break;
        };
        head = &head[end.map_or(head.len(), |e| e + 1)..];
    }
    let head = &head[..head.len().min(256)];
    let declared = [
        &b"var "[..],
        b"let ",
        b"const ",
        b"window.",
        b"document.write(",
    ]
    .iter()
    .any(|k| head.starts_with(k));
    let name = head
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.'))
        .count();
    let call = name > 0
        && !head[0].is_ascii_digit()
        && head[name..].starts_with(b"(")
        && head[name + 1..]
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| matches!(b, b'{' | b'['));
    declared || call
}

/// A string literal of the script with the name it is assigned to (`var content =`, `"title":`;
/// empty when none).
#[derive(Debug)]
struct Literal {
    key: String,
    text: String,
}

/// What the scanner last met outside literals.
#[derive(PartialEq)]
enum Last {
    Other,
    /// A name (identifier, `a.b`) or a literal: a key when `=` or `:` follows.
    Name,
    /// `=` or `:` after a name: the next literal is assigned to it.
    Assign,
    /// `+` after a literal: the next literal goes on it.
    Join,
}

/// Every string literal of the script, in order; literals joined by `+` are one.
fn literals(script: &str) -> Vec<Literal> {
    let chars: Vec<char> = script.chars().collect();
    let mut out: Vec<Literal> = Vec::new();
    let (mut name, mut key) = (String::new(), String::new());
    let mut last = Last::Other;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' | '\'' | '`' => {
                let (text, end) = literal(&chars, i);
                i = end;
                match (last, out.last_mut()) {
                    (Last::Join, Some(prev)) => prev.text.push_str(&text),
                    (Last::Assign, _) => out.push(Literal {
                        key: std::mem::take(&mut key),
                        text: text.clone(),
                    }),
                    _ => out.push(Literal {
                        key: String::new(),
                        text: text.clone(),
                    }),
                }
                name = text;
                last = Last::Name;
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
                continue;
            }
            '=' | ':' if last == Last::Name && chars.get(i + 1) != Some(&'=') => {
                key = std::mem::take(&mut name);
                last = Last::Assign;
            }
            '+' if last == Last::Name && !out.is_empty() => last = Last::Join,
            c if c.is_whitespace() => {}
            c if c.is_alphanumeric() || matches!(c, '_' | '$' | '.') => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '$' | '.'))
                {
                    i += 1;
                }
                name = chars[start..i].iter().collect();
                name = name.rsplit('.').next().unwrap_or_default().to_string();
                last = Last::Name;
                continue;
            }
            _ => last = Last::Other,
        }
        i += 1;
    }
    out
}

/// The literal opened at `start` (its quote), decoded, and the index after its closing quote.
fn literal(chars: &[char], start: usize) -> (String, usize) {
    let quote = chars[start];
    let mut text = String::new();
    let mut i = start + 1;
    while i < chars.len() {
        let c = chars[i];
        if c == quote {
            return (text, i + 1);
        }
        if c != '\\' {
            text.push(c);
            i += 1;
            continue;
        }
        let Some(&e) = chars.get(i + 1) else {
            break;
        };
        i += 2;
        match e {
            'n' => text.push('\n'),
            'r' => text.push('\r'),
            't' => text.push('\t'),
            'b' | 'f' | 'v' | '0' => {}
            '\n' | '\r' => {}
            'x' => {
                let (c, used) = hex_char(chars, i, 2);
                text.push(c);
                i += used;
            }
            'u' if chars.get(i) == Some(&'{') => {
                let close = chars[i..].iter().position(|&c| c == '}').unwrap_or(0);
                let hex: String = chars[i + 1..i + close.max(1)].iter().collect();
                let code = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                text.push(code.unwrap_or('\u{fffd}'));
                i += close + 1;
            }
            'u' => {
                let (c, used) = utf16_escape(chars, i);
                text.push(c);
                i += used;
            }
            other => text.push(other),
        }
    }
    (text, chars.len())
}

/// The character of `digits` hex digits at `at` (`\xHH`), and how many were read.
fn hex_char(chars: &[char], at: usize, digits: usize) -> (char, usize) {
    let hex: String = chars.iter().skip(at).take(digits).collect();
    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
        Some(c) if hex.len() == digits => (c, digits),
        _ => ('\u{fffd}', 0),
    }
}

/// The character of a `\uXXXX` escape at `at` (after `\u`), a surrogate pair joined with the
/// `\uXXXX` after it, and how many characters were read.
fn utf16_escape(chars: &[char], at: usize) -> (char, usize) {
    let unit = |at: usize| -> Option<u16> {
        let hex: String = chars.iter().skip(at).take(4).collect();
        (hex.len() == 4)
            .then(|| u16::from_str_radix(&hex, 16).ok())
            .flatten()
    };
    let Some(high) = unit(at) else {
        return ('\u{fffd}', 0);
    };
    if (0xD800..0xDC00).contains(&high)
        && chars.get(at + 4) == Some(&'\\')
        && chars.get(at + 5) == Some(&'u')
    {
        if let Some(low) = unit(at + 6) {
            if let Some(Ok(c)) = char::decode_utf16([high, low]).next() {
                return (c, 10);
            }
        }
    }
    match char::decode_utf16([high]).next() {
        Some(Ok(c)) => (c, 4),
        _ => ('\u{fffd}', 4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> String {
        let row = "<tr><td>规章</td><td>1</td><td>0</td></tr>";
        format!(
            "<p style=\"text-indent:2em\">一、总体情况</p><table>{}</table>",
            row.repeat(60)
        )
    }

    #[test]
    fn a_var_assignment_is_its_literal_with_escapes_read() {
        let escaped = body().replace('"', "\\\"");
        let script = format!(
            "// saved by the crawler\nvar title = '淮安市人民政府2024年政府信息公开工作年度报告';\nvar content = \"{escaped}\\n\\u003cp\\u003e完\\u003c/p\\u003e\";\n"
        );
        assert!(looks_like_script(script.as_bytes()));
        let got = String::from_utf8(report_in_script(script.as_bytes()).unwrap()).unwrap();
        assert!(got.starts_with(
            "<h1>淮安市人民政府2024年政府信息公开工作年度报告</h1>\n<p style=\"text-indent:2em\">"
        ));
        assert!(
            got.ends_with("</table>\n<p>完</p>"),
            "{}",
            &got[got.len() - 40..]
        );
        assert!(!got.contains("var content"));
    }

    #[test]
    fn a_jsonp_answer_and_joined_literals_are_read() {
        let b = body();
        let (a, z) = b.split_at(b.len() / 2);
        let script = format!("cb({{\"title\": \"某局报告\", \"content\": '{a}' +\n '{z}'}});");
        assert!(looks_like_script(script.as_bytes()));
        let got = String::from_utf8(report_in_script(script.as_bytes()).unwrap()).unwrap();
        assert_eq!(got, format!("<h1>某局报告</h1>\n{b}"));
    }

    #[test]
    fn a_script_without_a_body_is_none() {
        let script = b"var a = 'x'; function f(s) { return s + \"<p>\"; } // it's";
        assert!(report_in_script(script).is_none());
        assert!(!looks_like_script(b"2024(1) report"));
        assert!(!looks_like_script("淮安市人民政府2024年".as_bytes()));
    }

    #[test]
    fn escapes_of_every_form_decode() {
        let l = literals(r#"x = "\x41\u0042\u{43}\uD83D\uDE00\'\"\\\/";"#);
        assert_eq!(l[0].text, "ABC😀'\"\\/");
        assert_eq!(l[0].key, "x");
    }
}
