//! Denmark: Eksempelby Kommune and the national authorities, in Danish and English, under
//! the KLE-style catalogue. Names, addresses and CPR numbers are obviously made up.

use super::{
    CaseWords, Data, Debt, Debtor, Extras, Fact, Family, Farmer, Grant, Known, Letter, LookUp,
    Meeting, Past, Payment, Pensioner, People, Resident, Service, Student, Unemployed, Words,
    Worker, at, letter, look_up, of, task, whole,
};
use crate::authorities::{AuthoritativeFact, Authority};
use crate::identity::Scheme;
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

const KOMMUNE: &str = "eksempelby-kommune";
const REGION: &str = "region-demo";
const SKAT: &str = "skattestyrelsen";
const UDBETALING: &str = "udbetaling-demo";
const A_KASSE: &str = "a-kasse-demo";
const GAELD: &str = "gaeldsstyrelsen";
const MOTOR: &str = "motorstyrelsen";
const CPR: &str = "cpr-demo";
const LANDBRUG: &str = "landbrug-fiskeri";
const BIBLIOTEK: &str = "bibliotek-demo";
const UDDANNELSE: &str = "uddannelse-demo";

pub(crate) const AUTHORITIES: &[Authority] = &[
    Authority {
        id: KOMMUNE,
        name: "Eksempelby Kommune",
        homepage: "https://www.eksempelby-kommune.example.dk",
        classifications: &[
            "02", "03", "05", "09", "15", "17", "18", "25", "27", "28", "29", "32",
        ],
    },
    Authority {
        id: REGION,
        name: "Region Demo, Hospitalerne",
        homepage: "https://www.region-demo.example.dk",
        classifications: &["89"],
    },
    Authority {
        id: SKAT,
        name: "Skattestyrelsen (demo)",
        homepage: "https://skat.example.dk",
        classifications: &["85"],
    },
    Authority {
        id: UDBETALING,
        name: "Udbetaling Danmark (demo)",
        homepage: "https://udbetaling.example.dk",
        classifications: &["87"],
    },
    Authority {
        id: A_KASSE,
        name: "Demo A-kasse",
        homepage: "https://a-kasse.example.dk",
        classifications: &["88"],
    },
    Authority {
        id: GAELD,
        name: "Gældsstyrelsen (demo)",
        homepage: "https://gaeld.example.dk",
        classifications: &["86"],
    },
    Authority {
        id: MOTOR,
        name: "Motorstyrelsen (demo)",
        homepage: "https://motor.example.dk",
        classifications: &["90"],
    },
    Authority {
        id: CPR,
        name: "CPR-registeret (demo)",
        homepage: "https://cpr.example.dk",
        classifications: &["16", "93"],
    },
    Authority {
        id: LANDBRUG,
        name: "Landbrugs- og Fiskeristyrelsen (demo)",
        homepage: "https://lfst.example.dk",
        classifications: &["91", "92"],
    },
    Authority {
        id: BIBLIOTEK,
        name: "Eksempelby Bibliotekerne",
        homepage: "https://bibliotek.example.dk",
        classifications: &["95"],
    },
    Authority {
        id: UDDANNELSE,
        name: "Uddannelses- og Forskningsstyrelsen (demo)",
        homepage: "https://su.example.dk",
        classifications: &["94"],
    },
];

/// Custody counts only from the population register, under its custody classification.
pub(crate) const AUTHORITATIVE_FACTS: &[AuthoritativeFact] = &[("custody", CPR, &["93.04"])];

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

fn name(rng: &mut StdRng) -> String {
    format!(
        "{} {}",
        FIRST_NAMES.choose(rng).expect("names"),
        SURNAMES.choose(rng).expect("names")
    )
}

fn address(rng: &mut StdRng) -> String {
    let (postcode, town) = *TOWNS.choose(rng).expect("towns");
    format!(
        "{} {}, {postcode} {town}",
        STREETS.choose(rng).expect("streets"),
        rng.gen_range(1..120)
    )
}

fn earlier_address(rng: &mut StdRng) -> String {
    format!(
        "{} {}",
        ["Gammelvej", "Fortidsgade", "Tidligere Allé"][rng.gen_range(0..3)],
        rng.gen_range(1..90)
    )
}

fn plate(rng: &mut StdRng) -> String {
    format!("XX {} {}", rng.gen_range(10..99), rng.gen_range(100..999))
}

/// What a look-up in the past is called.
const LOOKED_UP: Words = ("Opslag i dine oplysninger", "Look-up in your data");

