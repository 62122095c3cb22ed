# Textos en català d'Overblik: la visió de conjunt de tot el que les administracions tenen sobre tu.

app-name = Overblik
skip-to-content = Ves al contingut
log-out = Tanca la sessió

## Pàgina d'inici

overview-title = El teu resum
attention-heading = El que requereix la teva atenció
attention-none = Ara mateix no hi ha res que requereixi la teva atenció.
attention-kind-overdue_deadline = Termini vençut
attention-kind-overdue_payment = Pagament endarrerit
attention-kind-waiting_for_you = Pendent de tu
attention-kind-deadline = Termini
attention-kind-appointment = Cita
attention-kind-payment_due = Pagament pendent
changed-since-visit =
    { $count ->
        [one] Ha canviat una cosa des de la teva darrera visita.
       *[other] Han canviat { $count } coses des de la teva darrera visita.
    }
areas-heading = Els àmbits de la teva vida
area-records =
    { $count ->
        [0] Encara res
        [one] 1 element
       *[other] { $count } elements
    }

## Àmbits de la vida

area-personal = Dades personals i de contacte
area-work = Feina i ocupació
area-benefits = Prestacions i pensions
area-health = Salut
area-education = Escola i formació
area-housing = Habitatge
area-economy = Economia i impostos
area-family = Família i fills
area-daycare = Escola bressol
area-leisure = Lleure i cultura
area-building = Construcció i immobles
area-transport = Transport i vehicles
area-agriculture = Ramaderia i agricultura
area-fishing = Pesca

## Tipus d'informació

kind-case = Expedient
kind-benefit = Prestació
kind-payment = Pagament
kind-debt = Deute
kind-appointment = Cita
kind-deadline = Termini
kind-document = Document o missatge
kind-register_fact = Dades dels registres
kind-access_event = Ús de les teves dades
kind-contact = Contacte amb l'organisme

## Un àmbit i un element

area-empty = Encara no hi ha res en aquest àmbit.
back-to-overview = Torna al teu resum
record-authority = Organisme
record-updated = Darrera actualització a l'organisme
record-status = Estat
record-self-service = Fes tràmits en línia amb { $authority }
record-contact = Contacte

## Camps

field-due = Venciment
field-action = Què has de fer
field-start = Inici
field-end = Final
field-place = Lloc
field-video = Videotrucada
field-with = Amb
field-bring = Què has de portar
field-outstanding = Import pendent
field-creditor = Creditor
field-pay = Paga ara
field-date = Data
field-gross = Abans d'impostos
field-tax = Impostos
field-net = Import pagat
field-payment-status = Estat del pagament
field-sender = Remitent
field-granted = Període de concessió
field-next-step = Pas següent
field-decision = Resolució
field-history = Historial
field-organisation = Qui
field-what = Què
field-purpose = Finalitat
field-legal-basis = Base jurídica

## Pàgines d'error

not-found-title = No s'ha trobat la pàgina
not-found-text = La pàgina no existeix o no tens permís per veure-la.
page-error-title = Alguna cosa no ha funcionat
page-error-text = Torna-ho a provar d'aquí a una estona.

## Cerca
search-title = Cerca en la teva informació
search-label = Què busques?
search-button = Cerca
search-none = No hem trobat res que coincideixi amb la teva cerca.

## Navegació

nav-overview = Resum
nav-registers = Les meves dades dels registres
nav-covered = Què s'hi inclou
nav-search = Cerca

## Què conté un àmbit, per tipus

count-case =
    { $count ->
        [one] 1 expedient
       *[other] { $count } expedients
    }
count-benefit =
    { $count ->
        [one] 1 prestació
       *[other] { $count } prestacions
    }
count-payment =
    { $count ->
        [one] 1 pagament
       *[other] { $count } pagaments
    }
count-debt =
    { $count ->
        [one] 1 deute
       *[other] { $count } deutes
    }
count-appointment =
    { $count ->
        [one] 1 cita
       *[other] { $count } cites
    }
count-deadline =
    { $count ->
        [one] 1 termini
       *[other] { $count } terminis
    }
count-document =
    { $count ->
        [one] 1 document
       *[other] { $count } documents
    }
count-register_fact =
    { $count ->
        [one] 1 dada dels registres
       *[other] { $count } dades dels registres
    }
count-access_event =
    { $count ->
        [one] 1 ús de les teves dades
       *[other] { $count } usos de les teves dades
    }
count-contact =
    { $count ->
        [one] 1 contacte
       *[other] { $count } contactes
    }

## Parts de la pàgina d'un element

block-details = Detalls
block-next-step = Què passarà ara
block-timeline = Com ha avançat l'expedient
block-journal = Notes de l'expedient
block-documents = Documents de l'expedient
block-per-period = Cada pagament
block-payment-chart = Pagaments al llarg del temps
block-payments = Pagaments rebuts
block-payment-plan = Pagaments previstos
block-breakdown = De què es compon el deute
block-instalments = Pla de pagament fraccionat
field-who-acts = Qui ha d'actuar
actor-citizen = Tu
actor-authority = L'organisme
actor-other = Una altra persona
decision-appeal-by = Pots presentar un recurs fins al { $date }.
field-handled-by = Tramitat per
granted-open = Des del { $date }, fins a nou avís
field-frequency = Periodicitat
frequency-once = Un sol cop
frequency-weekly = Cada setmana
frequency-fortnightly = Cada dues setmanes
frequency-monthly = Cada mes
frequency-quarterly = Cada trimestre
frequency-yearly = Cada any
field-paid-in = Es paga
paid-in-advance = Per avançat
paid-in-arrears = Un cop vençut el període
field-reason = Motiu
field-repayable = Reintegrable
benefit-repayable = És possible que l'hagis de retornar.
chart-title = Import pagat: { $count ->
        [one] el darrer pagament
       *[other] els darrers { $count } pagaments
    }
