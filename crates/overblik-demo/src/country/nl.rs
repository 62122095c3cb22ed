//! The Netherlands: the Gemeente Den Haag and the national bodies, in Dutch and English,
//! under the Dutch catalogue (`catalogues/nl.toml`): 01-39 the gemeente, 40-89 national
//! bodies, 99 the other codes. Citizens have a BSN; amounts are in euros, with a refund (a
//! negative payment) and a credit note (a negative debt) among them.

use super::{
    CaseWords, Data, Debt, Debtor, Extras, Fact, Family, Farmer, Grant, Known, LookUp, Meeting,
    Past, Payment, Pensioner, People, Resident, Service, Student, Task, Unemployed, Words, Worker,
    at, letter, look_up, of, task, whole,
};
use crate::authorities::{AuthoritativeFact, Authority};
use crate::identity::Scheme;
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

const GEMEENTE: &str = "gemeente-den-haag";
const GGD: &str = "ggd-haaglanden";
const BELASTINGDIENST: &str = "belastingdienst";
const TOESLAGEN: &str = "dienst-toeslagen";
const UWV: &str = "uwv";
const SVB: &str = "svb";
const DUO: &str = "duo";
const RDW: &str = "rdw";
const CJIB: &str = "cjib";
const CAK: &str = "cak";
const RVO: &str = "rvo";
const DONORREGISTER: &str = "donorregister";

const AUTHORITIES: &[Authority] = &[
    Authority {
        id: GEMEENTE,
        name: "Gemeente Den Haag",
        homepage: "https://www.denhaag.nl",
        classifications: &[
            "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14",
            "15", "16", "17",
        ],
    },
    Authority {
        id: GGD,
        name: "GGD Haaglanden",
        homepage: "https://www.ggdhaaglanden.nl",
        classifications: &["12.03"],
    },
    Authority {
        id: BELASTINGDIENST,
        name: "Belastingdienst",
        homepage: "https://www.belastingdienst.nl",
        classifications: &["40"],
    },
    Authority {
        id: TOESLAGEN,
        name: "Dienst Toeslagen",
        homepage: "https://www.belastingdienst.nl/toeslagen",
        classifications: &["41"],
    },
    Authority {
        id: UWV,
        name: "UWV",
        homepage: "https://www.uwv.nl",
        classifications: &["42"],
    },
    Authority {
        id: SVB,
        name: "Sociale Verzekeringsbank (SVB)",
        homepage: "https://www.svb.nl",
        classifications: &["43"],
    },
    Authority {
        id: DUO,
        name: "Dienst Uitvoering Onderwijs (DUO)",
        homepage: "https://duo.nl",
        classifications: &["44"],
    },
    Authority {
        id: RDW,
        name: "RDW",
        homepage: "https://www.rdw.nl",
        classifications: &["45"],
    },
    Authority {
        id: CJIB,
        name: "Centraal Justitieel Incassobureau (CJIB)",
        homepage: "https://www.cjib.nl",
        classifications: &["46"],
    },
    Authority {
        id: CAK,
        name: "CAK",
        homepage: "https://www.hetcak.nl",
        classifications: &["47"],
    },
    Authority {
        id: RVO,
        name: "Rijksdienst voor Ondernemend Nederland (RVO)",
        homepage: "https://www.rvo.nl",
        classifications: &["49", "50"],
    },
    // Its register has no code of its own in the catalogue, so it uses the health area's
    // other code.
    Authority {
        id: DONORREGISTER,
        name: "Donorregister",
        homepage: "https://www.donorregister.nl",
        classifications: &["99.04"],
    },
];

/// Parental authority (gezag) counts only from the municipality's population register,
/// under births.
const AUTHORITATIVE_FACTS: &[AuthoritativeFact] = &[("custody", GEMEENTE, &["03.01"])];