const ADDRESS: [Words; 1] = [("Adresse", "Address")];

const RESERVATION: Letter = letter(
    of(
        BIBLIOTEK,
        "95.01",
        (
            "Reservering klar til afhentning",
            "Reservation ready for pick-up",
        ),
    ),
    "message",
    "Eksempelby Bibliotekerne",
);

pub(crate) static DATA: Data = Data {
    languages: ["da", "en"],
    authorities: AUTHORITIES,
    authoritative_facts: AUTHORITATIVE_FACTS,
    scheme: Scheme::Cpr,
    identifiers: "CPR numbers",
    example_batch: Some("examples/case.json"),
    people: People {
        name,
        address,
        earlier_address,
        born_format: "%d.%m.%Y",
    },
    service: Service {
        domain: "example.dk",
        self_service: "selvbetjening",
        receipt: "dokumenter/kvittering",
        contact: ("Borgerservice", "+45 99 99 99 99"),
        granted_because: ("Du opfylder betingelserne", "You meet the conditions"),
        account_hint: "****1234",
    },
    case: CaseWords {
        received: ("Modtaget", "Received"),
        in_progress: ("Under behandling", "In progress"),
        waiting_for_you: ("Afventer dig", "Waiting for you"),
        decided: ("Afgjort", "Decided"),
        appeal_received: ("Klage modtaget", "Appeal received"),
        processing: ("Vi behandler din sag", "We are processing your case"),
        send_missing: (
            "Send os de manglende oplysninger",
            "Send us the missing information",
        ),
        appeal_handled: (
            "Ankestyrelsen behandler din klage",
            "The appeals board is handling your appeal",
        ),
        case_worker: "Sagsbehandler Demo",
        org_unit: "Borgerservice",
        granted: "Du har fået bevilget det, du søgte om.",
        application_received: "Ansøgning modtaget",
        case_informed: "Sagen er oplyst",
        decision_sent: "Afgørelse sendt",
        receipt: "Kvittering for ansøgning",
        decision: "Afgørelse",
    },
    resident: Resident {
        name: Fact {
            of: of(CPR, "93.01", ("Navn", "Name")),
            fact: "name",
            names: [("Navn", "Name"), ("Fødselsdato", "Date of birth")],
        },
        address: Fact {
            of: of(CPR, "93.02", ("Adresse", "Address")),
            fact: "address",
            names: ADDRESS,
        },
        health: Known {
            fact: Fact {
                of: of(CPR, "16.05", ("Sundhedskort", "Health insurance card")),
                fact: "health_insurance",
                names: [("Læge", "Doctor"), ("Gruppe", "Group")],
            },
            values: ["Lægehuset Demo", "1"],
        },
        tax_statement: letter(
            of(
                SKAT,
                "85.02",
                ("Årsopgørelse {year}", "Annual tax statement {year}"),
            ),
            "document",
            "Skattestyrelsen (demo)",
        ),
        tax_assessment: letter(
            of(
                SKAT,
                "85.01",
                ("Forskudsopgørelse {year}", "Tax assessment {year}"),
            ),
            "message",
            "Skattestyrelsen (demo)",
        ),
        look_up: LookUp {
            of: of(
                SKAT,
                "85",
                (
                    "Opslag i dine skatteoplysninger",
                    "Look-up in your tax data",
                ),
            ),
            organisation: "Skattestyrelsen (demo)",
            system: "Skattemappen",
            what: "Indkomstoplysninger",
            purpose: "Kontrol af forskudsopgørelse",
            legal_basis: Some("Skattekontrolloven § 1"),
        },
    },
    family: Family {
        summary: "parent of two (see their overviews under Acting for others): kindergarten, school, child benefit, a carport case",
        children: [("Barn A", 5), ("Barn B", 9)],
        baby: "Barn C",
        custody: Fact {
            of: of(CPR, "93.04", ("Forældremyndighed", "Custody")),
            fact: "custody",
            names: [("Barn", "Child")],
        },
        relation: "child",
        child_check_up: at(
            of(
                REGION,
                "89.02.01",
                (
                    "Undersøgelse i børneambulatoriet",
                    "Check-up at the children's outpatient clinic",
                ),
            ),
            "Børneambulatoriet, Regionshospitalet Demo",
        ),
        pupil_plan: letter(
            of(
                KOMMUNE,
                "17.01",
                ("Elevplan for skoleåret", "Pupil plan for the school year"),
            ),
            "document",
            "Eksempelby Skole",
        ),
        place_confirmed: letter(
            of(
                KOMMUNE,
                "28.15",
                (
                    "Plads i børnehave bekræftet",
                    "Kindergarten place confirmed",
                ),
            ),
            "message",
            "Eksempelby Kommune, Dagtilbud",
        ),
        daycare_place: of(
            KOMMUNE,
            "28.15.02",
            ("Børnehaveplads", "Kindergarten place"),
        ),
        daycare_fee: Payment {
            of: of(
                KOMMUNE,
                "28.15",
                ("Forældrebetaling for børnehave", "Kindergarten fee"),
            ),
            amount: whole(2_650),
        },
        school_plan: letter(
            of(
                KOMMUNE,
                "17.01",
                ("Skoleplan for 3. klasse", "School plan for year 3"),
            ),
            "document",
            "Eksempelby Skole",
        ),
        parent_meeting: at(
            of(
                KOMMUNE,
                "17.01",
                ("Skole-hjem-samtale", "Parent-teacher meeting"),
            ),
            "Eksempelby Skole, lokale 12",
        ),
        building_notice: of(
            KOMMUNE,
            "02.34.03",
            ("Anmeldelse af carport", "Notice of a carport"),
        ),
        child_benefit: Grant {
            of: of(
                UDBETALING,
                "87.04",
                ("Børne- og ungeydelse", "Child benefit"),
            ),
            gross: 4_800,
            tax_pct: 0,
        },
        sign_up: task(
            of(
                KOMMUNE,
                "28.16",
                ("Tilmelding til SFO", "Sign-up for after-school care"),
            ),
            "Tilmeld dit barn SFO inden fristen",
            Some("https://eksempelby-kommune.example.dk/sfo"),
        ),
        parental_benefit: Grant {
            of: of(UDBETALING, "87.06", ("Barselsdagpenge", "Parental benefit")),
            gross: 18_900,
            tax_pct: 38,
        },
        credit_note: None,
    },
    unemployed: Unemployed {
        summary: "unemployed on benefits ending soon: a job-centre meeting and documents to upload",
        benefit: Grant {
            of: of(A_KASSE, "88.02", ("Dagpenge", "Unemployment benefit")),
            gross: 19_728,
            tax_pct: 38,
        },
        meeting: Meeting {
            of: of(
                KOMMUNE,
                "15.04",
                ("Samtale i jobcentret", "Meeting at the job centre"),
            ),
            place: "Jobcenter Eksempelby, Prøvevej 1",
            with_whom: Some("Jobkonsulent Demo"),
            bring: Some("Dit CV og din jobplan"),
            rebook_link: Some("https://eksempelby-kommune.example.dk/jobcenter/flyt"),
        },
        upload: task(
            of(
                KOMMUNE,
                "15.02",
                ("Upload dokumentation", "Upload documents"),
            ),
            "Upload dine lønsedler og dit CV på Jobnet",
            Some("https://jobnet.example.dk/upload"),
        ),
        job_plan: of(KOMMUNE, "15.04", ("Din jobplan", "Your job plan")),
        monthly_bill: Payment {
            of: of(
                A_KASSE,
                "88.06",
                ("Kontingent til a-kassen", "A-kasse membership fee"),
            ),
            amount: whole(489),
        },
    },
    pensioner: Pensioner {
        summary: "pensioner whose housing benefit ended, a hospital appointment and home help",
        pension: Grant {
            of: of(UDBETALING, "87.01", ("Folkepension", "State pension")),
            gross: 13_380,
            tax_pct: 37,
        },
        housing: Grant {
            of: of(UDBETALING, "87.03", ("Boligstøtte", "Housing benefit")),
            gross: 2_150,
            tax_pct: 0,
        },
        check_up: Meeting {
            of: of(
                REGION,
                "89.02",
                ("Kontrol på øjenafdelingen", "Check-up at the eye clinic"),
            ),
            place: "Demo Hospital, indgang 4, øjenambulatoriet",
            with_whom: Some("Øjenlæge Demo"),
            bring: Some("Dine briller og en liste over din medicin"),
            rebook_link: None,
        },
        referral: of(
            REGION,
            "89.01",
            ("Henvisning til øjenlæge", "Referral to an eye specialist"),
        ),
        home_help: of(KOMMUNE, "27.01", ("Hjemmehjælp", "Home help")),
        refund: None,
    },
    farmer: Farmer {
        summary: "farmer with a herd, a fishing licence running out and a building permit case",
        herd: Fact {
            of: of(LANDBRUG, "91.01", ("Besætning", "Herd")),
            fact: "herd",
            names: [
                ("CHR-nummer", "CHR number"),
                ("Dyreart", "Species"),
                ("Antal dyr", "Animals"),
            ],
        },
        herd_number: |index| format!("{}", 100_000 + index),
        species: "Malkekvæg",
        fishing: Fact {
            of: of(
                LANDBRUG,
                "92.02",
                ("Fritidsfiskertegn", "Leisure fishing licence"),
            ),
            fact: "fishing_licence",
            names: [("Gyldig til", "Valid until")],
        },
        building_permit: of(
            KOMMUNE,
            "02.34.02",
            (
                "Byggetilladelse til ny kostald",
                "Building permit for a new cowshed",
            ),
        ),
        report: task(
            of(
                LANDBRUG,
                "91.01",
                ("Indberet dyretal", "Report your animal count"),
            ),
            "Indberet antal dyr i CHR",
            Some("https://lfst.example.dk/chr"),
        ),
        application: of(
            LANDBRUG,
            "91.02.01",
            ("Fællesskema 2026", "Single application 2026"),
        ),
        basic_payment: Payment {
            of: of(LANDBRUG, "91.02", ("Grundbetaling", "Basic payment")),
            amount: whole(186_000),
        },
        property: Known {
            fact: Fact {
                of: of(SKAT, "85.05", ("Ejendom", "Property")),
                fact: "property",
                names: [("Ejendomsværdi", "Property value")],
            },
            values: ["4.250.000 kr."],
        },
    },
    student: Student {
        summary: "student on the student grant (SU), with an admission letter",
        grant: Grant {
            of: of(UDDANNELSE, "94.01", ("SU", "Student grant")),
            gross: 7_086,
            tax_pct: 30,
        },
        admission: letter(
            of(
                UDDANNELSE,
                "94.02",
                ("Optagelse på uddannelse", "Admission letter"),
            ),
            "message",
            "Den Koordinerede Tilmelding (demo)",
        ),
        confirm: task(
            of(
                UDDANNELSE,
                "94.01",
                ("Bekræft din studieaktivitet", "Confirm you are studying"),
            ),
            "Bekræft på minSU, at du er studieaktiv",
            Some("https://su.example.dk/minsu"),
        ),
        return_books: task(
            of(
                BIBLIOTEK,
                "95.01.02",
                ("Aflever lånte bøger", "Return borrowed books"),
            ),
            "Aflever eller forny 3 bøger",
            None,
        ),
        school_grant: Grant {
            of: of(
                UDDANNELSE,
                "94.01",
                (
                    "SU på ungdomsuddannelse",
                    "Grant for upper secondary school",
                ),
            ),
            gross: 3_500,
            tax_pct: 0,
        },
        overdue: None,
    },
    debtor: Debtor {
        summary: "debt sent to collection, paying by instalments",
        debt: Debt {
            of: of(
                GAELD,
                "86.01",
                (
                    "Restskat sendt til inddrivelse",
                    "Unpaid tax sent to collection",
                ),
            ),
            creditor: "Skattestyrelsen (demo)",
            principal: whole(18_400),
            interest: whole(1_130) + 50,
            fees: whole(300),
            outstanding: whole(16_330) + 50,
            payment_link: Some("https://gaeld.example.dk/betal"),
        },
        instalment: Payment {
            of: of(GAELD, "86.01", ("Afdrag på gæld", "Instalment on debt")),
            amount: whole(1_500),
        },
        plan: of(GAELD, "86.02", ("Afdragsordning", "Instalment plan")),
        unpaid_bill: Payment {
            of: of(KOMMUNE, "25.07", ("Regning for dagtilbud", "Day-care bill")),
            amount: whole(2_650),
        },
        next_instalment: task(
            of(GAELD, "86.02", ("Næste afdrag", "Next instalment")),
            "Betal 1.500 kr. på din afdragsordning",
            Some("https://gaeld.example.dk/betal"),
        ),
    },
    worker: Worker {
        summary: "in work: tax card, car inspection due, library loans",
        tax_card: Known {
            fact: Fact {
                of: of(SKAT, "85.03", ("Skattekort", "Tax card")),
                fact: "other",
                names: [
                    ("Trækprocent", "Withholding rate"),
                    ("Fradrag pr. måned", "Monthly allowance"),
                ],
            },
            values: ["38 %", "4.300 kr."],
        },
    },
    extras: Extras {
        vehicle: Fact {
            of: of(MOTOR, "90.01", ("Køretøj", "Vehicle")),
            fact: "vehicle",
            names: [("Registreringsnummer", "Registration"), ("Mærke", "Make")],
        },
        plate,
        make: "Demo Kombi",
        inspection: task(
            of(MOTOR, "90.02", ("Syn af bil", "Vehicle inspection")),
            "Få bilen synet hos et synsfirma",
            None,
        ),
        licence: Fact {
            of: of(MOTOR, "90.03", ("Kørekort", "Driving licence")),
            fact: "driving_licence",
            names: [("Kategori", "Category"), ("Udløber", "Expires")],
        },
        licence_category: "B",
        reservation: RESERVATION,
        leisure_pass: of(KOMMUNE, "18.07", ("Fritidspas", "Leisure pass")),
        housing_list: of(
            KOMMUNE,
            "03.02",
            (
                "Opskrivning til almen bolig",
                "Waiting list for social housing",
            ),
        ),
        fishing: Fact {
            of: of(
                LANDBRUG,
                "92.01",
                ("Lystfiskertegn", "Recreational fishing licence"),
            ),
            fact: "fishing_licence",
            names: [("Gyldig til", "Valid until")],
        },
        hobby_herd: Fact {
            of: of(LANDBRUG, "91.01", ("Hobbydyr", "Hobby animals")),
            fact: "herd",
            names: [("Dyreart", "Species"), ("Antal dyr", "Animals")],
        },
        hobby_species: "Høns",
    },
    past: Past {
        post: &[
            letter(
                of(KOMMUNE, "25.07", ("Opkrævning", "Bill")),
                "document",
                "Eksempelby Kommune",
            ),
            letter(
                of(
                    KOMMUNE,
                    "25.01",
                    ("Opkrævning af grundskyld", "Land tax bill"),
                ),
                "document",
                "Eksempelby Kommune",
            ),
            letter(
                of(
                    KOMMUNE,
                    "03.02",
                    (
                        "Din placering på ventelisten",
                        "Your place on the waiting list",
                    ),
                ),
                "message",
                "Eksempelby Kommune",
            ),
            letter(
                of(
                    KOMMUNE,
                    "18.07",
                    ("Nyt om fritidstilbud", "News about leisure activities"),
                ),
                "message",
                "Eksempelby Kommune",
            ),
            letter(
                of(
                    REGION,
                    "89.02.01",
                    ("Invitation til screening", "Invitation to a screening"),
                ),
                "message",
                "Region Demo",
            ),
            letter(
                of(
                    REGION,
                    "89.02",
                    (
                        "Epikrise efter dit besøg",
                        "Discharge summary after your visit",
                    ),
                ),
                "document",
                "Demo Hospital",
            ),
            letter(
                of(SKAT, "85.03", ("Nyt skattekort", "New tax card")),
                "document",
                "Skattestyrelsen (demo)",
            ),
            letter(
                of(
                    SKAT,
                    "85.06",
                    ("Påmindelse om betaling", "Payment reminder"),
                ),
                "message",
                "Skattestyrelsen (demo)",
            ),
            letter(
                of(
                    UDBETALING,
                    "87",
                    ("Kontrol af dine oplysninger", "A check of your details"),
                ),
                "message",
                "Udbetaling Danmark (demo)",
            ),
            letter(
                of(
                    CPR,
                    "16.05",
                    ("Dit nye sundhedskort", "Your new health insurance card"),
                ),
                "message",
                "CPR-registeret (demo)",
            ),
            letter(
                of(
                    CPR,
                    "16.07",
                    ("Dit pas udløber snart", "Your passport expires soon"),
                ),
                "message",
                "Borgerservice Eksempelby",
            ),
            letter(
                of(MOTOR, "90.02", ("Påmindelse om syn", "Inspection reminder")),
                "message",
                "Motorstyrelsen (demo)",
            ),
            RESERVATION,
            letter(
                of(
                    BIBLIOTEK,
                    "95.01",
                    ("Lånetiden udløber", "Your loan is due"),
                ),
                "message",
                "Eksempelby Bibliotekerne",
            ),
        ],
        cases: &[
            of(
                KOMMUNE,
                "02.34.03",
                ("Anmeldelse af skur", "Notice of a shed"),
            ),
            of(
                KOMMUNE,
                "03.02",
                (
                    "Opskrivning til almen bolig",
                    "Waiting list for social housing",
                ),
            ),
            of(KOMMUNE, "18.07", ("Fritidspas", "Leisure pass")),
            of(
                KOMMUNE,
                "25.07",
                ("Henstand med betaling", "Deferred payment"),
            ),
            of(KOMMUNE, "27.01", ("Hjælpemidler", "Assistive devices")),
            of(
                REGION,
                "89.01",
                ("Henvisning til fysioterapi", "Referral to physiotherapy"),
            ),
            of(
                REGION,
                "89.07",
                ("Befordring til hospital", "Transport to hospital"),
            ),
            of(
                SKAT,
                "85.02",
                ("Ændring af årsopgørelse", "Change of annual tax statement"),
            ),
            of(
                UDBETALING,
                "87.03",
                (
                    "Ansøgning om boligstøtte",
                    "Application for housing benefit",
                ),
            ),
            of(CPR, "16.07", ("Ansøgning om pas", "Passport application")),
            of(CPR, "16.05.01", ("Skift af læge", "Change of doctor")),
            of(
                MOTOR,
                "90.03",
                ("Fornyelse af kørekort", "Renewal of driving licence"),
            ),
        ],
        appointments: &[
            at(
                of(REGION, "89.02", ("Ambulant kontrol", "Outpatient check-up")),
                "Demo Hospital, indgang 2",
            ),
            at(
                of(REGION, "89.02.01", ("Screening", "Screening")),
                "Demo Hospital, røntgen",
            ),
            at(
                of(REGION, "89.03", ("Blodprøve", "Blood test")),
                "Demo Hospital, laboratoriet",
            ),
            at(
                of(
                    KOMMUNE,
                    "15.04",
                    ("Samtale i jobcentret", "Meeting at the job centre"),
                ),
                "Jobcenter Eksempelby, Prøvevej 1",
            ),
            at(
                of(KOMMUNE, "27.01", ("Visitationsbesøg", "Assessment visit")),
                "Hjemme hos dig",
            ),
        ],
        deadlines: &[
            task(
                of(
                    SKAT,
                    "85.02",
                    ("Ret din årsopgørelse", "Correct your tax statement"),
                ),
                "Ret årsopgørelsen, hvis noget mangler",
                None,
            ),
            task(
                of(
                    SKAT,
                    "85.01",
                    ("Ret din forskudsopgørelse", "Correct your tax assessment"),
                ),
                "Ret forskudsopgørelsen",
                None,
            ),
            task(
                of(KOMMUNE, "25.07", ("Betal regningen", "Pay the bill")),
                "Betal regningen fra kommunen",
                None,
            ),
            task(
                of(
                    BIBLIOTEK,
                    "95.01.02",
                    ("Aflever lånte bøger", "Return borrowed books"),
                ),
                "Aflever eller forny dine bøger",
                None,
            ),
            task(
                of(MOTOR, "90.02", ("Syn af bil", "Vehicle inspection")),
                "Få bilen synet hos et synsfirma",
                None,
            ),
            task(
                of(CPR, "16.07", ("Hent dit pas", "Collect your passport")),
                "Hent dit nye pas i Borgerservice",
                None,
            ),
        ],
        look_ups: &[
            look_up(
                of(SKAT, "85", LOOKED_UP),
                "Skattestyrelsen (demo)",
                "Skattemappen",
                "Indkomstoplysninger",
                "Kontrol af forskudsopgørelse",
            ),
            look_up(
                of(UDBETALING, "87", LOOKED_UP),
                "Udbetaling Danmark (demo)",
                "Ydelsessystemet",
                "Indkomst og formue",
                "Beregning af ydelse",
            ),
            look_up(
                of(KOMMUNE, "27", LOOKED_UP),
                "Eksempelby Kommune",
                "Omsorgssystemet",
                "Helbredsoplysninger",
                "Visitation",
            ),
            look_up(
                of(REGION, "89", LOOKED_UP),
                "Region Demo",
                "Sundhedsplatformen",
                "Journal",
                "Behandling",
            ),
            look_up(
                of(GAELD, "86", LOOKED_UP),
                "Gældsstyrelsen (demo)",
                "Inddrivelse",
                "Gæld og indkomst",
                "Kontrol af betalingsevne",
            ),
        ],
        earlier_address: Fact {
            of: of(CPR, "93.02", ("Tidligere adresse", "Earlier address")),
            fact: "address",
            names: ADDRESS,
        },
        tax_refund: of(SKAT, "85.02", ("Overskydende skat", "Tax refund")),
        tax_paid: of(SKAT, "85.02", ("Restskat", "Unpaid tax")),
    },
};