chart-description = Gràfic de barres de l'import pagat cada vegada, del més antic (a l'esquerra) al més recent. La taula de sota mostra les mateixes xifres.
payment-status-upcoming = Previst
payment-status-paid = Pagat
payment-status-overdue = Endarrerit
payment-status-sent_to_collection = Enviat a recaptació executiva
payment-status-partly_paid = Pagat en part
payment-status-partly_paid_overdue = Pagat en part, endarrerit
payment-status-partly_paid_sent_to_collection = Pagat en part, enviat a recaptació executiva
field-direction = Sentit
direction-to_citizen = Pagat a tu
direction-from_citizen = Pagat per tu
field-account = Compte
field-debt-status = Situació del deute
debt-status-open = Pendent
debt-status-overdue = Vençut
debt-status-in_collection = En recaptació executiva
debt-status-instalments = Amb pla de pagament fraccionat
debt-status-paid = Pagat
debt-status-in_dispute = Impugnat
debt-status-direct_debit = Domiciliat al teu compte
debt-status-cancelled = Anul·lat
field-part = Concepte
field-amount = Import
field-principal = Deute principal
field-interest = Interessos
field-fees = Despeses
instalment-paid = Pagat
instalment-not-paid = Encara no s'ha pagat
field-done = Fet
deadline-done = Ja ho has fet.
field-category = Tipus
category-document = Document
category-message = Missatge
field-fact = Registre
field-relation = Relació
field-valid-from = Vàlid des de
field-valid-until = Vàlid fins a
add-to-calendar = Afegeix-ho al teu calendari
join-video = Entra a la videotrucada
rebook = Canvia l'hora
do-it-now = Fes-ho ara
open-document = Obre el document
payment-of = Forma part de: { $benefit }
contact-authority = Contacta amb l'organisme
field-case-number = Número d'expedient
field-case-place = Adreça o lloc
field-expected-decision = Resolució prevista
block-description = Sobre l'expedient
decision-valid = Vàlida del { $from } al { $until }.
decision-valid-open = Vàlida des del { $from }, sense data de finalització.
no-end-date = Sense data de finalització
block-in-kind = El que tens concedit
field-in-kind-granted = Concedit
field-in-kind-period = Període
field-in-kind-used = Utilitzat
field-in-kind-balance = Restant
in-kind-overused = Res: { $amount } més del que tens concedit
block-body = El text
field-check-in-code = Codi per registrar l'arribada
cancel-appointment = Anul·la la cita
field-channel = Com
channel-phone = Trucada telefònica
channel-visit = Visita presencial
channel-email = Correu electrònic
channel-letter = Carta
channel-chat = Xat
field-contact-direction = Qui va contactar
contact-direction-from_citizen = Vas contactar amb l'organisme
contact-direction-to_citizen = L'organisme et va contactar
field-summary = De què es va tractar

## Dades dels registres

fact-name = Nom
fact-address = Adreça
fact-family = Família
fact-custody = Potestat parental
fact-marital_status = Estat civil
fact-occupation = Ocupació
fact-education = Formació
fact-vehicle = Vehicles
fact-driving_licence = Permís de conduir
fact-property = Immobles
fact-herd = Bestiar
fact-fishing_licence = Llicència de pesca
fact-health_insurance = Cobertura sanitària
fact-payment_mandate = Domiciliacions bancàries
fact-leasehold = Dret de superfície
fact-vessel = Embarcacions
fact-other = Altres
registers-title = Les meves dades dels registres
registers-intro = El que consta sobre tu als registres públics: nom, adreça, família, vehicles, immobles i més. Si hi ha alguna dada incorrecta, posa't en contacte amb l'organisme que la té.
registers-empty = Encara no hi ha cap registre que hagi enviat informació sobre tu.
fact-source = Font: { $authority }. Actualitzat el { $date }
valid-since = Des del { $date }
valid-until = Fins al { $date }

## Què s'hi inclou

covered-title = Què s'hi inclou
covered-intro = Aquests organismes estan connectats a Overblik. Overblik mostra el que envien sobre tu, i res més: un organisme que no sigui en aquesta llista també pot tenir informació sobre tu.
covered-supplies = Envia informació sobre
covered-about-you-label = Sobre tu
covered-about-you = { $count ->
        [one] 1 element
       *[other] { $count } elements
    }, darrera actualització el { $date }
covered-nothing = Encara res sobre tu
covered-delivery-label = Lliurament
freshness-heading = Alguna informació pot no estar al dia
freshness-current = Darrer lliurament: { $date }
freshness-no-promise = Darrer lliurament: { $date }; no ha dit cada quan lliura
freshness-stale = { $authority } no ha lliurat res des del { $date }, tot i que lliura com a mínim { $days ->
        [one] cada dia
       *[other] cada { $days } dies
    }: el que té sobre tu pot no estar al dia.
freshness-missing = { $authority } encara no ha lliurat res: el que té sobre tu no es mostra aquí.
freshness-covered = Què hi ha inclòs, i com n'és de recent

## Identificació

sign-in-failed-title = No s'ha pogut iniciar la sessió
sign-in-again = Torna-ho a provar
sign-in-expired = La identificació ha trigat massa o s'ha iniciat en un altre navegador.
sign-in-refused = El proveïdor d'identitat no t'ha deixat iniciar la sessió.
sign-in-incomplete = La resposta del proveïdor d'identitat era incompleta.
sign-in-mismatch = No s'ha pogut vincular la identificació amb aquest navegador.
sign-in-unavailable = Ara mateix no es pot iniciar la sessió. Torna-ho a provar d'aquí a una estona.
sign-in-not-completed = No s'ha pogut completar la identificació.
sign-in-no-identity = El proveïdor d'identitat no ha confirmat qui ets.
sign-in-unverified = No s'ha pogut verificar la resposta del proveïdor d'identitat.

## El meu registre d'accessos

nav-log = El meu registre d'accessos
log-title = El meu registre d'accessos
log-intro = Cada vegada que es consulten les teves dades a través d'Overblik, i cada ús que comunica un organisme, queda anotat aquí abans que es mostri res. Cada anotació queda segellada en un registre públic i signat que ningú no pot modificar sense que es noti, de manera que pots comprovar que la llista és completa.
log-filter = Mostra només
log-authority = Qui
log-purpose = Per què
log-from = Des de
log-to = Fins a
log-any = Qualsevol
log-apply = Mostra
log-empty = No hi ha cap anotació per a aquesta selecció.
log-actor-you = Tu
log-records =
    { $count ->
        [one] 1 element
       *[other] { $count } elements
    }
log-what-access_log = El teu registre d'accessos
log-what-access_log_export = El teu registre d'accessos, descarregat
log-channel-web = al web
log-channel-api = a través de la interfície de l'aplicació
log-channel-authority = als sistemes propis de l'organisme
log-proven = Segellat al registre signat
log-pending = Pendent de segellar
purpose-self_service = Has consultat la teva pròpia informació
purpose-case_processing = Tramitació d'un expedient
purpose-payment = Càlcul o pagament d'una prestació
purpose-control = Comprovació o control
purpose-statistics = Estadística
purpose-research = Recerca
purpose-legal_obligation = Una obligació legal
purpose-other = Una altra finalitat

## Actuar en nom d'altres: apoderaments i potestat parental

nav-mandates = Actuar en nom d'altres
mandates-title = Actuar en nom d'altres
mandates-intro = Aquí pots donar accés a una part del teu resum a una persona de confiança, acceptar l'accés que algú t'ha donat i veure el resum d'un fill o filla sobre qui tens la potestat parental. Qui actua en nom d'una altra persona només veu el que se li ha donat, i cada consulta queda anotada al registre d'accessos d'aquesta persona.
mandates-act-heading = Pots actuar en nom de
mandates-act-none = Ara mateix no pots actuar en nom de ningú.
mandates-act-button = Mostra el resum de
mandates-held-heading = Apoderaments que t'han atorgat
mandates-given-heading = Apoderaments que has atorgat
mandates-given-none = No has atorgat cap apoderament.
mandates-grant-link = Atorga un apoderament
mandates-acting-note = Estàs actuant en nom d'una altra persona. Els apoderaments només es poden atorgar, acceptar o revocar per a les teves pròpies dades: primer deixa d'actuar en nom de l'altra persona.
mandate-done-granted = S'ha atorgat l'apoderament. La persona que has triat l'ha d'acceptar abans de poder-lo fer servir.
mandate-done-accepted = Has acceptat l'apoderament.
mandate-done-revoked = L'apoderament s'ha acabat.
mandate-unnamed-grantor = Una persona que no consta amb nom al registre
mandate-state-pending = Pendent d'acceptació
mandate-state-upcoming = Acceptat, encara no ha començat
mandate-state-active = Vigent
mandate-state-expired = Caducat
mandate-state-revoked = Revocat
mandate-period = Des del { $from } fins al { $until }
mandate-first-used = Primer ús: { $when }
mandate-accept = Accepta
mandate-revoke = Revoca
mandate-give-up = Renuncia-hi
mandate-settled = L'apoderament ja s'havia acceptat o acabat abans.
mandate-used-notice = { $name } ha fet servir el teu apoderament per primera vegada ({ $when }).
act-for-mandate = Apoderament per a: { $scope }
act-for-custody = Potestat parental: tot el resum
act-for-until = Fins al { $until }
permission-read = Només veure
permission-read_and_act = Veure i actuar en nom teu
kinds-case = expedients
kinds-benefit = prestacions
kinds-payment = pagaments
kinds-debt = deutes
kinds-appointment = cites
kinds-deadline = terminis
kinds-document = documents i missatges
kinds-register_fact = dades dels registres
kinds-access_event = usos de les teves dades
kinds-contact = contactes amb els organismes

