# Danske tekster til Overblik – borgerens overblik over, hvad myndighederne ved om en.

app-name = Overblik
skip-to-content = Gå til indhold
log-out = Log ud

## Forsiden

overview-title = Dit overblik
attention-heading = Det skal du tage dig af
attention-none = Der er ikke noget, du skal tage dig af lige nu.
attention-kind-overdue_deadline = Fristen er overskredet
attention-kind-overdue_payment = Betalingen er for sent
attention-kind-waiting_for_you = Venter på dig
attention-kind-deadline = Frist
attention-kind-appointment = Aftale
attention-kind-payment_due = Skal betales
changed-since-visit =
    { $count ->
        [one] Én ting er ændret siden dit sidste besøg.
       *[other] { $count } ting er ændret siden dit sidste besøg.
    }
areas-heading = Dine livsområder
area-records =
    { $count ->
        [0] Intet endnu
        [one] 1 oplysning
       *[other] { $count } oplysninger
    }

## Livsområder

area-personal = Person- og kontaktoplysninger
area-work = Arbejde og beskæftigelse
area-benefits = Ydelser og pension
area-health = Sundhed
area-education = Skole og uddannelse
area-housing = Bolig
area-economy = Økonomi og skat
area-family = Familie og børn
area-daycare = Børnepasning
area-leisure = Fritid og kultur
area-building = Byggeri og ejendom
area-transport = Transport og køretøjer
area-agriculture = Husdyr og landbrug
area-fishing = Fiskeri

## Typer af oplysninger

kind-case = Sag
kind-benefit = Ydelse
kind-payment = Betaling
kind-debt = Gæld
kind-appointment = Aftale
kind-deadline = Frist
kind-document = Dokument eller besked
kind-register_fact = Oplysning i et register
kind-access_event = Brug af dine oplysninger
kind-contact = Kontakt med myndigheden

## Et område og en enkelt oplysning

area-empty = Der er ikke noget på dette område endnu.
back-to-overview = Tilbage til dit overblik
record-authority = Myndighed
record-updated = Senest opdateret hos myndigheden
record-status = Status
record-self-service = Gå til selvbetjening hos { $authority }
record-contact = Kontakt

## Felter

field-due = Frist
field-action = Det skal du gøre
field-start = Starter
field-end = Slutter
field-place = Sted
field-video = Videomøde
field-with = Med
field-bring = Husk at tage med
field-outstanding = Mangler at blive betalt
field-creditor = Du skylder til
field-pay = Betal nu
field-date = Dato
field-gross = Før skat
field-tax = Skat
field-net = Udbetalt
field-payment-status = Status for betaling
field-sender = Afsender
field-granted = Bevilget fra
field-next-step = Næste skridt
field-decision = Afgørelse
field-history = Historik
field-organisation = Hvem
field-what = Hvad
field-purpose = Formål
field-legal-basis = Lovgrundlag

## Fejlsider

not-found-title = Siden findes ikke
not-found-text = Siden findes ikke, eller du har ikke adgang til at se den.
page-error-title = Noget gik galt
page-error-text = Prøv igen om lidt.

## Søgning
search-title = Søg i dine oplysninger
search-label = Hvad leder du efter?
search-button = Søg
search-none = Vi fandt ingenting, der passer til din søgning.

## Navigation

nav-overview = Mit overblik
nav-registers = Mine registerdata
nav-covered = Hvad er med
nav-search = Søg

## Hvad et område rummer, efter slags

count-case =
    { $count ->
        [one] 1 sag
       *[other] { $count } sager
    }
count-benefit =
    { $count ->
        [one] 1 ydelse
       *[other] { $count } ydelser
    }
count-payment =
    { $count ->
        [one] 1 betaling
       *[other] { $count } betalinger
    }
count-debt =
    { $count ->
        [one] 1 gæld
       *[other] { $count } gældsposter
    }
count-appointment =
    { $count ->
        [one] 1 aftale
       *[other] { $count } aftaler
    }
count-deadline =
    { $count ->
        [one] 1 frist
       *[other] { $count } frister
    }
count-document =
    { $count ->
        [one] 1 dokument
       *[other] { $count } dokumenter
    }
count-register_fact =
    { $count ->
        [one] 1 registeroplysning
       *[other] { $count } registeroplysninger
    }
count-access_event =
    { $count ->
        [one] 1 brug af dine data
       *[other] { $count } brug af dine data
    }
count-contact =
    { $count ->
        [one] 1 kontakt
       *[other] { $count } kontakter
    }

## Dele af en side om én oplysning

block-details = Detaljer
block-next-step = Hvad sker der nu
block-timeline = Sagens forløb
block-journal = Journalnotater
block-documents = Dokumenter i sagen
block-per-period = Hver udbetaling
block-payment-chart = Udbetalinger over tid
block-payments = Modtagne udbetalinger
block-payment-plan = Kommende udbetalinger
block-breakdown = Hvad gælden består af
block-instalments = Afdragsordning
field-who-acts = Hvem skal handle
actor-citizen = Dig
actor-authority = Myndigheden
actor-other = En anden
decision-appeal-by = Du kan klage indtil { $date }.
field-handled-by = Behandles af
granted-open = Fra { $date }, indtil videre
field-frequency = Udbetales
frequency-once = Én gang
frequency-weekly = Hver uge
frequency-fortnightly = Hver anden uge
frequency-monthly = Hver måned
frequency-quarterly = Hvert kvartal
frequency-yearly = Hvert år
field-paid-in = Betales
paid-in-advance = Forud
paid-in-arrears = Bagud
field-reason = Hvorfor
field-repayable = Tilbagebetaling
benefit-repayable = Du kan komme til at betale den tilbage.
chart-title = Udbetalt beløb, { $count ->
        [one] seneste udbetaling
       *[other] seneste { $count } udbetalinger
    }
