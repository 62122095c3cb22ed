//! The demo country's authorities, each registered for the classifications it handles.

/// A demo authority as it is registered with Overblik.
#[derive(Debug, Clone, Copy)]
pub struct Authority {
    pub id: &'static str,
    pub name: &'static str,
    pub homepage: &'static str,
    pub classifications: &'static [&'static str],
}

pub const AUTHORITIES: &[Authority] = &[
    Authority {
        id: "eksempelby-kommune",
        name: "Eksempelby Kommune",
        homepage: "https://www.eksempelby-kommune.example.dk",
        classifications: &[
            "02", "03", "05", "09", "15", "17", "18", "25", "27", "28", "29", "32",
        ],
    },
    Authority {
        id: "region-demo",
        name: "Region Demo, Hospitalerne",
        homepage: "https://www.region-demo.example.dk",
        classifications: &["89"],
    },
    Authority {
        id: "skattestyrelsen",
        name: "Skattestyrelsen (demo)",
        homepage: "https://skat.example.dk",
        classifications: &["85"],
    },
    Authority {
        id: "udbetaling-demo",
        name: "Udbetaling Danmark (demo)",
        homepage: "https://udbetaling.example.dk",
        classifications: &["87"],
    },
    Authority {
        id: "a-kasse-demo",
        name: "Demo A-kasse",
        homepage: "https://a-kasse.example.dk",
        classifications: &["88"],
    },
    Authority {
        id: "gaeldsstyrelsen",
        name: "Gældsstyrelsen (demo)",
        homepage: "https://gaeld.example.dk",
        classifications: &["86"],
    },
    Authority {
        id: "motorstyrelsen",
        name: "Motorstyrelsen (demo)",
        homepage: "https://motor.example.dk",
        classifications: &["90"],
    },
    Authority {
        id: "cpr-demo",
        name: "CPR-registeret (demo)",
        homepage: "https://cpr.example.dk",
        classifications: &["16", "93"],
    },
    Authority {
        id: "landbrug-fiskeri",
        name: "Landbrugs- og Fiskeristyrelsen (demo)",
        homepage: "https://lfst.example.dk",
        classifications: &["91", "92"],
    },
    Authority {
        id: "bibliotek-demo",
        name: "Eksempelby Bibliotekerne",
        homepage: "https://bibliotek.example.dk",
        classifications: &["95"],
    },
    Authority {
        id: "uddannelse-demo",
        name: "Uddannelses- og Forskningsstyrelsen (demo)",
        homepage: "https://su.example.dk",
        classifications: &["94"],
    },
];

/// The demo's rule of who may assert what, as (fact type, provider, classifications): custody
/// counts only from the population register, under its custody classification.
pub const AUTHORITATIVE_FACTS: &[(&str, &str, &[&str])] = &[("custody", "cpr-demo", &["93.04"])];
