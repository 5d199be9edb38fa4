//! Checking what an admin typed or pasted: emails, names, bulk-add lists (rule 21) and CSV imports (rule 22).

use super::error::DomainError;
use super::model::TeamRole;

pub const BULK_ADD_MAX: usize = 50;
pub const CSV_IMPORT_MAX: usize = 5000;
const NAME_MAX: usize = 50;

/// Idle seats' threshold: a whole number of days from 1 to 365.
pub fn idle_days(text: &str) -> Result<i64, String> {
    let text = text.trim();
    match text.parse::<i64>() {
        Ok(d) if (1..=365).contains(&d) => Ok(d),
        Err(_) if !text.is_empty() => {
            Err(format!("\"{text}\" is not a whole number of days: enter one from 1 to 365."))
        }
        _ => Err("Enter a number of days from 1 to 365.".into()),
    }
}

/// "Renew with fewer seats": a line's seats at renewal, a whole number from 0 to the `now` it has.
pub fn renewal_seats(text: &str, product: &str, serial: &str, now: u32) -> Result<u32, String> {
    let text = text.trim();
    match text.parse::<u32>() {
        Ok(n) if n <= now => Ok(n),
        Ok(_) => Err(format!("{product} ({serial}) has {now} seats now: enter at most {now}.")),
        Err(_) => Err(format!(
            "\"{text}\" is not a seat number for {product} ({serial}): enter a whole number from 0 to {now}."
        )),
    }
}

/// A person as entered: the email is the Autodesk ID, both names are required (rule 16).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPerson {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
}

pub fn normalise_email(raw: &str) -> Result<String, DomainError> {
    let email = raw.trim().to_lowercase();
    let bad = || DomainError::InvalidEmail(raw.trim().to_string());
    let (local, domain) = email.split_once('@').ok_or_else(bad)?;
    let allowed = |c: char| c.is_ascii_alphanumeric() || "._%+-'".contains(c);
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if local.is_empty() || !local.chars().all(allowed) || !domain_ok || email.len() > 254 {
        return Err(bad());
    }
    Ok(email)
}

/// Names are required, hold no double-byte digits (Autodesk refuses them) and nothing that looks like markup.
pub fn check_name(field: &'static str, raw: &str) -> Result<String, DomainError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(DomainError::MissingName { field });
    }
    let double_byte_digit = |c: char| ('\u{FF10}'..='\u{FF19}').contains(&c);
    if name.chars().count() > NAME_MAX || name.chars().any(|c| double_byte_digit(c) || c == '<' || c == '>') {
        return Err(DomainError::InvalidName { field, value: name });
    }
    Ok(name)
}

pub fn check_person(email: &str, first: &str, last: &str) -> Result<NewPerson, DomainError> {
    Ok(NewPerson {
        email: normalise_email(email)?,
        first_name: check_name("first name", first)?,
        last_name: check_name("last name", last)?,
    })
}