chart-description = Søjlediagram over det udbetalte beløb hver gang, ældste til venstre. Tabellen nedenfor viser de samme tal.
payment-status-upcoming = Kommende
payment-status-paid = Betalt
payment-status-overdue = Forfalden
payment-status-sent_to_collection = Sendt til inddrivelse
payment-status-partly_paid = Delvist betalt
payment-status-partly_paid_overdue = Delvist betalt, forfalden
payment-status-partly_paid_sent_to_collection = Delvist betalt, sendt til inddrivelse
field-direction = Retning
direction-to_citizen = Udbetalt til dig
direction-from_citizen = Betalt af dig
field-account = Konto
field-debt-status = Hvor gælden står
debt-status-open = Åben
debt-status-overdue = Forfalden
debt-status-in_collection = Til inddrivelse
debt-status-instalments = På afdragsordning
debt-status-paid = Betalt
debt-status-in_dispute = Bestridt
debt-status-direct_debit = Betales automatisk fra din konto
debt-status-cancelled = Annulleret
field-part = Del
field-amount = Beløb
field-principal = Selve gælden
field-interest = Renter
field-fees = Gebyrer
instalment-paid = Betalt
instalment-not-paid = Ikke betalt endnu
field-done = Klaret
deadline-done = Det har du gjort.
field-category = Slags
category-document = Dokument
category-message = Besked
field-fact = Register
field-relation = Relation
field-valid-from = Gælder fra
field-valid-until = Gælder til
add-to-calendar = Føj til din kalender
join-video = Deltag i videomødet
rebook = Ændr tidspunktet
do-it-now = Gør det nu
open-document = Åbn dokumentet
payment-of = Hører til: { $benefit }
contact-authority = Kontakt myndigheden
field-case-number = Sagsnummer
field-case-place = Adresse eller sted
field-expected-decision = Forventet afgørelse
block-description = Om sagen
decision-valid = Gælder fra { $from } til { $until }.
decision-valid-open = Gælder fra { $from } uden slutdato.
no-end-date = Ingen slutdato
block-in-kind = Det har du fået bevilget
field-in-kind-granted = Bevilget
field-in-kind-period = Periode
field-in-kind-used = Brugt
field-in-kind-balance = Tilbage
in-kind-overused = Intet: { $amount } mere end bevilget
block-body = Teksten
field-check-in-code = Kode til at tjekke ind
cancel-appointment = Aflys aftalen
field-channel = Hvordan
channel-phone = Telefonopkald
channel-visit = Personligt fremmøde
channel-email = E-mail
channel-letter = Brev
channel-chat = Chat
field-contact-direction = Hvem tog kontakt
contact-direction-from_citizen = Du kontaktede myndigheden
contact-direction-to_citizen = Myndigheden kontaktede dig
field-summary = Hvad det handlede om

## Registeroplysninger

fact-name = Navn
fact-address = Adresse
fact-family = Familie
fact-custody = Forældremyndighed
fact-marital_status = Civilstand
fact-occupation = Beskæftigelse
fact-education = Uddannelse
fact-vehicle = Køretøjer
fact-driving_licence = Kørekort
fact-property = Ejendom
fact-herd = Husdyr
fact-fishing_licence = Fiskerilicens
fact-health_insurance = Sygesikring
fact-payment_mandate = Betalingsaftaler
fact-leasehold = Lejet grund
fact-vessel = Skibe og både
fact-other = Andet
registers-title = Mine data fra registrene
registers-intro = Det, de offentlige registre har om dig: navn, adresse, familie, køretøjer, ejendom og mere. Er noget forkert, så kontakt den myndighed, der har det.
registers-empty = Intet register har sendt oplysninger om dig endnu.
fact-source = Fra { $authority }, opdateret { $date }
valid-since = Siden { $date }
valid-until = Indtil { $date }

## Hvad er med

covered-title = Hvad er med
covered-intro = Disse myndigheder er koblet på Overblik. Overblik viser det, de sender om dig, og intet andet: en myndighed, der ikke står her, kan stadig have oplysninger om dig.
covered-supplies = Sender oplysninger om
covered-about-you-label = Om dig
covered-about-you = { $count ->
        [one] 1 oplysning
       *[other] { $count } oplysninger
    }, senest opdateret { $date }
covered-nothing = Intet om dig endnu
covered-delivery-label = Levering
freshness-heading = Nogle oplysninger er måske ikke opdaterede
freshness-current = Senest leveret { $date }
freshness-no-promise = Senest leveret { $date }; myndigheden har ikke oplyst, hvor ofte den leverer
freshness-stale = { $authority } har ikke leveret noget siden { $date }, selv om den leverer mindst { $days ->
        [one] hver dag
       *[other] hver { $days }. dag
    }: det, den har om dig, er måske ikke opdateret.
freshness-missing = { $authority } har ikke leveret noget endnu: det, den har om dig, vises ikke her.
freshness-covered = Hvad er med, og hvor nyt er det

## Log ind

sign-in-failed-title = Du blev ikke logget ind
sign-in-again = Prøv igen
sign-in-expired = Log-ind tog for lang tid eller blev startet i en anden browser.
sign-in-refused = Log-ind-tjenesten loggede dig ikke ind.
sign-in-incomplete = Svaret fra log-ind-tjenesten var ufuldstændigt.
sign-in-mismatch = Log-ind kunne ikke knyttes til denne browser.
sign-in-unavailable = Log-ind er ikke muligt lige nu. Prøv igen om lidt.
sign-in-not-completed = Log-ind kunne ikke gennemføres.
sign-in-no-identity = Log-ind-tjenesten bekræftede ikke, hvem du er.
sign-in-unverified = Svaret fra log-ind-tjenesten kunne ikke bekræftes.

## Min log

nav-log = Min log
log-title = Min log
log-intro = Hver gang dine data bliver læst gennem Overblik, og hver brug, som en myndighed melder, bliver skrevet her, før noget bliver vist. Hver linje er forseglet i en offentlig, signeret log, som ingen kan ændre, uden at det kan ses, så du kan kontrollere, at listen er komplet.
log-filter = Vis kun
log-authority = Hvem
log-purpose = Hvorfor
log-from = Fra
log-to = Til
log-any = Alle
log-apply = Vis
log-empty = Der er ingen linjer for dette valg.
log-actor-you = Dig
log-records =
    { $count ->
        [one] 1 oplysning
       *[other] { $count } oplysninger
    }
log-what-access_log = Din log
log-what-access_log_export = Din log, hentet
log-channel-web = på nettet
log-channel-api = gennem app-grænsefladen
log-channel-authority = i myndighedens egne systemer
log-proven = Forseglet i den signerede log
log-pending = Venter på at blive forseglet
purpose-self_service = Du så dine egne oplysninger
purpose-case_processing = Behandling af en sag
purpose-payment = Beregning eller udbetaling af en ydelse
purpose-control = Kontrol
purpose-statistics = Statistik
purpose-research = Forskning
purpose-legal_obligation = En pligt efter loven
purpose-other = Et andet formål

## At handle for andre: fuldmagter og forældremyndighed

