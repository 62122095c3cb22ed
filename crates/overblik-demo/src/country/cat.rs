//! Catalonia: the Ajuntament de Barcelona, the Generalitat's departments and agencies, and
//! the Spanish state's, in Catalan and Spanish, under the Catalan catalogue
//! (`catalogues/cat.toml`): 01-29 the ajuntament, 30-59 the Generalitat, 60-89 the state.
//! Citizens have a DNI, or an NIE when they are foreign residents; amounts are in euros.

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

const AJUNTAMENT: &str = "ajuntament-barcelona";
const CATSALUT: &str = "catsalut";
const DRETS_SOCIALS: &str = "drets-socials";
const EDUCACIO: &str = "educacio";
const ATC: &str = "atc";
const SOC: &str = "soc";
const HABITATGE: &str = "habitatge";
const AGRICULTURA: &str = "agricultura";
const TRANSIT: &str = "transit";
const INSS: &str = "inss";
const SEPE: &str = "sepe";
const AEAT: &str = "aeat";
const DGT: &str = "dgt";
const REGISTRE_CIVIL: &str = "registre-civil";
const BEQUES: &str = "ministerio-educacion";

const AUTHORITIES: &[Authority] = &[
    Authority {
        id: AJUNTAMENT,
        name: "Ajuntament de Barcelona",
        homepage: "https://ajuntament.barcelona.cat",
        classifications: &[
            "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13",
        ],
    },
    Authority {
        id: CATSALUT,
        name: "Servei Català de la Salut (CatSalut)",
        homepage: "https://catsalut.gencat.cat",
        classifications: &["30"],
    },
    Authority {
        id: DRETS_SOCIALS,
        name: "Departament de Drets Socials i Inclusió",
        homepage: "https://dretssocials.gencat.cat",
        classifications: &["31"],
    },
    Authority {
        id: EDUCACIO,
        name: "Departament d'Educació i Formació Professional",
        homepage: "https://educacio.gencat.cat",
        classifications: &["32"],
    },
    Authority {
        id: ATC,
        name: "Agència Tributària de Catalunya",
        homepage: "https://atc.gencat.cat",
        classifications: &["33"],
    },
    Authority {
        id: SOC,
        name: "Servei Públic d'Ocupació de Catalunya (SOC)",
        homepage: "https://serveiocupacio.gencat.cat",
        classifications: &["34"],
    },
    Authority {
        id: HABITATGE,
        name: "Agència de l'Habitatge de Catalunya",
        homepage: "https://habitatge.gencat.cat",
        classifications: &["35"],
    },
    Authority {
        id: AGRICULTURA,
        name: "Departament d'Agricultura, Ramaderia, Pesca i Alimentació",
        homepage: "https://agricultura.gencat.cat",
        classifications: &["36", "37"],
    },
    Authority {
        id: TRANSIT,
        name: "Servei Català de Trànsit",
        homepage: "https://transit.gencat.cat",
        classifications: &["38"],
    },
    Authority {
        id: INSS,
        name: "Institut Nacional de la Seguretat Social (INSS)",
        homepage: "https://www.seg-social.es",
        classifications: &["60"],
    },
    Authority {
        id: SEPE,
        name: "Servicio Público de Empleo Estatal (SEPE)",
        homepage: "https://www.sepe.es",
        classifications: &["61"],
    },
    Authority {
        id: AEAT,
        name: "Agencia Tributaria",
        homepage: "https://sede.agenciatributaria.gob.es",
        classifications: &["62"],
    },
    Authority {
        id: DGT,
        name: "Dirección General de Tráfico (DGT)",
        homepage: "https://www.dgt.es",
        classifications: &["63"],
    },
    Authority {
        id: REGISTRE_CIVIL,
        name: "Registre Civil de Barcelona",
        homepage: "https://www.mjusticia.gob.es",
        classifications: &["64"],
    },
    Authority {
        id: BEQUES,
        name: "Ministerio de Educación, Formación Profesional y Deportes",
        homepage: "https://www.educacionfpydeportes.gob.es",
        classifications: &["66"],
    },
];

/// Custody (pàtria potestat) counts only from the civil registry, where a birth is entered.
const AUTHORITATIVE_FACTS: &[AuthoritativeFact] = &[("custody", REGISTRE_CIVIL, &["64.01"])];