const FIRST_NAMES: &[&str] = &[
    "Sanne", "Daan", "Emma", "Lars", "Fleur", "Bram", "Anouk", "Thijs", "Lotte", "Jeroen", "Inge",
    "Pieter", "Marieke", "Joost", "Wouter", "Priya", "Sevda", "Mohamed", "Fatima", "Kevin",
];
const SURNAMES: &[&str] = &[
    "de Vries",
    "Jansen",
    "de Jong",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "van den Berg",
    "Dekker",
    "Bos",
    "Vermeulen",
    "Hendriks",
    "Yılmaz",
];
const STREETS: &[&str] = &[
    "Laan van Meerdervoort",
    "Weimarstraat",
    "Fahrenheitstraat",
    "Frederik Hendriklaan",
    "Prinsegracht",
    "Stationsweg",
    "Loosduinseweg",
    "Hoefkade",
];
/// The letters of a postcode's second part.
const POSTCODE_LETTERS: &[u8] = b"ABCEGHJKLMNPRTVWXZ";

fn name(rng: &mut StdRng) -> String {
    format!(
        "{} {}",
        FIRST_NAMES.choose(rng).expect("names"),
        SURNAMES.choose(rng).expect("names")
    )
}

fn letters(rng: &mut StdRng, count: usize) -> String {
    (0..count)
        .map(|_| char::from(*POSTCODE_LETTERS.choose(rng).expect("letters")))
        .collect()
}

fn address(rng: &mut StdRng) -> String {
    let street = STREETS.choose(rng).expect("streets");
    let number = rng.gen_range(1..300);
    let postcode = rng.gen_range(2491..2600);
    format!("{street} {number}, {postcode} {} Den Haag", letters(rng, 2))
}

fn earlier_address(rng: &mut StdRng) -> String {
    format!(
        "{} {}, {}",
        ["Oudegracht", "Kerkstraat", "Dorpsweg"][rng.gen_range(0..3)],
        rng.gen_range(1..90),
        ["Utrecht", "Delft", "Leiden", "Zoetermeer"][rng.gen_range(0..4)]
    )
}

/// A registration in the form of recent years: two digits, three letters, one digit.
fn plate(rng: &mut StdRng) -> String {
    let (first, last) = (rng.gen_range(10..100), rng.gen_range(1..10));
    format!("{first}-{}-{last}", letters(rng, 3))
}

/// What a look-up in the past is called.
const LOOKED_UP: Words = ("Inzage in uw gegevens", "Look-up in your data");
const ADDRESS: [Words; 1] = [("Adres", "Address")];
const VALID_UNTIL: [Words; 1] = [("Geldig tot", "Valid until")];
const LIBRARY: &str = "Bibliotheek Den Haag";
const BOOKS: Words = ("Lever geleende boeken in", "Return borrowed books");
const RESERVATION: Words = ("Reservering ligt klaar", "Reservation ready for pick-up");
const SCHOOL: &str = "Basisschool De Demo";
const UWV_OFFICE: &str = "UWV Den Haag, Prinses Beatrixlaan 23";
const CJIB_PAYMENT: &str = "https://cjib.example.nl/betalen";

const APK: Task = task(
    of(
        RDW,
        "45.02",
        ("APK-keuring", "Periodic vehicle inspection (APK)"),
    ),
    "Laat uw auto keuren bij een APK-keuringsstation",
    None,
);

