//! One demo citizen: who they are, and the records each authority holds about them.

mod history;

use crate::History;
use chrono::{Datelike, Duration, Months, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use std::collections::HashSet;

const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Mette",
    "Sofie",
    "Ida",
    "Freja",
    "Karen",
    "Lise",
    "Emma",
    "Peter",
    "Jens",
    "Lars",
    "Mads",
    "Søren",
    "Niels",
    "Frederik",
    "Oliver",
    "Ahmed",
    "Fatima",
    "Yusuf",
    "Agnieszka",
];
// Surnames that no real person has, so nobody mistakes the demo for real data.
const SURNAMES: &[&str] = &[
    "Demosen",
    "Prøvesen",
    "Eksempelsen",
    "Testrup",
    "Fiktivsen",
    "Opdigtgaard",
    "Skabelonsen",
    "Attrapsen",
    "Modelgaard",
    "Pseudonymsen",
];
const STREETS: &[&str] = &[
    "Prøvevej",
    "Eksempelgade",
    "Demoallé",
    "Testvænget",
    "Fiktivstien",
    "Opdigtet Plads",
];
const TOWNS: &[(&str, &str)] = &[
    ("9990", "Eksempelby"),
    ("9991", "Prøvestrup"),
    ("9992", "Demokøbing"),
    ("9993", "Testrup Strand"),
];

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

    /// One line on the situation, for the demo's list of featured citizens.
    pub fn describe(self) -> &'static str {
        match self {
            Situation::Family => {
                "parent of two (see their overviews under Acting for others): kindergarten, school, child benefit, a carport case"
            }
            Situation::Unemployed => {
                "unemployed on benefits: a job-centre meeting and documents to upload soon"
            }
            Situation::Pensioner => {
                "pensioner with housing benefit, a hospital appointment and home help"
            }
            Situation::Farmer => "farmer with a herd, a fishing licence and a building permit case",
            Situation::Student => "student on the student grant (SU), with an admission letter",
            Situation::Debtor => "debt sent to collection, paying by instalments",
            Situation::Worker => "in work: tax card, car inspection due, library loans",
        }
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
    pub(crate) today: NaiveDate,
    pub(crate) index: usize,
    pub(crate) history: History,
    national_id: String,
    pub(crate) records: Vec<(&'static str, Value)>,
}

pub(crate) const KOMMUNE: &str = "eksempelby-kommune";
pub(crate) const REGION: &str = "region-demo";
pub(crate) const SKAT: &str = "skattestyrelsen";
pub(crate) const UDBETALING: &str = "udbetaling-demo";
pub(crate) const A_KASSE: &str = "a-kasse-demo";
pub(crate) const GAELD: &str = "gaeldsstyrelsen";
pub(crate) const MOTOR: &str = "motorstyrelsen";
pub(crate) const CPR: &str = "cpr-demo";
pub(crate) const LANDBRUG: &str = "landbrug-fiskeri";
pub(crate) const BIBLIOTEK: &str = "bibliotek-demo";
pub(crate) const UDDANNELSE: &str = "uddannelse-demo";

pub(crate) fn text(da: &str, en: &str) -> Value {
    json!({"da": da, "en": en})
}

impl Builder {
    pub(crate) fn date(&self, days_from_today: i64) -> String {
        iso_date(self.today + Duration::days(days_from_today))
    }

    pub(crate) fn at(&self, days_from_today: i64, hour: u32, minute: u32) -> String {
        format!(
            "{}T{hour:02}:{minute:02}:00+01:00",
            self.date(days_from_today)
        )
    }

    /// Adds a record and returns it, for optional fields to be set on it.
    fn add(
        &mut self,
        provider: &'static str,
        kind: &str,
        classification: &str,
        title: Value,
        details: Value,
    ) -> &mut Value {
        // Spread over the last months without drawing from the random stream.
        let changed = ((self.index * 7 + self.records.len() * 13) % 119 + 1) as i64;
        self.add_changed(provider, kind, classification, title, details, -changed)
    }