nav-mandates = Handle for andre
mandates-title = Handle for andre
mandates-intro = Her kan du give en, du stoler på, adgang til en del af dit overblik, tage imod en adgang, som andre har givet dig, og se overblikket for et barn, du har forældremyndighed over. Den, der handler for en anden, ser kun det, vedkommende har fået adgang til, og hvert opslag står i den andens log.
mandates-act-heading = Du kan handle for
mandates-act-none = Der er ingen, du kan handle for lige nu.
mandates-act-button = Se overblikket for
mandates-held-heading = Fuldmagter, du har fået
mandates-given-heading = Fuldmagter, du har givet
mandates-given-none = Du har ikke givet nogen fuldmagt.
mandates-grant-link = Giv en fuldmagt
mandates-acting-note = Du handler for en anden. Fuldmagter kan kun gives, modtages eller tilbagekaldes for dine egne oplysninger: stop med at handle for den anden først.
mandate-done-granted = Fuldmagten er givet. Den, du har valgt, skal tage imod den, før den kan bruges.
mandate-done-accepted = Du har taget imod fuldmagten.
mandate-done-revoked = Fuldmagten er ophørt.
mandate-unnamed-grantor = En borger uden navn i registret
mandate-state-pending = Venter på at blive modtaget
mandate-state-upcoming = Modtaget, ikke begyndt endnu
mandate-state-active = Gælder
mandate-state-expired = Udløbet
mandate-state-revoked = Tilbagekaldt
mandate-period = Fra { $from } til og med { $until }
mandate-first-used = Første gang brugt { $when }
mandate-accept = Tag imod
mandate-revoke = Tilbagekald
mandate-give-up = Opgiv
mandate-settled = Fuldmagten er allerede modtaget eller ophørt.
mandate-used-notice = { $name } har brugt din fuldmagt for første gang, { $when }.
act-for-mandate = Fuldmagt til { $scope }
act-for-custody = Forældremyndighed: hele overblikket
act-for-until = Til og med { $until }
permission-read = Kun se
permission-read_and_act = Se og handle på dine vegne
kinds-case = sager
kinds-benefit = ydelser
kinds-payment = betalinger
kinds-debt = gæld
kinds-appointment = aftaler
kinds-deadline = frister
kinds-document = dokumenter og beskeder
kinds-register_fact = oplysninger i registre
kinds-access_event = brug af dine oplysninger
kinds-contact = kontakter med myndighederne

acting-label = Du handler for en anden
acting-someone = den, du handler for
acting-banner = Du ser overblikket for { $name } på vedkommendes vegne, til og med { $until }.
acting-switch = Skift person
acting-stop = Tilbage til mit eget overblik
acting-ended-title = Din adgang er ophørt
acting-ended-text = Du kan ikke længere handle for denne person: fuldmagten er tilbagekaldt eller udløbet, eller forældremyndigheden er ophørt. Du ser nu dine egne oplysninger igen.
acting-ended-back = Handle for andre
forbidden-title = Ikke tilgængelig
log-not-for-proxies = Loggen vises kun for personen selv og for forældre med forældremyndighed, ikke med en fuldmagt.

grant-title = Giv en fuldmagt
grant-title-errors =
    { $count ->
        [one] Giv en fuldmagt: 1 ting skal rettes
       *[other] Giv en fuldmagt: { $count } ting skal rettes
    }
grant-intro = Den, du vælger, ser kun de livsområder og slags oplysninger, du sætter kryds ved, kun mellem de to datoer, og først når vedkommende har taget imod. Du kan tilbagekalde fuldmagten når som helst. Hvert opslag står i din log.
grant-errors-heading = Ret venligst følgende
grant-error-holder_national_id = Skriv vedkommendes { $name } ({ $form }); det kan ikke være dit eget. Af hensyn til din sikkerhed vises det ikke igen: skriv det venligst en gang til.
grant-error-holder_name = Skriv navnet på den, du stoler på, højst 100 tegn.
grant-error-areas = Vælg mindst ét livsområde.
grant-error-kinds = Vælg mindst én slags oplysninger.
grant-error-permission = Vælg, om vedkommende kun må se eller også handle på dine vegne.
grant-error-valid_from = Vælg en første dag, der er i dag eller senere.
grant-error-valid_until = Vælg en sidste dag, der ikke er før den første dag.
grant-holder-id = Vedkommendes { $name }
grant-holder-id-hint = Skrevet { $form }. Det bruges kun til at genkende vedkommende ved login.
grant-holder-name = Vedkommendes navn
grant-areas = Livsområder, vedkommende må se
grant-kinds = Slags oplysninger, vedkommende må se
grant-permission = Hvad vedkommende må
grant-from = Første dag
grant-until = Sidste dag
grant-submit = Giv fuldmagten
grant-cancel = Annullér

purpose-power_of_attorney = På dine vegne, med en fuldmagt
purpose-parental_custody = På dine vegne, som forælder med forældremyndighed
purpose-correction_request = For at behandle din indberetning af en fejl
log-what-mandates = Dine fuldmagter
log-actor-proxy = { $name } (med din fuldmagt)
log-actor-custody = { $name } (forælder med forældremyndighed)
log-actor-proxy-unnamed = En forælder med forældremyndighed

