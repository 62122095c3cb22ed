//! One demo citizen: who they are, and the records each authority holds about them, made
//! the same way in every country from the country's [`Data`].

mod history;

use crate::History;
use crate::country::{
    Data, Debt, Fact, Grant, Known, Letter, LookUp, Meeting, Minor, Of, Payment, Task, Words,
};
use chrono::{Datelike, Duration, Months, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use std::collections::HashSet;

/// The kinds of life a demo citizen can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Situation {
    Family,
    Unemployed,
    Pensioner,
    Farmer,
    Student,
    Debtor,
    Worker,
}

impl Situation {
    pub const ALL: [Situation; 7] = [
        Situation::Family,
        Situation::Unemployed,
        Situation::Pensioner,
        Situation::Farmer,
        Situation::Student,
        Situation::Debtor,
        Situation::Worker,
    ];

    pub(crate) fn pick(rng: &mut StdRng) -> Self {
        // Weighted like a population: most people simply work.
        let weights = [18, 8, 16, 3, 10, 5, 40];
        let mut roll = rng.gen_range(0..weights.iter().sum::<u32>());
        for (situation, weight) in Self::ALL.iter().zip(weights) {
            if roll < weight {
                return *situation;
            }
            roll -= weight;
        }
        Situation::Worker
    }

    fn age_range(self) -> (i32, i32) {
        match self {
            Situation::Family => (28, 45),
            Situation::Unemployed => (22, 60),
            Situation::Pensioner => (67, 92),
            Situation::Farmer => (35, 65),
            Situation::Student => (19, 27),
            Situation::Debtor => (25, 60),
            Situation::Worker => (20, 66),
        }
    }
}

/// A demo citizen and the records about them, each with the id of the authority that holds it.
#[derive(Debug, Clone)]
pub struct Citizen {
    pub national_id: String,
    pub name: String,
    pub situation: Situation,
    pub records: Vec<(&'static str, Value)>,
}

/// How far a case has come.
#[derive(Debug, Clone, Copy)]
enum Stage {
    Received,
    InProgress,
    WaitingForCitizen,
    Decided,
    Appealed,
}

fn any_stage(rng: &mut StdRng) -> Stage {
    *STAGES.choose(rng).expect("stages")
}

const STAGES: [Stage; 5] = [
    Stage::Received,
    Stage::InProgress,
    Stage::WaitingForCitizen,
    Stage::Decided,
    Stage::Appealed,
];

pub(crate) struct Builder {
    pub(crate) data: &'static Data,
    pub(crate) today: NaiveDate,
    pub(crate) index: usize,
    pub(crate) history: History,
    national_id: String,
    pub(crate) records: Vec<(&'static str, Value)>,
}

/// An amount as a provider writes it: a whole number where it is one.
pub(crate) fn money(minor: Minor) -> Value {
    if minor % 100 == 0 {
        json!(minor / 100)
    } else {
        json!(minor as f64 / 100.0)
    }
}

impl Builder {
    /// A text in the country's two languages.
    pub(crate) fn text(&self, first: &str, second: &str) -> Value {
        let [one, other] = self.data.languages;
        json!({one: first, other: second})
    }

    pub(crate) fn words(&self, (first, second): Words) -> Value {
        self.text(first, second)
    }

    pub(crate) fn date(&self, days_from_today: i64) -> String {
        iso_date(self.today + Duration::days(days_from_today))
    }

    pub(crate) fn at(&self, days_from_today: i64, hour: u32, minute: u32) -> String {
        format!(
            "{}T{hour:02}:{minute:02}:00+01:00",
            self.date(days_from_today)
        )
    }

    /// A day in the last months for the next record to have changed on, spread without
    /// drawing from the random stream.
    fn recently(&self) -> i64 {
        -(((self.index * 7 + self.records.len() * 13) % 119 + 1) as i64)
    }