    /// Adds a record last changed at the source `changed` days from today (negative: ago).
    pub(crate) fn add_changed(
        &mut self,
        provider: &'static str,
        kind: &str,
        classification: &str,
        title: Value,
        details: Value,
        changed: i64,
    ) -> &mut Value {
        let record = json!({
            "id": format!("{kind}-{}-{}", self.index, self.records.len()),
            "version": 1,
            "subject": self.national_id,
            "kind": kind,
            "classification": classification,
            "title": title,
            "updated_at": self.at(changed, 9, 0),
            "link": format!("https://{provider}.example.dk/selvbetjening"),
            "contact": {"name": "Borgerservice", "phone": "+45 99 99 99 99"},
            "details": details,
        });
        self.records.push((provider, record));
        &mut self.records.last_mut().expect("just pushed").1
    }

    pub(crate) fn fact(
        &mut self,
        provider: &'static str,
        classification: &str,
        fact: &str,
        title: Value,
        attributes: &[(&str, &str, String)],
    ) -> &mut Value {
        let attributes: Vec<Value> = attributes
            .iter()
            .map(|(da, en, value)| json!({"name": text(da, en), "value": value}))
            .collect();
        self.add(
            provider,
            "register_fact",
            classification,
            title,
            json!({"fact": fact, "attributes": attributes}),
        )
    }

    /// A case that has come as far as `stage`, with a history that fits it.
    fn case(
        &mut self,
        rng: &mut StdRng,
        provider: &'static str,
        classification: &str,
        title: Value,
        stage: Stage,
    ) -> &mut Value {
        let opened = -rng.gen_range(20..90);
        let mut history =
            vec![json!({"status": text("Modtaget", "Received"), "at": self.at(opened, 10, 12)})];
        let mut details = json!({"case_worker": "Sagsbehandler Demo", "org_unit": "Borgerservice"});
        let later = |days: i64| opened + days;
        if !matches!(stage, Stage::Received) {
            history.push(json!({"status": text("Under behandling", "In progress"), "at": self.at(later(5), 13, 30)}));
        }
        match stage {
            Stage::Received | Stage::InProgress => {
                details["next_step"] = json!({"text": text("Vi behandler din sag", "We are processing your case"), "actor": "authority"});
            }
            Stage::WaitingForCitizen => {
                history.push(json!({"status": text("Afventer dig", "Waiting for you"), "at": self.at(later(10), 9, 45)}));
                details["next_step"] = json!({
                    "text": text("Send os de manglende oplysninger", "Send us the missing information"),
                    "actor": "citizen", "due": self.date(rng.gen_range(4..15))
                });
            }
            Stage::Decided | Stage::Appealed => {
                history.push(json!({"status": text("Afgjort", "Decided"), "at": self.at(later(15), 11, 0), "final": matches!(stage, Stage::Decided)}));
                details["decision"] = json!({"text": "Du har fået bevilget det, du søgte om.", "date": self.date(later(15)), "appeal_by": self.date(later(15) + 28)});
                if matches!(stage, Stage::Appealed) {
                    history.push(json!({"status": text("Klage modtaget", "Appeal received"), "at": self.at(later(20), 8, 30)}));
                    details["next_step"] = json!({"text": text("Ankestyrelsen behandler din klage", "The appeals board is handling your appeal"), "actor": "other"});
                }
            }
        }
        details["status_history"] = json!(history);
        details["journal"] = json!([{"title": "Ansøgning modtaget", "date": self.date(opened)}]);
        details["documents"] = json!([{"title": "Kvittering for ansøgning", "date": self.date(opened), "link": format!("https://{provider}.example.dk/dokumenter/kvittering")}]);
        let status = history.last().expect("a status")["status"].clone();
        let record = self.add(provider, "case", classification, title, details);
        record["status"] = status;
        record
    }