acting-label = Actues en nom d'una altra persona
acting-someone = la persona en nom de qui actues
acting-banner = Estàs veient, en nom seu, el resum de la persona que representes: { $name }, fins al { $until }.
acting-switch = Canvia de persona
acting-stop = Torna al meu resum
acting-ended-title = El teu accés ha acabat
acting-ended-text = Ja no pots actuar en nom d'aquesta persona: l'apoderament s'ha revocat o ha caducat, o la potestat parental ha acabat. Tornes a veure les teves pròpies dades.
acting-ended-back = Actuar en nom d'altres
forbidden-title = No disponible
log-not-for-proxies = «El meu registre d'accessos» només es mostra a la persona interessada i al pare o la mare que en té la potestat parental, no a qui actua amb un apoderament.

grant-title = Atorga un apoderament
grant-title-errors =
    { $count ->
        [one] Atorga un apoderament: 1 cosa per corregir
       *[other] Atorga un apoderament: { $count } coses per corregir
    }
grant-intro = La persona que triïs només veurà els àmbits de la vida i els tipus d'informació que marquis, només entre les dues dates i només després d'haver-ho acceptat. Ho pots revocar en qualsevol moment. Cada vegada que consulti les teves dades, quedarà anotat a «El meu registre d'accessos».
grant-errors-heading = Corregeix el següent
grant-error-holder_national_id = Escriu el { $name } ({ $form }) de la persona de confiança; no pot ser el teu. Per seguretat, no es torna a mostrar: escriu-lo un altre cop.
grant-error-holder_name = Escriu el nom de la persona de confiança, amb un màxim de 100 caràcters.
grant-error-areas = Tria com a mínim un àmbit de la vida.
grant-error-kinds = Tria com a mínim un tipus d'informació.
grant-error-permission = Tria si només pot veure les dades o si també pot actuar en nom teu.
grant-error-valid_from = Tria un primer dia que sigui avui o més endavant.
grant-error-valid_until = Tria un darrer dia que no sigui anterior al primer.
grant-holder-id = El seu { $name }
grant-holder-id-hint = En format { $form }. Només s'utilitza per reconèixer la persona quan iniciï la sessió.
grant-holder-name = El seu nom
grant-areas = Àmbits de la vida que pot veure
grant-kinds = Tipus d'informació que pot veure
grant-permission = Què pot fer
grant-from = Primer dia
grant-until = Darrer dia
grant-submit = Atorga l'apoderament
grant-cancel = Cancel·la

purpose-power_of_attorney = En nom teu, amb un apoderament
purpose-parental_custody = En nom teu, com a pare o mare amb potestat parental
purpose-correction_request = Per tramitar un error que has comunicat
log-what-mandates = Els teus apoderaments
log-actor-proxy = { $name } (amb el teu apoderament)
log-actor-custody = { $name } (pare o mare amb potestat parental)
log-actor-proxy-unnamed = Un pare o una mare amb potestat parental

# Notificacions
nav-notifications = Notificacions
log-channel-calendar_feed = a través de l'enllaç del teu calendari
log-channel-provider_api = obtingut per l'organisme a través d'Overblik
log-channel-webhook = enviat a l'organisme per Overblik
log-channel-shared_api = obtingut per un servei amb el qual has compartit les teves dades
purpose-consent = Per a un servei amb el qual has consentit compartir les teves dades
log-what-notifications = Les teves notificacions
log-what-notification_settings = La configuració de les teves notificacions
notifications-title = Notificacions
notifications-intro = El que Overblik t'ha notificat: cites noves i modificades, recordatoris, pagaments, l'estat dels expedients i els organismes que han consultat les teves dades.
notifications-off = Has desactivat les notificacions a Overblik. Les pots tornar a activar a la configuració.
notifications-none = Encara no hi ha res.
notifications-unread = { $count ->
    [0] Cap notificació sense llegir
    [one] Una notificació sense llegir
   *[other] { $count } notificacions sense llegir
}
notifications-unread-label = Nova
notifications-mark-all = Marca-les totes com a llegides
notifications-mark-one = Marca-la com a llegida
notifications-settings-link = Com t'avisem
notifications-acting = Les notificacions són personals. Deixa d'actuar en nom d'una altra persona per veure les teves.
notice-appointment_new = Tens una cita nova.
notice-appointment_changed = Ha canviat una de les teves cites.
notice-appointment_reminder = Recordatori: aviat tens una cita.
notice-deadline_reminder = Recordatori: s'acosta un termini.
notice-payment_due = Recordatori: aviat venç un pagament.
notice-payment_overdue = Hi ha un pagament endarrerit.
notice-case_status_changed = Ha canviat l'estat d'un dels teus expedients.
notice-access_reported = Un organisme ha comunicat que ha consultat les teves dades.
notice-report_answered = Un organisme ha respost a un error que has comunicat.
notice-email_confirmation = Confirma la teva adreça electrònica.
notification-settings-title = Com t'avisem
notification-settings-saved = S'han desat les teves preferències.
notification-settings-confirm-sent = S'han desat les teves preferències. Hem enviat un enllaç a la teva adreça electrònica nova: obre'l per començar a rebre-hi correus.
notification-settings-revoked = L'enllaç del teu calendari ja no funciona. Els calendaris que l'utilitzaven ja no rebran res més.
notification-email-heading = Correu electrònic
notification-email-unavailable = Aquesta instal·lació d'Overblik no envia correus electrònics.
notification-email-label = Adreça electrònica
notification-email-hint = Només t'enviem correus després que hagis obert l'enllaç que enviem a aquesta adreça. Deixa-ho en blanc si no vols rebre correus.
notification-email-confirmed = Confirmada: els correus s'envien aquí.
notification-email-unconfirmed = Encara no s'ha confirmat: obre l'enllaç que hem enviat a aquesta adreça.
notification-channels-legend = On i com
notification-in-product-label = Mostra les notificacions aquí a Overblik
notification-digest-label = Un sol correu al dia amb totes les novetats, en lloc d'un correu cada vegada (els recordatoris continuen arribant a temps)
notification-details-label = Indica als correus de quina cita, termini o expedient es tracta
notification-details-hint = Si no ho marques, els correus només diuen quin tipus de novetat hi ha i enllacen a Overblik, perquè ningú més que vegi el teu correu en pugui saber més.
notification-topics-legend = De què vols que t'avisem
notification-topic-appointment = Cites noves o modificades
notification-topic-reminder = Recordatoris abans de cites i terminis
notification-topic-payment = Pagaments que vencen o endarrerits
notification-topic-case_status = Canvis en l'estat d'un expedient, o respostes a errors que has comunicat
notification-topic-access = Un organisme ha consultat les teves dades
notification-topic-sign_in = Algú ha iniciat la sessió com tu des d'un dispositiu que no has fet servir darrerament
notification-lead-label = Els recordatoris arriben
notification-lead-1 = 1 hora abans
notification-lead-3 = 3 hores abans
notification-lead-24 = 1 dia abans
notification-lead-48 = 2 dies abans
notification-lead-168 = 1 setmana abans
notification-language-legend = Idioma dels correus i del calendari
notification-save = Desa
notification-error-email = Escriu una adreça electrònica com ara nom@example.com, o deixa-ho en blanc
notification-error-email-limit = En l'última hora s'han enviat diversos correus de confirmació. No s'ha desat res: torna-ho a provar { $count ->
        [one] d'aquí a 1 minut.
       *[other] d'aquí a { $count } minuts.
    }
