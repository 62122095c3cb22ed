//! What differs between the demo countries (authorities, names, addresses, identifiers, the
//! words of every record, classifications and amounts): data in one module each, in the
//! shape of [`Data`]. How a citizen's life is made from it is the same for every country.

mod cat;
mod dk;
mod nl;

use crate::Country;
use crate::authorities::{AuthoritativeFact, Authority};
use crate::identity::Scheme;
use rand::rngs::StdRng;

pub(crate) use dk::{AUTHORITATIVE_FACTS as DK_AUTHORITATIVE_FACTS, AUTHORITIES as DK_AUTHORITIES};

/// The data of `country`.
pub(crate) fn data(country: Country) -> &'static Data {
    match country {
        Country::Dk => &dk::DATA,
        Country::Cat => &cat::DATA,
        Country::Nl => &nl::DATA,
    }
}

/// Two texts of one thing: in the country's own language, then in its second.
pub(crate) type Words = (&'static str, &'static str);

/// An amount in the currency's minor unit (øre, cents).
pub(crate) type Minor = i64;

/// `amount` whole units (kroner, euros) in the minor unit.
pub(crate) const fn whole(amount: i64) -> Minor {
    amount * 100
}

/// Where a record comes from and what it is called: the authority that holds it, its
/// classification in the country's catalogue, and its title.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Of {
    pub provider: &'static str,
    pub code: &'static str,
    pub title: Words,
}

pub(crate) const fn of(provider: &'static str, code: &'static str, title: Words) -> Of {
    Of {
        provider,
        code,
        title,
    }
}

/// A document or message from `sender`, of `category` (`document` or `message`).
pub(crate) const fn letter(of: Of, category: &'static str, sender: &'static str) -> Letter {
    Letter {
        of,
        category,
        sender,
    }
}

/// An appointment at `place`, with nothing more to say about it.
pub(crate) const fn at(of: Of, place: &'static str) -> Meeting {
    Meeting {
        of,
        place,
        with_whom: None,
        bring: None,
        rebook_link: None,
    }
}

pub(crate) const fn task(of: Of, action: &'static str, action_link: Option<&'static str>) -> Task {
    Task {
        of,
        action,
        action_link,
    }
}

/// A look-up that names no legal basis.
pub(crate) const fn look_up(
    of: Of,
    organisation: &'static str,
    system: &'static str,
    what: &'static str,
    purpose: &'static str,
) -> LookUp {
    LookUp {
        of,
        organisation,
        system,
        what,
        purpose,
        legal_basis: None,
    }
}

/// A register fact whose attributes are named here and given their values where it is made.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fact<const N: usize> {
    pub of: Of,
    /// The fact type, such as `address`.
    pub fact: &'static str,
    pub names: [Words; N],
}

/// A register fact whose values are the same for everyone who has it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Known<const N: usize> {
    pub fact: Fact<N>,
    pub values: [&'static str; N],
}

/// A document or message.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Letter {
    pub of: Of,
    /// `document` or `message`.
    pub category: &'static str,
    pub sender: &'static str,
}

/// An appointment; its day and time are the citizen's own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Meeting {
    pub of: Of,
    pub place: &'static str,
    pub with_whom: Option<&'static str>,
    pub bring: Option<&'static str>,
    pub rebook_link: Option<&'static str>,
}

/// A deadline: what to do, and where.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Task {
    pub of: Of,
    pub action: &'static str,
    pub action_link: Option<&'static str>,
}

/// A look-up an authority reports in its own systems.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LookUp {
    pub of: Of,
    pub organisation: &'static str,
    pub system: &'static str,
    pub what: &'static str,
    pub purpose: &'static str,
    pub legal_basis: Option<&'static str>,
}

/// A payment of one amount, to or from the citizen.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Payment {
    pub of: Of,
    pub amount: Minor,
}

/// A monthly benefit: gross in whole units, and the share withheld as tax.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grant {
    pub of: Of,
    pub gross: i64,
    pub tax_pct: i64,
}

/// A debt, or with a negative principal and outstanding, a credit note.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Debt {
    pub of: Of,
    pub creditor: &'static str,
    pub principal: Minor,
    pub interest: Minor,
    pub fees: Minor,
    pub outstanding: Minor,
    pub payment_link: Option<&'static str>,
}