# Notifikationer
nav-notifications = Notifikationer
log-channel-calendar_feed = via din kalender
log-channel-provider_api = hentet af myndigheden via Overblik
log-channel-webhook = sendt til myndigheden af Overblik
log-channel-shared_api = hentet af en tjeneste, du deler dine data med
purpose-consent = Til en tjeneste, du har givet samtykke til at dele med
log-what-notifications = Dine notifikationer
log-what-notification_settings = Dine indstillinger for notifikationer
notifications-title = Notifikationer
notifications-intro = Det, Overblik har fortalt dig om: nye og ændrede aftaler, påmindelser, betalinger, status i sager og myndigheder, der har set dine data.
notifications-off = Du har slået notifikationer i Overblik fra. Du kan slå dem til igen under dine indstillinger.
notifications-none = Der er ikke noget her endnu.
notifications-unread = { $count ->
    [0] Ingen ulæste notifikationer
    [one] Én ulæst notifikation
   *[other] { $count } ulæste notifikationer
}
notifications-unread-label = Ny
notifications-mark-all = Markér alle som læst
notifications-mark-one = Markér som læst
notifications-settings-link = Sådan får du besked
notifications-acting = Notifikationer er dine egne. Stop med at handle for en anden for at se dine.
notice-appointment_new = Du har fået en ny aftale.
notice-appointment_changed = En af dine aftaler er ændret.
notice-appointment_reminder = Påmindelse: du har snart en aftale.
notice-deadline_reminder = Påmindelse: en frist nærmer sig.
notice-payment_due = Påmindelse: en betaling forfalder snart.
notice-payment_overdue = En betaling er forfalden.
notice-case_status_changed = Status i en af dine sager er ændret.
notice-access_reported = En myndighed har oplyst, at den har set dine data.
notice-report_answered = En myndighed har svaret på en fejl, du har meldt.
notice-email_confirmation = Bekræft din e-mailadresse.
notification-settings-title = Sådan får du besked
notification-settings-saved = Dine valg er gemt.
notification-settings-confirm-sent = Dine valg er gemt. Vi har sendt et link til din nye e-mailadresse: følg det for at få e-mails dér.
notification-settings-revoked = Dit kalenderlink virker ikke længere. Kalendere, der brugte det, får ikke mere.
notification-email-heading = E-mail
notification-email-unavailable = Dette Overblik sender ikke e-mails.
notification-email-label = E-mailadresse
notification-email-hint = Vi sender først e-mails, når du har fulgt linket, vi sender til adressen. Lad feltet være tomt for ikke at få e-mails.
notification-email-confirmed = Bekræftet: e-mails sendes hertil.
notification-email-unconfirmed = Ikke bekræftet endnu: følg linket, vi har sendt til adressen.
notification-channels-legend = Hvor og hvordan
notification-in-product-label = Vis notifikationer her i Overblik
notification-digest-label = Én e-mail om dagen med alt nyt i stedet for én e-mail hver gang (påmindelser kommer stadig til tiden)
notification-details-label = Nævn aftalen, fristen eller sagen i e-mails
notification-details-hint = Uden dette siger e-mails kun, hvilken slags nyt der er, og linker til Overblik, så andre, der ser din e-mail, ikke får mere at vide.
notification-topics-legend = Hvad du vil have besked om
notification-topic-appointment = Nye eller ændrede aftaler
notification-topic-reminder = Påmindelser før aftaler og frister
notification-topic-payment = Betalinger, der forfalder eller er forfaldne
notification-topic-case_status = Ny status i en sag, eller svar på en fejl, du har meldt
notification-topic-access = En myndighed har set dine data
notification-topic-sign_in = Nogen loggede ind som dig fra en enhed, du ikke har brugt for nylig
notification-lead-label = Påmindelser kommer
notification-lead-1 = 1 time før
notification-lead-3 = 3 timer før
notification-lead-24 = 1 dag før
notification-lead-48 = 2 dage før
notification-lead-168 = 1 uge før
notification-language-legend = Sprog i e-mails og kalender
notification-save = Gem
notification-error-email = Skriv en e-mailadresse som navn@eksempel.dk, eller lad feltet være tomt
notification-error-email-limit = Der er sendt flere bekræftelsesmails i den seneste time. Intet blev gemt: prøv igen om { $count } minutter.
notification-error-topic = Vælg blandt de viste hændelser
notification-error-lead = Vælg, hvornår påmindelser kommer
notification-error-language = Vælg dansk eller engelsk
notification-email-confirm-title = Bekræft din e-mailadresse
notification-email-confirm-text = Tryk på knappen for at bekræfte, at notifikationer fra Overblik må sendes til denne adresse.
notification-email-confirm-button = Bekræft adressen
notification-email-confirmed-text = Tak. Din e-mailadresse er bekræftet, og notifikationer sendes dertil, som du har valgt.
notification-email-link-invalid = Linket virker ikke: det er brugt før, er mere end en uge gammelt, eller adressen er ændret siden. Skriv adressen igen under dine indstillinger for at få et nyt link.
calendar-feed-heading = Kalender
calendar-feed-intro = Abonnér på dine aftaler og frister i din egen kalender med et privat link. Alle med linket kan se dem, så del det ikke; du kan stoppe det når som helst.
calendar-feed-url-label = Dit private kalenderlink (vises kun nu: kopiér det til din kalender)
calendar-feed-new = Dit nye kalenderlink er klar. Et tidligere link virker ikke længere.
calendar-feed-on = Du har et kalenderlink. Har du mistet det, så lav et nyt: det gamle holder så op med at virke.
calendar-feed-off = Du har ikke noget kalenderlink.
calendar-feed-make = Lav et kalenderlink
calendar-feed-replace = Lav et nyt kalenderlink
calendar-feed-revoke = Stop kalenderlinket
calendar-reminder = Påmindelse fra Overblik
mail-greeting = Der er nyt til dig i Overblik:
mail-action = Se det i Overblik
mail-footer = Du får denne e-mail, fordi du har bedt om det.
mail-settings = Ændr, hvad du får besked om
mail-subject-appointment_new = Ny aftale
mail-subject-appointment_changed = Ændret aftale
mail-subject-appointment_reminder = Påmindelse om en aftale
mail-subject-deadline_reminder = Påmindelse om en frist
mail-subject-payment_due = Påmindelse om en betaling
mail-subject-payment_overdue = En betaling er forfalden
mail-subject-case_status_changed = Nyt i en af dine sager
mail-subject-access_reported = En myndighed har set dine data
mail-subject-report_answered = Svar på en fejl, du har meldt
mail-subject-email_confirmation = Bekræft din e-mailadresse til Overblik
mail-subject-digest = { $count } nyheder i Overblik i dag
mail-confirm-text = Bekræft, at du vil have e-mails fra Overblik på denne adresse.
mail-confirm-action = Bekræft adressen
mail-confirm-footer = Har du ikke bedt om dette, så se bort fra e-mailen: du får ikke noget tilsendt.

## Meld en fejl, og Mine indberetninger

nav-reports = Mine indberetninger
report-link = Meld en fejl
report-link-heading = Er noget forkert, eller mangler der noget?
report-link-text = Er oplysningen forkert, eller mangler der noget, så fortæl det til { $authority }. Du kan følge svaret under Mine indberetninger.
report-title = Meld en fejl
report-title-errors =
    { $count ->
        [one] Meld en fejl: 1 ting skal rettes
       *[other] Meld en fejl: { $count } ting skal rettes
    }
report-intro = Fortæl den myndighed, der har oplysningen, hvad der er forkert eller mangler. Overblik sender din indberetning videre; kun myndigheden kan rette sine oplysninger.
report-record = Oplysning
report-authority = Myndighed
report-errors-heading = Ret venligst følgende
report-kind-legend = Hvad vil du melde?
report-kind-wrong = Noget er forkert
report-kind-wrong-hint = Oplysningen siger noget, der ikke er rigtigt.
report-kind-missing = Noget mangler
report-kind-missing-hint = Der mangler noget i oplysningen, eller en hel oplysning mangler.
report-explanation = Hvad er forkert, eller hvad mangler?
report-explanation-hint = Med dine egne ord, højst 4.000 tegn. Skriv gerne, hvad der er rigtigt, hvis du ved det. Myndigheden læser det, du skriver.
report-correction-legend = Hvad der skal stå (kan udelades)
report-correction-hint = Er én bestemt oplysning forkert, så skriv hvilken, og hvad der skal stå, for eksempel "Adresse" og "Nørregade 1, 1165 København K".
report-field = Hvilken oplysning
report-value = Det skal der stå
report-attachment = Filer, der viser det (kan udelades)
report-attachment-hint = PDF, PNG eller JPEG. Højst 3 filer på højst 5 MB hver. Vil du sende flere, så vælg dem sammen.
report-attachment-again = Filerne gemmes ikke, når formularen kommer tilbage: vælg dem venligst igen.
report-next-heading = Hvad sker der nu?
report-next-receives = { $authority } modtager din indberetning. Det er myndigheden, der har oplysningen, og den kan rette den.
report-next-follow = Du kan følge din indberetning under Mine indberetninger, hvor hvert skridt står med dato og klokkeslæt.
report-next-answer = Myndigheden svarer ved at rette oplysningen eller ved at afvise indberetningen med en begrundelse.
report-next-usual =
    { $count ->
        [one] { $authority } svarer normalt inden for 1 dag.
       *[other] { $authority } svarer normalt inden for { $count } dage.
    }