const FIRST_NAMES: &[&str] = &[
    "Jordi",
    "Montserrat",
    "Núria",
    "Marc",
    "Laia",
    "Pau",
    "Mireia",
    "Oriol",
    "Carme",
    "Josep",
    "Anna",
    "Marta",
    "Albert",
    "Júlia",
    "Xavier",
    "Sergi",
    "Lucía",
    "Andrea",
    "Mohamed",
    "Fatima",
];
const SURNAMES: &[&str] = &[
    "Puig",
    "Vila",
    "Soler",
    "Ferrer",
    "Serra",
    "Font",
    "Roca",
    "Mas",
    "Vidal",
    "Casals",
    "Riera",
    "Bosch",
    "Sala",
    "Martí",
    "Garcia",
    "Martínez",
    "López",
    "Sánchez",
];
const STREETS: &[&str] = &[
    "Carrer de Mallorca",
    "Carrer d'Aragó",
    "Carrer de Balmes",
    "Carrer del Consell de Cent",
    "Passeig de Sant Joan",
    "Carrer de Sants",
    "Carrer de Pujades",
    "Avinguda de Gaudí",
];
const FLOORS: &[&str] = &["baixos", "1r 1a", "2n 2a", "3r 1a", "4t 2a", "5è 1a"];

/// A first name and two surnames, the father's and the mother's.
fn name(rng: &mut StdRng) -> String {
    let first = FIRST_NAMES.choose(rng).expect("names");
    let surnames: Vec<&&str> = SURNAMES.choose_multiple(rng, 2).collect();
    format!("{first} {} {}", surnames[0], surnames[1])
}

fn address(rng: &mut StdRng) -> String {
    format!(
        "{}, {}, {}, 080{:02} Barcelona",
        STREETS.choose(rng).expect("streets"),
        rng.gen_range(1..300),
        FLOORS.choose(rng).expect("floors"),
        rng.gen_range(1..43)
    )
}

fn earlier_address(rng: &mut StdRng) -> String {
    format!(
        "{}, {}, {}",
        ["Carrer Major", "Carrer de la Riera", "Plaça de la Vila"][rng.gen_range(0..3)],
        rng.gen_range(1..90),
        ["Sabadell", "Terrassa", "Girona", "Lleida"][rng.gen_range(0..4)]
    )
}

/// A registration as plates have been written since 2000: four digits and three consonants.
fn plate(rng: &mut StdRng) -> String {
    const LETTERS: &[u8] = b"BCDFGHJKLMNPRSTVWXYZ";
    let letters: String = (0..3)
        .map(|_| char::from(*LETTERS.choose(rng).expect("letters")))
        .collect();
    format!("{:04} {letters}", rng.gen_range(0..10_000))
}

/// What a look-up in the past is called.
const LOOKED_UP: Words = ("Consulta de les teves dades", "Consulta de tus datos");
const ADDRESS: [Words; 1] = [("Adreça", "Dirección")];
const VALID_UNTIL: [Words; 1] = [("Vàlida fins a", "Válida hasta")];
const LIBRARIES: &str = "Biblioteques de Barcelona";
const BOOKS: Words = (
    "Retorna els llibres en préstec",
    "Devuelve los libros prestados",
);
const HOSPITAL: &str = "Hospital Demo, consultes externes";
const OFICINA_DE_TREBALL: &str = "Oficina de Treball Demo, carrer de Provença, 1";
const DEBT_PAYMENT: &str = "https://atc.example.cat/pagament";

const RESERVATION: Letter = letter(
    of(
        AJUNTAMENT,
        "11.02",
        ("Reserva a punt per recollir", "Reserva lista para recoger"),
    ),
    "message",
    LIBRARIES,
);