    /// Adds a record and returns it, for optional fields to be set on it.
    fn add(&mut self, of: &Of, kind: &str, details: Value) -> &mut Value {
        self.add_changed(of, kind, details, self.recently())
    }

    /// Adds a record last changed at the source `changed` days from today (negative: ago).
    pub(crate) fn add_changed(
        &mut self,
        of: &Of,
        kind: &str,
        details: Value,
        changed: i64,
    ) -> &mut Value {
        let title = self.words(of.title);
        self.add_titled(of, title, kind, details, changed)
    }

    /// Like [`Builder::add_changed`], with a title of its own rather than `of`'s.
    pub(crate) fn add_titled(
        &mut self,
        of: &Of,
        title: Value,
        kind: &str,
        details: Value,
        changed: i64,
    ) -> &mut Value {
        let service = &self.data.service;
        let (contact, phone) = service.contact;
        let record = json!({
            "id": format!("{kind}-{}-{}", self.index, self.records.len()),
            "version": 1,
            "subject": self.national_id,
            "kind": kind,
            "classification": of.code,
            "title": title,
            "updated_at": self.at(changed, 9, 0),
            "link": format!("https://{}.{}/{}", of.provider, service.domain, service.self_service),
            "contact": {"name": contact, "phone": phone},
            "details": details,
        });
        self.records.push((of.provider, record));
        &mut self.records.last_mut().expect("just pushed").1
    }

    pub(crate) fn fact<const N: usize>(
        &mut self,
        fact: &Fact<N>,
        values: [String; N],
    ) -> &mut Value {
        let attributes: Vec<Value> = fact
            .names
            .iter()
            .zip(values)
            .map(|(name, value)| json!({"name": self.words(*name), "value": value}))
            .collect();
        self.add(
            &fact.of,
            "register_fact",
            json!({"fact": fact.fact, "attributes": attributes}),
        )
    }

    fn known<const N: usize>(&mut self, known: &Known<N>) -> &mut Value {
        self.fact(&known.fact, known.values.map(str::to_owned))
    }

    /// A document or message of `date` (days from today).
    pub(crate) fn letter_details(&self, letter: &Letter, date: i64) -> Value {
        json!({"category": letter.category, "date": self.date(date), "sender": letter.sender})
    }

    fn letter(&mut self, letter: &Letter, date: i64) -> &mut Value {
        let details = self.letter_details(letter, date);
        self.add(&letter.of, "document", details)
    }

    /// A letter about `year`, whose title says which year.
    pub(crate) fn yearly_letter(&mut self, letter: &Letter, year: i32, date: i64, changed: i64) {
        let (first, second) = of_year(letter.of.title, year);
        let title = self.text(&first, &second);
        let details = self.letter_details(letter, date);
        self.add_titled(&letter.of, title, "document", details, changed);
    }

    /// An appointment on `day` from `(hour, minute)`, lasting `minutes`.
    pub(crate) fn meeting_details(
        &self,
        meeting: &Meeting,
        day: i64,
        (hour, minute): (u32, u32),
        minutes: u32,
    ) -> Value {
        let end = hour * 60 + minute + minutes;
        let mut details = json!({
            "start": self.at(day, hour, minute), "end": self.at(day, end / 60, end % 60),
            "place": meeting.place,
        });
        for (field, value) in [
            ("with_whom", meeting.with_whom),
            ("bring", meeting.bring),
            ("rebook_link", meeting.rebook_link),
        ] {
            if let Some(value) = value {
                details[field] = json!(value);
            }
        }
        details
    }

    fn meeting(&mut self, meeting: &Meeting, day: i64, start: (u32, u32), minutes: u32) {
        let details = self.meeting_details(meeting, day, start, minutes);
        self.add(&meeting.of, "appointment", details);
    }

    /// A deadline due `due` days from today.
    pub(crate) fn task_details(&self, task: &Task, due: i64) -> Value {
        let mut details = json!({"due": self.date(due), "action": task.action});
        if let Some(link) = task.action_link {
            details["action_link"] = json!(link);
        }
        details
    }