report-next-no-deadline = Der er ingen fast frist for svaret. Er der ikke sket noget inden for 4 uger, så kontakt { $authority }.
report-submit = Send indberetningen
report-cancel = Annullér
report-error-kind = Vælg, om noget er forkert, eller om noget mangler.
report-error-explanation = Skriv, hvad der er forkert eller mangler, med højst 4.000 tegn.
report-error-field = Skriv på én linje med højst 100 tegn, hvilken oplysning det drejer sig om, sammen med hvad der skal stå, eller lad begge felter være tomme.
report-error-value = Skriv med højst 1.000 tegn, hvad der skal stå, sammen med hvilken oplysning det drejer sig om, eller lad begge felter være tomme.
report-error-attachments = Vedhæft højst 3 filer.
report-error-attachment = { $name }: vælg en PDF-, PNG- eller JPEG-fil på højst 5 MB.
report-error-unnamed-file = En fil
report-error-too-large = Filerne er for store tilsammen: vedhæft højst 3 filer på højst 5 MB hver.
report-error-other = Gennemgå venligst formularen, og prøv igen.
report-read-only = Din fuldmagt giver dig lov til at se personens oplysninger, ikke til at handle på vedkommendes vegne. Derfor kan du ikke melde fejl for vedkommende.
report-bad-form-title = Formularen kunne ikke læses
report-bad-form-text = Din browser sendte formularen på en måde, vi ikke kunne læse. Prøv venligst igen.
report-back-to-form = Tilbage til formularen
reports-title = Mine indberetninger
reports-intro = Her følger du de fejl, du har meldt til myndighederne, og deres svar. Vil du melde en fejl, så åbn oplysningen, og vælg "Meld en fejl".
reports-empty = Du har ikke meldt nogen fejl.
report-to = Til { $authority }
report-sent-on = Sendt { $date }
report-state-sent = Sendt
report-state-received = Modtaget
report-state-in_progress = Under behandling
report-state-corrected = Rettet
report-state-rejected = Afvist
report-state-withdrawn = Trukket tilbage
report-detail-title = Din indberetning om { $name }
report-back = Alle dine indberetninger
report-state = Status
report-sent = Sendt
report-reported-by = Meldt af
report-kind-label = Type
report-record-gone = Oplysningen vises ikke længere i Overblik.
report-timeline-heading = Hvad der er sket
report-step-sent = Indberetningen blev sendt.
report-step-received = { $authority } har modtaget indberetningen.
report-step-in_progress = { $authority } er ved at se på den.
report-step-corrected = { $authority } har rettet sine oplysninger.
report-step-rejected = { $authority } har afvist indberetningen.
report-step-withdrawn = Indberetningen blev trukket tilbage.
report-step-note = Myndigheden skriver:
report-step-reason = Begrundelse:
report-correction-shown = Oplysningen i Overblik viser nu rettelsen.
report-correction-coming = { $authority } sender den rettede oplysning til Overblik. Den vises her, når den kommer.
report-next-sent = { $authority } har ikke hentet din indberetning endnu. Når det sker, kan du se det her.
report-next-received = { $authority } har din indberetning. Myndigheden svarer ved at rette oplysningen eller ved at afvise indberetningen med en begrundelse.
report-next-in_progress = { $authority } er ved at se på din indberetning. Myndigheden svarer ved at rette oplysningen eller ved at afvise indberetningen med en begrundelse.
report-next-corrected = Der sker ikke mere med denne indberetning.
report-next-rejected = Der sker ikke mere med denne indberetning. Er du uenig i begrundelsen, så kontakt { $authority }.
report-next-withdrawn = Indberetningen er trukket tilbage, og { $authority } har fået besked. Der sker ikke mere med den.
report-what-heading = Det har du meldt
report-explanation-label = Din forklaring
report-attachments-label = Filer
report-withdraw = Træk indberetningen tilbage
report-withdraw-hint = Har du ikke længere brug for et svar, kan du trække indberetningen tilbage. Myndigheden får besked.
report-settled-title = Indberetningen kan ikke længere ændres
report-settled = Indberetningen kan ikke trækkes tilbage: myndigheden har allerede svaret, eller den er trukket tilbage før.
report-back-to-report = Tilbage til indberetningen
log-what-correction_requests = Dine indberetninger af fejl
log-what-correction_request = Din indberetning af en fejl

too-many-requests-title = For mange forespørgsler
too-many-requests-text = Du har sendt for mange forespørgsler på kort tid. Vent et øjeblik, og prøv igen.

report-limit-title = Indberetningen blev ikke sendt
report-limit-open-per-record = Du har allerede flere indberetninger om dette, som venter på svar. Vent på myndighedens svar, eller træk en af dem tilbage under Dine indberetninger, før du sender en ny.
report-limit-open = Du har mange indberetninger, som venter på svar. Vent på myndighedernes svar, eller træk en tilbage under Dine indberetninger, før du sender en ny.
report-limit-per-day = Du har sendt så mange indberetninger, som man kan sende på 24 timer. Prøv igen senere.
report-limit-bytes-per-day = Du har sendt så mange vedhæftede filer, som man kan sende på 24 timer. Send indberetningen uden filer, eller prøv igen senere.