/// A demo country's data, from which its citizens are made.
pub(crate) struct Data {
    /// The language tags of the two texts of [`Words`].
    pub languages: [&'static str; 2],
    pub authorities: &'static [Authority],
    pub authoritative_facts: &'static [AuthoritativeFact],
    pub scheme: Scheme,
    pub identifiers: &'static str,
    pub example_batch: Option<&'static str>,
    pub people: People,
    pub service: Service,
    pub case: CaseWords,
    pub resident: Resident,
    pub family: Family,
    pub unemployed: Unemployed,
    pub pensioner: Pensioner,
    pub farmer: Farmer,
    pub student: Student,
    pub debtor: Debtor,
    pub worker: Worker,
    pub extras: Extras,
    pub past: Past,
}

/// How the country's people are named and where they live.
pub(crate) struct People {
    /// A full name, as the population register writes it.
    pub name: fn(&mut StdRng) -> String,
    /// A current address: street, number, postcode and town.
    pub address: fn(&mut StdRng) -> String,
    /// An earlier address, briefer.
    pub earlier_address: fn(&mut StdRng) -> String,
    /// How a day of birth is written in a register's attribute (a chrono pattern).
    pub born_format: &'static str,
}

/// What every authority's records share: where its self-service is and whom to call.
pub(crate) struct Service {
    /// A record links to `https://{provider}.{domain}/{self_service}`.
    pub domain: &'static str,
    pub self_service: &'static str,
    /// Where a case's receipt is, after the same host.
    pub receipt: &'static str,
    /// The contact on every record: a name and a phone number.
    pub contact: (&'static str, &'static str),
    /// Why a benefit was granted.
    pub granted_because: Words,
    pub account_hint: &'static str,
}

/// The words of a case's course.
pub(crate) struct CaseWords {
    pub received: Words,
    pub in_progress: Words,
    pub waiting_for_you: Words,
    pub decided: Words,
    pub appeal_received: Words,
    /// The next step while the authority works.
    pub processing: Words,
    /// The next step when the citizen must send something.
    pub send_missing: Words,
    /// The next step once appealed.
    pub appeal_handled: Words,
    pub case_worker: &'static str,
    pub org_unit: &'static str,
    /// The decision: granted.
    pub granted: &'static str,
    pub application_received: &'static str,
    pub case_informed: &'static str,
    pub decision_sent: &'static str,
    pub receipt: &'static str,
    pub decision: &'static str,
}

/// What every resident has.
pub(crate) struct Resident {
    /// The population register's name, then the day of birth.
    pub name: Fact<2>,
    pub address: Fact<1>,
    pub health: Known<2>,
    /// Last year's tax statement; `{year}` in its title is the year.
    pub tax_statement: Letter,
    /// The tax letter about next year; `{year}` in its title is the year.
    pub tax_assessment: Letter,
    pub look_up: LookUp,
}

/// A parent of two children in their custody.
pub(crate) struct Family {
    pub summary: &'static str,
    /// The children's first names and ages; they take the parent's surname.
    pub children: [(&'static str, i64); 2],
    /// The first name of a newborn third child, which some families beyond the featured have.
    pub baby: &'static str,
    /// Custody of a child, whose name is its one attribute.
    pub custody: Fact<1>,
    /// The custody fact's relation.
    pub relation: &'static str,
    pub child_check_up: Meeting,
    /// A school child's letter.
    pub pupil_plan: Letter,
    /// A small child's letter.
    pub place_confirmed: Letter,
    pub daycare_place: Of,
    pub daycare_fee: Payment,
    pub school_plan: Letter,
    pub parent_meeting: Meeting,
    pub building_notice: Of,
    pub child_benefit: Grant,
    pub sign_up: Task,
    /// Paid after a birth, in the past.
    pub parental_benefit: Grant,
    /// Money an authority owes the family back, where the country's demo has it.
    pub credit_note: Option<Debt>,
}

pub(crate) struct Unemployed {
    pub summary: &'static str,
    pub benefit: Grant,
    pub meeting: Meeting,
    pub upload: Task,
    pub job_plan: Of,
    /// A bill paid every month by most people of working age.
    pub monthly_bill: Payment,
}

pub(crate) struct Pensioner {
    pub summary: &'static str,
    pub pension: Grant,
    pub housing: Grant,
    pub check_up: Meeting,
    pub referral: Of,
    pub home_help: Of,
    /// Money paid back to the pensioner (a negative payment), where the demo has it.
    pub refund: Option<Payment>,
}

pub(crate) struct Farmer {
    pub summary: &'static str,
    /// The herd: its register number, species and number of animals.
    pub herd: Fact<3>,
    /// The herd's number in the register, from the citizen's number.
    pub herd_number: fn(usize) -> String,
    pub species: &'static str,
    pub fishing: Fact<1>,
    pub building_permit: Of,
    pub report: Task,
    pub application: Of,
    pub basic_payment: Payment,
    pub property: Known<1>,
}

pub(crate) struct Student {
    pub summary: &'static str,
    pub grant: Grant,
    pub admission: Letter,
    pub confirm: Task,
    pub return_books: Task,
    /// The grant at school, in the past.
    pub school_grant: Grant,
    /// A bill left unpaid past its date, where the demo has one.
    pub overdue: Option<Payment>,
}

pub(crate) struct Debtor {
    pub summary: &'static str,
    pub debt: Debt,
    /// What each instalment of the debt pays.
    pub instalment: Payment,
    pub plan: Of,
    pub unpaid_bill: Payment,
    pub next_instalment: Task,
}

pub(crate) struct Worker {
    pub summary: &'static str,
    pub tax_card: Known<2>,
}

/// What many have, whatever their situation.
pub(crate) struct Extras {
    /// A vehicle: its registration and make.
    pub vehicle: Fact<2>,
    pub plate: fn(&mut StdRng) -> String,
    pub make: &'static str,
    pub inspection: Task,
    /// A driving licence: its category and when it expires.
    pub licence: Fact<2>,
    pub licence_category: &'static str,
    pub reservation: Letter,
    pub leisure_pass: Of,
    pub housing_list: Of,
    /// A fishing licence: until when.
    pub fishing: Fact<1>,
    /// Animals kept for pleasure: species and number.
    pub hobby_herd: Fact<2>,
    pub hobby_species: &'static str,
}

/// What authorities keep after it is over, for a deep history.
pub(crate) struct Past {
    pub post: &'static [Letter],
    /// Cases that came and went.
    pub cases: &'static [Of],
    pub appointments: &'static [Meeting],
    /// Deadlines that were met.
    pub deadlines: &'static [Task],
    pub look_ups: &'static [LookUp],
    pub earlier_address: Fact<1>,
    /// A year's settled income tax: what came back, and what was paid.
    pub tax_refund: Of,
    pub tax_paid: Of,
}