pub(crate) static DATA: Data = Data {
    languages: ["nl", "en"],
    authorities: AUTHORITIES,
    authoritative_facts: AUTHORITATIVE_FACTS,
    scheme: Scheme::Bsn,
    identifiers: "BSNs",
    example_batch: None,
    people: People {
        name,
        address,
        earlier_address,
        born_format: "%d-%m-%Y",
    },
    service: Service {
        domain: "example.nl",
        self_service: "mijn-omgeving",
        receipt: "documenten/ontvangstbevestiging",
        contact: ("Klantcontactcentrum", "+31 70 000 00 00"),
        granted_because: ("U voldoet aan de voorwaarden", "You meet the conditions"),
        account_hint: "****5678",
    },
    case: CaseWords {
        received: ("Ontvangen", "Received"),
        in_progress: ("In behandeling", "In progress"),
        waiting_for_you: ("Wacht op u", "Waiting for you"),
        decided: ("Besluit genomen", "Decided"),
        appeal_received: ("Bezwaar ontvangen", "Objection received"),
        processing: (
            "Wij behandelen uw aanvraag",
            "We are processing your application",
        ),
        send_missing: (
            "Stuur ons de ontbrekende gegevens",
            "Send us the missing information",
        ),
        appeal_handled: (
            "De bezwaarcommissie behandelt uw bezwaar",
            "The objections committee is handling your objection",
        ),
        case_worker: "Behandelaar Demo",
        org_unit: "Klantcontactcentrum",
        granted: "Uw aanvraag is toegekend.",
        application_received: "Aanvraag ontvangen",
        case_informed: "Aanvraag compleet",
        decision_sent: "Besluit verstuurd",
        receipt: "Ontvangstbevestiging",
        decision: "Besluit",
    },
    resident: Resident {
        name: Fact {
            of: of(GEMEENTE, "01.01", ("Naam", "Name")),
            fact: "name",
            names: [("Naam", "Name"), ("Geboortedatum", "Date of birth")],
        },
        address: Fact {
            of: of(GEMEENTE, "01.02", ("Woonadres", "Home address")),
            fact: "address",
            names: ADDRESS,
        },
        health: Known {
            fact: Fact {
                of: of(
                    DONORREGISTER,
                    "99.04",
                    (
                        "Registratie in het Donorregister",
                        "Organ donor registration",
                    ),
                ),
                fact: "other",
                names: [("Keuze", "Choice"), ("Vastgelegd door", "Recorded by")],
            },
            values: ["Ja, ik word donor", "Uzelf"],
        },
        tax_statement: letter(
            of(
                BELASTINGDIENST,
                "40.03",
                (
                    "Definitieve aanslag inkomstenbelasting {year}",
                    "Final income tax assessment {year}",
                ),
            ),
            "document",
            "Belastingdienst",
        ),
        tax_assessment: letter(
            of(
                BELASTINGDIENST,
                "40.02",
                (
                    "Voorlopige aanslag {year}",
                    "Provisional tax assessment {year}",
                ),
            ),
            "message",
            "Belastingdienst",
        ),
        look_up: LookUp {
            of: of(
                BELASTINGDIENST,
                "40",
                ("Inzage in uw belastinggegevens", "Look-up in your tax data"),
            ),
            organisation: "Belastingdienst",
            system: "Mijn Belastingdienst",
            what: "Inkomensgegevens",
            purpose: "Controle voorlopige aanslag",
            legal_basis: Some("Algemene wet inzake rijksbelastingen, art. 47"),
        },
    },
    family: Family {
        summary: "parent of two (see their overviews under Acting for others): playgroup, school, child budget, a tree-felling permit, a credit note",
        children: [("Emma", 5), ("Daan", 9)],
        baby: "Sem",
        custody: Fact {
            of: of(GEMEENTE, "03.01", ("Gezag", "Parental authority")),
            fact: "custody",
            names: [("Kind", "Child")],
        },
        relation: "kind",
        child_check_up: at(
            of(
                GGD,
                "12.03",
                (
                    "Afspraak bij het consultatiebureau",
                    "Appointment at the child health clinic",
                ),
            ),
            "Consultatiebureau Demo, Den Haag",
        ),
        pupil_plan: letter(
            of(GEMEENTE, "13", ("Schoolrapport", "School report")),
            "document",
            SCHOOL,
        ),
        place_confirmed: letter(
            of(
                GEMEENTE,
                "14.01",
                (
                    "Plaats op de peuteropvang bevestigd",
                    "Playgroup place confirmed",
                ),
            ),
            "message",
            "Gemeente Den Haag, Peuteropvang",
        ),
        daycare_place: of(
            GEMEENTE,
            "14.01",
            ("Aanmelding peuteropvang", "Playgroup application"),
        ),
        daycare_fee: Payment {
            of: of(
                GEMEENTE,
                "14.01",
                (
                    "Ouderbijdrage peuteropvang",
                    "Parental contribution for the playgroup",
                ),
            ),
            amount: whole(52) + 80,
        },
        school_plan: letter(
            of(
                GEMEENTE,
                "13",
                ("Jaarplanning groep 5", "Year planning for group 5"),
            ),
            "document",
            SCHOOL,
        ),
        parent_meeting: at(
            of(
                GEMEENTE,
                "13",
                ("Tienminutengesprek", "Parent-teacher meeting"),
            ),
            "Basisschool De Demo, lokaal 12",
        ),
        building_notice: of(
            GEMEENTE,
            "07.01.02",
            (
                "Kapvergunning voor een boom in de tuin",
                "Permit to fell a tree in the garden",
            ),
        ),
        child_benefit: Grant {
            of: of(
                TOESLAGEN,
                "41.04",
                ("Kindgebonden budget", "Child-related budget"),
            ),
            gross: 240,
            tax_pct: 0,
        },
        sign_up: task(
            of(
                GEMEENTE,
                "10.03",
                (
                    "Vraag de vergoeding voor schoolkosten aan",
                    "Apply for the school costs allowance",
                ),
            ),
            "Vraag vóór de sluitingsdatum de vergoeding voor schoolkosten aan",
            Some("https://gemeente-den-haag.example.nl/schoolkosten"),
        ),
        parental_benefit: Grant {
            of: of(
                UWV,
                "42",
                (
                    "Zwangerschaps- en bevallingsuitkering",
                    "Pregnancy and maternity benefit",
                ),
            ),
            gross: 2_900,
            tax_pct: 37,
        },
        credit_note: Some(Debt {
            of: of(
                GEMEENTE,
                "04.06",
                (
                    "Creditnota afvalstoffenheffing na kwijtschelding",
                    "Credit note for the waste charge after remission",
                ),
            ),
            creditor: "Gemeente Den Haag",
            principal: -(whole(96) + 40),
            interest: 0,
            fees: 0,
            outstanding: -(whole(96) + 40),
            payment_link: None,
        }),
    },
    unemployed: Unemployed {
        summary: "unemployed on WW benefit: a meeting with the job coach and income to report soon",
        benefit: Grant {
            of: of(UWV, "42.01", ("WW-uitkering", "Unemployment benefit (WW)")),
            gross: 2_214,
            tax_pct: 37,
        },
        meeting: Meeting {
            of: of(
                UWV,
                "42.05",
                ("Gesprek met uw werkcoach", "Meeting with your job coach"),
            ),
            place: UWV_OFFICE,
            with_whom: Some("Werkcoach Demo"),
            bring: Some("Uw cv en uw identiteitsbewijs"),
            rebook_link: Some("https://uwv.example.nl/afspraak-verzetten"),
        },
        upload: task(
            of(
                UWV,
                "42.01",
                ("Geef uw inkomsten door", "Report your income"),
            ),
            "Geef in Mijn UWV uw inkomsten en sollicitaties van deze maand door",
            Some("https://uwv.example.nl/mijn-uwv"),
        ),
        job_plan: of(
            GEMEENTE,
            "09.02",
            ("Uw re-integratieplan", "Your plan for getting back to work"),
        ),
        monthly_bill: Payment {
            of: of(
                GEMEENTE,
                "04.07",
                (
                    "Termijn gemeentelijke belastingen",
                    "Instalment of municipal taxes",
                ),
            ),
            amount: whole(41) + 25,
        },
    },
    pensioner: Pensioner {
        summary: "pensioner on the state pension (AOW) whose rent allowance ended, a Wmo home visit and a refund",
        pension: Grant {
            of: of(SVB, "43.01", ("AOW-pensioen", "State pension (AOW)")),
            gross: 1_580,
            tax_pct: 9,
        },
        housing: Grant {
            of: of(TOESLAGEN, "41.02", ("Huurtoeslag", "Rent allowance")),
            gross: 310,
            tax_pct: 0,
        },
        check_up: Meeting {
            of: of(
                GEMEENTE,
                "11.01",
                (
                    "Keukentafelgesprek over huishoudelijke hulp",
                    "Home visit about help with housework",
                ),
            ),
            place: "Bij u thuis",
            with_whom: Some("Wmo-consulent Demo"),
            bring: Some("Uw medicijnlijst en de namen van uw mantelzorgers"),
            rebook_link: None,
        },
        referral: of(
            GEMEENTE,
            "11.03",
            ("Aanvraag scootmobiel", "Application for a mobility scooter"),
        ),
        home_help: of(
            GEMEENTE,
            "11.01",
            ("Huishoudelijke ondersteuning", "Help with housework"),
        ),
        refund: Some(Payment {
            of: of(
                CAK,
                "47.02",
                (
                    "Terugbetaling te veel betaalde eigen bijdrage",
                    "Refund of an overpaid personal contribution",
                ),
            ),
            amount: -(whole(64) + 20),
        }),
    },
    farmer: Farmer {
        summary: "dairy farmer with a fishing licence and an objection about a building permit",
        herd: Fact {
            of: of(RVO, "49.02", ("Veestapel", "Livestock")),
            fact: "herd",
            names: [
                ("UBN", "Holding number (UBN)"),
                ("Diersoort", "Species"),
                ("Aantal dieren", "Animals"),
            ],
        },
        herd_number: |index| format!("{}", 2_000_000 + index),
        species: "Melkvee",
        fishing: Fact {
            of: of(RVO, "50", ("Visvergunning", "Fishing licence")),
            fact: "fishing_licence",
            names: VALID_UNTIL,
        },
        building_permit: of(
            GEMEENTE,
            "07.01.01",
            (
                "Omgevingsvergunning voor een nieuwe ligboxenstal",
                "Permit for a new cow barn",
            ),
        ),
        report: task(
            of(
                RVO,
                "49.03",
                ("Geef uw mestgegevens door", "Report your manure data"),
            ),
            "Geef in Mijn RVO uw mest- en diergegevens door",
            Some("https://rvo.example.nl/mest"),
        ),
        application: of(
            RVO,
            "49.01",
            ("Gecombineerde opgave 2026", "Annual farm declaration 2026"),
        ),
        basic_payment: Payment {
            of: of(RVO, "49.04", ("Basisinkomenssteun", "Basic income support")),
            amount: whole(24_800),
        },
        property: Known {
            fact: Fact {
                of: of(GEMEENTE, "04.02", ("WOZ-waarde", "WOZ value")),
                fact: "property",
                names: [("WOZ-waarde", "WOZ value")],
            },
            values: ["€ 1.245.000"],
        },
    },
    student: Student {
        summary: "student on student finance (DUO), with an enrolment letter, library books due and a late fee",
        grant: Grant {
            of: of(DUO, "44.01", ("Studiefinanciering", "Student finance")),
            gross: 450,
            tax_pct: 0,
        },
        admission: letter(
            of(
                DUO,
                "44.01",
                (
                    "Bevestiging van uw inschrijving",
                    "Confirmation of your enrolment",
                ),
            ),
            "message",
            "DUO",
        ),
        confirm: task(
            of(
                DUO,
                "44.01",
                (
                    "Controleer uw studiefinanciering",
                    "Check your student finance",
                ),
            ),
            "Controleer in Mijn DUO of uw gegevens kloppen",
            Some("https://duo.example.nl/mijn-duo"),
        ),
        return_books: task(
            of(GEMEENTE, "15.02", BOOKS),
            "Lever 3 boeken in of verleng ze",
            None,
        ),
        school_grant: Grant {
            of: of(
                DUO,
                "44.03",
                ("Tegemoetkoming scholieren", "Allowance for school pupils"),
            ),
            gross: 120,
            tax_pct: 0,
        },
        overdue: Some(Payment {
            of: of(
                GEMEENTE,
                "15.02",
                ("Te-laatgeld bibliotheek", "Library late fee"),
            ),
            amount: whole(4) + 50,
        }),
    },
    debtor: Debtor {
        summary: "traffic fines at the CJIB, paying by instalments",
        debt: Debt {
            of: of(
                CJIB,
                "46.01",
                (
                    "Verkeersboetes met verhogingen",
                    "Traffic fines with surcharges",
                ),
            ),
            creditor: "CJIB",
            principal: whole(390),
            interest: 0,
            fees: whole(117),
            outstanding: whole(457),
            payment_link: Some(CJIB_PAYMENT),
        },
        instalment: Payment {
            of: of(
                CJIB,
                "46.03",
                (
                    "Termijn betalingsregeling",
                    "Instalment of the payment plan",
                ),
            ),
            amount: whole(50),
        },
        plan: of(CJIB, "46.03", ("Betalingsregeling", "Payment plan")),
        unpaid_bill: Payment {
            of: of(
                GEMEENTE,
                "04.08",
                (
                    "Aanslag gemeentelijke belastingen met dwangbevel",
                    "Municipal tax bill with an enforcement order",
                ),
            ),
            amount: whole(412) + 35,
        },
        next_instalment: task(
            of(CJIB, "46.03", ("Volgende termijn", "Next instalment")),
            "Betaal € 50 van uw betalingsregeling",
            Some(CJIB_PAYMENT),
        ),
    },
    worker: Worker {
        summary: "in work: payroll tax details, vehicle inspection (APK) due, library loans",
        tax_card: Known {
            fact: Fact {
                of: of(BELASTINGDIENST, "40", ("Loonheffing", "Payroll tax")),
                fact: "other",
                names: [
                    ("Loonheffingskorting", "Payroll tax credit"),
                    ("Jaarloon", "Annual wage"),
                ],
            },
            values: ["Ja, bij deze werkgever", "€ 42.000"],
        },
    },
    extras: Extras {
        vehicle: Fact {
            of: of(RDW, "45.01", ("Voertuig", "Vehicle")),
            fact: "vehicle",
            names: [("Kenteken", "Registration"), ("Merk", "Make")],
        },
        plate,
        make: "Demo Stationwagen",
        inspection: APK,
        licence: Fact {
            of: of(GEMEENTE, "02.03", ("Rijbewijs", "Driving licence")),
            fact: "driving_licence",
            names: [("Categorie", "Category"), ("Geldig tot", "Valid until")],
        },
        licence_category: "B",
        reservation: letter(of(GEMEENTE, "15.02", RESERVATION), "message", LIBRARY),
        leisure_pass: of(
            GEMEENTE,
            "10.01",
            ("Ooievaarspas", "City pass (Ooievaarspas)"),
        ),
        housing_list: of(
            GEMEENTE,
            "17.01",
            (
                "Aanvraag urgentieverklaring",
                "Application for housing priority",
            ),
        ),
        fishing: Fact {
            of: of(
                RVO,
                "50.04",
                (
                    "Vergunning voor recreatieve visserij",
                    "Recreational fishing permit",
                ),
            ),
            fact: "fishing_licence",
            names: VALID_UNTIL,
        },
        hobby_herd: Fact {
            of: of(RVO, "49.02", ("Hobbydieren", "Hobby animals")),
            fact: "herd",
            names: [("Diersoort", "Species"), ("Aantal dieren", "Animals")],
        },
        hobby_species: "Kippen",
    },
    past: Past {
        post: &[
            letter(
                of(
                    GEMEENTE,
                    "04.01",
                    ("Aanslag gemeentelijke belastingen", "Municipal tax bill"),
                ),
                "document",
                "Gemeente Den Haag",
            ),
            letter(
                of(GEMEENTE, "04.02", ("WOZ-beschikking", "WOZ value decision")),
                "document",
                "Gemeente Den Haag",
            ),
            letter(
                of(
                    GEMEENTE,
                    "17.01",
                    (
                        "Uw inschrijving als woningzoekende",
                        "Your registration as a home seeker",
                    ),
                ),
                "message",
                "Gemeente Den Haag",
            ),
            letter(
                of(
                    GEMEENTE,
                    "15.04",
                    (
                        "Nieuws over sport en cultuur in uw wijk",
                        "News about sport and culture in your area",
                    ),
                ),
                "message",
                "Gemeente Den Haag",
            ),
            letter(
                of(
                    GGD,
                    "12.03",
                    (
                        "Uitnodiging voor een vaccinatie",
                        "Invitation for a vaccination",
                    ),
                ),
                "message",
                "GGD Haaglanden",
            ),
            letter(
                of(
                    BELASTINGDIENST,
                    "40.01",
                    (
                        "Uitnodiging aangifte inkomstenbelasting",
                        "Invitation to file your income tax return",
                    ),
                ),
                "message",
                "Belastingdienst",
            ),
            letter(
                of(
                    BELASTINGDIENST,
                    "40.04",
                    ("Betalingsherinnering", "Payment reminder"),
                ),
                "message",
                "Belastingdienst",
            ),
            letter(
                of(
                    TOESLAGEN,
                    "41",
                    ("Controle van uw gegevens", "A check of your details"),
                ),
                "message",
                "Dienst Toeslagen",
            ),
            letter(
                of(
                    UWV,
                    "42.06",
                    (
                        "Uw verzekeringsbericht",
                        "Your employment and insurance record",
                    ),
                ),
                "document",
                "UWV",
            ),
            letter(
                of(
                    GEMEENTE,
                    "02.01",
                    (
                        "Uw paspoort verloopt binnenkort",
                        "Your passport expires soon",
                    ),
                ),
                "message",
                "Gemeente Den Haag, Publiekszaken",
            ),
            letter(
                of(RDW, "45.02", ("Herinnering APK", "APK reminder")),
                "message",
                "RDW",
            ),
            letter(of(GEMEENTE, "15.02", RESERVATION), "message", LIBRARY),
            letter(
                of(
                    GEMEENTE,
                    "15.02",
                    ("Uw uitleentermijn verloopt", "Your loan is due"),
                ),
                "message",
                LIBRARY,
            ),
            letter(
                of(
                    CAK,
                    "47.02",
                    (
                        "Overzicht eigen bijdrage",
                        "Statement of your personal contribution",
                    ),
                ),
                "document",
                "CAK",
            ),
        ],
        cases: &[
            of(
                GEMEENTE,
                "07.01.01",
                (
                    "Omgevingsvergunning voor een dakkapel",
                    "Permit for a dormer window",
                ),
            ),
            of(
                GEMEENTE,
                "17.01",
                (
                    "Aanvraag urgentieverklaring",
                    "Application for housing priority",
                ),
            ),
            of(
                GEMEENTE,
                "10.01",
                ("Ooievaarspas", "City pass (Ooievaarspas)"),
            ),
            of(
                GEMEENTE,
                "04.06",
                (
                    "Kwijtschelding gemeentelijke belastingen",
                    "Remission of municipal taxes",
                ),
            ),
            of(GEMEENTE, "11.03", ("Hulpmiddelen", "Aids")),
            of(
                GEMEENTE,
                "05.01",
                ("Parkeervergunning", "Residents' parking permit"),
            ),
            of(GEMEENTE, "11.05", ("Wmo-vervoer", "Care transport")),
            of(
                BELASTINGDIENST,
                "40.03",
                (
                    "Bezwaar tegen uw aanslag",
                    "Objection to your tax assessment",
                ),
            ),
            of(
                TOESLAGEN,
                "41.02",
                ("Aanvraag huurtoeslag", "Application for rent allowance"),
            ),
            of(
                GEMEENTE,
                "02.01",
                ("Aanvraag paspoort", "Passport application"),
            ),
            of(GEMEENTE, "01.02", ("Verhuizing", "Change of address")),
            of(
                GEMEENTE,
                "02.03",
                ("Verlenging rijbewijs", "Renewal of driving licence"),
            ),
        ],
        appointments: &[
            at(
                of(
                    GEMEENTE,
                    "02.01",
                    (
                        "Afspraak bij Publiekszaken",
                        "Appointment at the civil affairs desk",
                    ),
                ),
                "Stadhuis Den Haag, Spui 70",
            ),
            at(
                of(GGD, "12.03", ("Vaccinatie", "Vaccination")),
                "GGD Haaglanden, Westeinde 128",
            ),
            at(
                of(
                    GEMEENTE,
                    "11.01",
                    ("Keukentafelgesprek", "Home visit about care"),
                ),
                "Bij u thuis",
            ),
            at(
                of(
                    UWV,
                    "42.05",
                    ("Gesprek met uw werkcoach", "Meeting with your job coach"),
                ),
                UWV_OFFICE,
            ),
            at(
                of(
                    GEMEENTE,
                    "09.02",
                    ("Gesprek over werk", "Meeting about work"),
                ),
                "Werkplein Den Haag",
            ),
        ],
        deadlines: &[
            task(
                of(
                    BELASTINGDIENST,
                    "40.01",
                    (
                        "Doe aangifte inkomstenbelasting",
                        "File your income tax return",
                    ),
                ),
                "Doe vóór 1 mei aangifte inkomstenbelasting",
                None,
            ),
            task(
                of(
                    BELASTINGDIENST,
                    "40.02",
                    (
                        "Pas uw voorlopige aanslag aan",
                        "Update your provisional assessment",
                    ),
                ),
                "Pas uw voorlopige aanslag aan als uw inkomen verandert",
                None,
            ),
            task(
                of(GEMEENTE, "04.07", ("Betaal de aanslag", "Pay the tax bill")),
                "Betaal de aanslag gemeentelijke belastingen",
                None,
            ),
            task(
                of(GEMEENTE, "15.02", BOOKS),
                "Lever uw boeken in of verleng ze",
                None,
            ),
            APK,
            task(
                of(
                    GEMEENTE,
                    "02.01",
                    ("Haal uw paspoort op", "Collect your passport"),
                ),
                "Haal uw nieuwe paspoort op bij Publiekszaken",
                None,
            ),
        ],
        look_ups: &[
            look_up(
                of(BELASTINGDIENST, "40", LOOKED_UP),
                "Belastingdienst",
                "Mijn Belastingdienst",
                "Inkomensgegevens",
                "Controle voorlopige aanslag",
            ),
            look_up(
                of(UWV, "42", LOOKED_UP),
                "UWV",
                "Polisadministratie",
                "Inkomen en dienstverbanden",
                "Berekening uitkering",
            ),
            look_up(
                of(GEMEENTE, "11", LOOKED_UP),
                "Gemeente Den Haag",
                "Wmo-registratie",
                "Gezondheidsgegevens",
                "Beoordeling ondersteuning",
            ),
            look_up(
                of(TOESLAGEN, "41", LOOKED_UP),
                "Dienst Toeslagen",
                "Toeslagensysteem",
                "Inkomen en vermogen",
                "Berekening toeslag",
            ),
            look_up(
                of(CJIB, "46", LOOKED_UP),
                "CJIB",
                "Incassosysteem",
                "Boetes en inkomen",
                "Controle betalingscapaciteit",
            ),
        ],
        earlier_address: Fact {
            of: of(GEMEENTE, "01.02", ("Vorig adres", "Previous address")),
            fact: "address",
            names: ADDRESS,
        },
        tax_refund: of(
            BELASTINGDIENST,
            "40.03",
            ("Teruggaaf inkomstenbelasting", "Income tax refund"),
        ),
        tax_paid: of(
            BELASTINGDIENST,
            "40.04",
            ("Te betalen inkomstenbelasting", "Income tax to pay"),
        ),
    },
};
