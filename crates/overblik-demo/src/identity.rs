//! Synthetic national identifiers that pass each scheme's own checks.

use chrono::NaiveDate;
use rand::Rng;
use rand::rngs::StdRng;

/// How a demo country's citizens are identified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// Denmark's CPR number, `DDMMYY-SSSS`, which tells the day of birth.
    Cpr,
    /// Spain's DNI, `12345678Z`, or for a foreign resident the NIE, `X1234567L`.
    DniNie,
    /// The Netherlands' BSN: nine digits passing the eleven test.
    Bsn,
}

/// The check letters of the DNI and NIE, indexed by the number modulo 23.
const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

impl Scheme {
    /// An identifier for someone born on `born`; `child` when they are a child now.
    pub(crate) fn draw(self, rng: &mut StdRng, born: NaiveDate, child: bool) -> String {
        match self {
            // A sequence number from 4000 marks someone born in this century, by the CPR
            // register's rule, so a child's number tells the right birthday.
            Self::Cpr => {
                let serial = if child {
                    rng.gen_range(4000..10_000)
                } else {
                    rng.gen_range(0..10_000)
                };
                format!("{}-{serial:04}", born.format("%d%m%y"))
            }
            // One adult in five is a foreign resident with an NIE; children have a DNI.
            Self::DniNie if !child && rng.gen_ratio(1, 5) => {
                let (letter, leading) = [('X', 0), ('Y', 1)][rng.gen_range(0..2)];
                let number = rng.gen_range(0..10_000_000);
                format!(
                    "{letter}{number:07}{}",
                    dni_letter(leading * 10_000_000 + number)
                )
            }
            Self::DniNie => {
                let number = rng.gen_range(10_000_000..80_000_000);
                format!("{number:08}{}", dni_letter(number))
            }
            Self::Bsn => loop {
                let first = rng.gen_range(10_000_000..70_000_000);
                if let Some(check) = bsn_check(first) {
                    break format!("{first:08}{check}");
                }
            },
        }
    }

    /// Whether the identifier tells its holder's day of birth (a register that relates a
    /// person to another says it where it does not).
    pub(crate) fn encodes_birth(self) -> bool {
        matches!(self, Self::Cpr)
    }
}

fn dni_letter(number: u32) -> char {
    char::from(DNI_LETTERS[(number % 23) as usize])
}

/// The ninth digit that makes `first` (eight digits) pass the eleven test, if one does.
fn bsn_check(first: u32) -> Option<u32> {
    let digits = format!("{first:08}");
    let sum: u32 = digits
        .bytes()
        .zip((2..=9).rev())
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    // The last digit counts -1: the sum less it must be a multiple of eleven.
    Some(sum % 11).filter(|check| *check < 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn bsns_pass_the_eleven_test() {
        let mut rng = StdRng::seed_from_u64(3);
        let born = NaiveDate::from_ymd_opt(1980, 1, 1).expect("a date");
        for _ in 0..1000 {
            let bsn = Scheme::Bsn.draw(&mut rng, born, false);
            let sum: i64 = bsn
                .bytes()
                .zip([9, 8, 7, 6, 5, 4, 3, 2, -1])
                .map(|(digit, weight)| i64::from(digit - b'0') * weight)
                .sum();
            assert_eq!(bsn.len(), 9);
            assert_eq!(sum % 11, 0, "{bsn}");
        }
    }

    #[test]
    fn dni_and_nie_numbers_have_their_check_letter() {
        let mut rng = StdRng::seed_from_u64(3);
        let born = NaiveDate::from_ymd_opt(1980, 1, 1).expect("a date");
        let (mut dni, mut nie) = (0, 0);
        for _ in 0..1000 {
            let id = Scheme::DniNie.draw(&mut rng, born, false);
            let digits: String = id[..8]
                .replace('X', "0")
                .replace('Y', "1")
                .replace('Z', "2");
            let number: u32 = digits.parse().expect("digits");
            assert_eq!(id.chars().last(), Some(dni_letter(number)), "{id}");
            if id.starts_with(|c: char| c.is_ascii_digit()) {
                dni += 1;
            } else {
                nie += 1;
            }
        }
        assert!(dni > 600 && nie > 100, "{dni} DNI, {nie} NIE");
        assert_eq!(dni_letter(12_345_678), 'Z');
        assert_eq!(dni_letter(1_234_567), 'L', "X1234567L");
    }
}
