# English texts for Overblik – the citizen's overview of what authorities hold about them.

app-name = Overblik
skip-to-content = Skip to content
switch-language = På dansk
log-out = Log out

## Front page

overview-title = Your overview
attention-heading = What needs your attention
attention-none = Nothing needs your attention right now.
attention-kind-overdue_deadline = Deadline passed
attention-kind-overdue_payment = Payment overdue
attention-kind-waiting_for_you = Waiting for you
attention-kind-deadline = Deadline
attention-kind-appointment = Appointment
attention-kind-payment_due = Payment due
total-owed = In all you owe { $amount }
changed-since-visit =
    { $count ->
        [one] One thing has changed since your last visit.
       *[other] { $count } things have changed since your last visit.
    }
areas-heading = Your life areas
area-records =
    { $count ->
        [0] Nothing yet
        [one] 1 item
       *[other] { $count } items
    }

## Life areas

area-personal = Personal and contact details
area-work = Work and occupation
area-benefits = Benefits and pension
area-health = Health
area-education = School and education
area-housing = Housing
area-economy = Economy and tax
area-family = Family and children
area-daycare = Day care
area-leisure = Leisure and culture
area-building = Building and property
area-transport = Transport and vehicles
area-agriculture = Livestock and agriculture
area-fishing = Fishing

## Kinds of information

kind-case = Case
kind-benefit = Benefit
kind-payment = Payment
kind-debt = Debt
kind-appointment = Appointment
kind-deadline = Deadline
kind-document = Document or message
kind-register_fact = Register information
kind-access_event = Use of your data

## An area and a single item

area-empty = There is nothing in this area yet.
back-to-overview = Back to your overview
record-authority = Authority
record-updated = Last updated at the authority
record-status = Status
record-self-service = Go to { $authority }'s self-service
record-contact = Contact

## Fields

field-due = Due
field-action = What you need to do
field-start = Starts
field-end = Ends
field-place = Place
field-video = Video meeting
field-with = With
field-bring = Bring
field-outstanding = Outstanding
field-creditor = Creditor
field-pay = Pay now
field-date = Date
field-gross = Before tax
field-tax = Tax
field-net = Paid out
field-payment-status = Payment status
field-sender = Sender
field-granted = Granted from
field-next-step = Next step
field-decision = Decision
field-history = History
field-organisation = Who
field-what = What
field-purpose = Purpose
field-legal-basis = Legal basis

## Error pages

not-found-title = Page not found
not-found-text = The page does not exist, or it is not yours to see.
page-error-title = Something went wrong
page-error-text = Please try again in a moment.

## Search
search-title = Search your information
search-label = What are you looking for?
search-button = Search
search-none = We found nothing that matches your search.
