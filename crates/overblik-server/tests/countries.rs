//! A deployment in each identity scheme (CPR, DNI/NIE, BSN, isikukood), on each store: a
//! citizen reads their own records and never another's; a wrong identifier of the scheme, as
//! a subject or a related person, refuses its whole batch without repeating it; custody runs
//! until the 18th birthday the identifier encodes or the register gives. And what a provider
//! may send anywhere: amounts in any ISO 4217 currency, refunds below zero where a payment may
//! be one, texts in any BCP 47 language.
//!
//! Each test installs its deployment's country first thing; cargo-nextest runs every test in
//! a process of its own.

mod common;

use chrono::{Datelike, Months, NaiveDate, Utc};
use common::{Backend, POPULATION_REGISTER, TestApp, install_country, pointers, sign_in};
use hmac::{Hmac, Mac};
use overblik_model::{Country, Currency, IdScheme, Money, Preset, RecordId, SubjectKeySecret};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, ORIGIN};
use serde_json::{Value, json};
use sha2::Sha256;

/// A deployment in one identity scheme, and what its tests send.
struct Deployment {
    scheme: IdScheme,
    /// Two citizens, as they sign in.
    citizens: [&'static str; 2],
    /// The first citizen's identifier as a provider may also write it.
    also_written: &'static str,
    /// A code of the economy area in the deployment's catalogue.
    economy: &'static str,
    /// The code the population register keeps custody under, in that catalogue.
    custody: &'static str,
    /// How the scheme's form is described when an identifier does not have it.
    form: &'static str,
    /// Identifiers wrong in this scheme, each with the message it gets.
    wrong: &'static [(&'static str, &'static str)],
    /// 12,345.50 in the deployment's currency, as its first language writes it on a page.
    written: &'static str,
}

const CPR_FORM: &str = "must be ten digits written DDMMYY-SSSS";
const DNI_NIE_FORM: &str =
    "must be a DNI (eight digits and a letter) or an NIE (X, Y or Z, seven digits and a letter)";
const BSN_FORM: &str = "must be nine digits";
const ISIKUKOOD_FORM: &str = "must be eleven digits written GYYMMDDSSSC";

impl Deployment {
    fn of(scheme: IdScheme) -> Self {
        match scheme {
            IdScheme::Cpr => Self {
                scheme,
                citizens: ["010190-1234", "020285-2345"],
                also_written: "0101901234",
                economy: "85",
                custody: "93.04",
                form: CPR_FORM,
                wrong: &[
                    // 31 April, and 30 February: no year has them.
                    (
                        "310490-1234",
                        "does not start with a valid date of birth (DDMMYY)",
                    ),
                    (
                        "300290-1234",
                        "does not start with a valid date of birth (DDMMYY)",
                    ),
                    ("01019-1234", CPR_FORM),
                    ("010190-12345", CPR_FORM),
                    ("01a190-1234", CPR_FORM),
                ],
                written: "12.345,50 kr.",
            },
            IdScheme::DniNie => Self {
                scheme,
                citizens: ["12345678Z", "X1234567L"],
                also_written: "12345678-z",
                economy: "33",
                custody: "64",
                form: DNI_NIE_FORM,
                wrong: &[
                    ("12345678A", "its check letter does not match"),
                    ("X1234567A", "its check letter does not match"),
                    ("1234567Z", DNI_NIE_FORM),
                    ("123456789Z", DNI_NIE_FORM),
                    ("A1234567L", DNI_NIE_FORM),
                ],
                written: "12.345,50 €",
            },
            IdScheme::Bsn => Self {
                scheme,
                citizens: ["111222333", "123456782"],
                also_written: "1112.22.333",
                economy: "04",
                custody: "01",
                form: BSN_FORM,
                wrong: &[
                    ("111222334", "its check digit (eleven test) does not match"),
                    ("000000000", "its check digit (eleven test) does not match"),
                    ("1234567", BSN_FORM),
                    ("1234567890", BSN_FORM),
                ],
                written: "€12,345.50",
            },
            IdScheme::Isikukood => Self {
                scheme,
                citizens: ["37605030299", "49403136515"],
                also_written: "37605030299",
                economy: "85",
                custody: "93.04",
                form: ISIKUKOOD_FORM,
                wrong: &[
                    ("37605030298", "its check digit does not match"),
                    ("3760503029", ISIKUKOOD_FORM),
                    ("376050302999", ISIKUKOOD_FORM),
                    // 31 February, with the check digit that fits it.
                    ("37602310299", "does not encode a valid date of birth"),
                ],
                written: "12.345,50 €",
            },
        }
    }

    /// The country: a preset, or (isikukood, which none has) Denmark's catalogue with
    /// Estonia's scheme, currency and clocks.
    fn country(&self) -> Country {
        match self.scheme {
            IdScheme::Cpr => Preset::Dk.country(),
            IdScheme::DniNie => Preset::Cat.country(),
            IdScheme::Bsn => Preset::Nl.country(),
            IdScheme::Isikukood => {
                let mut country = Preset::Dk.country();
                country.scheme = IdScheme::Isikukood;
                country.currency = Currency::EUR;
                country.time_zone = chrono_tz::Europe::Tallinn;
                country
            }
        }
    }