/// Splits a bulk-add paste on `;`, `,` and new lines (rule 21), but never inside a quoted name or an
/// address in angle brackets (`"Smith, John" <john@x.com>` is one entry); empty pieces are dropped.
pub fn split_bulk(text: &str) -> Vec<String> {
    let (mut entries, mut current) = (Vec::new(), String::new());
    let (mut quoted, mut bracketed) = (false, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => bracketed = true,
            '>' if !quoted => bracketed = false,
            ';' | ',' | '\n' | '\r' if !quoted && !bracketed => {
                entries.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    entries.push(current);
    entries.into_iter().map(|e| e.trim().to_string()).filter(|e| !e.is_empty()).collect()
}

/// The entries of a bulk add or "Invite multiple": at least one, at most 50 (rule 21).
pub fn bulk_entries(text: &str) -> Result<Vec<String>, DomainError> {
    let entries = split_bulk(text);
    if entries.is_empty() {
        return Err(DomainError::NothingEntered);
    }
    if entries.len() > BULK_ADD_MAX {
        return Err(DomainError::TooManyEntries { count: entries.len(), max: BULK_ADD_MAX });
    }
    Ok(entries)
}

/// The name part and the email of one bulk-add entry: `Jane Doe <jane@x.com>`, `"Doe, Jane" <jane@x.com>`,
/// `Jane Doe jane@x.com` or a bare `jane.doe@x.com`.
pub fn bulk_entry_parts(entry: &str) -> (&str, &str) {
    if let (Some(open), true) = (entry.find('<'), entry.ends_with('>')) {
        return (entry[..open].trim(), entry[open + 1..entry.len() - 1].trim());
    }
    match entry.rsplit_once(char::is_whitespace) {
        Some((name, email)) => (name.trim(), email),
        None => ("", entry),
    }
}

/// Reads one bulk-add entry into a person. A quoted "Last, First" name is read in that order; a bare email
/// gives the name only when it is first.last (or first_last, first-last) (rule 16: both names are required).
pub fn parse_bulk_entry(entry: &str) -> Result<NewPerson, String> {
    let (name, email) = bulk_entry_parts(entry);
    // A name with no address ("Maria Keller") is said to be one, not blamed on its last word.
    if !entry.contains('@') && !name.is_empty() {
        let entry = entry.trim();
        return Err(format!("\"{entry}\" has no email address: write it as \"{entry} <email>\"."));
    }
    let email = normalise_email(email).map_err(|e| e.to_string())?;
    let name = name.trim_matches('"').trim();
    let (first, last) = if name.is_empty() {
        names_from_email(&email).ok_or_else(|| {
            format!("{email} has no name, and none can be read from it: write it as \"First Last <{email}>\".")
        })?
    } else if let Some((last, first)) = name.split_once(',') {
        (first.trim().to_string(), last.trim().to_string())
    } else {
        match name.split_once(char::is_whitespace) {
            Some((f, l)) => (f.to_string(), l.to_string()),
            None => return Err(format!("\"{name}\" needs both a first and a last name.")),
        }
    };
    check_person(&email, &first, &last).map_err(|e| e.to_string())
}

/// Reads one entry of Invite multiple (issue 27.1): Autodesk's list is of addresses, and the person's name
/// comes with their Autodesk account when they accept; so a bare address is enough (a name is read from
/// first.last, else left empty and the address shown). "Name <email>" still gives the name. Anything else
/// with a space in it is a mistyped address, and said to be one.
pub fn parse_invite_entry(entry: &str) -> Result<NewPerson, String> {
    let entry = entry.trim();
    if entry.contains('<') || !entry.contains(char::is_whitespace) {
        if let (false, Ok(email)) = (entry.contains('<'), normalise_email(entry)) {
            let (first_name, last_name) = names_from_email(&email).unwrap_or_default();
            return Ok(NewPerson { email, first_name, last_name });
        }
        return parse_bulk_entry(entry);
    }
    Err(DomainError::InvalidEmail(entry.to_string()).to_string())
}

/// "jane.doe@x.com" → Jane Doe: a name read from an address of exactly two parts.
pub fn names_from_email(email: &str) -> Option<(String, String)> {
    let local = email.split('@').next()?;
    let mut parts = local.split(['.', '_', '-']).filter(|p| !p.is_empty());
    let (first, last) = (parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let cap = |s: &str| {
        let mut c = s.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
    };
    Some((cap(first), cap(last)))
}

/// One CSV row: what it says, or why it was skipped. Rows are numbered as a spreadsheet shows them.
pub type CsvRow<T> = (usize, Result<T, String>);

/// A column's name as the reader compares it: "First name", "first_name" and "FirstName" are one column. ASCII
/// case only, as before: Unicode's case tables would cost every download 0.8 KB for column names in English.
fn column_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-')).map(|c| c.to_ascii_lowercase()).collect()
}

/// The separator of a CSV: the one of `,` `;` and tab its first row uses most (a spreadsheet saved in a
/// comma-decimal locale uses `;`, a copy from a sheet uses tabs; rule 22).
fn delimiter(header: &str) -> u8 {
    let count = |c: char| header.matches(c).count();
    [b',', b';', b'\t'].into_iter().max_by_key(|d| (count(char::from(*d)), *d == b',')).unwrap_or(b',')
}

/// A column a reader looks for: the names it goes by (Autodesk's snake_case, its 2026 words, the console's own
/// export), and whether a file without it is refused.
pub struct Column {
    pub names: &'static [&'static str],
    pub required: bool,
}

/// A CSV read by column: each row's cells in the order of the columns asked for ("" where the file lacks an
/// optional one), numbered as a spreadsheet shows them, and the file's columns no one asked for.
pub struct Table {
    pub rows: Vec<CsvRow<Vec<String>>>,
    pub unknown: Vec<String>,
}

/// What a file read as UTF-8 is when it is not CSV text: its bytes say so before any header is looked for,
/// so a workbook or a picture is not blamed on its missing column names. A Latin-1 CSV (a few replaced
/// characters) is still text.
fn not_text(text: &str) -> Option<&'static str> {
    let head: Vec<char> = text.chars().take(1024).collect();
    if text.starts_with("PK\u{3}\u{4}") {
        return Some("an Excel workbook (.xlsx) or another zipped file");
    }
    if head.contains(&'\0') {
        // "a\0b\0", after a byte-order mark read as two replaced characters or without one.
        let utf16 = head.get(1) == Some(&'\0') || head.get(3) == Some(&'\0');
        return Some(if utf16 {
            "saved as UTF-16 (Excel's \"Unicode Text\")"
        } else {
            "a picture, a PDF or another file that is not text"
        });
    }
    let replaced = head.iter().filter(|c| **c == '\u{fffd}').count();
    (text.starts_with("%PDF") || replaced * 10 > head.len())
        .then_some("a picture, a PDF or another file that is not text")
}