## Hent mine data
nav-download = Hent mine data
download-title = Hent mine data
download-intro = Hent en kopi af alt, hvad Overblik har om dig: som data, andre programmer kan læse, eller som et dokument, du kan læse, udskrive eller gemme. Hver hentning bliver skrevet i Min log.
download-on-behalf = Du handler for en anden: kopien rummer kun det, du må se for vedkommende, og siger, at du hentede den på deres vegne.
download-holds-records = Alle registreringer med deres historik: sager og deres trin, ydelser og udbetalinger, gæld, aftaler, frister, dokumenter og registeroplysninger
download-holds-covered = Hvilke myndigheder der er tilsluttet, hvad hver sender, og hvornår den sidst opdaterede
download-holds-reports = Dine henvendelser om forkerte eller manglende oplysninger, med de filer, du sendte
download-holds-mandates = Fuldmagter, du har givet og fået
download-holds-notifications = Dine indstillinger for beskeder og dine beskeder
download-holds-log = Min log: hvem der brugte dine oplysninger, hvornår og hvorfor, med beviserne for, at den er fuldstændig
download-package-heading = Som data (ZIP)
download-package-text = JSON-filer med en beskrivelse (JSON Schema) af hver, en liste over alle filer med deres kontrolsum (SHA-256) og en README, der forklarer hver fil.
download-package-link = Hent data (ZIP)
download-document-heading = Som dokument (PDF)
download-document-text = En tilgængelig PDF: først et resumé, derefter hvert livsområde, dine henvendelser, fuldmagter og Min log i almindelige ord.
download-document-link = Hent dokumentet (PDF)
log-what-data_export_package = Alle dine oplysninger, hentet som data
log-what-data_export_document = Alle dine oplysninger, hentet som dokument
export-left-out-mandates = mandates.json: fuldmagter er borgerens egne og kommer ikke med, når en anden handler for borgeren
export-left-out-notifications = notifications.json: indstillinger for beskeder er borgerens egne og kommer ikke med, når en anden handler for borgeren
export-left-out-log = log.json: Min log vises ikke under en fuldmagt
export-readme-intro = Dette er en kopi af alt, hvad Overblik har om dig, hentet fra Overblik. Filerne nedenfor er JSON (UTF-8). Hver har en beskrivelse af sin opbygning i JSON Schema (2020-12) under schemas/, og manifest.json oplister hver fil med dens størrelse og SHA-256-kontrolsum, så du kan kontrollere, at intet er ændret.
export-readme-on-behalf = Denne kopi er hentet af en, der handler på borgerens vegne, og rummer kun det, vedkommende må se; export.json siger hvem og inden for hvad.
export-readme-export = Om denne kopi: hvornår den blev lavet, på hvilket sprog, på hvis vegne, og hvad den rummer eller udelader.
export-readme-covered = Myndighederne, der er tilsluttet Overblik, hvad hver må sende, hvor mange af dine registreringer hver har, og hvornår den sidst ændrede en.
export-readme-records = Alle registreringer om dig, som borger-API'et viser dem: hvad det er, hvilken myndighed der har det, status og historik (trin, udbetalinger, beløb).
export-readme-reports = Dine henvendelser om forkerte eller manglende oplysninger, med hvert trin i myndighedens behandling; filerne, du sendte, ligger under reports/.
export-readme-mandates = Fuldmagter, du har givet og fået, og hvem du kan handle for.
export-readme-notifications = Dine indstillinger for beskeder og de beskeder, Overblik har givet dig.
export-readme-log = Min log: hver brug af dine oplysninger med formålet, og beviserne, der binder hver post til loggens signerede checkpoint. Kontrollér den med: overblik log verify --export log.json
export-readme-files = Filerne, du sendte med dine henvendelser, som du sendte dem.
export-readme-schemas = JSON Schema (2020-12) for hver JSON-fil.
export-readme-manifest = Hver fil i kopien med dens størrelse og SHA-256-kontrolsum.
export-readme-version = Format: overblik-export, version { $version }.
document-title = Alt, hvad Overblik har om dig
document-title-for = Alt, hvad Overblik har om { $name }
document-made = Lavet af Overblik { $moment }. Overblik viser, hvad offentlige myndigheder sender om dig; dette dokument rummer det hele, som det var da.
document-scope-everything = alt
document-on-behalf = Hentet af { $holder } på vegne af { $name }. Det rummer kun det, { $holder } må se: { $scope }.
document-kind = Type
document-summary = Resumé
document-holders = Hvem har hvad
document-authority = Myndighed
document-items = Registreringer om dig
document-last-update = Senest opdateret
document-attention = Det skal du være opmærksom på
document-attention-none = Intet kræver din opmærksomhed lige nu.
document-explanation = Det skrev du
document-files = Sendte filer
document-person = Person
document-scope = Hvad den dækker
document-period = Periode
document-mandates-given = Givet af dig
document-mandates-held = Givet til dig
document-log-intro = Hvem der brugte dine oplysninger, hvorfor og hvornår, nyeste først. Hver post er forseglet i en signeret log, som ingen kan ændre, uden at det ses.
document-log-caption = Brug af dine oplysninger
document-when = Hvornår
document-what = Hvad
document-about = Om dette dokument
document-about-purpose = Hvorfor: Overblik samler det, offentlige myndigheder har om dig, så du kan se det ét sted, kontrollere det og handle på det. Dine oplysninger bruges ikke til andet.
document-about-sources = Hvor det kommer fra: hver registrering nævner den myndighed, der har den og sendte den; resuméet oplister alle tilsluttede myndigheder. En myndighed, der ikke står der, kan stadig have oplysninger om dig.
document-about-recipients = Hvem der har brugt det: Min log oplister hver brug af dine oplysninger gennem Overblik, af dig, af en, der handler for dig, og af myndighederne, med formålet.
document-about-retention = Hvor længe: Overblik gemmer en registrering, så længe myndigheden, der har den, bliver ved med at sende den, og posterne i Min log, så længe loggen gemmes. Hver myndighed gemmer sine egne oplysninger efter sine egne regler.
document-about-rights = Dine rettigheder: du kan melde forkerte eller manglende oplysninger til myndigheden, der har dem, fra registreringens side i Overblik, og bede hver myndighed om indsigt i, rettelse eller sletning af det, den har.
document-footer = Overblik · { $moment } · side {"{"}page{"}"}
document-payments = Udbetalinger
document-title-column = Titel
document-appointments = Aftaler
document-deadlines = Frister
document-documents = Dokumenter og beskeder
document-access-events = Brug af dine data, som myndighederne har meldt
document-contacts = Kontakter med myndigheden

## Deling med samtykke
nav-shared = Delt med andre
consent-title = Del dine data
consent-title-asks = { $name } beder om at se nogle af dine data
consent-intro = Læs, hvad der bedes om. Du kan dele mindre, end der bedes om, eller sige nej. Intet deles, før du godkender.
consent-policy = Tjenestens privatlivspolitik
consent-purpose-heading = Hvorfor de spørger
consent-data-heading = Hvilke data
consent-data-hint = Fjern fluebenet ved et område for at holde det udenfor.
consent-items = { $count ->
    [one] 1 oplysning om dig
   *[other] { $count } oplysninger om dig
}
consent-kinds = Af disse slags: { $kinds }
consent-terms-heading = Hvor længe
consent-once = Én gang: de henter data i dag og ikke igen.
consent-ongoing = Løbende: de må også hente nye data, indtil { $until }.
consent-data-from = Kun data fra { $from } og frem.
consent-data-all = Alle de data, du har i disse områder.
consent-retention = { $days ->
    [one] De må gemme det, de henter, i 1 dag.
   *[other] De må gemme det, de henter, i { $days } dage.
}
consent-revocable = Du kan til enhver tid trække dit samtykke tilbage under "Delt med andre"; derefter får de intet mere.
consent-until-label = Sidste dag, de må hente
consent-until-hint = Du kan vælge en tidligere dag end den, der bedes om.
consent-on-behalf = Du giver samtykke på vegne af den, du handler for.
consent-approve = Godkend og del
consent-refuse = Nej, del ikke
consent-choose-area = Vælg mindst ét område at dele, eller sig nej.
consent-unknown-request = Anmodningen er ukendt eller udløbet. Gå tilbage til tjenesten, og start forfra.
consent-no-decision = Vælg at godkende eller at sige nej.
consent-read-only = Din fuldmagt lader dig se, ikke handle: du kan ikke dele personens data.
consent-state-active = Aktivt
consent-state-revoked = Tilbagekaldt
consent-state-expired = Udløbet
shared-title = Delt med andre
shared-intro = De tjenester, du har ladet se nogle af dine data, hvad de må se, og hver gang de har hentet dem.
shared-empty = Du har ikke delt dine data med nogen tjeneste.
shared-revoked = Dit samtykke er tilbagekaldt. Tjenesten kan ikke hente mere.
shared-purpose = Hvorfor
shared-data = Data
shared-period = Hvor ofte
shared-data-period = Fra hvornår
shared-retention = Gemmes i
shared-given = Givet
shared-given-by = Givet af
shared-revoked-at = Tilbagekaldt
shared-last-use = Senest hentet
shared-never = Endnu ikke
shared-fetches = Hver hentning
shared-no-fetches = Intet hentet endnu.
shared-fetch = { $when }: { $count ->
    [one] 1 oplysning
   *[other] { $count } oplysninger
}
shared-revoke = Tilbagekald
log-what-shared = det, du deler med andre
notice-consent_given = Du har givet en tjeneste samtykke til at se nogle af dine data.
notice-consent_used = En tjeneste har for første gang hentet dine data med dit samtykke.
mail-subject-consent_given = Du har delt dine data med en tjeneste
mail-subject-consent_used = En tjeneste har hentet dine data
notice-sign_in_new_device = Nogen loggede ind på Overblik som dig fra en enhed, du ikke har brugt for nylig. Var det ikke dig, så log ud alle andre steder under Mine log-ind.
mail-subject-sign_in_new_device = Log ind fra en ny enhed
export-readme-consents = De samtykker, du har givet tjenester til at hente nogle af dine data: til hvem, hvorfor, hvilke data, hvor længe, og hvornår det blev givet, brugt og tilbagekaldt. Hver hentning står i log.json med samtykkets id som retsgrundlag.
document-shared-intro = De tjenester, du har givet samtykke til at dele nogle af dine data med. Hver hentning står i Min log nedenfor.
document-recipient = Tjeneste
document-data = Data
download-holds-consents = De samtykker, du har givet tjenester til at hente dine data
consent-beyond-reach = Din fuldmagt lader dig ikke se nogen af de data, der bedes om, så du kan ikke dele dem.
shared-not-for-proxies = Hvad en person deler med tjenester, er deres eget at se: en fuldmagt viser det ikke.