    /// Installs the country and starts a server on `backend` that takes custody from the
    /// population register under the catalogue's custody code.
    async fn start(&self, backend: Backend) -> (&'static Country, TestApp) {
        let country = install_country(self.country());
        assert_eq!(country.scheme, self.scheme);
        let custody = self.custody;
        let app = TestApp::start_configured(backend, |settings| {
            settings.fact_authorities = common::custody_under(POPULATION_REGISTER, custody);
        })
        .await;
        (country, app)
    }

    /// Whether the scheme's identifiers encode their holder's birth date.
    fn encodes_birth_date(&self) -> bool {
        matches!(self.scheme, IdScheme::Cpr | IdScheme::Isikukood)
    }

    /// Three children of this scheme: born on `minor`, on `adult`, and a third (only the
    /// register knows when).
    fn children(&self, minor: NaiveDate, adult: NaiveDate) -> [String; 3] {
        match self.scheme {
            IdScheme::Cpr => [cpr_born(minor, 1), cpr_born(adult, 2), cpr_born(minor, 3)],
            IdScheme::Isikukood => [
                isikukood_born(minor, 1),
                isikukood_born(adult, 2),
                isikukood_born(minor, 3),
            ],
            IdScheme::DniNie => ["87654321X", "11223344B", "Y7654321G"].map(str::to_owned),
            IdScheme::Bsn => ["234567892", "987654329", "555444338"].map(str::to_owned),
        }
    }
}

/// A CPR number of someone born on `born` in this century (the seventh digit 4 says so for
/// the years 2000 to 2036).
fn cpr_born(born: NaiveDate, sequence: u32) -> String {
    assert!((2000..=2036).contains(&born.year()), "{born}");
    format!("{}-{}", born.format("%d%m%y"), 4000 + sequence)
}

/// An isikukood of a man born on `born`, with the check digit of its weights.
fn isikukood_born(born: NaiveDate, serial: u32) -> String {
    let sex_and_century = match born.year() {
        1900..=1999 => 3,
        2000..=2099 => 5,
        year => panic!("no isikukood for {year}"),
    };
    let first = format!("{sex_and_century}{}{serial:03}", born.format("%y%m%d"));
    let digits: Vec<u32> = first.bytes().map(|b| u32::from(b - b'0')).collect();
    let weighted = |weights: [u32; 10]| {
        digits
            .iter()
            .zip(weights)
            .map(|(digit, weight)| digit * weight)
            .sum::<u32>()
            % 11
    };
    let mut check = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
    if check == 10 {
        check = weighted([3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 10;
    }
    format!("{first}{check}")
}

// ---- what providers send ----

fn record(id: &str, subject: &str, kind: &str, classification: &str, details: Value) -> Value {
    json!({
        "id": id, "version": 1, "subject": subject, "kind": kind,
        "classification": classification, "updated_at": "2026-11-01T10:00:00Z",
        "title": {"en": id}, "details": details
    })
}

fn deadline(id: &str, subject: &str, classification: &str) -> Value {
    record(
        id,
        subject,
        "deadline",
        classification,
        json!({"due": "2026-12-01", "action": "Send the papers"}),
    )
}

fn payment(id: &str, subject: &str, classification: &str, amounts: [Value; 3]) -> Value {
    let [gross, tax, net] = amounts;
    record(
        id,
        subject,
        "payment",
        classification,
        json!({"date": "2026-11-15", "direction": "to_citizen", "gross": gross, "tax": tax,
               "net": net, "payment_status": "paid"}),
    )
}

fn debt(id: &str, subject: &str, classification: &str) -> Value {
    record(
        id,
        subject,
        "debt",
        classification,
        json!({"creditor": "The tax office", "principal": 1000, "interest": 12.5, "fees": 100,
               "outstanding": 1112.5, "due": "2026-12-20", "debt_status": "open"}),
    )
}

fn benefit(id: &str, subject: &str, classification: &str, per_period: [Value; 3]) -> Value {
    let [gross, tax, net] = per_period;
    record(
        id,
        subject,
        "benefit",
        classification,
        json!({"granted_from": "2026-01-01", "frequency": "monthly", "paid_in": "advance",
               "per_period": {"gross": gross, "tax": tax, "net": net}}),
    )
}

/// A register fact relating `subject` to `related`: custody of a child, or family.
fn relation(
    id: &str,
    fact: &str,
    subject: &str,
    related: &str,
    classification: &str,
    born: Option<NaiveDate>,
) -> Value {
    let mut details = json!({
        "fact": fact, "related_person": related, "related_person_name": id, "relation": "child",
        "attributes": [{"name": {"en": "Child"}, "value": id}]
    });
    if let Some(born) = born {
        details["related_person_born"] = json!(born.to_string());
    }
    record(id, subject, "register_fact", classification, details)
}

/// A provider with a token, sending batches as raw HTTP so every answer can be looked at.
struct Sender {
    token: String,
}

impl Sender {
    async fn register(app: &TestApp, id: &str, classifications: &[&str]) -> Self {
        let key = app.register(id, classifications).await;
        let token = app
            .client(key)
            .fetch_token()
            .await
            .expect("a token")
            .access_token;
        Self { token }
    }

    async fn send(&self, app: &TestApp, upserts: Vec<Value>) -> (StatusCode, String, Value) {
        let key = uuid::Uuid::new_v4().to_string();
        let response = app
            .post_batch(
                &self.token,
                "application/json",
                Some(&key),
                common::body(upserts),
            )
            .await;
        let status = response.status();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (
            status,
            content_type,
            response.json().await.unwrap_or(Value::Null),
        )
    }

    async fn accepted(&self, app: &TestApp, upserts: Vec<Value>) -> Value {
        let count = upserts.len();
        let (status, _, receipt) = self.send(app, upserts).await;
        assert_eq!(status, StatusCode::OK, "{receipt}");
        assert_eq!(receipt["upserted"], count, "{receipt}");
        receipt
    }

    /// Sends a batch that must be refused whole: 422 with a problem document, and the store
    /// holding exactly what it held before.
    async fn refused(&self, app: &TestApp, upserts: Vec<Value>) -> Value {
        let before = app.count().await;
        let (status, content_type, problem) = self.send(app, upserts).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(problem["status"], 422, "{problem}");
        assert_eq!(app.count().await, before, "nothing of the batch is stored");
        problem
    }
}

/// The details of a problem's errors, in its order.
fn details(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .expect("an errors list")
        .iter()
        .map(|error| error["detail"].as_str().expect("a detail").to_owned())
        .collect()
}

/// Fails if `problem` repeats `national_id`, whole, without its separators, or any six
/// characters of it in a row (a CPR number's birth date, a DNI's digits).
fn assert_not_repeated(problem: &Value, national_id: &str) {
    let text = problem.to_string();
    let normal: String = national_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    assert!(!text.contains(national_id), "{national_id} in {text}");
    for part in normal.as_bytes().windows(6.min(normal.len())) {
        let part = std::str::from_utf8(part).expect("ascii");
        assert!(!text.contains(part), "{part} of {national_id} in {text}");
    }
}

// ---- what a citizen reads ----

fn api(app: &TestApp, path: &str) -> String {
    app.url(&format!("/api/citizen/v1{path}"))
}

async fn get_json(client: &reqwest::Client, url: &str) -> (StatusCode, Value) {
    let response = client.get(url).send().await.expect("answers");
    let status = response.status();
    let text = response.text().await.expect("a body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// The store's ids of `national_id`'s records, by the provider's ids, in that order: `None`
/// for one not stored.
async fn ids_of(app: &TestApp, national_id: &str, source_ids: &[&str]) -> Vec<Option<RecordId>> {
    let stored = app.records_of(national_id).await;
    source_ids
        .iter()
        .map(|source| {
            stored
                .iter()
                .find(|record| record.record.id.as_str() == *source)
                .map(|record| record.id)
        })
        .collect()
}

/// The store's ids of all of `national_id`'s records, which are exactly `source_ids`.
async fn all_ids_of(app: &TestApp, national_id: &str, source_ids: &[&str]) -> Vec<RecordId> {
    assert_eq!(app.records_of(national_id).await.len(), source_ids.len());
    ids_of(app, national_id, source_ids)
        .await
        .into_iter()
        .zip(source_ids)
        .map(|(id, source)| id.unwrap_or_else(|| panic!("{source} is stored")))
        .collect()
}

/// The areas an overview shows records in, with how many.
fn areas_shown(overview: &Value) -> Vec<(String, u64)> {
    overview["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .filter(|area| area["records"].as_u64() > Some(0))
        .map(|area| {
            (
                area["area"].as_str().expect("an area").to_owned(),
                area["records"].as_u64().expect("a count"),
            )
        })
        .collect()
}

fn sorted(ids: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut ids: Vec<String> = ids.into_iter().collect();
    ids.sort();
    ids
}

/// The ids of the records a list answer names.
fn listed(answer: &Value) -> Vec<String> {
    sorted(
        answer["records"]
            .as_array()
            .expect("records")
            .iter()
            .map(|record| record["id"].as_str().expect("an id").to_owned()),
    )
}

/// `citizen` reads their overview, area, search and records through the API: exactly `own`,
/// never one of `others`.
async fn reads_only(app: &TestApp, citizen: &str, own: &[RecordId], others: &[RecordId]) {
    let (browser, _) = sign_in(app, citizen).await;
    let own_ids = sorted(own.iter().map(RecordId::to_string));

    let (status, overview) = get_json(&browser, &api(app, "/overview")).await;
    assert_eq!(status, StatusCode::OK, "{overview}");
    assert_eq!(
        areas_shown(&overview),
        [("economy".to_owned(), own.len() as u64)],
        "{overview}"
    );
    let attention: Vec<String> = overview["attention"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["record"].as_str().expect("a record").to_owned())
        .collect();
    assert!(!attention.is_empty(), "{overview}");
    assert!(
        attention.iter().all(|id| own_ids.contains(id)),
        "{attention:?} are the citizen's own: {own_ids:?}"
    );

    let (status, area) = get_json(&browser, &api(app, "/areas/economy")).await;
    assert_eq!(status, StatusCode::OK, "{area}");
    assert_eq!(listed(&area), own_ids, "{area}");

    // Every record's title names its kind: the search finds the citizen's deadline alone.
    let (status, found) = get_json(&browser, &api(app, "/search?q=deadline")).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    let found = listed(&found);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(own_ids.contains(&found[0]), "{found:?}");

    for id in own {
        let (status, view) = get_json(&browser, &api(app, &format!("/records/{id}"))).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        assert_eq!(view["id"], id.to_string());
    }
    for id in others {
        for path in [
            format!("/api/citizen/v1/records/{id}"),
            format!("/records/{id}"),
        ] {
            let response = browser.get(app.url(&path)).send().await.expect("answers");
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        }
    }
}

/// The tests run once per scheme and store: `NAME::SCHEME::STORE`.
macro_rules! in_each_scheme_on_each_backend {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                use overblik_model::IdScheme;
                use crate::common::Backend;

                macro_rules! both {
                    ($scheme:ident, $module:ident) => {
                        mod $module {
                            use super::*;

                            #[tokio::test]
                            async fn sqlite() {
                                super::super::$name(IdScheme::$scheme, Backend::Sqlite).await;
                            }

                            #[tokio::test]
                            async fn postgres() {
                                super::super::$name(IdScheme::$scheme, Backend::Postgres).await;
                            }
                        }
                    };
                }

                both!(Cpr, cpr);
                both!(DniNie, dni_nie);
                both!(Bsn, bsn);
                both!(Isikukood, isikukood);
            }
        )+
    };
}

// ---- identity schemes ----

async fn a_citizen_reads_only_their_own_records(scheme: IdScheme, backend: Backend) {
    let deployment = Deployment::of(scheme);
    let (country, app) = deployment.start(backend).await;
    let authority = Sender::register(&app, "authority", &[deployment.economy]).await;
    let [first, second] = deployment.citizens;
    let code = deployment.economy;
    let batch = || {
        vec![
            deadline("first-deadline", deployment.also_written, code),
            payment(
                "first-payment",
                first,
                code,
                [json!(12345.5), json!(2345.5), json!(10000)],
            ),
            debt("second-debt", second, code),
            deadline("second-deadline", second, code),
        ]
    };

    // An identifier wrong in this scheme, or one of another scheme, refuses the whole batch,
    // the others' valid records with it, and its error never repeats it.
    let foreign: Vec<(&str, &str)> = IdScheme::ALL
        .into_iter()
        .filter(|other| *other != scheme)
        .map(|other| (Deployment::of(other).citizens[0], deployment.form))
        .collect();
    for (wrong, message) in deployment.wrong.iter().copied().chain(foreign) {
        let mut upserts = batch();
        upserts.push(deadline("wrong-subject", wrong, code));
        let problem = authority.refused(&app, upserts).await;
        assert_eq!(pointers(&problem), ["/upserts/4/subject"], "{wrong}");
        assert_eq!(details(&problem), [message], "{wrong}");
        assert_not_repeated(&problem, wrong);
    }
    // The same of a related person, in a register fact.
    let register = Sender::register(&app, "register", &[deployment.custody]).await;
    for (wrong, message) in deployment.wrong.iter().copied() {
        let problem = register
            .refused(
                &app,
                vec![
                    relation("family", "family", first, second, deployment.custody, None),
                    relation("wrong", "family", first, wrong, deployment.custody, None),
                ],
            )
            .await;
        assert_eq!(
            pointers(&problem),
            ["/upserts/1/details/related_person"],
            "{wrong}"
        );
        assert_eq!(details(&problem), [message], "{wrong}");
        assert_not_repeated(&problem, wrong);
    }
    assert_eq!(app.count().await, 0);

    authority.accepted(&app, batch()).await;
    let own = all_ids_of(&app, first, &["first-deadline", "first-payment"]).await;
    let others = all_ids_of(&app, second, &["second-debt", "second-deadline"]).await;
    reads_only(&app, first, &own, &others).await;
    reads_only(&app, second, &others, &own).await;

    // A bare amount is in the deployment's currency, and a page writes it as its language does.
    let (browser, _) = sign_in(&app, first).await;
    let (status, view) = get_json(&browser, &api(&app, &format!("/records/{}", own[1]))).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(
        view["record"]["details"]["gross"],
        json!({"amount": 12345.5, "currency": country.currency.code()}),
        "{view}"
    );
    let (status, html) = common::page(&browser, &app.url(&format!("/records/{}", own[1]))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        Money::new(1_234_550, country.currency).written(country.language()),
        deployment.written
    );
    assert!(html.contains(deployment.written), "{html}");
}

async fn a_parent_reaches_a_minor_child_and_not_an_adult_one(scheme: IdScheme, backend: Backend) {
    let deployment = Deployment::of(scheme);
    let (country, app) = deployment.start(backend).await;
    let today = country.today(Utc::now());
    let born_minor = today
        .checked_sub_months(Months::new(10 * 12))
        .expect("a day");
    // Eighteen today: custody ended yesterday.
    let born_adult = today
        .checked_sub_months(Months::new(18 * 12))
        .expect("a day");
    let [minor, adult, unknown] = deployment.children(born_minor, born_adult);
    let parent = deployment.citizens[0];
    let register = Sender::register(&app, POPULATION_REGISTER, &[deployment.custody]).await;
    let custody = |id: &str, child: &str, born: NaiveDate| {
        // Where the identifier encodes the birth date it is the one that counts; elsewhere the
        // register gives it.
        let given = (!deployment.encodes_birth_date()).then_some(born);
        relation(id, "custody", parent, child, deployment.custody, given)
    };
    let mut facts = vec![
        custody("custody-minor", &minor, born_minor),
        custody("custody-adult", &adult, born_adult),
    ];
    if deployment.encodes_birth_date() {
        // A register's day of birth that makes the adult a minor is refused.
        let mut younger = custody("custody-younger", &adult, born_adult);
        younger["details"]["related_person_born"] = json!(born_minor.to_string());
        let mut upserts = facts.clone();
        upserts.push(younger);
        let problem = register.refused(&app, upserts).await;
        assert_eq!(
            pointers(&problem),
            ["/upserts/2/details/related_person_born"]
        );
    } else {
        // Without the register's day of birth custody cannot be timed, and gives nothing.
        facts.push(relation(
            "custody-unknown",
            "custody",
            parent,
            &unknown,
            deployment.custody,
            None,
        ));
    }
    register.accepted(&app, facts).await;
    let authority = Sender::register(&app, "authority", &[deployment.economy]).await;
    authority
        .accepted(
            &app,
            vec![
                deadline("minor-deadline", &minor, deployment.economy),
                deadline("adult-deadline", &adult, deployment.economy),
                deadline("unknown-deadline", &unknown, deployment.economy),
            ],
        )
        .await;
    let fact_ids = ids_of(
        &app,
        parent,
        &["custody-minor", "custody-adult", "custody-unknown"],
    )
    .await;
    let (minor_fact, adult_fact) = (fact_ids[0].expect("stored"), fact_ids[1].expect("stored"));
    let minor_record = ids_of(&app, &minor, &["minor-deadline"]).await[0].expect("stored");
    let adult_record = ids_of(&app, &adult, &["adult-deadline"]).await[0].expect("stored");

    let (browser, _) = sign_in(&app, parent).await;
    // The power-of-attorney form asks for the scheme's identifier by its own name, with the
    // keyboard it needs.
    let (status, form) = common::page(&browser, &app.url("/mandates/new?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    let label = match scheme {
        IdScheme::Cpr => "Their CPR number",
        IdScheme::DniNie => "Their DNI or NIE",
        IdScheme::Bsn => "Their BSN",
        IdScheme::Isikukood => "Their personal code",
    };
    assert!(form.contains(label), "{form}");
    assert_eq!(
        form.contains(r#"inputmode="numeric""#),
        scheme != IdScheme::DniNie,
        "{scheme:?}"
    );
    let (status, listed) = get_json(&browser, &api(&app, "/mandates")).await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    let bases: Vec<&str> = listed["can_act_for"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|person| person["basis"].as_str().expect("a basis"))
        .collect();
    assert_eq!(bases, [format!("custody-{minor_fact}")], "{listed}");

    let act = |basis: String| {
        browser
            .put(api(&app, "/acting"))
            .header(ORIGIN, &app.base_url)
            .json(&json!({ "basis": basis }))
            .send()
    };
    let of_age = act(format!("custody-{adult_fact}")).await.expect("answers");
    assert_eq!(of_age.status(), StatusCode::UNPROCESSABLE_ENTITY);
    if let Some(unknown_fact) = fact_ids[2] {
        let untimed = act(format!("custody-{unknown_fact}"))
            .await
            .expect("answers");
        assert_eq!(untimed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let acting = act(format!("custody-{minor_fact}")).await.expect("answers");
    assert_eq!(acting.status(), StatusCode::OK);
    let (status, overview) = get_json(&browser, &api(&app, "/overview")).await;
    assert_eq!(status, StatusCode::OK, "{overview}");
    assert_eq!(
        areas_shown(&overview),
        [("economy".to_owned(), 1)],
        "{overview}"
    );
    let (status, shown) = get_json(&browser, &api(&app, &format!("/records/{minor_record}"))).await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    let (status, _) = get_json(&browser, &api(&app, &format!("/records/{adult_record}"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

in_each_scheme_on_each_backend!(
    a_citizen_reads_only_their_own_records,
    a_parent_reaches_a_minor_child_and_not_an_adult_one,
);

/// The API documents describe the deployment's identifiers: a provider and a citizen read a
/// DNI/NIE pattern and example in Catalonia, not a CPR number's.
#[test]
fn the_api_documents_give_the_deployments_identifier() {
    install_country(Preset::Cat.country());
    for (document, schema, field) in [
        (
            overblik_server::provider::document(),
            "UpsertRequest",
            "subject",
        ),
        (
            overblik_server::citizen_api::document(),
            "GrantRequest",
            "holder_national_id",
        ),
    ] {
        // A flattened record makes the provider's request an `allOf`.
        let schema = &document["components"]["schemas"][schema];
        let property = std::iter::once(schema)
            .chain(schema["allOf"].as_array().into_iter().flatten())
            .map(|part| &part["properties"][field])
            .find(|property| !property.is_null())
            .expect("the field");
        assert_eq!(
            property["pattern"],
            IdScheme::DniNie.pattern(),
            "{schema}: {property}"
        );
        assert_eq!(property["example"], "12345678Z", "{schema}: {property}");
    }
}

/// A CPR number's subject key is what it was before there were other schemes (HMAC-SHA256
/// over its ten digits), so a Danish deployment's stored records stay its citizens'.
#[test]
fn a_cpr_numbers_subject_key_is_the_one_it_always_was() {
    let mut mac = Hmac::<Sha256>::new_from_slice(common::SUBJECT_SECRET).expect("any length");
    mac.update(b"0101901234");
    let before: [u8; 32] = mac.finalize().into_bytes().into();
    for written in ["010190-1234", "0101901234"] {
        assert_eq!(common::subject(written).as_bytes(), &before, "{written}");
    }
    // Another scheme's key is over its name and the identifier, so no two schemes' digits
    // can make the same key.
    let secret = SubjectKeySecret::new(common::SUBJECT_SECRET.to_vec()).expect("long enough");
    let bsn = IdScheme::Bsn.parse("111222333").expect("a BSN");
    let mut mac = Hmac::<Sha256>::new_from_slice(common::SUBJECT_SECRET).expect("any length");
    mac.update(b"111222333");
    let bare: [u8; 32] = mac.finalize().into_bytes().into();
    assert_ne!(secret.subject_key(&bsn).as_bytes(), &bare);
}

// ---- money and texts, in a Danish deployment ----

const CITIZEN: &str = "010190-1234";

fn euros(amount: Value) -> Value {
    json!({"amount": amount, "currency": "EUR"})
}

async fn amounts_carry_their_currency_and_a_refund_its_sign(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    let tax = Sender::register(&app, "tax", &["85"]).await;
    let mut credit_note = debt("credit-note", CITIZEN, "85");
    for (field, amount) in [
        ("principal", -100),
        ("interest", 0),
        ("fees", 0),
        ("outstanding", -100),
    ] {
        credit_note["details"][field] = euros(json!(amount));
    }
    tax.accepted(
        &app,
        vec![
            payment(
                "refund",
                CITIZEN,
                "85",
                [euros(json!(-12.5)), euros(json!(0)), euros(json!(-12.5))],
            ),
            payment(
                "kroner",
                CITIZEN,
                "85",
                [json!(12345.5), json!(2345.5), json!(10000)],
            ),
            credit_note,
        ],
    )
    .await;
    let [refund, kroner, credit_note] =
        all_ids_of(&app, CITIZEN, &["refund", "kroner", "credit-note"])
            .await
            .try_into()
            .expect("three");
    let stored = app.records_of(CITIZEN).await;
    let refund_stored = stored
        .iter()
        .find(|record| record.id == refund)
        .expect("stored");
    let overblik_model::RecordDetails::Payment(payment) = &refund_stored.record.details else {
        panic!("a payment: {refund_stored:?}");
    };
    assert_eq!(payment.amounts.gross, Money::new(-1250, Currency::EUR));
    assert_eq!(payment.amounts.net, Money::new(-1250, Currency::EUR));

    let (browser, _) = sign_in(&app, CITIZEN).await;
    let read = |id: RecordId| {
        let browser = browser.clone();
        let url = api(&app, &format!("/records/{id}"));
        async move {
            let (status, view) = get_json(&browser, &url).await;
            assert_eq!(status, StatusCode::OK, "{view}");
            view["record"]["details"].clone()
        }
    };
    let details = read(refund).await;
    assert_eq!(details["gross"], euros(json!(-12.5)), "{details}");
    assert_eq!(details["tax"]["currency"], "EUR", "{details}");
    assert_eq!(details["net"], euros(json!(-12.5)), "{details}");
    let details = read(kroner).await;
    assert_eq!(
        details["gross"],
        json!({"amount": 12345.5, "currency": "DKK"}),
        "{details}"
    );
    let details = read(credit_note).await;
    assert_eq!(details["principal"], euros(json!(-100.0)), "{details}");
    assert_eq!(details["outstanding"], euros(json!(-100.0)), "{details}");

    // Each language writes each currency its own way; the sign stays.
    for (id, language, written) in [
        (refund, "da", "-12,50 €"),
        (refund, "en", "-€12.50"),
        (kroner, "da", "12.345,50 kr."),
        (kroner, "en", "DKK 12,345.50"),
    ] {
        let (status, html) = common::page(
            &browser,
            &app.url(&format!("/records/{id}?lang={language}")),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(written), "{written} in {html}");
    }
}

async fn wrong_amounts_are_refused_naming_the_field(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    let tax = Sender::register(&app, "tax", &["85"]).await;
    let mut planned_below_zero =
        benefit("planned", CITIZEN, "85", [json!(100), json!(20), json!(80)]);
    planned_below_zero["details"]["payment_plan"] =
        json!([{"date": "2026-12-01", "gross": 100, "tax": 150, "net": -50}]);
    let mut instalment_below_zero = debt("instalment", CITIZEN, "85");
    instalment_below_zero["details"]["instalments"] =
        json!([{"date": "2026-12-01", "amount": 500}, {"date": "2027-01-01", "amount": -50}]);
    let mut debt_in_two_currencies = debt("two", CITIZEN, "85");
    debt_in_two_currencies["details"]["principal"] = euros(json!(1000));
    let mut instalment_in_euros = debt("instalment", CITIZEN, "85");
    instalment_in_euros["details"]["instalments"] = json!([{"date": "2026-12-01", "amount": 500}, {"date": "2027-01-01", "amount": euros(json!(50))}]);
    let mut planned_in_euros =
        benefit("planned", CITIZEN, "85", [json!(100), json!(20), json!(80)]);
    planned_in_euros["details"]["payment_plan"] = json!([{"date": "2026-12-01",
        "gross": euros(json!(100)), "tax": euros(json!(20)), "net": euros(json!(80))}]);
    let in_currency = |code: &str| json!({"amount": 10, "currency": code});
    let cases: Vec<(&str, Value, Vec<&str>)> = vec![
        (
            "a benefit below zero",
            benefit("b", CITIZEN, "85", [json!(-100), json!(0), json!(-100)]),
            vec![
                "/upserts/1/details/per_period/gross",
                "/upserts/1/details/per_period/net",
            ],
        ),
        (
            "a benefit below zero in euros",
            benefit(
                "b",
                CITIZEN,
                "85",
                [euros(json!(-100)), euros(json!(0)), euros(json!(-100))],
            ),
            vec![
                "/upserts/1/details/per_period/gross",
                "/upserts/1/details/per_period/net",
            ],
        ),
        (
            "a planned payment below zero",
            planned_below_zero,
            vec!["/upserts/1/details/payment_plan/0/net"],
        ),
        (
            "an instalment below zero",
            instalment_below_zero,
            vec!["/upserts/1/details/instalments/1/amount"],
        ),
        (
            "an unknown currency",
            payment(
                "p",
                CITIZEN,
                "85",
                [in_currency("XYZ"), euros(json!(0)), euros(json!(10))],
            ),
            vec!["/upserts/1/details/gross/currency"],
        ),
        (
            "a currency in lower case",
            payment(
                "p",
                CITIZEN,
                "85",
                [euros(json!(10)), in_currency("eur"), euros(json!(0))],
            ),
            vec!["/upserts/1/details/tax/currency"],
        ),
        (
            "gross, tax and net in two currencies",
            payment(
                "p",
                CITIZEN,
                "85",
                [euros(json!(100)), json!(20), euros(json!(80))],
            ),
            vec!["/upserts/1/details/tax"],
        ),
        (
            "a debt in two currencies",
            debt_in_two_currencies,
            vec![
                "/upserts/1/details/interest",
                "/upserts/1/details/fees",
                "/upserts/1/details/outstanding",
            ],
        ),
        (
            "an instalment in another currency than the debt",
            instalment_in_euros,
            vec!["/upserts/1/details/instalments/1/amount"],
        ),
        (
            "a planned payment in another currency than the benefit",
            planned_in_euros,
            vec!["/upserts/1/details/payment_plan/0/gross"],
        ),
    ];
    for (name, wrong, expected) in cases {
        let problem = tax
            .refused(&app, vec![deadline("fine", CITIZEN, "85"), wrong])
            .await;
        assert_eq!(pointers(&problem), expected, "{name}: {problem}");
    }
    assert_eq!(app.count().await, 0);
}

async fn texts_come_in_any_language_by_its_tag(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    let tax = Sender::register(&app, "tax", &["85"]).await;
    let mut dutch = deadline("dutch", CITIZEN, "85");
    dutch["title"] = json!({"nl": "Aangifte inkomstenbelasting", "en": "Income tax return"});
    let mut catalan = deadline("catalan", CITIZEN, "85");
    catalan["title"] = json!({"ca-ES": "Declaració de la renda"});
    catalan["status"] = json!({"ca-ES": "Pendent"});
    let mut english = deadline("english", CITIZEN, "85");
    english["title"] = json!({"english": "Income tax return"});
    let problem = tax
        .refused(&app, vec![dutch.clone(), catalan.clone(), english])
        .await;
    assert_eq!(
        pointers(&problem),
        ["/upserts/2/title/english"],
        "{problem}"
    );
    assert_eq!(app.count().await, 0);

    tax.accepted(&app, vec![dutch, catalan]).await;
    let [dutch, catalan] = all_ids_of(&app, CITIZEN, &["dutch", "catalan"])
        .await
        .try_into()
        .expect("two");
    let (browser, _) = sign_in(&app, CITIZEN).await;
    for (id, language, title, given) in [
        (
            dutch,
            "en",
            "Income tax return",
            json!({"en": "Income tax return", "nl": "Aangifte inkomstenbelasting"}),
        ),
        // No Danish: the deployment's language has none either, so English.
        (
            dutch,
            "da",
            "Income tax return",
            json!({"en": "Income tax return", "nl": "Aangifte inkomstenbelasting"}),
        ),
        (
            catalan,
            "ca",
            "Declaració de la renda",
            json!({"ca-ES": "Declaració de la renda"}),
        ),
        // The one language there is, for anyone.
        (
            catalan,
            "da",
            "Declaració de la renda",
            json!({"ca-ES": "Declaració de la renda"}),
        ),
    ] {
        let (status, view) = get_json(
            &browser,
            &api(&app, &format!("/records/{id}?lang={language}")),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{view}");
        assert_eq!(view["title"], title, "{language}: {view}");
        assert_eq!(view["record"]["title"], given, "{view}");
    }
    let (status, area) = get_json(&browser, &api(&app, "/areas/economy?lang=es")).await;
    assert_eq!(status, StatusCode::OK, "{area}");
    let statuses: Vec<&Value> = area["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|record| &record["status"])
        .collect();
    assert!(statuses.contains(&&json!("Pendent")), "{area}");

    // A page marks a provider's text in another language than its own, for screen readers.
    let (_, page) = common::page(&browser, &app.url(&format!("/records/{catalan}?lang=en"))).await;
    assert!(
        page.contains(r#"<h1 lang="ca-ES">Declaració de la renda</h1>"#),
        "{page}"
    );
    let (_, page) = common::page(&browser, &app.url(&format!("/records/{dutch}?lang=en"))).await;
    assert!(page.contains("<h1>Income tax return</h1>"), "{page}");
    let (_, page) = common::page(&browser, &app.url("/areas/economy?lang=en")).await;
    assert!(
        page.contains(r#" lang="ca-ES">Declaració de la renda</a>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<span class="status" lang="ca-ES">Pendent</span>"#),
        "{page}"
    );
}

/// "Today" is the deployment's own. Of UTC+14 (Kiritimati) and UTC-11 (Pago Pago) the test
/// takes one whose date now differs from Copenhagen's (at every moment one does), so a rule
/// that still counted days in Copenhagen would list a deadline wrongly.
async fn today_is_the_deployments_own(backend: Backend) {
    let copenhagen = Utc::now()
        .with_timezone(&chrono_tz::Europe::Copenhagen)
        .date_naive();
    let zone = [
        chrono_tz::Pacific::Kiritimati,
        chrono_tz::Pacific::Pago_Pago,
    ]
    .into_iter()
    .find(|zone| Utc::now().with_timezone(zone).date_naive() != copenhagen)
    .expect("one of the two is on another day than Copenhagen");
    let mut country = Preset::Dk.country();
    country.time_zone = zone;
    install_country(country);
    let app = TestApp::start_on(backend).await;
    let tax = Sender::register(&app, "tax", &["85"]).await;
    let today = Utc::now().with_timezone(&zone).date_naive();
    let due = |id: &str, day: NaiveDate| {
        let mut deadline = deadline(id, CITIZEN, "85");
        deadline["details"]["due"] = json!(day.to_string());
        deadline
    };
    let yesterday = today.pred_opt().expect("a day");
    tax.accepted(&app, vec![due("yesterday", yesterday), due("today", today)])
        .await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let (status, overview) = get_json(&browser, &api(&app, "/overview")).await;
    assert_eq!(status, StatusCode::OK, "{overview}");
    let kind_of = |title: &str| {
        overview["attention"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|item| item["title"] == title)
            .map(|item| item["kind"].clone())
    };
    assert_eq!(
        kind_of("yesterday"),
        Some(json!("overdue_deadline")),
        "{zone}: {overview}"
    );
    assert_eq!(
        kind_of("today"),
        Some(json!("deadline")),
        "{zone}: {overview}"
    );
    // The overview page counts days from the same today: "today, 5 Dec 2026".
    let (status, page) = common::page(&browser, &app.url("/?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    for (said, day) in [("today", today), ("yesterday", yesterday)] {
        let shown = format!("{said}, {}", day.format("%-d %b %Y"));
        assert!(page.contains(&shown), "{zone}: no {shown:?} in {page}");
    }
}

on_each_backend!(
    today_is_the_deployments_own,
    amounts_carry_their_currency_and_a_refund_its_sign,
    wrong_amounts_are_refused_naming_the_field,
    texts_come_in_any_language_by_its_tag,
);