    fn task(&mut self, task: &Task, due: i64) {
        let details = self.task_details(task, due);
        self.add(&task.of, "deadline", details);
    }

    pub(crate) fn look_up_details(
        &self,
        look_up: &LookUp,
        day: i64,
        (hour, minute): (u32, u32),
    ) -> Value {
        let mut details = json!({
            "organisation": look_up.organisation, "system": look_up.system,
            "at": self.at(day, hour, minute), "what": look_up.what, "purpose": look_up.purpose,
        });
        if let Some(basis) = look_up.legal_basis {
            details["legal_basis"] = json!(basis);
        }
        details
    }

    /// A payment of `amount` on `date` (days from today), which way and where it stands.
    pub(crate) fn payment_details(
        &self,
        amount: Minor,
        date: i64,
        direction: &str,
        status: &str,
    ) -> Value {
        let amount = money(amount);
        json!({"date": self.date(date), "direction": direction, "gross": amount, "tax": 0,
               "net": amount, "payment_status": status})
    }

    fn payment(&mut self, payment: &Payment, date: i64, direction: &str, status: &str) {
        let details = self.payment_details(payment.amount, date, direction, status);
        self.add(&payment.of, "payment", details);
    }

    fn debt(&mut self, debt: &Debt, due: i64, status: &str) -> &mut Value {
        let mut details = json!({
            "creditor": debt.creditor, "principal": money(debt.principal),
            "interest": money(debt.interest), "fees": money(debt.fees),
            "outstanding": money(debt.outstanding), "due": self.date(due), "debt_status": status,
        });
        if let Some(link) = debt.payment_link {
            details["payment_link"] = json!(link);
        }
        self.add(&debt.of, "debt", details)
    }

    /// The words of a case's statuses and decision.
    fn status(&self, words: Words, at: String) -> Value {
        json!({"status": self.words(words), "at": at})
    }

    /// A case that has come as far as `stage`, with a history that fits it.
    fn case(&mut self, rng: &mut StdRng, of: &Of, stage: Stage) -> &mut Value {
        let words = &self.data.case;
        let opened = -rng.gen_range(20..90);
        let mut history = vec![self.status(words.received, self.at(opened, 10, 12))];
        let mut details = json!({"case_worker": words.case_worker, "org_unit": words.org_unit});
        let later = |days: i64| opened + days;
        if !matches!(stage, Stage::Received) {
            history.push(self.status(words.in_progress, self.at(later(5), 13, 30)));
        }
        match stage {
            Stage::Received | Stage::InProgress => {
                details["next_step"] =
                    json!({"text": self.words(words.processing), "actor": "authority"});
            }
            Stage::WaitingForCitizen => {
                history.push(self.status(words.waiting_for_you, self.at(later(10), 9, 45)));
                details["next_step"] = json!({
                    "text": self.words(words.send_missing),
                    "actor": "citizen", "due": self.date(rng.gen_range(4..15))
                });
            }
            Stage::Decided | Stage::Appealed => {
                let mut decided = self.status(words.decided, self.at(later(15), 11, 0));
                decided["final"] = json!(matches!(stage, Stage::Decided));
                history.push(decided);
                details["decision"] = json!({"text": words.granted, "date": self.date(later(15)), "appeal_by": self.date(later(15) + 28)});
                if matches!(stage, Stage::Appealed) {
                    history.push(self.status(words.appeal_received, self.at(later(20), 8, 30)));
                    details["next_step"] =
                        json!({"text": self.words(words.appeal_handled), "actor": "other"});
                }
            }
        }
        details["status_history"] = json!(history);
        details["journal"] =
            json!([{"title": words.application_received, "date": self.date(opened)}]);
        let service = &self.data.service;
        details["documents"] = json!([{"title": words.receipt, "date": self.date(opened),
            "link": format!("https://{}.{}/{}", of.provider, service.domain, service.receipt)}]);
        let status = history.last().expect("a status")["status"].clone();
        let record = self.add(of, "case", details);
        record["status"] = status;
        record
    }