# Attester
purpose-certificate = En attest, du har fået udstedt
purpose-certificate_check = Nogen har tjekket en attest fra dig
log-channel-verify = det offentlige tjek af attester
log-actor-verifier = En, du har vist en attest
log-what-certificate_issued = en attest udstedt ud fra dine oplysninger
log-what-certificate_checked = en attest fra dig blev tjekket
log-what-certificates = dine attester
certificates-acting = Attester er borgerens egne: en fuldmagt kan hverken udstede eller se dem. Stop med at handle for den anden person først.
certificate-about-heading = Om denne attest
certificate-code = Kode
certificate-sources = Ud fra oplysninger fra
certificate-issued = Udstedt
certificate-valid-until = Gyldig til
certificate-issuer = Udstedt og signeret af
certificate-key = Signeringsnøgle
certificate-issued-by = Udstedt på dine vegne af
certificate-check-heading = Tjek denne attest
certificate-check-online = Alle kan tjekke den på { $url } med koden { $code } eller ved at scanne QR-koden.
certificate-check-offline = Uden netværk: QR-koden indeholder attesten signeret med Overbliks nøgle, som er offentliggjort på { $keys }. Kommandoen overblik certificate verify FIL --keys keys.json tjekker filen med den og efterlader intet spor.
certificate-qr = QR-kode med den signerede attest
certificate-attachment = Den signerede attest, som QR-koden indeholder den
certificate-footer = Attest { $code } · side {"{"}page{"}"}

## Attester, siderne
nav-certificates = Attester
verify-footer-link = Tjek en attest
certificates-title = Attester
certificates-title-errors = Attester ({ $count } at rette)
certificates-intro = En attest bekræfter noget fra dine data, signeret af Overblik, så du kan vise den til en udlejer, en arbejdsgiver eller andre. Alle kan tjekke den; hvert tjek står i Min log.
certificates-revoked = Attesten er tilbagekaldt: ethvert tjek fra nu af siger det.
certificates-issued = Attesten er udstedt. Hent den, eller giv dens kode til den, der skal tjekke den.
certificates-errors-heading = Ret følgende
certificates-mine = Dine attester
certificates-empty = Du har endnu ingen attester.
certificates-state = Status
certificates-state-valid = Gyldig
certificates-state-revoked = Tilbagekaldt
certificates-state-expired = Udløbet
certificates-revoked-at = Tilbagekaldt
certificates-pdf = Hent PDF
certificates-sd-jwt = Til en wallet (SD-JWT VC)
certificates-revoke = Tilbagekald
certificates-new = Få en attest
certificates-new-intro = Vælg en attest. Du ser præcis, hvad den vil bekræfte, før den udstedes.
certificates-period-hint = Perioden
certificates-period-from = Første dag
certificates-period-to = Sidste dag
certificates-case = Din sag
certificates-no-cases = Du har ingen sager, som denne attest kan handle om.
certificates-show-draft = Se hvad den vil bekræfte
certificates-error-period_from = Skriv periodens første dag som en dato.
certificates-error-period_to = Skriv periodens sidste dag som en dato: ikke før den første dag, ikke efter i dag og højst tre år efter den første dag.
certificates-error-case = Vælg en af dine sager.
certificates-draft-title = { $name }: det vil den bekræfte
certificates-draft-intro = Sådan vil attesten se ud, præcis. Intet udstedes, før du trykker på knappen.
certificates-attests = Det bekræfter den
certificates-issue = Udsted attesten
certificates-cancel = Annullér
certificates-back = Tilbage til attester
certificates-downloads = Hent
certificates-check-text = Alle kan tjekke den på { $url } med koden { $code } eller ved at scanne QR-koden på PDF'en. Hvert sådant tjek får du at vide i Min log.
certificates-check-offline = Et tjek uden netværk, med kommandoen overblik certificate verify, efterlader intet spor.
certificates-refused-title = Attesten kan ikke udstedes
certificates-refused-no-name = Folkeregistret har intet navn på dig, så en attest kunne ikke sige, hvem den handler om.
certificates-refused-no-register-fact = Registrene har ingen aktuelle oplysninger af den slags, som attesten bekræfter.
certificates-refused-debt-outstanding = Du har gæld, der ikke er betalt, så en attest om gældfrihed kan ikke udstedes. Din gæld står under Økonomi.
certificates-refused-no-debt-source = Ingen myndighed, der sender gæld, er koblet til Overblik, så ingens data kan bære en attest om gældfrihed.
certificates-refused-nothing-in-period = Der blev ikke udbetalt noget til dig i den valgte periode. Prøv en anden periode.
verify-title = Tjek en attest
verify-intro = Tjek en attest fra Overblik: skriv dens kode, send dens PDF, eller indsæt teksten fra dens QR-kode eller dens SD-JWT VC. Du ser, om den er gyldig, og hvad den bekræfter.
verify-traced = Et tjek her får attestens indehaver at vide i sin log.
verify-offline = Et tjek uden netværk, med kommandoen overblik certificate verify og udstederens offentliggjorte nøgler, efterlader intet spor.
verify-errors-heading = Attesten kunne ikke tjekkes
verify-code-heading = Tjek en kode
verify-code-label = Attestens kode
verify-code-hint = 16 bogstaver og tal, som de står på attesten, fx ABCD-EFGH-JKLM-NPQR.
verify-file-heading = Tjek en PDF
verify-file-label = Attestens PDF (højst 5 MB)
verify-paste-heading = Tjek en signeret attest
verify-paste-label = Teksten fra QR-koden eller SD-JWT VC'en
verify-paste-hint = Teksten begynder med OB1: for en QR-kode; en SD-JWT VC indeholder tegnet ~.
verify-check = Tjek
verify-error-too-large = Filen er større end 5 MB. En attests PDF er meget mindre.
verify-error-nothing = Skriv en kode, vælg en PDF, eller indsæt en signeret attest.
verify-error-no-certificate-in-pdf = PDF'en indeholder ingen attest fra Overblik.
verify-error-code = Det er ikke en attestkode. En kode har 16 bogstaver og tal.
verify-result-heading = Resultat
verify-verdict-valid = Gyldig
verify-verdict-valid-text = Attesten er ægte, udstedt af Overblik, ikke tilbagekaldt og ikke udløbet.
verify-verdict-revoked = Tilbagekaldt
verify-verdict-revoked-text = Attesten er ægte, men indehaveren har tilbagekaldt den. Stol ikke på den.
verify-verdict-expired = Udløbet
verify-verdict-expired-text = Attesten er ægte, men dens sidste dag er passeret. Bed om en ny.
verify-verdict-forged = Ikke ægte
verify-verdict-forged-text = Det er ikke en attest, Overblik har udstedt, eller den er ændret, efter den blev udstedt. Stol ikke på den.
verify-verdict-unknown = Ukendt kode
verify-verdict-unknown-text = Ingen attest har denne kode. Tjek, at den er skrevet rigtigt.
verify-fields-heading = Det bekræfter den
verify-forged-malformed = Den har ikke form som en attest fra Overblik.
verify-forged-unknown-key = Den er signeret med en nøgle, Overblik ikke offentliggør.
verify-forged-bad-signature = Dens signatur passer ikke til indholdet: den er ændret.
verify-forged-bad-disclosure = Den viser et felt, Overblik ikke har signeret.
certificates-type = Attest
export-readme-certificates = De attester, du har fået udstedt ud fra dine oplysninger: hvad hver attesterer, dens kode, dens signerede tekst (som QR-koden indeholder den), og om den er gyldig, tilbagekaldt eller udløbet.