/// Reads a CSV whose header names `columns` (in any order, any case, with or without spaces and underscores,
/// so that the console's own exports read back; `,` `;` or tab; a byte-order mark), at most `max` rows.
pub fn read_table(text: &str, columns: &[Column], max: usize) -> Result<Table, DomainError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(DomainError::EmptyFile);
    }
    if let Some(what) = not_text(text) {
        return Err(DomainError::NotCsv { what });
    }
    let delimiter = delimiter(text.lines().next().unwrap_or(""));
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).delimiter(delimiter).from_reader(text.as_bytes());
    let required = columns.iter().filter(|c| c.required).map(|c| c.names[0]).collect::<Vec<_>>().join(", ");
    let header_error = DomainError::CsvHeader { columns: required };
    let headers = reader.headers().map_err(|_| header_error.clone())?.clone();
    let keys: Vec<String> = headers.iter().map(column_key).collect();
    let find = |c: &Column| keys.iter().position(|k| c.names.iter().any(|n| column_key(n) == *k));
    let positions: Vec<Option<usize>> = columns.iter().map(find).collect();
    if columns.iter().zip(&positions).any(|(c, p)| c.required && p.is_none()) {
        return Err(header_error);
    }
    let asked = |i: usize| positions.contains(&Some(i));
    let unknown =
        headers.iter().enumerate().filter(|(i, h)| !h.is_empty() && !asked(*i)).map(|(_, h)| h.into()).collect();
    let mut rows = Vec::new();
    // One record read into row after row (the records iterator copies each: 5,000 allocations an import).
    let mut r = csv::StringRecord::new();
    // A line inside a quoted cell that holds a whole row's separators is a row swallowed by a quote left open
    // (a line break in a cell is fine: rule 22), and is named instead of lost.
    let (separator, width) = (char::from(delimiter), headers.len());
    let row_like = |cell: &str| cell.lines().skip(1).any(|l| l.matches(separator).count() + 1 >= width);
    for i in 0.. {
        let read = reader.read_record(&mut r);
        if matches!(read, Ok(false)) {
            break;
        }
        if rows.len() >= max {
            let count = max + 1 + reader.records().count();
            return Err(DomainError::TooManyEntries { count, max });
        }
        let cells = match read {
            Ok(_) if width > 1 && r.iter().any(row_like) => Err(match r.iter().map(|c| c.lines().count().saturating_sub(1)).sum() {
                1 => "a quote (\") opened on this row is left open, so the next row of the file was read into it and \
                      is not used; close or remove the quote and choose the file again."
                    .to_string(),
                n => format!(
                    "a quote (\") opened on this row is left open, so the next {n} rows of the file were read into it \
                     and are not used; close or remove the quote and choose the file again."
                ),
            }),
            Ok(_) if r.iter().all(str::is_empty) => continue,
            Ok(_) => Ok(positions.iter().map(|p| p.and_then(|p| r.get(p)).unwrap_or("").to_string()).collect()),
            Err(e) => Err(format!("the row can't be read ({e}).")),
        };
        rows.push((i + 2, cells));
    }
    if rows.is_empty() {
        return Err(DomainError::NoRows);
    }
    Ok(Table { rows, unknown })
}

