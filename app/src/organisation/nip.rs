//! NIP, the 18-digit civil servant number: birth date `YYYYMMDD`, appointment
//! `YYYYMM`, sex digit (1 male, 2 female), three-digit sequence. Parsed once, then trusted.

use crate::calendar::CivilDate;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// The letter used in SIASN exports and in our database (`L` laki-laki, `P` perempuan).
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "L",
            Sex::Female => "P",
        }
    }
    fn nip_digit(self) -> char {
        match self {
            Sex::Male => '1',
            Sex::Female => '2',
        }
    }
}

/// Why a text is not a valid NIP; each message tells the user what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NipError {
    Length(usize),
    NotDigits,
    BirthDate,
    Appointment,
    Sex,
    Sequence,
}

/// In the reader's language (the browser checks a NIP as it is typed, too).
impl std::fmt::Display for NipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::tr;
        f.write_str(&match self {
            NipError::Length(chars) => tr!(nip_error_length, { "chars" => chars }),
            NipError::NotDigits => tr!(nip_error_digits),
            NipError::BirthDate => tr!(nip_error_birth_date),
            NipError::Appointment => tr!(nip_error_appointment),
            NipError::Sex => tr!(nip_error_sex),
            NipError::Sequence => tr!(nip_error_sequence),
        })
    }
}

impl std::error::Error for NipError {}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

impl Nip {
    pub fn parse(text: &str) -> Result<Self, NipError> {
        // People paste NIPs with spaces ("19850703 201001 1 001"), as printed on decrees.
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if !compact.chars().all(|c| c.is_ascii_digit()) {
            return Err(NipError::NotDigits);
        }
        if compact.len() != 18 {
            return Err(NipError::Length(compact.chars().count()));
        }
        let number = |range: std::ops::Range<usize>| compact[range].parse::<u32>().unwrap_or(0);
        let birth = CivilDate::new(number(0..4) as i32, number(4..6) as u8, number(6..8) as u8)
            .filter(|d| (1900..=2100).contains(&d.year()))
            .ok_or(NipError::BirthDate)?;
        let (appointed_year, appointed_month) = (number(8..12) as i32, number(12..14));
        if !(1..=12).contains(&appointed_month) || appointed_year < birth.year() + 17 {
            return Err(NipError::Appointment);
        }
        if !matches!(&compact[14..15], "1" | "2") {
            return Err(NipError::Sex);
        }
        if &compact[15..18] == "000" {
            return Err(NipError::Sequence);
        }
        Ok(Self(compact))
    }

    /// Builds a NIP from its parts; used by the demo generator, validated like any input.
    pub fn from_parts(
        birth: CivilDate,
        appointed_year: i32,
        appointed_month: u8,
        sex: Sex,
        sequence: u16,
    ) -> Result<Self, NipError> {
        Self::parse(&format!(
            "{:04}{:02}{:02}{:04}{:02}{}{:03}",
            birth.year(),
            birth.month(),
            birth.day(),
            appointed_year,
            appointed_month,
            sex.nip_digit(),
            sequence
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> CivilDate {
        let n = |r: std::ops::Range<usize>| self.0[r].parse::<u32>().unwrap_or(0);
        CivilDate::new(n(0..4) as i32, n(4..6) as u8, n(6..8) as u8)
            .expect("validated in Nip::parse")
    }

    pub fn sex(&self) -> Sex {
        if &self.0[14..15] == "1" {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The spaced form printed on Indonesian decrees: `19850703 201001 1 001`.
    pub fn display_spaced(&self) -> String {
        format!(
            "{} {} {} {}",
            &self.0[0..8],
            &self.0[8..14],
            &self.0[14..15],
            &self.0[15..18]
        )
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Nip {
    type Error = NipError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Nip> for String {
    fn from(nip: Nip) -> Self {
        nip.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_well_formed_nip_with_or_without_spaces() {
        let nip = Nip::parse("198507032010011001").unwrap();
        assert_eq!(nip.birth_date(), CivilDate::new(1985, 7, 3).unwrap());
        assert_eq!(nip.sex(), Sex::Male);
        assert_eq!(nip.display_spaced(), "19850703 201001 1 001");
        assert_eq!(Nip::parse("19850703 201001 1 001").unwrap(), nip);
        assert_eq!(Nip::parse("199002292015032002"), Err(NipError::BirthDate));
        assert_eq!(Nip::parse("199212122019022003").unwrap().sex(), Sex::Female);
    }

    #[test]
    fn each_kind_of_mistake_gets_its_own_error() {
        let cases = [
            ("19850703201001100", NipError::Length(17)),
            ("1985070320100110011", NipError::Length(19)),
            ("19850703201001100A", NipError::NotDigits),
            ("198513032010011001", NipError::BirthDate),
            ("198502302010011001", NipError::BirthDate),
            ("198507032010131001", NipError::Appointment),
            ("198507031995011001", NipError::Appointment),
            ("198507032010013001", NipError::Sex),
            ("198507032010011000", NipError::Sequence),
        ];
        for (input, expected) in cases {
            assert_eq!(Nip::parse(input), Err(expected), "input {input}");
        }
    }

    #[test]
    fn from_parts_round_trips() {
        let birth = CivilDate::new(1990, 2, 28).unwrap();
        let nip = Nip::from_parts(birth, 2015, 3, Sex::Female, 7).unwrap();
        assert_eq!(nip.as_str(), "199002282015032007");
        assert_eq!(nip.birth_date(), birth);
    }

    #[test]
    fn error_messages_are_indonesian_and_say_what_to_fix() {
        assert_eq!(
            NipError::Length(17).to_string(),
            "NIP harus terdiri dari 18 digit (tertulis 17 karakter)."
        );
    }

    #[test]
    fn serde_refuses_invalid_nip() {
        let ok: Result<Nip, _> = serde_json::from_str("\"198507032010011001\"");
        assert!(ok.is_ok());
        let bad: Result<Nip, _> = serde_json::from_str("\"123\"");
        assert!(bad.is_err());
    }
}