    /// An ongoing monthly benefit granted `granted_months` ago, with its payments on the first
    /// of each month (the last 6 to 12 of them, or all with a deep history) and the next
    /// month's payment in its plan.
    fn benefit(&mut self, grant: &Grant, granted_months: u32) {
        let paid_months = match self.history {
            History::Recent => granted_months.min(6 + (self.index % 7) as u32),
            History::Deep => granted_months,
        };
        self.monthly_benefit(
            grant,
            Monthly {
                granted_months,
                paid_months,
                ended_months_ago: 0,
            },
        );
    }

    /// Gives the latest benefit of `grant` a last day.
    fn granted_until(&mut self, grant: &Grant, until: String) {
        let code = grant.of.code;
        if let Some((_, benefit)) = self
            .records
            .iter_mut()
            .rev()
            .find(|(_, record)| record["kind"] == "benefit" && record["classification"] == code)
        {
            benefit["details"]["granted_until"] = json!(until);
        }
    }

    /// A monthly benefit and its payments, each pointing to it by `benefit_id`.
    pub(crate) fn monthly_benefit(&mut self, grant: &Grant, monthly: Monthly) {
        let Monthly {
            granted_months,
            paid_months,
            ended_months_ago,
        } = monthly;
        let this_month = self.today.with_day(1).unwrap_or(self.today);
        let month = |back: u32| {
            this_month
                .checked_sub_months(Months::new(back))
                .unwrap_or(this_month)
        };
        // Tax is withheld in whole units.
        let gross = grant.gross;
        let tax = gross * grant.tax_pct / 100;
        let net = gross - tax;
        // The id `add` gives the benefit, for its payments to point to.
        let benefit_id = format!("benefit-{}-{}", self.index, self.records.len());
        let mut details = json!({
            "granted_from": iso_date(month(ended_months_ago + granted_months.max(1) - 1)),
            "reason": self.words(self.data.service.granted_because),
            "repayable": false, "frequency": "monthly", "paid_in": "advance",
            "per_period": {"gross": gross, "tax": tax, "net": net},
        });
        if ended_months_ago == 0 {
            let next = this_month
                .checked_add_months(Months::new(1))
                .unwrap_or(this_month);
            details["payment_plan"] =
                json!([{"date": iso_date(next), "gross": gross, "tax": tax, "net": net}]);
            self.add(&grant.of, "benefit", details);
        } else {
            let last_paid = month(ended_months_ago);
            details["granted_until"] =
                json!(iso_date(month(ended_months_ago - 1) - Duration::days(1)));
            let changed = (last_paid - self.today).num_days();
            self.add_changed(&grant.of, "benefit", details, changed);
        }
        for back in (ended_months_ago..ended_months_ago + paid_months).rev() {
            let date = month(back);
            self.add_changed(
                &grant.of,
                "payment",
                json!({"date": iso_date(date), "direction": "to_citizen", "gross": gross, "tax": tax,
                       "net": net, "payment_status": "paid",
                       "account_hint": self.data.service.account_hint, "benefit_id": benefit_id}),
                (date - self.today).num_days(),
            );
        }
    }
}

/// How long a monthly benefit has been paid.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Monthly {
    /// Months since the first payment.
    pub(crate) granted_months: u32,
    /// How many of the latest months' payments to add.
    pub(crate) paid_months: u32,
    /// 0 for a benefit still paid; otherwise how many months ago it ended.
    pub(crate) ended_months_ago: u32,
}

/// `YYYY-MM-DD`, written directly: chrono's pattern formatting is a noticeable part of
/// generating millions of records.
pub(crate) fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

fn next_month_start(today: NaiveDate) -> i64 {
    let (year, month) = if today.month() == 12 {
        (today.year() + 1, 1)
    } else {
        (today.year(), today.month() + 1)
    };
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(today);
    (first - today).num_days()
}

/// A title with `{year}` in it, for `year`.
pub(crate) fn of_year((first, second): Words, year: i32) -> (String, String) {
    let year = year.to_string();
    (
        first.replace("{year}", &year),
        second.replace("{year}", &year),
    )
}

/// Where in the country a citizen is made: the running random stream, the identifiers
/// already taken, their number and the day.
pub(crate) struct Place<'a> {
    pub(crate) rng: &'a mut StdRng,
    pub(crate) taken: &'a mut HashSet<String>,
    pub(crate) index: usize,
    pub(crate) today: NaiveDate,
    pub(crate) history: History,
    /// Seeds the citizen's own past, apart from the running stream.
    pub(crate) past_seed: u64,
}