pub(crate) static DATA: Data = Data {
    languages: ["ca", "es"],
    authorities: AUTHORITIES,
    authoritative_facts: AUTHORITATIVE_FACTS,
    scheme: Scheme::DniNie,
    identifiers: "DNI/NIE numbers",
    example_batch: None,
    people: People {
        name,
        address,
        earlier_address,
        born_format: "%d/%m/%Y",
    },
    service: Service {
        domain: "example.cat",
        self_service: "tramits",
        receipt: "documents/justificant",
        contact: ("Atenció ciutadana", "+34 900 000 000"),
        granted_because: ("Compleixes els requisits", "Cumples los requisitos"),
        account_hint: "****1234",
    },
    case: CaseWords {
        received: ("Sol·licitud rebuda", "Solicitud recibida"),
        in_progress: ("En tràmit", "En trámite"),
        waiting_for_you: ("Pendent de la teva resposta", "Pendiente de tu respuesta"),
        decided: ("Resolt", "Resuelto"),
        appeal_received: ("Recurs rebut", "Recurso recibido"),
        processing: (
            "Estem tramitant la teva sol·licitud",
            "Estamos tramitando tu solicitud",
        ),
        send_missing: (
            "Envia'ns la documentació que falta",
            "Envíanos la documentación que falta",
        ),
        appeal_handled: (
            "L'òrgan competent està resolent el teu recurs",
            "El órgano competente está resolviendo tu recurso",
        ),
        case_worker: "Tramitadora Demo",
        org_unit: "Oficina d'Atenció Ciutadana",
        granted: "S'ha resolt favorablement la teva sol·licitud.",
        application_received: "Sol·licitud rebuda",
        case_informed: "Expedient complet",
        decision_sent: "Resolució notificada",
        receipt: "Justificant de presentació",
        decision: "Resolució",
    },
    resident: Resident {
        name: Fact {
            of: of(AJUNTAMENT, "01", ("Nom", "Nombre")),
            fact: "name",
            names: [
                ("Nom", "Nombre"),
                ("Data de naixement", "Fecha de nacimiento"),
            ],
        },
        address: Fact {
            of: of(
                AJUNTAMENT,
                "01.02",
                ("Domicili al padró", "Domicilio en el padrón"),
            ),
            fact: "address",
            names: ADDRESS,
        },
        health: Known {
            fact: Fact {
                of: of(
                    CATSALUT,
                    "30.01",
                    (
                        "Targeta sanitària individual",
                        "Tarjeta sanitaria individual",
                    ),
                ),
                fact: "health_insurance",
                names: [
                    ("Centre d'atenció primària", "Centro de atención primaria"),
                    (
                        "Nivell d'aportació farmacèutica",
                        "Nivel de aportación farmacéutica",
                    ),
                ],
            },
            values: ["CAP Demo Eixample", "TSI 002"],
        },
        tax_statement: letter(
            of(
                AEAT,
                "62.01",
                (
                    "Declaració de la renda {year}",
                    "Declaración de la renta {year}",
                ),
            ),
            "document",
            "Agencia Tributaria",
        ),
        tax_assessment: letter(
            of(
                AEAT,
                "62.04",
                (
                    "Valor de referència cadastral {year}",
                    "Valor de referencia catastral {year}",
                ),
            ),
            "message",
            "Dirección General del Catastro",
        ),
        look_up: LookUp {
            of: of(
                AEAT,
                "62",
                (
                    "Consulta de les teves dades fiscals",
                    "Consulta de tus datos fiscales",
                ),
            ),
            organisation: "Agencia Tributaria",
            system: "Base de dades de l'IRPF",
            what: "Dades d'ingressos i retencions",
            purpose: "Comprovació de la declaració de la renda",
            legal_basis: Some("Llei 58/2003, general tributària, art. 93"),
        },
    },
    family: Family {
        summary: "parent of two (see their overviews under Acting for others): escola bressol, school, child support, minor building works",
        children: [("Martina", 5), ("Pol", 9)],
        baby: "Jana",
        custody: Fact {
            of: of(
                REGISTRE_CIVIL,
                "64.01",
                ("Pàtria potestat", "Patria potestad"),
            ),
            fact: "custody",
            names: [("Fill o filla", "Hijo o hija")],
        },
        relation: "fill o filla",
        child_check_up: at(
            of(
                CATSALUT,
                "30.04",
                (
                    "Visita a consultes externes de pediatria",
                    "Visita en consultas externas de pediatría",
                ),
            ),
            "Hospital Infantil Demo, consultes externes",
        ),
        pupil_plan: letter(
            of(
                EDUCACIO,
                "32",
                (
                    "Informe d'avaluació del primer trimestre",
                    "Informe de evaluación del primer trimestre",
                ),
            ),
            "document",
            "Escola Demo",
        ),
        place_confirmed: letter(
            of(
                AJUNTAMENT,
                "09.02",
                (
                    "Plaça a l'escola bressol confirmada",
                    "Plaza en la escuela infantil confirmada",
                ),
            ),
            "message",
            "Institut Municipal d'Educació de Barcelona",
        ),
        daycare_place: of(
            AJUNTAMENT,
            "09.01",
            (
                "Preinscripció a l'escola bressol",
                "Preinscripción en la escuela infantil",
            ),
        ),
        daycare_fee: Payment {
            of: of(
                AJUNTAMENT,
                "09.03",
                ("Quota de l'escola bressol", "Cuota de la escuela infantil"),
            ),
            amount: whole(186) + 40,
        },
        school_plan: letter(
            of(
                EDUCACIO,
                "32",
                (
                    "Calendari escolar i horaris del curs",
                    "Calendario escolar y horarios del curso",
                ),
            ),
            "document",
            "Escola Demo",
        ),
        parent_meeting: at(
            of(
                EDUCACIO,
                "32",
                ("Entrevista amb la tutora", "Entrevista con la tutora"),
            ),
            "Escola Demo, aula 12",
        ),
        building_notice: of(
            AJUNTAMENT,
            "04.02",
            (
                "Comunicació d'obres menors: reforma de la cuina",
                "Comunicación de obras menores: reforma de la cocina",
            ),
        ),
        child_benefit: Grant {
            of: of(
                INSS,
                "60.07",
                (
                    "Complement d'ajuda per a la infància",
                    "Complemento de ayuda para la infancia",
                ),
            ),
            gross: 75,
            tax_pct: 0,
        },
        sign_up: task(
            of(
                AJUNTAMENT,
                "08.02",
                (
                    "Sol·licitud d'ajut de menjador escolar",
                    "Solicitud de ayuda de comedor escolar",
                ),
            ),
            "Presenta la sol·licitud d'ajut de menjador abans que acabi el termini",
            Some("https://ajuntament-barcelona.example.cat/menjador"),
        ),
        parental_benefit: Grant {
            of: of(
                INSS,
                "60.06",
                (
                    "Prestació per naixement i cura de menor",
                    "Prestación por nacimiento y cuidado de menor",
                ),
            ),
            gross: 2_150,
            tax_pct: 15,
        },
        credit_note: None,
    },
    unemployed: Unemployed {
        summary: "unemployed on benefits (atur): a meeting at the SOC and documents to send soon",
        benefit: Grant {
            of: of(
                SEPE,
                "61.01",
                ("Prestació per desocupació", "Prestación por desempleo"),
            ),
            gross: 1_225,
            tax_pct: 6,
        },
        meeting: Meeting {
            of: of(
                SOC,
                "34.02",
                (
                    "Entrevista d'orientació laboral",
                    "Entrevista de orientación laboral",
                ),
            ),
            place: OFICINA_DE_TREBALL,
            with_whom: Some("Orientadora laboral Demo"),
            bring: Some("El teu currículum i el DNI o NIE"),
            rebook_link: Some("https://soc.example.cat/cita-previa"),
        },
        upload: task(
            of(
                SEPE,
                "61.01",
                ("Envia els justificants", "Envía los justificantes"),
            ),
            "Envia la declaració de rendes i els justificants a la seu electrònica del SEPE",
            Some("https://sepe.example.cat/justificants"),
        ),
        job_plan: of(
            SOC,
            "34.01",
            (
                "Inscripció com a demandant d'ocupació",
                "Inscripción como demandante de empleo",
            ),
        ),
        monthly_bill: Payment {
            of: of(
                AJUNTAMENT,
                "02.05",
                (
                    "Quota mensual de tributs municipals",
                    "Cuota mensual de tributos municipales",
                ),
            ),
            amount: whole(48) + 70,
        },
    },
    pensioner: Pensioner {
        summary: "pensioner whose rent help ended, a hospital appointment, a dependency assessment and a refund",
        pension: Grant {
            of: of(
                INSS,
                "60.01",
                ("Pensió de jubilació", "Pensión de jubilación"),
            ),
            gross: 1_450,
            tax_pct: 9,
        },
        housing: Grant {
            of: of(
                HABITATGE,
                "35.01",
                (
                    "Ajut per al pagament del lloguer",
                    "Ayuda para el pago del alquiler",
                ),
            ),
            gross: 200,
            tax_pct: 0,
        },
        check_up: Meeting {
            of: of(
                CATSALUT,
                "30.04",
                (
                    "Visita a consultes externes d'oftalmologia",
                    "Visita en consultas externas de oftalmología",
                ),
            ),
            place: HOSPITAL,
            with_whom: Some("Oftalmòloga Demo"),
            bring: Some("Les ulleres i la llista de la medicació que prens"),
            rebook_link: None,
        },
        referral: of(
            CATSALUT,
            "30.03",
            (
                "Llista d'espera per a una operació de cataractes",
                "Lista de espera para una operación de cataratas",
            ),
        ),
        home_help: of(
            DRETS_SOCIALS,
            "31.02",
            (
                "Reconeixement del grau de dependència",
                "Reconocimiento del grado de dependencia",
            ),
        ),
        refund: Some(Payment {
            of: of(
                AJUNTAMENT,
                "02.07",
                (
                    "Devolució d'ingressos indeguts de l'IBI",
                    "Devolución de ingresos indebidos del IBI",
                ),
            ),
            amount: -(whole(87) + 35),
        }),
    },
    farmer: Farmer {
        summary: "farmer with livestock, a fishing licence and an appeal about a building permit",
        herd: Fact {
            of: of(
                AGRICULTURA,
                "36.02",
                ("Explotació ramadera", "Explotación ganadera"),
            ),
            fact: "herd",
            names: [
                ("Codi REGA", "Código REGA"),
                ("Espècie", "Especie"),
                ("Nombre de caps", "Número de cabezas"),
            ],
        },
        herd_number: |index| format!("ES08019{index:07}"),
        species: "Porcí d'engreix",
        fishing: Fact {
            of: of(
                AGRICULTURA,
                "37.02",
                (
                    "Llicència de pesca continental",
                    "Licencia de pesca continental",
                ),
            ),
            fact: "fishing_licence",
            names: VALID_UNTIL,
        },
        building_permit: of(
            AJUNTAMENT,
            "04.01",
            (
                "Llicència d'obres per a una nova nau ramadera",
                "Licencia de obras para una nueva nave ganadera",
            ),
        ),
        report: task(
            of(
                AGRICULTURA,
                "36.03",
                ("Declara el cens de bestiar", "Declara el censo de ganado"),
            ),
            "Declara el nombre d'animals de l'explotació al registre",
            Some("https://agricultura.example.cat/cens"),
        ),
        application: of(
            AGRICULTURA,
            "36.01",
            (
                "Declaració única agrària 2026",
                "Declaración única agraria 2026",
            ),
        ),
        basic_payment: Payment {
            of: of(
                AGRICULTURA,
                "36.01",
                ("Ajut bàsic a la renda", "Ayuda básica a la renta"),
            ),
            amount: whole(14_600),
        },
        property: Known {
            fact: Fact {
                of: of(AEAT, "62.04", ("Immoble", "Inmueble")),
                fact: "property",
                names: [("Valor de referència", "Valor de referencia")],
            },
            values: ["312.500,00 €"],
        },
    },
    student: Student {
        summary: "student with a state study grant, a university admission, library books due and an unpaid sports-centre fee",
        grant: Grant {
            of: of(BEQUES, "66.01", ("Beca general", "Beca general")),
            gross: 280,
            tax_pct: 0,
        },
        admission: letter(
            of(
                EDUCACIO,
                "32.04",
                (
                    "Resultat de la preinscripció universitària",
                    "Resultado de la preinscripción universitaria",
                ),
            ),
            "message",
            "Oficina d'Accés a la Universitat",
        ),
        confirm: task(
            of(
                BEQUES,
                "66.01",
                (
                    "Acredita el rendiment acadèmic",
                    "Acredita el rendimiento académico",
                ),
            ),
            "Presenta el certificat de notes per mantenir la beca",
            Some("https://ministerio-educacion.example.cat/beques"),
        ),
        return_books: task(
            of(AJUNTAMENT, "11.02", BOOKS),
            "Retorna o renova 3 llibres a la biblioteca",
            None,
        ),
        school_grant: Grant {
            of: of(
                BEQUES,
                "66.01",
                ("Beca de batxillerat", "Beca de bachillerato"),
            ),
            gross: 120,
            tax_pct: 0,
        },
        overdue: Some(Payment {
            of: of(
                AJUNTAMENT,
                "11.03",
                (
                    "Rebut de l'abonament esportiu pendent",
                    "Recibo del abono deportivo pendiente",
                ),
            ),
            amount: whole(32) + 50,
        }),
    },
    debtor: Debtor {
        summary: "inheritance tax in enforced collection, paying by instalments",
        debt: Debt {
            of: of(
                ATC,
                "33.03",
                (
                    "Impost sobre successions en via de constrenyiment",
                    "Impuesto sobre sucesiones en vía de apremio",
                ),
            ),
            creditor: "Agència Tributària de Catalunya",
            principal: whole(2_480),
            interest: whole(112) + 40,
            fees: whole(496),
            outstanding: whole(2_938) + 40,
            payment_link: Some(DEBT_PAYMENT),
        },
        instalment: Payment {
            of: of(
                ATC,
                "33.03",
                ("Termini del fraccionament", "Plazo del fraccionamiento"),
            ),
            amount: whole(150),
        },
        plan: of(
            ATC,
            "33.03",
            (
                "Ajornament i fraccionament",
                "Aplazamiento y fraccionamiento",
            ),
        ),
        unpaid_bill: Payment {
            of: of(
                AJUNTAMENT,
                "02.06",
                (
                    "Rebut de l'IBI en constrenyiment",
                    "Recibo del IBI en apremio",
                ),
            ),
            amount: whole(412) + 60,
        },
        next_instalment: task(
            of(
                ATC,
                "33.03",
                (
                    "Propera quota del fraccionament",
                    "Próxima cuota del fraccionamiento",
                ),
            ),
            "Paga 150,00 € de la quota del fraccionament",
            Some(DEBT_PAYMENT),
        ),
    },
    worker: Worker {
        summary: "in work: income tax withholding, vehicle inspection (ITV) due, library loans",
        tax_card: Known {
            fact: Fact {
                of: of(
                    AEAT,
                    "62.01",
                    ("Retencions de l'IRPF", "Retenciones del IRPF"),
                ),
                fact: "other",
                names: [
                    ("Tipus de retenció", "Tipo de retención"),
                    ("Retribució anual", "Retribución anual"),
                ],
            },
            values: ["15 %", "28.400,00 €"],
        },
    },
    extras: Extras {
        vehicle: Fact {
            of: of(DGT, "63.02", ("Vehicle", "Vehículo")),
            fact: "vehicle",
            names: [
                ("Matrícula", "Matrícula"),
                ("Marca i model", "Marca y modelo"),
            ],
        },
        plate,
        make: "Demo Compacte",
        inspection: task(
            of(
                TRANSIT,
                "38.02",
                (
                    "Inspecció tècnica del vehicle (ITV)",
                    "Inspección técnica del vehículo (ITV)",
                ),
            ),
            "Passa la ITV del vehicle en una estació d'ITV",
            None,
        ),
        licence: Fact {
            of: of(DGT, "63.01", ("Permís de conduir", "Permiso de conducir")),
            fact: "driving_licence",
            names: [("Classe", "Clase"), ("Vàlid fins a", "Válido hasta")],
        },
        licence_category: "B",
        reservation: RESERVATION,
        leisure_pass: of(
            AJUNTAMENT,
            "11.03",
            (
                "Abonament al poliesportiu municipal",
                "Abono al polideportivo municipal",
            ),
        ),
        housing_list: of(
            AJUNTAMENT,
            "10.01",
            (
                "Inscripció al registre d'habitatge protegit",
                "Inscripción en el registro de vivienda protegida",
            ),
        ),
        fishing: Fact {
            of: of(
                AGRICULTURA,
                "37.01",
                (
                    "Llicència de pesca recreativa",
                    "Licencia de pesca recreativa",
                ),
            ),
            fact: "fishing_licence",
            names: VALID_UNTIL,
        },
        hobby_herd: Fact {
            of: of(
                AGRICULTURA,
                "36.02",
                ("Animals de corral", "Animales de corral"),
            ),
            fact: "herd",
            names: [
                ("Espècie", "Especie"),
                ("Nombre d'animals", "Número de animales"),
            ],
        },
        hobby_species: "Gallines",
    },
    past: Past {
        post: &[
            letter(
                of(AJUNTAMENT, "02.01", ("Rebut de l'IBI", "Recibo del IBI")),
                "document",
                "Institut Municipal d'Hisenda",
            ),
            letter(
                of(
                    AJUNTAMENT,
                    "02.04",
                    (
                        "Rebut de la taxa de residus",
                        "Recibo de la tasa de residuos",
                    ),
                ),
                "document",
                "Institut Municipal d'Hisenda",
            ),
            letter(
                of(
                    AJUNTAMENT,
                    "10.01",
                    (
                        "La teva posició al registre d'habitatge",
                        "Tu posición en el registro de vivienda",
                    ),
                ),
                "message",
                "Consorci de l'Habitatge de Barcelona",
            ),
            letter(
                of(
                    AJUNTAMENT,
                    "11.04",
                    (
                        "Nova programació dels centres cívics",
                        "Nueva programación de los centros cívicos",
                    ),
                ),
                "message",
                "Ajuntament de Barcelona",
            ),
            letter(
                of(
                    CATSALUT,
                    "30.04",
                    ("Citació per a un cribratge", "Citación para un cribado"),
                ),
                "message",
                "CatSalut",
            ),
            letter(
                of(
                    CATSALUT,
                    "30.05",
                    (
                        "Informe d'alta després de la visita",
                        "Informe de alta después de la visita",
                    ),
                ),
                "document",
                "Hospital Demo",
            ),
            letter(
                of(
                    AEAT,
                    "62.01",
                    ("Dades fiscals disponibles", "Datos fiscales disponibles"),
                ),
                "message",
                "Agencia Tributaria",
            ),
            letter(
                of(
                    AEAT,
                    "62.02",
                    ("Recordatori de pagament", "Recordatorio de pago"),
                ),
                "message",
                "Agencia Tributaria",
            ),
            letter(
                of(
                    INSS,
                    "60.09",
                    ("Informe de vida laboral", "Informe de vida laboral"),
                ),
                "document",
                "Seguridad Social",
            ),
            letter(
                of(
                    CATSALUT,
                    "30.01",
                    (
                        "La teva nova targeta sanitària",
                        "Tu nueva tarjeta sanitaria",
                    ),
                ),
                "message",
                "CatSalut",
            ),
            letter(
                of(
                    AJUNTAMENT,
                    "01.03",
                    ("Volant d'empadronament", "Volante de empadronamiento"),
                ),
                "document",
                "Oficina d'Atenció Ciutadana",
            ),
            letter(
                of(
                    TRANSIT,
                    "38.02",
                    ("Recordatori de la ITV", "Recordatorio de la ITV"),
                ),
                "message",
                "Servei Català de Trànsit",
            ),
            RESERVATION,
            letter(
                of(
                    AJUNTAMENT,
                    "11.02",
                    (
                        "El termini de préstec s'acaba",
                        "El plazo de préstamo termina",
                    ),
                ),
                "message",
                LIBRARIES,
            ),
        ],
        cases: &[
            of(
                AJUNTAMENT,
                "04.02",
                (
                    "Comunicació d'obres menors",
                    "Comunicación de obras menores",
                ),
            ),
            of(
                AJUNTAMENT,
                "10.01",
                (
                    "Inscripció al registre d'habitatge protegit",
                    "Inscripción en el registro de vivienda protegida",
                ),
            ),
            of(
                AJUNTAMENT,
                "11.03",
                ("Abonament esportiu", "Abono deportivo"),
            ),
            of(
                AJUNTAMENT,
                "02.05",
                ("Fraccionament del pagament", "Fraccionamiento del pago"),
            ),
            of(AJUNTAMENT, "07.05", ("Teleassistència", "Teleasistencia")),
            of(
                CATSALUT,
                "30.02",
                ("Canvi de metge de família", "Cambio de médico de familia"),
            ),
            of(
                CATSALUT,
                "30.07",
                (
                    "Transport sanitari no urgent",
                    "Transporte sanitario no urgente",
                ),
            ),
            of(
                AEAT,
                "62.01",
                (
                    "Rectificació de la declaració de la renda",
                    "Rectificación de la declaración de la renta",
                ),
            ),
            of(
                HABITATGE,
                "35.01",
                (
                    "Sol·licitud d'ajut per al lloguer",
                    "Solicitud de ayuda para el alquiler",
                ),
            ),
            of(
                AJUNTAMENT,
                "03.01",
                (
                    "Alta a l'àrea verda de residents",
                    "Alta en el área verde de residentes",
                ),
            ),
            of(
                DGT,
                "63.01.01",
                (
                    "Renovació del permís de conduir",
                    "Renovación del permiso de conducir",
                ),
            ),
            of(
                DRETS_SOCIALS,
                "31.04",
                (
                    "Títol de família monoparental",
                    "Título de familia monoparental",
                ),
            ),
        ],
        appointments: &[
            at(
                of(
                    CATSALUT,
                    "30.04",
                    ("Visita de control", "Visita de control"),
                ),
                HOSPITAL,
            ),
            at(
                of(CATSALUT, "30.04", ("Cribratge", "Cribado")),
                "Hospital Demo, radiologia",
            ),
            at(
                of(CATSALUT, "30.02", ("Anàlisi de sang", "Análisis de sangre")),
                "CAP Demo Eixample, extraccions",
            ),
            at(
                of(
                    SOC,
                    "34.02",
                    (
                        "Entrevista a l'Oficina de Treball",
                        "Entrevista en la Oficina de Trabajo",
                    ),
                ),
                OFICINA_DE_TREBALL,
            ),
            at(
                of(
                    AJUNTAMENT,
                    "07.01",
                    (
                        "Entrevista al centre de serveis socials",
                        "Entrevista en el centro de servicios sociales",
                    ),
                ),
                "Centre de Serveis Socials Demo",
            ),
        ],
        deadlines: &[
            task(
                of(
                    AEAT,
                    "62.01",
                    (
                        "Presenta la declaració de la renda",
                        "Presenta la declaración de la renta",
                    ),
                ),
                "Presenta la declaració de la renda abans del 30 de juny",
                None,
            ),
            task(
                of(AJUNTAMENT, "02.01", ("Paga l'IBI", "Paga el IBI")),
                "Paga el rebut de l'IBI dins del període voluntari",
                None,
            ),
            task(
                of(
                    AJUNTAMENT,
                    "03.02",
                    ("Paga la multa amb descompte", "Paga la multa con descuento"),
                ),
                "Paga la multa amb un 50 % de descompte",
                None,
            ),
            task(
                of(AJUNTAMENT, "11.02", BOOKS),
                "Retorna o renova els teus llibres",
                None,
            ),
            task(
                of(TRANSIT, "38.02", ("Passa la ITV", "Pasa la ITV")),
                "Passa la ITV del vehicle en una estació d'ITV",
                None,
            ),
            task(
                of(
                    AJUNTAMENT,
                    "01.05",
                    ("Renova l'empadronament", "Renueva el empadronamiento"),
                ),
                "Renova la inscripció al padró abans que caduqui",
                None,
            ),
        ],
        look_ups: &[
            look_up(
                of(AEAT, "62", LOOKED_UP),
                "Agencia Tributaria",
                "Sistema d'informació tributària",
                "Dades d'ingressos",
                "Comprovació de la declaració",
            ),
            look_up(
                of(INSS, "60", LOOKED_UP),
                "Seguridad Social",
                "Sistema de pensions",
                "Ingressos i patrimoni",
                "Càlcul de la prestació",
            ),
            look_up(
                of(AJUNTAMENT, "07", LOOKED_UP),
                "Ajuntament de Barcelona",
                "Sistema de serveis socials",
                "Dades de salut i de convivència",
                "Valoració social",
            ),
            look_up(
                of(CATSALUT, "30", LOOKED_UP),
                "CatSalut",
                "Història clínica compartida",
                "Història clínica",
                "Assistència sanitària",
            ),
            look_up(
                of(ATC, "33", LOOKED_UP),
                "Agència Tributària de Catalunya",
                "Sistema de recaptació",
                "Deutes i ingressos",
                "Control de la capacitat de pagament",
            ),
        ],
        earlier_address: Fact {
            of: of(
                AJUNTAMENT,
                "01.02",
                ("Domicili anterior", "Domicilio anterior"),
            ),
            fact: "address",
            names: ADDRESS,
        },
        tax_refund: of(
            AEAT,
            "62.01",
            ("Devolució de l'IRPF", "Devolución del IRPF"),
        ),
        tax_paid: of(
            AEAT,
            "62.01",
            ("Quota de l'IRPF a pagar", "Cuota del IRPF a pagar"),
        ),
    },
};