/// `read_table` of the columns a console import needs, at most 5,000 rows (rule 22), each row's cells handed to
/// `read` in the order of `columns`.
fn read_csv<T>(
    text: &str,
    columns: &'static [&'static str],
    read: impl Fn(&[&str]) -> Result<T, String>,
) -> Result<Vec<CsvRow<T>>, DomainError> {
    let columns: Vec<Column> =
        columns.iter().map(|c| Column { names: std::slice::from_ref(c), required: true }).collect();
    let table = read_table(text, &columns, CSV_IMPORT_MAX)?;
    let cells = |c: Vec<String>| read(&c.iter().map(String::as_str).collect::<Vec<_>>());
    Ok(table.rows.into_iter().map(|(n, row)| (n, row.and_then(cells))).collect())
}

/// The columns of a users CSV (rule 22) and of a roles CSV.
pub const USER_COLUMNS: [&str; 3] = ["First name", "Last name", "Email"];
pub const ROLE_COLUMNS: [&str; 2] = ["Email", "Role"];

/// The columns of a file that an import does not read, for its preview to list (issue 27): only the header
/// is read.
pub fn columns_not_read(text: &str, columns: &[&str]) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.lines().next().unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .trim(csv::Trim::All)
        .delimiter(delimiter(header))
        .from_reader(header.as_bytes());
    let known: Vec<String> = columns.iter().map(|c| column_key(c)).collect();
    let first = reader.records().next().and_then(Result::ok);
    first.map_or_else(Vec::new, |r| {
        r.iter().filter(|h| !h.is_empty() && !known.contains(&column_key(h))).map(str::to_string).collect()
    })
}

/// Reads a CSV of users with the columns First name, Last name, Email (rule 22).
pub fn parse_users_csv(text: &str) -> Result<Vec<CsvRow<NewPerson>>, DomainError> {
    read_csv(text, &USER_COLUMNS, |c| check_person(c[2], c[0], c[1]).map_err(|e| e.to_string()))
}

/// A row of a users CSV: its number, its email as written, the person or why not.
pub type UserRow = (usize, String, Result<NewPerson, String>);

/// `parse_users_csv`, each row with its email as written, for a report that names a refused row (issue 27.3).
pub fn parse_users_rows(text: &str) -> Result<Vec<UserRow>, DomainError> {
    let rows = read_csv(text, &USER_COLUMNS, |c| {
        Ok((c[2].trim().to_string(), check_person(c[2], c[0], c[1]).map_err(|e| e.to_string())))
    })?;
    Ok(rows
        .into_iter()
        .map(|(row, read)| match read {
            Ok((email, person)) => (row, email, person),
            Err(why) => (row, String::new(), Err(why)),
        })
        .collect())
}