/// A national identifier no one has yet, for someone born on `born`.
fn new_id(
    data: &Data,
    rng: &mut StdRng,
    taken: &mut HashSet<String>,
    born: NaiveDate,
    child: bool,
) -> String {
    loop {
        let id = data.scheme.draw(rng, born, child);
        if taken.insert(id.clone()) {
            return id;
        }
    }
}

pub(crate) fn generate(data: &'static Data, place: Place<'_>, situation: Situation) -> Citizen {
    let Place {
        rng,
        taken,
        index,
        today,
        history,
        past_seed,
    } = place;
    let (youngest, oldest) = situation.age_range();
    let (national_id, born) = loop {
        let born = today - Duration::days(i64::from(rng.gen_range(youngest * 365..oldest * 365)));
        let id = data.scheme.draw(rng, born, false);
        if taken.insert(id.clone()) {
            break (id, born);
        }
    };
    let name = (data.people.name)(rng);
    let address = (data.people.address)(rng);
    let mut b = Builder {
        data,
        today,
        index,
        history,
        national_id: national_id.clone(),
        records: Vec::new(),
    };
    let moved_days = resident(&mut b, rng, &name, born, address);
    match situation {
        Situation::Family => family(&mut b, rng, taken, &name),
        Situation::Unemployed => unemployed(&mut b, rng),
        Situation::Pensioner => pensioner(&mut b, rng),
        Situation::Farmer => farmer(&mut b, rng),
        Situation::Student => student(&mut b, rng),
        Situation::Debtor => debtor(&mut b, rng),
        Situation::Worker => {
            b.known(&data.worker.tax_card);
        }
    }
    extras(&mut b, rng);
    if history == History::Deep {
        let mut past = StdRng::seed_from_u64(past_seed);
        history::past(&mut b, &mut past, situation, moved_days);
    }
    Citizen {
        national_id,
        name,
        situation,
        records: b.records,
    }
}

/// What every resident has: a name and an address in the population register, a health
/// card, and the tax authority's letters and look-up. Returns how many days ago they moved.
fn resident(
    b: &mut Builder,
    rng: &mut StdRng,
    name: &str,
    born: NaiveDate,
    address: String,
) -> i64 {
    let d = &b.data.resident;
    let born = born.format(b.data.people.born_format).to_string();
    b.fact(&d.name, [name.to_owned(), born]);
    let moved_days = rng.gen_range(200..3000);
    let moved = b.date(-moved_days);
    b.fact(&d.address, [address])["details"]["valid_from"] = json!(moved);
    b.known(&d.health);
    let year = b.today.year();
    let date = -230;
    b.yearly_letter(&d.tax_statement, year - 1, date, b.recently());
    let date = -rng.gen_range(1..20);
    b.yearly_letter(&d.tax_assessment, year + 1, date, b.recently());
    let details = b.look_up_details(&d.look_up, -rng.gen_range(1..60), (14, 5));
    b.add(&d.look_up.of, "access_event", details);
    moved_days
}