    /// An ongoing monthly benefit granted `granted_months` ago, with its payments on the first
    /// of each month (the last 6 to 12 of them, or all with a deep history) and the next
    /// month's payment in its plan.
    fn benefit(
        &mut self,
        provider: &'static str,
        classification: &str,
        title: Value,
        (gross_kr, tax_pct): (i64, i64),
        granted_months: u32,
    ) {
        let paid_months = match self.history {
            History::Recent => granted_months.min(6 + (self.index % 7) as u32),
            History::Deep => granted_months,
        };
        self.monthly_benefit(
            provider,
            classification,
            title,
            Monthly {
                gross_kr,
                tax_pct,
                granted_months,
                paid_months,
                ended_months_ago: 0,
            },
        );
    }

    /// A monthly benefit and its payments, each pointing to it by `benefit_id`.
    pub(crate) fn monthly_benefit(
        &mut self,
        provider: &'static str,
        classification: &str,
        title: Value,
        monthly: Monthly,
    ) {
        let Monthly {
            gross_kr,
            tax_pct,
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
        let tax = gross_kr * tax_pct / 100;
        let net = gross_kr - tax;
        // The id `add` gives the benefit, for its payments to point to.
        let benefit_id = format!("benefit-{}-{}", self.index, self.records.len());
        let mut details = json!({
            "granted_from": iso_date(month(ended_months_ago + granted_months.max(1) - 1)),
            "reason": text("Du opfylder betingelserne", "You meet the conditions"),
            "repayable": false, "frequency": "monthly", "paid_in": "advance",
            "per_period": {"gross": gross_kr, "tax": tax, "net": net},
        });
        if ended_months_ago == 0 {
            let next = this_month
                .checked_add_months(Months::new(1))
                .unwrap_or(this_month);
            details["payment_plan"] =
                json!([{"date": iso_date(next), "gross": gross_kr, "tax": tax, "net": net}]);
            self.add(provider, "benefit", classification, title.clone(), details);
        } else {
            let last_paid = month(ended_months_ago);
            details["granted_until"] =
                json!(iso_date(month(ended_months_ago - 1) - Duration::days(1)));
            let changed = (last_paid - self.today).num_days();
            self.add_changed(
                provider,
                "benefit",
                classification,
                title.clone(),
                details,
                changed,
            );
        }
        for back in (ended_months_ago..ended_months_ago + paid_months).rev() {
            let date = month(back);
            self.add_changed(
                provider,
                "payment",
                classification,
                title.clone(),
                json!({"date": iso_date(date), "direction": "to_citizen", "gross": gross_kr, "tax": tax,
                       "net": net, "payment_status": "paid", "account_hint": "****1234",
                       "benefit_id": benefit_id}),
                (date - self.today).num_days(),
            );
        }
    }
}

/// A monthly benefit's amounts and how long it has been paid.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Monthly {
    pub(crate) gross_kr: i64,
    pub(crate) tax_pct: i64,
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

/// What the authorities hold about a child in the parent's custody, for the parent to see
/// on the child's own overview: the child's name in the register, a hospital check-up and
/// their school or kindergarten.
fn child_records(b: &mut Builder, child_id: &str, child_name: &str, born: NaiveDate, age: i64) {
    let records = b.records.len();
    b.fact(
        CPR,
        "93.01",
        "name",
        text("Navn", "Name"),
        &[
            ("Navn", "Name", child_name.to_owned()),
            (
                "Fødselsdato",
                "Date of birth",
                born.format("%d.%m.%Y").to_string(),
            ),
        ],
    );
    let checkup = 10 + age;
    b.add(REGION, "appointment", "89.02.01", text("Undersøgelse i børneambulatoriet", "Check-up at the children's outpatient clinic"), json!({
        "start": b.at(checkup, 10, 0), "end": b.at(checkup, 10, 30), "place": "Børneambulatoriet, Regionshospitalet Demo"}));
    if age >= 6 {
        b.add(
            KOMMUNE,
            "document",
            "17.01",
            text("Elevplan for skoleåret", "Pupil plan for the school year"),
            json!({"category": "document", "date": b.date(-30), "sender": "Eksempelby Skole"}),
        );
    } else {
        b.add(KOMMUNE, "document", "28.15", text("Plads i børnehave bekræftet", "Kindergarten place confirmed"),
            json!({"category": "message", "date": b.date(-60), "sender": "Eksempelby Kommune, Dagtilbud"}));
    }
    for (_, record) in &mut b.records[records..] {
        record["subject"] = json!(child_id);
    }
}

fn national_id(
    rng: &mut StdRng,
    taken: &mut HashSet<String>,
    situation: Situation,
    today: NaiveDate,
) -> (String, NaiveDate) {
    let (youngest, oldest) = situation.age_range();
    loop {
        let days = rng.gen_range(youngest * 365..oldest * 365);
        let born = today - Duration::days(i64::from(days));
        let id = format!("{}-{:04}", born.format("%d%m%y"), rng.gen_range(0..10_000));
        if taken.insert(id.clone()) {
            return (id, born);
        }
    }
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

pub(crate) fn generate(place: Place<'_>, situation: Situation) -> Citizen {
    let Place {
        rng,
        taken,
        index,
        today,
        history,
        past_seed,
    } = place;
    let (national_id, born) = national_id(rng, taken, situation, today);
    let name = format!(
        "{} {}",
        FIRST_NAMES.choose(rng).expect("names"),
        SURNAMES.choose(rng).expect("names")
    );
    let (postcode, town) = *TOWNS.choose(rng).expect("towns");
    let address = format!(
        "{} {}, {postcode} {town}",
        STREETS.choose(rng).expect("streets"),
        rng.gen_range(1..120)
    );
    let mut b = Builder {
        today,
        index,
        history,
        national_id: national_id.clone(),
        records: Vec::new(),
    };

    // What every resident has.
    b.fact(
        CPR,
        "93.01",
        "name",
        text("Navn", "Name"),
        &[
            ("Navn", "Name", name.clone()),
            (
                "Fødselsdato",
                "Date of birth",
                born.format("%d.%m.%Y").to_string(),
            ),
        ],
    );
    let moved_days = rng.gen_range(200..3000);
    let moved = b.date(-moved_days);
    b.fact(
        CPR,
        "93.02",
        "address",
        text("Adresse", "Address"),
        &[("Adresse", "Address", address.clone())],
    )["details"]["valid_from"] = json!(moved);
    b.fact(
        CPR,
        "16.05",
        "health_insurance",
        text("Sundhedskort", "Health insurance card"),
        &[
            ("Læge", "Doctor", "Lægehuset Demo".to_owned()),
            ("Gruppe", "Group", "1".to_owned()),
        ],
    );
    b.add(
        SKAT,
        "document",
        "85.02",
        text("Årsopgørelse 2025", "Annual tax statement 2025"),
        json!({"category": "document", "date": b.date(-230), "sender": "Skattestyrelsen (demo)"}),
    );
    b.add(SKAT, "document", "85.01", text("Forskudsopgørelse 2027", "Tax assessment 2027"), json!({"category": "message", "date": b.date(-rng.gen_range(1..20)), "sender": "Skattestyrelsen (demo)"}));
    b.add(SKAT, "access_event", "85", text("Opslag i dine skatteoplysninger", "Look-up in your tax data"), json!({
        "organisation": "Skattestyrelsen (demo)", "system": "Skattemappen", "at": b.at(-rng.gen_range(1..60), 14, 5),
        "what": "Indkomstoplysninger", "purpose": "Kontrol af forskudsopgørelse", "legal_basis": "Skattekontrolloven § 1"}));

    match situation {
        Situation::Family => {
            for (child, age) in [("Barn A", 4), ("Barn B", 9)] {
                let child_born = today - Duration::days(365 * age + rng.gen_range(0..300));
                let (child_id, _) = loop {
                    // A sequence number from 4000 marks a child born in this century,
                    // by the CPR register's rule, so the number tells the right birthday.
                    let id = format!(
                        "{}-{:04}",
                        child_born.format("%d%m%y"),
                        rng.gen_range(4000..10_000)
                    );
                    if taken.insert(id.clone()) {
                        break (id, child_born);
                    }
                };
                let child_name = format!("{child} {}", name.split(' ').nth(1).unwrap_or(""));
                let custody = b.fact(
                    CPR,
                    "93.04",
                    "custody",
                    text("Forældremyndighed", "Custody"),
                    &[("Barn", "Child", child_name.clone())],
                );
                custody["details"]["related_person"] = json!(child_id);
                custody["details"]["related_person_name"] = json!(child_name);
                custody["details"]["relation"] = json!("child");
                child_records(&mut b, &child_id, &child_name, child_born, age);
            }
            let stage = any_stage(rng);
            b.case(
                rng,
                KOMMUNE,
                "28.15.02",
                text("Børnehaveplads", "Kindergarten place"),
                Stage::Decided,
            );
            b.add(KOMMUNE, "payment", "28.15", text("Forældrebetaling for børnehave", "Kindergarten fee"), json!({
                "date": b.date(next_month_start(today)), "direction": "from_citizen", "gross": 2650, "tax": 0, "net": 2650, "payment_status": "upcoming"}));
            b.add(
                KOMMUNE,
                "document",
                "17.01",
                text("Skoleplan for 3. klasse", "School plan for year 3"),
                json!({"category": "document", "date": b.date(-40), "sender": "Eksempelby Skole"}),
            );
            let meeting = rng.gen_range(3..25);
            b.add(KOMMUNE, "appointment", "17.01", text("Skole-hjem-samtale", "Parent-teacher meeting"), json!({
                "start": b.at(meeting, 16, 0), "end": b.at(meeting, 16, 30), "place": "Eksempelby Skole, lokale 12"}));
            b.case(
                rng,
                KOMMUNE,
                "02.34.03",
                text("Anmeldelse af carport", "Notice of a carport"),
                stage,
            );
            b.benefit(
                UDBETALING,
                "87.04",
                text("Børne- og ungeydelse", "Child benefit"),
                (4_800, 0),
                60,
            );
            b.add(KOMMUNE, "deadline", "28.16", text("Tilmelding til SFO", "Sign-up for after-school care"), json!({"due": b.date(rng.gen_range(7..30)), "action": "Tilmeld dit barn SFO inden fristen", "action_link": "https://eksempelby-kommune.example.dk/sfo"}));
        }
        Situation::Unemployed => {
            b.benefit(
                A_KASSE,
                "88.02",
                text("Dagpenge", "Unemployment benefit"),
                (19_728, 38),
                3 + (index % 16) as u32,
            );
            let start_day = rng.gen_range(2..12);
            b.add(KOMMUNE, "appointment", "15.04", text("Samtale i jobcentret", "Meeting at the job centre"), json!({
                "start": b.at(start_day, 10, 0), "end": b.at(start_day, 10, 45), "place": "Jobcenter Eksempelby, Prøvevej 1",
                "with_whom": "Jobkonsulent Demo", "bring": "Dit CV og din jobplan", "rebook_link": "https://eksempelby-kommune.example.dk/jobcenter/flyt"}));
            b.add(KOMMUNE, "deadline", "15.02", text("Upload dokumentation", "Upload documents"), json!({
                "due": b.date(rng.gen_range(3..10)), "action": "Upload dine lønsedler og dit CV på Jobnet", "action_link": "https://jobnet.example.dk/upload"}));
            b.case(
                rng,
                KOMMUNE,
                "15.04",
                text("Din jobplan", "Your job plan"),
                Stage::WaitingForCitizen,
            );
            b.add(A_KASSE, "payment", "88.06", text("Kontingent til a-kassen", "A-kasse membership fee"), json!({
                "date": b.date(next_month_start(today)), "direction": "from_citizen", "gross": 489, "tax": 0, "net": 489, "payment_status": "upcoming"}));
        }
        Situation::Pensioner => {
            b.benefit(
                UDBETALING,
                "87.01",
                text("Folkepension", "State pension"),
                (13_380, 37),
                60,
            );
            b.benefit(
                UDBETALING,
                "87.03",
                text("Boligstøtte", "Housing benefit"),
                (2_150, 0),
                48,
            );
            let day = rng.gen_range(3..21);
            b.add(REGION, "appointment", "89.02", text("Kontrol på øjenafdelingen", "Check-up at the eye clinic"), json!({
                "start": b.at(day, 9, 30), "end": b.at(day, 10, 15), "place": "Demo Hospital, indgang 4, øjenambulatoriet",
                "with_whom": "Øjenlæge Demo", "bring": "Dine briller og en liste over din medicin"}));
            b.case(
                rng,
                REGION,
                "89.01",
                text("Henvisning til øjenlæge", "Referral to an eye specialist"),
                Stage::InProgress,
            );
            b.case(
                rng,
                KOMMUNE,
                "27.01",
                text("Hjemmehjælp", "Home help"),
                Stage::Decided,
            );
        }
        Situation::Farmer => {
            b.fact(
                LANDBRUG,
                "91.01",
                "herd",
                text("Besætning", "Herd"),
                &[
                    ("CHR-nummer", "CHR number", format!("{}", 100_000 + b.index)),
                    ("Dyreart", "Species", "Malkekvæg".to_owned()),
                    (
                        "Antal dyr",
                        "Animals",
                        format!("{}", rng.gen_range(60..400)),
                    ),
                ],
            );
            b.fact(
                LANDBRUG,
                "92.02",
                "fishing_licence",
                text("Fritidsfiskertegn", "Leisure fishing licence"),
                &[("Gyldig til", "Valid until", b.date(200))],
            );
            b.case(
                rng,
                KOMMUNE,
                "02.34.02",
                text(
                    "Byggetilladelse til ny kostald",
                    "Building permit for a new cowshed",
                ),
                Stage::Appealed,
            );
            let report_by = rng.gen_range(5..20);
            b.add(
                LANDBRUG,
                "deadline",
                "91.01",
                text("Indberet dyretal", "Report your animal count"),
                json!({"due": b.date(report_by), "action": "Indberet antal dyr i CHR",
                       "action_link": "https://lfst.example.dk/chr"}),
            );
            b.case(
                rng,
                LANDBRUG,
                "91.02.01",
                text("Fællesskema 2026", "Single application 2026"),
                Stage::Decided,
            );
            b.add(LANDBRUG, "payment", "91.02", text("Grundbetaling", "Basic payment"), json!({"date": b.date(-25), "direction": "to_citizen", "gross": 186_000, "tax": 0, "net": 186_000, "payment_status": "paid"}));
            b.fact(
                SKAT,
                "85.05",
                "property",
                text("Ejendom", "Property"),
                &[(
                    "Ejendomsværdi",
                    "Property value",
                    "4.250.000 kr.".to_owned(),
                )],
            );
        }
        Situation::Student => {
            b.benefit(
                UDDANNELSE,
                "94.01",
                text("SU", "Student grant"),
                (7_086, 30),
                36,
            );
            b.add(UDDANNELSE, "document", "94.02", text("Optagelse på uddannelse", "Admission letter"), json!({"category": "message", "date": b.date(-120), "sender": "Den Koordinerede Tilmelding (demo)"}));
            b.add(UDDANNELSE, "deadline", "94.01", text("Bekræft din studieaktivitet", "Confirm you are studying"), json!({"due": b.date(rng.gen_range(5..25)), "action": "Bekræft på minSU, at du er studieaktiv", "action_link": "https://su.example.dk/minsu"}));
            b.add(BIBLIOTEK, "deadline", "95.01.02", text("Aflever lånte bøger", "Return borrowed books"), json!({"due": b.date(rng.gen_range(2..14)), "action": "Aflever eller forny 3 bøger"}));
        }
        Situation::Debtor => {
            b.add(GAELD, "debt", "86.01", text("Restskat sendt til inddrivelse", "Unpaid tax sent to collection"), json!({
                "creditor": "Skattestyrelsen (demo)", "principal": 18_400, "interest": 1_130.5, "fees": 300, "outstanding": 16_330.5,
                "due": b.date(-40), "debt_status": "instalments", "payment_link": "https://gaeld.example.dk/betal",
                "instalments": [{"date": b.date(-25), "amount": 1500, "paid": true}, {"date": b.date(5), "amount": 1500}, {"date": b.date(35), "amount": 1500}]}));
            b.case(
                rng,
                GAELD,
                "86.02",
                text("Afdragsordning", "Instalment plan"),
                Stage::Decided,
            );
            b.add(KOMMUNE, "payment", "25.07", text("Regning for dagtilbud", "Day-care bill"), json!({"date": b.date(-60), "direction": "from_citizen", "gross": 2650, "tax": 0, "net": 2650, "payment_status": "sent_to_collection"}));
            b.add(GAELD, "deadline", "86.02", text("Næste afdrag", "Next instalment"), json!({"due": b.date(5), "action": "Betal 1.500 kr. på din afdragsordning", "action_link": "https://gaeld.example.dk/betal"}));
        }
        Situation::Worker => {
            b.fact(
                SKAT,
                "85.03",
                "other",
                text("Skattekort", "Tax card"),
                &[
                    ("Trækprocent", "Withholding rate", "38 %".to_owned()),
                    (
                        "Fradrag pr. måned",
                        "Monthly allowance",
                        "4.300 kr.".to_owned(),
                    ),
                ],
            );
        }
    }

    // What many have, whatever their situation.
    if rng.gen_bool(0.6) {
        b.fact(
            MOTOR,
            "90.01",
            "vehicle",
            text("Køretøj", "Vehicle"),
            &[
                (
                    "Registreringsnummer",
                    "Registration",
                    format!("XX {} {}", rng.gen_range(10..99), rng.gen_range(100..999)),
                ),
                ("Mærke", "Make", "Demo Kombi".to_owned()),
            ],
        );
        b.add(MOTOR, "deadline", "90.02", text("Syn af bil", "Vehicle inspection"), json!({"due": b.date(rng.gen_range(10..90)), "action": "Få bilen synet hos et synsfirma"}));
    }
    if rng.gen_bool(0.5) {
        b.fact(
            MOTOR,
            "90.03",
            "driving_licence",
            text("Kørekort", "Driving licence"),
            &[
                ("Kategori", "Category", "B".to_owned()),
                ("Udløber", "Expires", b.date(rng.gen_range(100..3000))),
            ],
        );
    }
    if rng.gen_bool(0.5) {
        b.add(BIBLIOTEK, "document", "95.01", text("Reservering klar til afhentning", "Reservation ready for pick-up"), json!({"category": "message", "date": b.date(-2), "sender": "Eksempelby Bibliotekerne"}));
    }
    if rng.gen_bool(0.3) {
        let stage = any_stage(rng);
        b.case(
            rng,
            KOMMUNE,
            "18.07",
            text("Fritidspas", "Leisure pass"),
            stage,
        );
    }
    if rng.gen_bool(0.25) {
        let stage = any_stage(rng);
        b.case(
            rng,
            KOMMUNE,
            "03.02",
            text(
                "Opskrivning til almen bolig",
                "Waiting list for social housing",
            ),
            stage,
        );
    }
    if rng.gen_bool(0.1) {
        b.fact(
            LANDBRUG,
            "92.01",
            "fishing_licence",
            text("Lystfiskertegn", "Recreational fishing licence"),
            &[("Gyldig til", "Valid until", b.date(rng.gen_range(10..360)))],
        );
    }
    if rng.gen_bool(0.1) {
        b.fact(
            LANDBRUG,
            "91.01",
            "herd",
            text("Hobbydyr", "Hobby animals"),
            &[
                ("Dyreart", "Species", "Høns".to_owned()),
                ("Antal dyr", "Animals", format!("{}", rng.gen_range(3..20))),
            ],
        );
    }

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
