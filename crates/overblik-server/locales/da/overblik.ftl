# Danske tekster til Overblik – borgerens overblik over, hvad myndighederne ved om en.

app-name = Overblik
skip-to-content = Gå til indhold
switch-language = In English
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
total-owed = I alt skylder du { $amount }
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