fn family(b: &mut Builder, rng: &mut StdRng, taken: &mut HashSet<String>, name: &str) {
    let d = &b.data.family;
    let today = b.today;
    // The children take the parent's surname: all of the name after the first name.
    let surname = name.split_once(' ').map_or("", |(_, surname)| surname);
    // One family in four beyond the featured one has a newborn too.
    let baby = (b.index >= Situation::ALL.len() && b.index % 4 == 3).then_some((d.baby, 0));
    for (child, age) in d.children.into_iter().chain(baby) {
        let born = today - Duration::days(365 * age + rng.gen_range(0..300));
        let child_id = new_id(b.data, rng, taken, born, true);
        let child_name = format!("{child} {surname}");
        let scheme = b.data.scheme;
        let custody = &mut b.fact(&d.custody, [child_name.clone()])["details"];
        custody["related_person"] = json!(child_id);
        // Custody of a child ends when it comes of age, so the register says when it was
        // born where the identifier does not.
        if !scheme.encodes_birth() {
            custody["related_person_born"] = json!(iso_date(born));
        }
        custody["related_person_name"] = json!(child_name);
        custody["relation"] = json!(d.relation);
        child_records(b, &child_id, &child_name, born, age);
    }
    let stage = any_stage(rng);
    b.case(rng, &d.daycare_place, Stage::Decided);
    b.payment(
        &d.daycare_fee,
        next_month_start(today),
        "from_citizen",
        "upcoming",
    );
    b.letter(&d.school_plan, -40);
    let meeting = rng.gen_range(3..25);
    b.meeting(&d.parent_meeting, meeting, (16, 0), 30);
    b.case(rng, &d.building_notice, stage);
    b.benefit(&d.child_benefit, 60);
    b.task(&d.sign_up, rng.gen_range(7..30));
    if let Some(credit_note) = &d.credit_note {
        b.debt(credit_note, rng.gen_range(40..70), "open");
    }
}

/// What the authorities hold about a child in the parent's custody, for the parent to see
/// on the child's own overview: the child's name in the register, a check-up and their
/// school or day care.
fn child_records(b: &mut Builder, child_id: &str, child_name: &str, born: NaiveDate, age: i64) {
    let records = b.records.len();
    let d = &b.data.family;
    let born = born.format(b.data.people.born_format).to_string();
    b.fact(&b.data.resident.name, [child_name.to_owned(), born]);
    b.meeting(&d.child_check_up, 10 + age, (10, 0), 30);
    if age >= 6 {
        b.letter(&d.pupil_plan, -30);
    } else {
        b.letter(&d.place_confirmed, -60);
    }
    for (_, record) in &mut b.records[records..] {
        record["subject"] = json!(child_id);
    }
}

fn unemployed(b: &mut Builder, rng: &mut StdRng) {
    let d = &b.data.unemployed;
    b.benefit(&d.benefit, 3 + (b.index % 16) as u32);
    // Unemployment benefit runs for a limited time: some end within the coming weeks.
    let ends = b.date(1 + (b.index as i64 * 13) % 90);
    b.granted_until(&d.benefit, ends);
    b.meeting(&d.meeting, rng.gen_range(2..12), (10, 0), 45);
    b.task(&d.upload, rng.gen_range(3..10));
    b.case(rng, &d.job_plan, Stage::WaitingForCitizen);
    b.payment(
        &d.monthly_bill,
        next_month_start(b.today),
        "from_citizen",
        "upcoming",
    );
}