notification-error-topic = Tria entre els esdeveniments de la llista
notification-error-lead = Tria quan han d'arribar els recordatoris
notification-error-language = Tria danès o anglès
notification-email-confirm-title = Confirma la teva adreça electrònica
notification-email-confirm-text = Prem el botó per confirmar que Overblik pot enviar notificacions a aquesta adreça.
notification-email-confirm-button = Confirma l'adreça
notification-email-confirmed-text = Gràcies. S'ha confirmat la teva adreça electrònica, i s'hi enviaran les notificacions que has triat.
notification-email-link-invalid = Aquest enllaç no funciona: ja s'ha fet servir, té més d'una setmana o l'adreça ha canviat des de llavors. Torna a escriure l'adreça a la configuració per rebre un enllaç nou.
calendar-feed-heading = Calendari
calendar-feed-intro = Subscriu-te a les teves cites i terminis des de la teva aplicació de calendari amb un enllaç privat. Qualsevol persona que tingui l'enllaç les pot veure, així que no el comparteixis; el pots desactivar en qualsevol moment.
calendar-feed-url-label = El teu enllaç privat del calendari (només es mostra ara: copia'l a la teva aplicació de calendari)
calendar-feed-new = El teu nou enllaç del calendari ja està a punt. Els enllaços anteriors ja no funcionen.
calendar-feed-on = Tens un enllaç del calendari. Si l'has perdut, crea'n un de nou: l'antic deixarà de funcionar.
calendar-feed-off = No tens cap enllaç del calendari.
calendar-feed-make = Crea un enllaç del calendari
calendar-feed-replace = Crea un enllaç nou del calendari
calendar-feed-revoke = Desactiva l'enllaç del calendari
calendar-reminder = Recordatori d'Overblik
mail-greeting = Tens novetats a Overblik:
mail-action = Consulta-ho a Overblik
mail-footer = Reps aquest correu perquè ho has demanat.
mail-settings = Canvia de què t'avisem
mail-subject-appointment_new = Cita nova
mail-subject-appointment_changed = Cita modificada
mail-subject-appointment_reminder = Recordatori d'una cita
mail-subject-deadline_reminder = Recordatori d'un termini
mail-subject-payment_due = Recordatori d'un pagament
mail-subject-payment_overdue = Hi ha un pagament endarrerit
mail-subject-case_status_changed = Novetats en un dels teus expedients
mail-subject-access_reported = Un organisme ha consultat les teves dades
mail-subject-report_answered = Resposta a un error que has comunicat
mail-subject-email_confirmation = Confirma la teva adreça electrònica per a Overblik
mail-subject-digest = Novetats d'avui a Overblik: { $count }
mail-confirm-text = Confirma que vols rebre correus d'Overblik en aquesta adreça.
mail-confirm-action = Confirma l'adreça
mail-confirm-footer = Si no ho has demanat tu, no facis cas d'aquest correu: no t'enviarem res.

## Comunicar un error, i Els meus errors comunicats

nav-reports = Els meus errors comunicats
report-link = Comunica un error
report-link-heading = Hi ha alguna cosa incorrecta o que hi falti?
report-link-text = Si això no és correcte o hi falta alguna cosa, fes-ho saber a { $authority }. Pots seguir la resposta a «Els meus errors comunicats».
report-title = Comunica un error
report-title-errors =
    { $count ->
        [one] Comunica un error: 1 cosa per corregir
       *[other] Comunica un error: { $count } coses per corregir
    }
report-intro = Explica a l'organisme que té aquesta fitxa què és incorrecte o què hi falta. Overblik li fa arribar la teva comunicació; només l'organisme pot modificar les seves dades.
report-record = Fitxa
report-authority = Organisme
report-errors-heading = Corregeix el següent
report-kind-legend = Què vols comunicar?
report-kind-wrong = Hi ha alguna cosa incorrecta
report-kind-wrong-hint = La fitxa diu una cosa que no és correcta.
report-kind-missing = Hi falta alguna cosa
report-kind-missing-hint = A la fitxa hi falta alguna dada, o falta tota una fitxa.
report-explanation = Què és incorrecte o què hi falta?
report-explanation-hint = Amb les teves paraules, amb un màxim de 4.000 caràcters. Si ho saps, indica quina és la informació correcta. L'organisme llegirà el que escriguis.
report-correction-legend = Què hi hauria de dir (opcional)
report-correction-hint = Si hi ha una dada incorrecta, indica quina és i escriu què hi hauria de dir, per exemple «Adreça» i «Carrer Major, 1, 08001 Barcelona».
report-field = Quina dada
report-value = Què hi hauria de dir
report-attachment = Fitxers que ho demostrin (opcional)
report-attachment-hint = PDF, PNG o JPEG. Com a màxim 3 fitxers de 5 MB cadascun. Per enviar-ne diversos, selecciona'ls alhora.
report-attachment-again = Els fitxers no es conserven quan es torna a mostrar el formulari: selecciona'ls de nou.
report-next-heading = Què passarà ara
report-next-receives = { $authority } rep la teva comunicació. És qui té la fitxa i qui la pot corregir.
report-next-follow = Pots seguir la teva comunicació a «Els meus errors comunicats», on es mostra cada pas amb la data i l'hora.
report-next-answer = L'organisme respon corregint la fitxa, o bé rebutjant la comunicació i explicant-ne el motiu.
report-next-usual =
    { $count ->
        [one] { $authority } sol respondre en 1 dia.
       *[other] { $authority } sol respondre en { $count } dies.
    }
report-next-no-deadline = No hi ha cap termini fix de resposta. Si en 4 setmanes no ha passat res, posa't en contacte amb { $authority }.
report-submit = Envia la comunicació
report-cancel = Cancel·la
report-error-kind = Tria si hi ha alguna cosa incorrecta o si hi falta alguna cosa.
report-error-explanation = Escriu què és incorrecte o què hi falta, amb un màxim de 4.000 caràcters.
report-error-field = Indica la dada en una sola línia, amb un màxim de 100 caràcters, juntament amb què hi hauria de dir, o deixa tots dos camps en blanc.
report-error-value = Escriu què hi hauria de dir la dada, amb un màxim de 1.000 caràcters, juntament amb quina dada és, o deixa tots dos camps en blanc.
report-error-attachments = Adjunta com a màxim 3 fitxers.
report-error-attachment = { $name }: tria un fitxer PDF, PNG o JPEG de 5 MB com a màxim.
report-error-unnamed-file = Un fitxer
report-error-too-large = Els fitxers ocupen massa en conjunt: adjunta com a màxim 3 fitxers de 5 MB cadascun.
report-error-other = Revisa el formulari i torna-ho a provar.
report-read-only = El teu apoderament et permet veure les dades d'aquesta persona, però no actuar en nom seu, de manera que no pots comunicar errors per ella.
report-bad-form-title = No s'ha pogut llegir el formulari
report-bad-form-text = El teu navegador ha enviat el formulari d'una manera que no hem pogut llegir. Torna-ho a provar.
report-back-to-form = Torna al formulari
reports-title = Els meus errors comunicats
reports-intro = Aquí pots seguir els errors que has comunicat als organismes i les seves respostes. Per comunicar un error, obre la fitxa i tria «Comunica un error».
reports-empty = No has comunicat cap error.
report-to = Adreçada a { $authority }
report-sent-on = Enviada el { $date }
report-state-sent = Enviada
report-state-received = Rebuda
report-state-in_progress = En estudi
report-state-corrected = Corregida
report-state-rejected = Rebutjada
report-state-withdrawn = Retirada
report-detail-title = La teva comunicació sobre { $name }
report-back = Tots els errors que has comunicat
report-state = Estat
report-sent = Enviada
report-reported-by = Comunicada per
report-kind-label = Tipus
report-record-gone = La fitxa ja no es mostra a Overblik.
report-timeline-heading = Què ha passat
report-step-sent = S'ha enviat la comunicació.
report-step-received = { $authority } ha rebut la comunicació.
report-step-in_progress = { $authority } l'està estudiant.
report-step-corrected = { $authority } ha corregit les seves dades.
report-step-rejected = { $authority } ha rebutjat la comunicació.
report-step-withdrawn = S'ha retirat la comunicació.
report-step-note = L'organisme ha escrit:
report-step-reason = Motiu:
report-correction-shown = La fitxa d'Overblik ja mostra la correcció.
report-correction-coming = { $authority } enviarà la fitxa corregida a Overblik. Es mostrarà aquí quan arribi.
report-next-sent = { $authority } encara no ha recollit la teva comunicació. Quan ho faci, ho veuràs aquí.
report-next-received = { $authority } ja té la teva comunicació. Respondrà corregint la fitxa, o bé rebutjant la comunicació i explicant-ne el motiu.
report-next-in_progress = { $authority } està estudiant la teva comunicació. Respondrà corregint la fitxa, o bé rebutjant la comunicació i explicant-ne el motiu.
report-next-corrected = Ja no es farà res més amb aquesta comunicació.
report-next-rejected = Ja no es farà res més amb aquesta comunicació. Si no estàs d'acord amb el motiu, posa't en contacte amb { $authority }.
report-next-withdrawn = La comunicació s'ha retirat i s'ha fet saber a { $authority }. Ja no es farà res més amb aquesta comunicació.
report-what-heading = Què has comunicat
report-explanation-label = La teva explicació
report-attachments-label = Fitxers
report-withdraw = Retira la comunicació
report-withdraw-hint = Si ja no necessites resposta, pots retirar la comunicació. Es farà saber a l'organisme.
report-settled-title = La comunicació ja no es pot modificar
report-settled = No es pot retirar la comunicació: l'organisme ja hi ha respost, o ja s'havia retirat abans.
report-back-to-report = Torna a la comunicació
log-what-correction_requests = Els errors que has comunicat
log-what-correction_request = Un error que has comunicat

too-many-requests-title = Massa sol·licituds
too-many-requests-text = Has enviat massa sol·licituds en poc temps. Espera una estona i torna-ho a provar.

report-limit-title = No s'ha enviat la comunicació
report-limit-open-per-record = Ja tens diverses comunicacions sobre aquesta fitxa pendents de resposta. Espera la resposta de l'organisme, o retira'n una a «Els meus errors comunicats», abans d'enviar-ne una altra.
report-limit-open = Tens moltes comunicacions pendents de resposta. Espera les respostes dels organismes, o retira'n una a «Els meus errors comunicats», abans d'enviar-ne una altra.
report-limit-per-day = Ja has enviat el màxim de comunicacions permeses en 24 hores. Torna-ho a provar més tard.
report-limit-bytes-per-day = Ja has enviat el màxim de fitxers adjunts permesos en 24 hores. Envia la comunicació sense fitxers o torna-ho a provar més tard.

## Descarregar les meves dades
nav-download = Descarrega les meves dades
download-title = Descarrega les meves dades
download-intro = Obtén una còpia de tot el que Overblik té sobre tu: com a dades que altres programes poden llegir, o com a document per llegir, imprimir o guardar. Cada descàrrega queda anotada a «El meu registre d'accessos».
download-on-behalf = Estàs actuant en nom d'una altra persona: la descàrrega només conté el que pots veure d'aquesta persona i indica que l'has feta en nom seu.
download-holds-records = Cada fitxa amb el seu historial: expedients i els seus passos, prestacions i pagaments, deutes, cites, terminis, documents i dades dels registres
download-holds-covered = Quins organismes estan connectats, què envia cadascun i quan ho va actualitzar per darrera vegada
download-holds-reports = Els errors que has comunicat (informació incorrecta o que hi falta), amb els fitxers que vas enviar
download-holds-mandates = Els apoderaments que has atorgat i els que t'han atorgat
download-holds-notifications = La configuració de les teves notificacions i els avisos que has rebut
download-holds-log = «El meu registre d'accessos»: qui ha fet servir la teva informació, quan i per què, amb les proves que el registre és complet
download-package-heading = Com a dades (ZIP)
download-package-text = Fitxers JSON amb una descripció (JSON Schema) de cadascun, una llista de tots els fitxers amb la seva suma de verificació (SHA-256) i un fitxer README que explica cada fitxer.
download-package-link = Descarrega les dades (ZIP)
download-document-heading = Com a document (PDF)
download-document-text = Un PDF accessible: primer un resum i després cada àmbit de la vida, els errors que has comunicat, els apoderaments i «El meu registre d'accessos», en llenguatge planer.
download-document-link = Descarrega el document (PDF)
log-what-data_export_package = Tota la teva informació, descarregada com a dades
log-what-data_export_document = Tota la teva informació, descarregada com a document
export-left-out-mandates = mandates.json: els apoderaments són personals de la persona titular i no s'inclouen quan algú actua en nom seu
export-left-out-notifications = notifications.json: la configuració de les notificacions és personal de la persona titular i no s'inclou quan algú actua en nom seu
export-left-out-log = log.json: «El meu registre d'accessos» no es mostra a qui actua amb un apoderament
export-readme-intro = Això és una còpia de tot el que Overblik té sobre tu, descarregada d'Overblik. Els fitxers següents són JSON (UTF-8). Cadascun té una descripció de la seva estructura en JSON Schema (2020-12) a schemas/, i manifest.json llista tots els fitxers amb la seva mida i la seva suma de verificació SHA-256, perquè puguis comprovar que no s'ha modificat res.
export-readme-on-behalf = Aquesta còpia l'ha feta una persona que actua en nom de la persona titular, i només conté el que pot veure; export.json indica qui l'ha feta i dins de quins límits.
export-readme-export = Sobre aquesta còpia: quan es va fer, en quin idioma, en nom de qui i què conté o deixa fora.
export-readme-covered = Els organismes connectats a Overblik, què pot enviar cadascun, quantes fitxes teves té cadascun i quan en va modificar una per darrera vegada.
export-readme-records = Cada fitxa sobre tu, tal com la mostra l'API per a la ciutadania: què és, quin organisme la té, el seu estat i el seu historial (passos, pagaments, imports).
export-readme-reports = Els errors que has comunicat (informació incorrecta o que hi falta), amb cada pas de la tramitació per part de l'organisme; els fitxers que vas enviar són a reports/.
export-readme-mandates = Els apoderaments que has atorgat i els que t'han atorgat, i en nom de qui pots actuar.
export-readme-notifications = La configuració de les teves notificacions i els avisos que t'ha enviat Overblik.
export-readme-log = «El meu registre d'accessos»: cada ús de la teva informació amb la seva finalitat, i les proves que vinculen cada anotació amb el punt de control signat del registre. Comprova-ho amb: overblik log verify --export log.json
export-readme-files = Els fitxers que vas enviar amb les teves comunicacions d'errors, tal com els vas enviar.
export-readme-schemas = L'esquema JSON Schema (2020-12) de cada fitxer JSON.
export-readme-manifest = Cada fitxer d'aquesta còpia amb la seva mida i la seva suma de verificació SHA-256.
export-readme-version = Format: overblik-export, versió { $version }.
document-title = Tot el que Overblik té sobre tu
document-title-for = Tot el que Overblik té sobre { $name }
document-made = Generat per Overblik el { $moment }. Overblik mostra el que les administracions públiques envien sobre tu; aquest document ho recull tot, tal com era en aquell moment.
document-scope-everything = tot
document-on-behalf = Fet per { $holder } en representació d'una altra persona: { $name }. Només conté el que { $holder } pot veure: { $scope }.
document-kind = Tipus
document-summary = Resum
document-holders = Qui té què
document-authority = Organisme
document-items = Elements sobre tu
document-last-update = Darrera actualització
document-attention = El que requereix atenció
document-attention-none = Ara mateix no hi ha res que requereixi la teva atenció.
document-explanation = El que vas escriure
document-files = Fitxers enviats
document-person = Persona
document-scope = Què inclou
document-period = Període
document-mandates-given = Atorgats per tu
document-mandates-held = Atorgats a tu
document-log-intro = Qui ha fet servir la teva informació, per què i quan, del més recent al més antic. Cada anotació queda segellada en un registre signat que ningú no pot modificar sense que es noti.
document-log-caption = Usos de la teva informació
document-when = Quan
document-what = Què
document-about = Sobre aquest document
document-about-purpose = Per què: Overblik recull el que les administracions públiques tenen sobre tu perquè ho puguis veure en un sol lloc, comprovar-ho i fer-hi els tràmits que calgui. No fa servir la teva informació per a res més.
document-about-sources = D'on prové: cada fitxa indica l'organisme que la té i que l'ha enviada; el resum llista tots els organismes connectats. Un organisme que no sigui en aquesta llista també pot tenir informació sobre tu.
document-about-recipients = Qui l'ha fet servir: «El meu registre d'accessos» recull cada ús de la teva informació a través d'Overblik, fet per tu, per algú que actua en nom teu o pels organismes, amb la seva finalitat.
document-about-retention = Durant quant de temps: Overblik conserva una fitxa mentre l'organisme que la té la continuï enviant, i les anotacions del registre d'accessos mentre es conservi aquest registre. Cada organisme conserva la seva pròpia informació segons les seves normes.
document-about-rights = Els teus drets: des de la pàgina de cada fitxa a Overblik pots comunicar informació incorrecta o que hi falta a l'organisme que la té, i pots demanar a cada organisme l'accés, la rectificació o la supressió del que té sobre tu.
document-footer = Overblik · { $moment } · pàgina {"{"}page{"}"}
document-payments = Pagaments
document-title-column = Títol
document-appointments = Cites
document-deadlines = Terminis
document-documents = Documents i missatges
document-access-events = Usos de les teves dades comunicats pels organismes
document-contacts = Contactes amb l'organisme

## Compartir amb consentiment
nav-shared = Compartit amb altres
consent-title = Comparteix les teves dades
consent-title-asks = { $name } et demana veure algunes de les teves dades
consent-intro = Llegeix què et demanen. Pots compartir menys del que et demanen, o dir que no. No es comparteix res fins que no ho aprovis.
consent-policy = La política de privadesa del servei
consent-purpose-heading = Per què ho demanen
consent-data-heading = Quines dades
consent-data-hint = Desmarca un àmbit per excloure'l.
consent-items = { $count ->
    [one] 1 element sobre tu
   *[other] { $count } elements sobre tu
}
consent-kinds = D'aquests tipus: { $kinds }
consent-terms-heading = Durant quant de temps
consent-once = Un sol cop: obtenen les dades avui i no ho tornen a fer.
consent-ongoing = De manera continuada: també poden obtenir dades noves, fins al { $until }.
consent-data-from = Només dades a partir del { $from }.
consent-data-all = Totes les dades que tens en aquests àmbits.
consent-retention = { $days ->
    [one] Poden conservar el que obtinguin durant 1 dia.
   *[other] Poden conservar el que obtinguin durant { $days } dies.
}
consent-revocable = Pots revocar el teu consentiment en qualsevol moment a «Compartit amb altres»; després ja no obtindran res més.
consent-until-label = Darrer dia en què poden obtenir dades
consent-until-hint = Pots triar un dia anterior al que et demanen.
consent-on-behalf = Dones el consentiment en nom de la persona que representes.
consent-approve = Aprova i comparteix
consent-refuse = No, no ho comparteixis
consent-choose-area = Tria com a mínim un àmbit per compartir, o digues que no.
consent-unknown-request = La sol·licitud no existeix o ha caducat. Torna al servei i comença de nou.
consent-no-decision = Tria si ho aproves o si dius que no.
consent-read-only = El teu apoderament et permet veure, però no actuar: no pots compartir les dades d'aquesta persona.
consent-state-active = Actiu
consent-state-revoked = Revocat
consent-state-expired = Finalitzat
shared-title = Compartit amb altres
shared-intro = Els serveis als quals has permès veure algunes de les teves dades, què poden veure i cada vegada que les han obtingut.
shared-empty = No has compartit les teves dades amb cap servei.
shared-revoked = S'ha revocat el teu consentiment. El servei ja no pot obtenir res més.
shared-purpose = Per què
shared-data = Dades
shared-period = Amb quina freqüència
shared-data-period = Des de quan
shared-retention = Es conserven durant
shared-given = Atorgat
shared-given-by = Atorgat per
shared-revoked-at = Revocat
shared-last-use = Darrera consulta
shared-never = Encara no
shared-fetches = Totes les consultes
shared-no-fetches = Encara no ha obtingut res.
shared-fetch = { $when }: { $count ->
    [one] 1 element
   *[other] { $count } elements
}
shared-revoke = Revoca
log-what-shared = el que comparteixes amb altres
notice-consent_given = Has donat el teu consentiment perquè un servei vegi algunes de les teves dades.
notice-consent_used = Un servei ha obtingut les teves dades per primera vegada amb el teu consentiment.
mail-subject-consent_given = Has compartit les teves dades amb un servei
mail-subject-consent_used = Un servei ha obtingut les teves dades
notice-sign_in_new_device = Algú ha iniciat la sessió a Overblik com tu des d'un dispositiu que no has fet servir darrerament. Si no has estat tu, tanca la sessió a tot arreu més des de Els meus accessos.
mail-subject-sign_in_new_device = Un inici de sessió des d'un dispositiu nou
export-readme-consents = Els consentiments que has donat a serveis perquè obtinguin algunes de les teves dades: a qui, per què, quines dades, durant quant de temps, i quan es van donar, utilitzar i revocar. Cada consulta figura a log.json, amb l'identificador del consentiment com a base jurídica.
document-shared-intro = Els serveis amb els quals has consentit compartir algunes de les teves dades. Cada consulta figura a «El meu registre d'accessos», més avall.
document-recipient = Servei
document-data = Dades
download-holds-consents = Els consentiments que has donat a serveis perquè obtinguin les teves dades
consent-beyond-reach = El teu apoderament no et permet veure cap de les dades que es demanen, així que no les pots compartir.
shared-not-for-proxies = El que una persona comparteix amb serveis només ho pot veure ella mateixa: un apoderament no ho mostra.

# Certificats
purpose-certificate = Un certificat que has demanat
purpose-certificate_check = Algú ha comprovat un certificat teu
log-channel-verify = la comprovació pública de certificats
log-actor-verifier = Algú a qui has mostrat un certificat
log-what-certificate_issued = un certificat emès a partir de la teva informació
log-what-certificate_checked = s'ha comprovat un certificat teu
log-what-certificates = els teus certificats
certificates-acting = Els certificats són personals de cada persona: amb un apoderament no es poden emetre ni veure. Primer deixa d'actuar en nom de l'altra persona.
certificate-about-heading = Sobre aquest certificat
certificate-code = Codi
certificate-sources = Dades facilitades per
certificate-issued = Emès
certificate-valid-until = Vàlid fins a
certificate-issuer = Emès i signat per
certificate-key = Clau de signatura
certificate-issued-by = Emès en nom teu per
certificate-check-heading = Comprova aquest certificat
certificate-check-online = Qualsevol persona el pot comprovar a { $url } amb el codi { $code }, o escanejant el codi QR.
certificate-check-offline = Sense connexió a la xarxa: el codi QR conté el certificat signat amb la clau d'Overblik, que es publica a { $keys }. L'ordre overblik certificate verify FITXER --keys keys.json comprova aquest fitxer amb aquesta clau i no deixa cap rastre.
certificate-qr = Codi QR que conté el certificat signat
certificate-attachment = El certificat signat, tal com el conté el codi QR
certificate-footer = Certificat { $code } · pàgina {"{"}page{"}"}

## Pàgines de certificats
nav-certificates = Certificats
verify-footer-link = Comprova un certificat
certificates-title = Certificats
certificates-title-errors = Certificats ({ $count } per corregir)
certificates-intro = Un certificat acredita una dada teva i el signa Overblik, perquè el puguis mostrar al propietari d'un habitatge, a una empresa o a qualsevol altra persona. Qualsevol persona el pot comprovar, i cada comprovació queda anotada a «El meu registre d'accessos».
certificates-revoked = S'ha revocat el certificat: a partir d'ara, totes les comprovacions ho indicaran.
certificates-issued = S'ha emès el certificat. Descarrega'l, o dona'n el codi a qui l'hagi de comprovar.
certificates-errors-heading = Corregeix el següent
certificates-mine = Els teus certificats
certificates-empty = Encara no tens cap certificat.
certificates-state = Estat
certificates-state-valid = Vàlid
certificates-state-revoked = Revocat
certificates-state-expired = Caducat
certificates-revoked-at = Revocat
certificates-pdf = Descarrega el PDF
certificates-sd-jwt = Per a una cartera digital (SD-JWT VC)
certificates-revoke = Revoca
certificates-new = Obtén un certificat
certificates-new-intro = Tria un certificat. Abans que s'emeti, veuràs exactament què hi constarà.
certificates-period-hint = El període
certificates-period-from = Primer dia
certificates-period-to = Darrer dia
certificates-case = El teu expedient
certificates-no-cases = No tens cap expedient sobre el qual pugui tractar aquest certificat.
certificates-show-draft = Mostra què hi constarà
certificates-error-period_from = Escriu el primer dia del període com a data.
certificates-error-period_to = Escriu el darrer dia del període com a data: no pot ser anterior al primer dia ni posterior a avui, ni més de tres anys després del primer dia.
certificates-error-case = Tria un dels teus expedients.
certificates-draft-title = { $name }: què hi constarà
certificates-draft-intro = Això és exactament el que hi constarà al certificat. No s'emet res fins que no premis el botó.
certificates-attests = Què acredita
certificates-issue = Emet el certificat
certificates-cancel = Cancel·la
certificates-back = Torna als certificats
certificates-downloads = Descàrrega
certificates-check-text = Qualsevol persona el pot comprovar a { $url } amb el codi { $code }, o escanejant el codi QR del PDF. Cada comprovació d'aquest tipus se't comunica a «El meu registre d'accessos».
certificates-check-offline = Una comprovació sense connexió a la xarxa, amb l'ordre overblik certificate verify, no deixa cap rastre.
certificates-refused-title = No es pot emetre el certificat
certificates-refused-no-name = El registre de població no té cap nom teu, de manera que el certificat no podria indicar a qui es refereix.
certificates-refused-no-register-fact = Els registres no tenen cap informació vigent del tipus que acredita aquest certificat.
certificates-refused-debt-outstanding = Tens un deute pendent, de manera que no es pot emetre un certificat de no tenir deutes. Els teus deutes són a «Economia i impostos».
certificates-refused-no-debt-source = No hi ha cap organisme connectat a Overblik que enviï deutes, de manera que no hi ha dades que puguin avalar un certificat de no tenir deutes.
certificates-refused-nothing-in-period = No se t'ha pagat res en el període que has triat. Prova amb un altre període.
verify-title = Comprova un certificat
verify-intro = Comprova un certificat d'Overblik: escriu-ne el codi, puja'n el PDF o enganxa el text del seu codi QR o el seu SD-JWT VC. Veuràs si és vàlid i què acredita.
verify-traced = Les comprovacions que es fan aquí es comuniquen a la persona titular del certificat al seu registre d'accessos.
verify-offline = Una comprovació sense connexió a la xarxa, amb l'ordre overblik certificate verify i les claus publicades per l'emissor, no deixa cap rastre.
verify-errors-heading = No s'ha pogut comprovar el certificat
verify-code-heading = Comprova un codi
verify-code-label = El codi del certificat
verify-code-hint = 16 lletres i xifres, tal com figuren al certificat, per exemple ABCD-EFGH-JKLM-NPQR.
verify-file-heading = Comprova un PDF
verify-file-label = El PDF del certificat (5 MB com a màxim)
verify-paste-heading = Comprova un certificat signat
verify-paste-label = El text del codi QR, o l'SD-JWT VC
verify-paste-hint = El text d'un codi QR comença per OB1:; un SD-JWT VC conté caràcters ~.
verify-check = Comprova
verify-error-too-large = El fitxer ocupa més de 5 MB. El PDF d'un certificat és molt més petit.
verify-error-nothing = Escriu un codi, tria un PDF o enganxa un certificat signat.
verify-error-no-certificate-in-pdf = El PDF no conté cap certificat d'Overblik.
verify-error-code = Això no és un codi de certificat. Un codi té 16 lletres i xifres.
verify-result-heading = Resultat
verify-verdict-valid = Vàlid
verify-verdict-valid-text = El certificat és autèntic, l'ha emès Overblik, no s'ha revocat i no ha caducat.
verify-verdict-revoked = Revocat
verify-verdict-revoked-text = El certificat és autèntic, però la persona titular l'ha revocat. No t'hi refiïs.
verify-verdict-expired = Caducat
verify-verdict-expired-text = El certificat és autèntic, però ja ha passat el darrer dia de validesa. Demana'n un de nou.
verify-verdict-forged = No és autèntic
verify-verdict-forged-text = Aquest certificat no l'ha emès Overblik, o s'ha modificat després d'emetre'l. No t'hi refiïs.
verify-verdict-unknown = Codi desconegut
verify-verdict-unknown-text = No hi ha cap certificat amb aquest codi. Comprova que l'hagis escrit correctament.
verify-fields-heading = Què acredita
verify-forged-malformed = No té el format d'un certificat d'Overblik.
verify-forged-unknown-key = Està signat amb una clau que Overblik no publica.
verify-forged-bad-signature = La signatura no coincideix amb el contingut: s'ha modificat.
verify-forged-bad-disclosure = Revela un camp que Overblik no ha signat.
certificates-type = Certificat
export-readme-certificates = Els certificats que has demanat a partir de la teva informació: què acredita cadascun, el seu codi, el seu text signat (tal com el conté el codi QR) i si és vàlid, s'ha revocat o ha caducat.

# The deployment's identity scheme: what its identifier is called, and how it is written.
scheme-name-cpr = número CPR
scheme-name-dni_nie = DNI o NIE
scheme-name-bsn = BSN
scheme-name-isikukood = codi personal
scheme-form-cpr = DDMMAA-SSSS
scheme-form-dni_nie = 12345678Z o X1234567L
scheme-form-bsn = nou xifres
scheme-form-isikukood = onze xifres

# A day counted from today, before its date on the overview.
relative-today = avui
relative-tomorrow = demà
relative-yesterday = ahir
relative-in-days = d'aquí a { $days } dies
relative-days-ago = fa { $days } dies

# The overview arranged by the citizen: pinned records and areas, advice, life events.
pinned-heading = Fixats
pin-add = Fixa a la visió general
pin-remove = Treu de la visió general
advice-heading = Recomanat per a tu
advice-why = Per què:
advice-hide = Amaga
life-events-heading = Moments vitals
life-events-none = Ara mateix res de les teves dades no apunta a cap moment vital.
life-events-all = Tots els moments vitals
area-pin = Fixa
area-unpin = Deixa de fixar
area-up = Amunt
area-down = Avall
area-hide = Amaga
area-show = Mostra
area-pinned = Fixat
areas-hidden = Àmbits amagats ({ $count })
arrange-title = Ordena la teva visió general
arrange-intro = Fixa a dalt els àmbits que més fas servir, mou-los amunt i avall i amaga els que no necessitis. Aquí sempre pots tornar a mostrar els àmbits amagats.
arrange-link = Ordena la visió general
arrange-back = Torna a la visió general
overview-arrange-acting = Com s'ordena la visió general ho tria la persona mateixa. Deixa d'actuar en nom d'una altra persona per ordenar la teva.
life-events-title = Moments vitals
life-events-intro = El que sol venir amb les coses que passen a la vida. Mostrem els moments als quals apunten les teves dades i els que tries tu. No es guarda res de tu tret de la teva tria.
life-events-back = Tots els moments vitals
life-event-choose = Això em passa a mi
life-event-unchoose = Això no em passa a mi
life-event-detected = Es mostra per { $name }.
life-event-detected-on = Es mostra per { $name }, { $date }.
life-event-chosen = L'has triat tu.
life-event-not-yours = Res de les teves dades no hi apunta. Tria'l si et passa a tu.
life-event-steps = Els passos habituals
life-event-step-due = abans de { $date }
life-event-records = Les teves dades sobre això
life-event-records-none = No hi ha dades en aquests àmbits.

# My sign-ins.
nav-sign-ins = Els meus accessos
log-what-sign_ins = Els teus accessos
sign-ins-title = Els meus accessos
sign-ins-intro = Quan i com has accedit darrerament, i on encara tens la sessió oberta. Si no reconeixes un accés, tanca la sessió a tot arreu més i contacta'ns.
sign-ins-sessions = On tens la sessió oberta
sign-ins-sessions-caption = Les teves sessions obertes
sign-ins-recent = Accessos recents
sign-ins-recent-caption = Els teus accessos recents, primer el més nou
sign-ins-when = Accés
sign-ins-provider = Servei d'identificació
sign-ins-device = Dispositiu
sign-ins-last-seen = Darrer ús
sign-ins-this-session = aquesta
sign-ins-unknown = Desconegut
sign-ins-end-others = Tanca la sessió a tot arreu més
sign-ins-ended = { $count ->
    [one] S'ha tancat la sessió en un lloc més.
   *[other] S'ha tancat la sessió en { $count } llocs més.
}
sign-ins-acting = Els teus accessos són personals. Deixa d'actuar en nom d'una altra persona per veure'ls.
# The full list of sections at the foot of a page on a phone.
nav-menu = Menú
# The overview at a glance, above everything else.
glance-heading = D'un cop d'ull
glance-next-payment = Propera transferència
glance-owed = Deus
glance-next-appointment = Propera cita
glance-open-cases = Expedients oberts
glance-none = Cap
glance-nothing-owed = Res
# A benefit's payments folded under it in a list of records.
payments-folded = { $count ->
    [one] 1 pagament, { $amount } el { $date }
   *[other] { $count } pagaments, el darrer { $amount } el { $date }
}
# An authority's many bills as one line of what needs attention.
attention-bills = { $authority }: { $count } rebuts
attention-bills-first = el primer { $date }
# My Log: the citizen's own reads, folded below others' uses.
log-own-folded = { $count ->
    [one] La teva consulta (1)
   *[other] Les teves consultes ({ $count })
}