/// Reads a CSV of role changes with the columns Email, Role. The primary admin can't be set this way (rule 31).
pub fn parse_roles_csv(text: &str) -> Result<Vec<CsvRow<(String, TeamRole)>>, DomainError> {
    read_csv(text, &ROLE_COLUMNS, |c| {
        let email = normalise_email(c[0]).map_err(|e| e.to_string())?;
        let role = match c[1].to_lowercase().as_str() {
            "secondary admin" => TeamRole::SecondaryAdmin,
            "sso admin" => TeamRole::SsoAdmin,
            "user" => TeamRole::User,
            "primary admin" => {
                return Err("the primary admin can't be changed by CSV; use Change role on the user instead.".into())
            }
            other => return Err(format!("\"{other}\" is not a role: use Secondary Admin, SSO Admin or User.")),
        };
        Ok((email, role))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 27: the columns an import does not read are named, whatever the separator or a byte-order mark.
    #[test]
    fn the_columns_an_import_does_not_read_are_named() {
        let text = "\u{feff}Email;first_name;Department;Last Name;;Phone\njane@x.com;Jane;Ops;Doe;;1\n";
        assert_eq!(columns_not_read(text, &USER_COLUMNS), ["Department", "Phone"]);
        assert!(columns_not_read("First name,Last name,Email\n", &USER_COLUMNS).is_empty());
    }

    /// Issue 27.1: Invite multiple takes addresses alone; a mistyped address is blamed on the address.
    #[test]
    fn invite_multiple_takes_plain_addresses_and_names_a_bad_one_as_an_address() {
        let p = parse_invite_entry(" jsmith@contoso-eng.com ").unwrap();
        assert_eq!((p.email.as_str(), p.first_name.as_str(), p.last_name.as_str()), ("jsmith@contoso-eng.com", "", ""));
        let named = parse_invite_entry("mei.chen@contoso-eng.com").unwrap();
        assert_eq!((named.first_name.as_str(), named.last_name.as_str()), ("Mei", "Chen"));
        let given = parse_invite_entry("Ana Ruiz <ana@x.com>").unwrap();
        assert_eq!((given.first_name.as_str(), given.last_name.as_str()), ("Ana", "Ruiz"));
        assert_eq!(
            parse_invite_entry("m three@x.com").unwrap_err(),
            "\"m three@x.com\" is not a valid email address; use the form name@company.com."
        );
        assert!(parse_invite_entry("not-an-email").unwrap_err().contains("is not a valid email address"));
        // Classic Bulk Add keeps rule 16: both names, or an address they can be read from.
        assert!(parse_bulk_entry("jsmith@contoso-eng.com").unwrap_err().contains("has no name"));
    }

    #[test]
    fn numbers_an_admin_types_into_idle_seats_and_renew_with_fewer_seats() {
        assert_eq!(idle_days(" 30 "), Ok(30));
        assert_eq!(idle_days("abc").unwrap_err(), "\"abc\" is not a whole number of days: enter one from 1 to 365.");
        assert_eq!(idle_days("2.5").unwrap_err(), "\"2.5\" is not a whole number of days: enter one from 1 to 365.");
        for out in ["400", "0", "-3", " "] {
            assert_eq!(idle_days(out).unwrap_err(), "Enter a number of days from 1 to 365.", "{out:?}");
        }
        let seats = |t: &str| renewal_seats(t, "AutoCAD", "399-11111111", 5);
        assert_eq!(seats("0"), Ok(0));
        assert_eq!(seats("5"), Ok(5));
        assert_eq!(seats("9").unwrap_err(), "AutoCAD (399-11111111) has 5 seats now: enter at most 5.");
        assert_eq!(
            seats("-1").unwrap_err(),
            "\"-1\" is not a seat number for AutoCAD (399-11111111): enter a whole number from 0 to 5."
        );
    }

    #[test]
    fn rule_22_one_reader_for_the_files_admins_have() {
        let emails = |text: &str| -> Vec<String> {
            parse_users_csv(text).unwrap().into_iter().map(|(_, p)| p.unwrap().email).collect()
        };
        // Excel's "CSV UTF-8": a byte-order mark and CRLF; Google Sheets: plain commas and LF.
        assert_eq!(emails("\u{feff}First name,Last name,Email\r\nJane,Doe,jane@x.com\r\n"), ["jane@x.com"]);
        assert_eq!(emails("First name,Last name,Email\nJane,Doe,jane@x.com\n"), ["jane@x.com"]);
        // A comma-decimal locale's semicolons, a sheet's tabs, and semicolons with a byte-order mark.
        assert_eq!(emails("First name;Last name;Email\nJane;Doe;jane@x.com"), ["jane@x.com"]);
        assert_eq!(emails("First name\tLast name\tEmail\nJane\tDoe\tjane@x.com"), ["jane@x.com"]);
        assert_eq!(emails("\u{feff}Email;First name;Last name\njane@x.com;Jane;Doe"), ["jane@x.com"]);
        // A quoted cell holding the separator or a line break.
        let quoted =
            parse_users_csv("First name,Last name,Email\n\"Mary, Ann\",\"O'Neil\nJr\",mary@x.com\nBo,Wu,bo@x.com")
                .unwrap();
        assert_eq!(quoted[0].1.as_ref().map(|p| p.email.as_str()), Ok("mary@x.com"));
        assert_eq!(quoted[1].0, 3, "rows numbered as a spreadsheet shows them: a line break stays in its cell's row");
        // The console's own exports read back: By User's columns in Autodesk's names, and the classic export.
        let by_user = "first_name,last_name,email,autodesk_id,role,team,product_name,account_status\n\
                       Jane,Doe,jane@x.com,jane@x.com,User,Contoso,AutoCAD,Invited\n";
        assert_eq!(emails(by_user), ["jane@x.com"]);
        let classic =
            "First name,Last name,Email,Role,Status,Contract number\nJane,Doe,jane@x.com,User,Active,110012345678\n";
        assert_eq!(emails(classic), ["jane@x.com"]);
        let roles = parse_roles_csv("FIRST_NAME,email,ROLE\nJane,jane@x.com,Secondary Admin").unwrap();
        assert_eq!(roles[0].1, Ok(("jane@x.com".to_string(), TeamRole::SecondaryAdmin)));
        // Without its columns a file is refused as before.
        assert_eq!(
            parse_users_csv("Name,Mail\nx,y"),
            Err(DomainError::CsvHeader { columns: "First name, Last name, Email".into() })
        );
    }

    #[test]
    fn rule_16_email_and_both_names_are_required() {
        assert!(check_person("jane@x.com", "Jane", "Doe").is_ok());
        assert_eq!(check_person("", "Jane", "Doe"), Err(DomainError::InvalidEmail(String::new())));
        assert_eq!(check_person("jane@x.com", " ", "Doe"), Err(DomainError::MissingName { field: "first name" }));
        assert_eq!(check_person("jane@x.com", "Jane", ""), Err(DomainError::MissingName { field: "last name" }));
        for bad in ["jane", "jane@", "@x.com", "jane@x", "ja ne@x.com", "jane@x..com", "jane@.x.com"] {
            assert!(normalise_email(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(normalise_email(" Jane.Doe@X.com ").unwrap(), "jane.doe@x.com");
    }

    #[test]
    fn names_refuse_double_byte_digits_and_markup() {
        assert!(check_name("first name", "Jane２").is_err());
        assert!(check_name("first name", "<img src=x>").is_err());
        assert_eq!(check_name("first name", "  Mary   Ann ").unwrap(), "Mary Ann");
    }

    #[test]
    fn rule_21_bulk_add_splits_on_semicolons_commas_and_lines() {
        let parts = split_bulk("a@x.com; b@x.com,c@x.com\nd@x.com;;\r\n");
        assert_eq!(parts, vec!["a@x.com", "b@x.com", "c@x.com", "d@x.com"]);
    }

    #[test]
    fn rule_21_a_quoted_last_first_name_is_one_entry() {
        // Issue 16.9: the comma inside the quotes does not split the entry.
        let parts = split_bulk("\"Smith, John\" <john@x.com>; Ann Lee <ann@x.com>");
        assert_eq!(parts, ["\"Smith, John\" <john@x.com>", "Ann Lee <ann@x.com>"]);
        let p = parse_bulk_entry(&parts[0]).unwrap();
        assert_eq!((p.first_name.as_str(), p.last_name.as_str(), p.email.as_str()), ("John", "Smith", "john@x.com"));
    }

    #[test]
    fn rule_21_bulk_entries_in_three_forms() {
        let p = parse_bulk_entry("Jane Doe <Jane@X.com>").unwrap();
        assert_eq!((p.first_name.as_str(), p.last_name.as_str(), p.email.as_str()), ("Jane", "Doe", "jane@x.com"));
        let p = parse_bulk_entry("Ann Van Dyke ann@x.com").unwrap();
        assert_eq!((p.first_name.as_str(), p.last_name.as_str()), ("Ann", "Van Dyke"));
        let p = parse_bulk_entry("li.wei@x.com").unwrap();
        assert_eq!((p.first_name.as_str(), p.last_name.as_str()), ("Li", "Wei"));
        assert_eq!(
            parse_bulk_entry("carol@x.com").unwrap_err(),
            "carol@x.com has no name, and none can be read from it: write it as \"First Last <carol@x.com>\"."
        );
        assert!(parse_bulk_entry("Jane <jane@x.com>").unwrap_err().contains("both a first and a last name"));
        assert!(parse_bulk_entry("not-an-email").unwrap_err().contains("not a valid email"));
        // A name with no address is said to be one, whole (an admin trial: "Keller" was blamed).
        assert_eq!(
            parse_bulk_entry("Maria Keller").unwrap_err(),
            "\"Maria Keller\" has no email address: write it as \"Maria Keller <email>\"."
        );
    }

    /// An admin trial: a quote left open swallowed the rows after it, and only a wrong email was blamed.
    #[test]
    fn rule_22_a_quote_left_open_names_the_rows_it_swallowed() {
        let csv = "First name,Last name,Email\nAda,Park,ada@x.com\nDeepak,\"Moreau,d@x.com\nHana,Weiss,h@x.com\n\
                   Li,\"Wu\",li@x.com\nBo,Berg,bo@x.com\n";
        let rows = parse_users_csv(csv).unwrap();
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 3, 4]);
        let why = rows[1].1.as_ref().unwrap_err();
        assert!(why.contains("is left open, so the next 2 rows of the file were read into it"), "{why}");
        assert_eq!(rows[2].1.as_ref().unwrap().email, "bo@x.com");
        // Never closed: every row to the end.
        let rows = parse_users_csv("First name,Last name,Email\nAda,\"Park,a@x.com\nBo,Berg,bo@x.com").unwrap();
        assert!(rows[0].1.as_ref().unwrap_err().contains("so the next row of"), "{:?}", rows[0]);
    }

    #[test]
    fn a_refusal_quotes_at_most_60_characters_of_what_was_typed() {
        let why = check_name("first name", &"x".repeat(5000)).unwrap_err().to_string();
        assert!(why.contains(&format!("\"{}…\"", "x".repeat(60))) && why.len() < 200, "{why}");
    }

    #[test]
    fn rule_22_csv_reads_columns_in_any_order_and_reports_bad_rows() {
        let rows = parse_users_csv("Email,First name,Last name\njane@x.com,Jane,Doe\nbad,Bo,B\n\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1.as_ref().unwrap().first_name, "Jane");
        assert_eq!(rows[1].0, 3);
        assert!(rows[1].1.is_err());
        assert_eq!(
            parse_users_csv("Name,Mail\nx,y"),
            Err(DomainError::CsvHeader { columns: "First name, Last name, Email".into() })
        );
        assert_eq!(parse_users_csv("First name,Last name,Email\n"), Err(DomainError::NoRows));
        assert_eq!(parse_users_csv(" \n"), Err(DomainError::EmptyFile));
    }

    #[test]
    fn a_workbook_a_picture_or_utf16_is_said_not_to_be_a_csv() {
        let not = |text: &str| match parse_users_csv(text) {
            Err(DomainError::NotCsv { what }) => what,
            other => panic!("{other:?}"),
        };
        assert!(not("PK\u{3}\u{4}\u{14}\0\u{6}\0[Content_Types].xml").contains("Excel workbook"));
        assert!(not("\u{fffd}PNG\r\n\u{1a}\n\0\0\0\rIHDR").contains("not text"));
        assert!(not("\u{fffd}\u{fffd}E\0m\0a\0i\0l\0").contains("UTF-16"));
        // A Latin-1 CSV read as UTF-8 is still text: its one replaced letter is a name's.
        let latin1 = "First name,Last name,Email\nRen\u{fffd},Dupont,rene@x.com\n";
        assert_eq!(parse_users_csv(latin1).unwrap().len(), 1);
        assert!(DomainError::NotCsv { what: "x" }.to_string().contains("not a CSV"));
    }

    #[test]
    fn rule_22_csv_separated_by_semicolons_with_a_byte_order_mark() {
        let rows = parse_users_csv("\u{feff}First name;Last name;Email\r\nJane;Doe;jane@x.com\r\n").unwrap();
        assert_eq!(rows[0].1.as_ref().unwrap().email, "jane@x.com");
    }

    #[test]
    fn rule_22_csv_import_is_capped_at_5000_rows() {
        let mut text = String::from("First name,Last name,Email\n");
        for i in 0..5001 {
            text.push_str(&format!("A,B,u{i}@x.com\n"));
        }
        assert_eq!(parse_users_csv(&text), Err(DomainError::TooManyEntries { count: 5001, max: 5000 }));
    }
}