fn pensioner(b: &mut Builder, rng: &mut StdRng) {
    let d = &b.data.pensioner;
    b.benefit(&d.pension, 60);
    // Every other pensioner's housing benefit ended two months ago: the overview tells them
    // they may be entitled to it again.
    if b.index % 2 == 1 {
        b.benefit(&d.housing, 48);
    } else {
        let monthly = Monthly {
            granted_months: 24,
            paid_months: 3,
            ended_months_ago: 2,
        };
        b.monthly_benefit(&d.housing, monthly);
    }
    b.meeting(&d.check_up, rng.gen_range(3..21), (9, 30), 45);
    b.case(rng, &d.referral, Stage::InProgress);
    b.case(rng, &d.home_help, Stage::Decided);
    if let Some(refund) = &d.refund {
        b.payment(refund, -rng.gen_range(5..40), "from_citizen", "paid");
    }
}

fn farmer(b: &mut Builder, rng: &mut StdRng) {
    let d = &b.data.farmer;
    let herd_number = (d.herd_number)(b.index);
    let animals = rng.gen_range(60..400).to_string();
    b.fact(&d.herd, [herd_number, d.species.to_owned(), animals]);
    // A licence running out soon, for the overview's advice to renew it.
    let until = b.date(60);
    b.fact(&d.fishing, [until.clone()])["details"]["valid_until"] = json!(until);
    b.case(rng, &d.building_permit, Stage::Appealed);
    b.task(&d.report, rng.gen_range(5..20));
    b.case(rng, &d.application, Stage::Decided);
    b.payment(&d.basic_payment, -25, "to_citizen", "paid");
    b.known(&d.property);
}

fn student(b: &mut Builder, rng: &mut StdRng) {
    let d = &b.data.student;
    b.benefit(&d.grant, 36);
    // The grant ends with the course, a few months from now.
    let ends = b.date(40 + (b.index as i64 % 60));
    b.granted_until(&d.grant, ends);
    b.letter(&d.admission, -120);
    b.task(&d.confirm, rng.gen_range(5..25));
    b.task(&d.return_books, rng.gen_range(2..14));
    if let Some(bill) = &d.overdue {
        b.payment(bill, -rng.gen_range(8..20), "from_citizen", "overdue");
    }
}

fn debtor(b: &mut Builder, rng: &mut StdRng) {
    let d = &b.data.debtor;
    let instalment = money(d.instalment.amount);
    let instalments = json!([
        {"date": b.date(-25), "amount": instalment, "paid": true},
        {"date": b.date(5), "amount": instalment},
        {"date": b.date(35), "amount": instalment},
    ]);
    b.debt(&d.debt, -40, "instalments")["details"]["instalments"] = instalments;
    b.case(rng, &d.plan, Stage::Decided);
    b.payment(&d.unpaid_bill, -60, "from_citizen", "sent_to_collection");
    b.task(&d.next_instalment, 5);
}

fn extras(b: &mut Builder, rng: &mut StdRng) {
    let d = &b.data.extras;
    if rng.gen_bool(0.6) {
        let plate = (d.plate)(rng);
        b.fact(&d.vehicle, [plate, d.make.to_owned()]);
        b.task(&d.inspection, rng.gen_range(10..90));
    }
    if rng.gen_bool(0.5) {
        let expires = b.date(rng.gen_range(30..3000));
        b.fact(&d.licence, [d.licence_category.to_owned(), expires.clone()])["details"]["valid_until"] =
            json!(expires);
    }
    if rng.gen_bool(0.5) {
        b.letter(&d.reservation, -2);
    }
    if rng.gen_bool(0.3) {
        let stage = any_stage(rng);
        b.case(rng, &d.leisure_pass, stage);
    }
    if rng.gen_bool(0.25) {
        let stage = any_stage(rng);
        b.case(rng, &d.housing_list, stage);
    }
    if rng.gen_bool(0.1) {
        let until = b.date(rng.gen_range(10..360));
        b.fact(&d.fishing, [until.clone()])["details"]["valid_until"] = json!(until);
    }
    if rng.gen_bool(0.1) {
        let animals = rng.gen_range(3..20).to_string();
        b.fact(&d.hobby_herd, [d.hobby_species.to_owned(), animals]);
    }
}
