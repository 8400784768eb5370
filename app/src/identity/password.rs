//! Password rules, shared by the browser (checked while typing) and the server
//! (checked again before storing).

use crate::calendar::CivilDate;
use crate::i18n::tr;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Why a new password is refused; `message()` tells the user what to change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    NeedsLetterAndDigit,
    ContainsNip,
    ContainsBirthDate,
    Mismatch,
    SameAsCurrent,
}

impl PasswordProblem {
    pub fn message(self) -> String {
        match self {
            Self::TooShort => {
                tr!(error_password_too_short, { "min" => MIN_PASSWORD_CHARS })
            }
            Self::TooLong => {
                tr!(error_password_too_long, { "max" => MAX_PASSWORD_CHARS })
            }
            Self::NeedsLetterAndDigit => tr!(error_password_letters_digits),
            Self::ContainsNip => tr!(error_password_contains_nip),
            Self::ContainsBirthDate => {
                tr!(error_password_contains_birth_date)
            }
            Self::Mismatch => tr!(error_password_mismatch),
            Self::SameAsCurrent => {
                tr!(error_password_same)
            }
        }
    }

    /// The form field the message belongs next to.
    pub fn field(self) -> &'static str {
        match self {
            Self::Mismatch => "confirm",
            _ => "new_password",
        }
    }
}

/// Checks a new password against the rules and the owner's NIP and birth date.
pub fn check_new_password(
    new_password: &str,
    confirm: &str,
    nip: &str,
    birth_date: Option<CivilDate>,
) -> Result<(), PasswordProblem> {
    let chars = new_password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    if !new_password.chars().any(char::is_alphabetic)
        || !new_password.chars().any(|c| c.is_ascii_digit())
    {
        return Err(PasswordProblem::NeedsLetterAndDigit);
    }
    let digits: String = new_password.chars().filter(char::is_ascii_digit).collect();
    if nip.len() >= 8 && (new_password.contains(nip) || digits.contains(nip)) {
        return Err(PasswordProblem::ContainsNip);
    }
    if let Some(date) = birth_date {
        let (y, m, d) = (date.year(), date.month(), date.day());
        let forms = [
            format!("{y:04}{m:02}{d:02}"),
            format!("{d:02}{m:02}{y:04}"),
            format!("{d:02}{m:02}{:02}", y % 100),
            format!("{:02}{m:02}{d:02}", y % 100),
        ];
        if forms.iter().any(|form| digits.contains(form.as_str())) {
            return Err(PasswordProblem::ContainsBirthDate);
        }
    }
    if new_password != confirm {
        return Err(PasswordProblem::Mismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NIP: &str = "198503142010011001";

    fn check(password: &str) -> Result<(), PasswordProblem> {
        check_new_password(password, password, NIP, CivilDate::new(1985, 3, 14))
    }

    #[test]
    fn each_rule_refuses_with_its_own_message() {
        assert_eq!(check("Pendek1"), Err(PasswordProblem::TooShort));
        assert_eq!(check(&"a1".repeat(65)), Err(PasswordProblem::TooLong));
        assert_eq!(
            check("hanyahurufsaja"),
            Err(PasswordProblem::NeedsLetterAndDigit)
        );
        assert_eq!(
            check("12345678901"),
            Err(PasswordProblem::NeedsLetterAndDigit)
        );
        assert_eq!(check(&format!("x{NIP}")), Err(PasswordProblem::ContainsNip));
        assert_eq!(
            check("Lahir19850314!"),
            Err(PasswordProblem::ContainsBirthDate)
        );
        assert_eq!(
            check("Lahir14-03-1985"),
            Err(PasswordProblem::ContainsBirthDate)
        );
        assert_eq!(
            check("kopi140385pagi"),
            Err(PasswordProblem::ContainsBirthDate)
        );
        assert_eq!(
            check_new_password("KopiKepahiang2026", "KopiKepahiang2025", NIP, None),
            Err(PasswordProblem::Mismatch)
        );
        assert!(PasswordProblem::ContainsNip.message().contains("NIP"));
    }

    #[test]
    fn a_sound_password_passes() {
        assert_eq!(check("KopiKepahiang2026"), Ok(()));
        assert_eq!(check("kebun teh 7 kabawetan"), Ok(()));
    }
}