# The deployment's identity scheme: what its identifier is called, and how it is written.
scheme-name-cpr = CPR-nummer
scheme-name-dni_nie = DNI- eller NIE-nummer
scheme-name-bsn = BSN
scheme-name-isikukood = personnummer
scheme-form-cpr = DDMMÅÅ-XXXX
scheme-form-dni_nie = 12345678Z eller X1234567L
scheme-form-bsn = ni cifre
scheme-form-isikukood = elleve cifre

# A day counted from today, before its date on the overview.
relative-today = i dag
relative-tomorrow = i morgen
relative-yesterday = i går
relative-in-days = om { $days } dage
relative-days-ago = for { $days } dage siden

# The overview arranged by the citizen: pinned records and areas, advice, life events.
pinned-heading = Fastgjort
pin-add = Fastgør på overblikket
pin-remove = Fjern fra overblikket
advice-heading = Anbefalet til dig
advice-why = Hvorfor:
advice-hide = Skjul
life-events-heading = Livssituationer
life-events-none = Intet i dine oplysninger peger på en bestemt livssituation lige nu.
life-events-all = Alle livssituationer
area-pin = Fastgør
area-unpin = Løsn
area-up = Op
area-down = Ned
area-hide = Skjul
area-show = Vis
area-pinned = Fastgjort
areas-hidden = Skjulte områder ({ $count })
arrange-title = Sæt dit overblik op
arrange-intro = Fastgør de områder, du bruger mest, så de står øverst, flyt dem op og ned, og skjul dem, du ikke har brug for. Skjulte områder kan altid vises igen her.
arrange-link = Sæt overblikket op
arrange-back = Tilbage til overblikket
overview-arrange-acting = Hvordan overblikket er sat op, er borgerens eget valg. Stop med at handle for en anden for at sætte dit eget op.
life-events-title = Livssituationer
life-events-intro = Det, der plejer at høre med, når noget sker i livet. Vi viser dem, dine oplysninger peger på, og dem, du selv vælger. Intet gemmes om dig ud over dit valg.
life-events-back = Alle livssituationer
life-event-choose = Det gælder mig
life-event-unchoose = Det gælder ikke mig
life-event-detected = Vist på grund af { $name }.
life-event-detected-on = Vist på grund af { $name }, { $date }.
life-event-chosen = Du har selv valgt denne.
life-event-not-yours = Intet i dine oplysninger peger på denne. Vælg den, hvis den gælder dig.
life-event-steps = De sædvanlige skridt
life-event-step-due = senest { $date }
life-event-records = Dine oplysninger om det
life-event-records-none = Ingen oplysninger i disse områder.

# My sign-ins.
nav-sign-ins = Mine log-ind
log-what-sign_ins = Dine log-ind
sign-ins-title = Mine log-ind
sign-ins-intro = Hvornår og hvordan du loggede ind for nylig, og hvor du stadig er logget ind. Genkender du ikke et log-ind, så log ud alle andre steder og kontakt os.
sign-ins-sessions = Hvor du er logget ind
sign-ins-sessions-caption = Dine åbne sessioner
sign-ins-recent = Seneste log-ind
sign-ins-recent-caption = Dine seneste log-ind, nyeste først
sign-ins-when = Logget ind
sign-ins-provider = Log-ind-tjeneste
sign-ins-device = Enhed
sign-ins-last-seen = Sidst brugt
sign-ins-this-session = denne
sign-ins-unknown = Ukendt
sign-ins-end-others = Log ud alle andre steder
sign-ins-ended = { $count ->
    [one] Logget ud ét andet sted.
   *[other] Logget ud { $count } andre steder.
}
sign-ins-acting = Dine log-ind er dine egne. Stop med at handle for en anden for at se dem.
# The full list of sections at the foot of a page on a phone.
nav-menu = Menu
# The overview at a glance, above everything else.
glance-heading = Kort fortalt
glance-next-payment = Næste udbetaling
glance-owed = Du skylder
glance-next-appointment = Næste aftale
glance-open-cases = Åbne sager
glance-none = Ingen
glance-nothing-owed = Intet
# A benefit's payments folded under it in a list of records.
payments-folded = { $count ->
    [one] 1 udbetaling, { $amount } den { $date }
   *[other] { $count } udbetalinger, senest { $amount } den { $date }
}
# An authority's many bills as one line of what needs attention.
attention-bills = { $authority }: { $count } regninger
attention-bills-first = den første { $date }
# My Log: the citizen's own reads, folded below others' uses.
log-own-folded = { $count ->
    [one] Din egen visning (1)
   *[other] Dine egne visninger ({ $count })
}
