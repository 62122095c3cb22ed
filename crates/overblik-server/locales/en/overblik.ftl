# English texts for Overblik – the citizen's overview of what authorities hold about them.

app-name = Overblik
skip-to-content = Skip to content
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
kind-contact = Contact with the authority

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

## Navigation

nav-overview = Overview
nav-registers = My register data
nav-covered = What is covered
nav-search = Search

## What an area holds, by kind

count-case =
    { $count ->
        [one] 1 case
       *[other] { $count } cases
    }
count-benefit =
    { $count ->
        [one] 1 benefit
       *[other] { $count } benefits
    }
count-payment =
    { $count ->
        [one] 1 payment
       *[other] { $count } payments
    }
count-debt =
    { $count ->
        [one] 1 debt
       *[other] { $count } debts
    }
count-appointment =
    { $count ->
        [one] 1 appointment
       *[other] { $count } appointments
    }
count-deadline =
    { $count ->
        [one] 1 deadline
       *[other] { $count } deadlines
    }
count-document =
    { $count ->
        [one] 1 document
       *[other] { $count } documents
    }
count-register_fact =
    { $count ->
        [one] 1 register entry
       *[other] { $count } register entries
    }
count-access_event =
    { $count ->
        [one] 1 use of your data
       *[other] { $count } uses of your data
    }
count-contact =
    { $count ->
        [one] 1 contact
       *[other] { $count } contacts
    }

## Parts of a record page

block-details = Details
block-next-step = What happens next
block-timeline = How the case has moved
block-journal = Journal notes
block-documents = Documents in the case
block-per-period = Each payment
block-payment-chart = Payments over time
block-payments = Payments received
block-payment-plan = Coming payments
block-breakdown = What the debt is made of
block-instalments = Instalment plan
field-who-acts = Who acts
actor-citizen = You
actor-authority = The authority
actor-other = Someone else
decision-appeal-by = You can appeal until { $date }.
field-handled-by = Handled by
granted-open = From { $date }, until further notice
field-frequency = Paid
frequency-once = Once
frequency-weekly = Every week
frequency-fortnightly = Every other week
frequency-monthly = Every month
frequency-quarterly = Every quarter
frequency-yearly = Every year
field-paid-in = Paid in
paid-in-advance = Advance
paid-in-arrears = Arrears
field-reason = Why
field-repayable = Repayable
benefit-repayable = You may have to pay it back.
chart-title = Amount paid out, last { $count ->
        [one] payment
       *[other] { $count } payments
    }
chart-description = Bar chart of the amount paid out each time, oldest to the left. The table below shows the same figures.
payment-status-upcoming = Coming
payment-status-paid = Paid
payment-status-overdue = Overdue
payment-status-sent_to_collection = Sent to debt collection
payment-status-partly_paid = Partly paid
payment-status-partly_paid_overdue = Partly paid, overdue
payment-status-partly_paid_sent_to_collection = Partly paid, sent to debt collection
field-direction = Direction
direction-to_citizen = Paid to you
direction-from_citizen = Paid by you
field-account = Account
field-debt-status = Where the debt stands
debt-status-open = Open
debt-status-overdue = Overdue
debt-status-in_collection = At debt collection
debt-status-instalments = On an instalment plan
debt-status-paid = Paid
debt-status-in_dispute = Disputed
debt-status-direct_debit = Paid by direct debit from your account
debt-status-cancelled = Cancelled
field-part = Part
field-amount = Amount
field-principal = The debt itself
field-interest = Interest
field-fees = Fees
instalment-paid = Paid
instalment-not-paid = Not paid yet
field-done = Done
deadline-done = You have done this.
field-category = Kind
category-document = Document
category-message = Message
field-fact = Register
field-relation = Relation
field-valid-from = Valid from
field-valid-until = Valid until
add-to-calendar = Add to your calendar
join-video = Join the video meeting
rebook = Change the time
do-it-now = Do it now
open-document = Open the document
payment-of = Part of: { $benefit }
contact-authority = Contact the authority
field-case-number = Case number
field-case-place = Address or place
field-expected-decision = Decision expected
block-description = About the case
decision-valid = Valid from { $from } to { $until }.
decision-valid-open = Valid from { $from }, with no end date.
no-end-date = No end date
block-in-kind = What you are granted
field-in-kind-granted = Granted
field-in-kind-period = Period
field-in-kind-used = Used
field-in-kind-balance = Left
in-kind-overused = None: { $amount } more than granted
block-body = The text
field-check-in-code = Check-in code
cancel-appointment = Cancel the appointment
field-channel = How
channel-phone = Phone call
channel-visit = Visit in person
channel-email = E-mail
channel-letter = Letter
channel-chat = Chat
field-contact-direction = Who made contact
contact-direction-from_citizen = You contacted the authority
contact-direction-to_citizen = The authority contacted you
field-summary = What it was about

## Register facts

fact-name = Name
fact-address = Address
fact-family = Family
fact-custody = Custody
fact-marital_status = Marital status
fact-occupation = Occupation
fact-education = Education
fact-vehicle = Vehicles
fact-driving_licence = Driving licence
fact-property = Property
fact-herd = Livestock
fact-fishing_licence = Fishing licence
fact-health_insurance = Health insurance
fact-payment_mandate = Direct debit mandates
fact-leasehold = Leasehold
fact-vessel = Vessels
fact-other = Other
registers-title = My data from the registers
registers-intro = What the public registers hold about you: name, address, family, vehicles, property and more. If something is wrong, contact the authority that holds it.
registers-empty = No register has sent information about you yet.
fact-source = From { $authority }, updated { $date }
valid-since = Since { $date }
valid-until = Until { $date }

## What is covered

covered-title = What is covered
covered-intro = These authorities are connected to Overblik. Overblik shows what they send about you, nothing else: an authority not on this list may still hold information about you.
covered-supplies = Sends information about
covered-about-you-label = About you
covered-about-you = { $count ->
        [one] 1 item
       *[other] { $count } items
    }, last updated { $date }
covered-nothing = Nothing about you yet
covered-delivery-label = Delivery
freshness-heading = Some information may be out of date
freshness-current = Last delivered { $date }
freshness-no-promise = Last delivered { $date }; it has not said how often it delivers
freshness-stale = { $authority } has delivered nothing since { $date }, though it delivers at least every { $days ->
        [one] day
       *[other] { $days } days
    }: what it holds about you may be out of date.
freshness-missing = { $authority } has not delivered anything yet: what it holds about you is not shown here.
freshness-covered = What is covered, and how fresh it is

## Signing in

sign-in-failed-title = Sign-in failed
sign-in-again = Try again
sign-in-expired = The sign-in took too long or was started in another browser.
sign-in-refused = The identity provider did not sign you in.
sign-in-incomplete = The identity provider's answer was incomplete.
sign-in-mismatch = The sign-in could not be matched to this browser.
sign-in-unavailable = Sign-in is not available right now. Please try again in a moment.
sign-in-not-completed = The sign-in could not be completed.
sign-in-no-identity = The identity provider did not confirm who you are.
sign-in-unverified = The identity provider's answer could not be verified.

## My Log

nav-log = My Log
log-title = My Log
log-intro = Every time your data is read through Overblik, and every use an authority reports, is written here before anything is shown. Each entry is sealed in a public, signed log that nobody can change without it showing, so you can check the list is complete.
log-filter = Show only
log-authority = Who
log-purpose = Why
log-from = From
log-to = To
log-any = Any
log-apply = Show
log-empty = There are no entries for this choice.
log-actor-you = You
log-records =
    { $count ->
        [one] 1 item
       *[other] { $count } items
    }
log-what-access_log = Your log
log-what-access_log_export = Your log, downloaded
log-channel-web = on the web
log-channel-api = through the app interface
log-channel-authority = in the authority's own systems
log-proven = Sealed in the signed log
log-pending = Waiting to be sealed
purpose-self_service = You looked at your own information
purpose-case_processing = Processing a case
purpose-payment = Calculating or paying a benefit
purpose-control = Checking or control
purpose-statistics = Statistics
purpose-research = Research
purpose-legal_obligation = A duty in law
purpose-other = Another purpose

## Acting for others: powers of attorney and custody

nav-mandates = Acting for others
mandates-title = Acting for others
mandates-intro = Here you can give someone you trust access to part of your overview, accept access someone has given you, and see the overview of a child in your custody. Whoever acts for someone sees only what they were given, and every look is recorded in that person's My Log.
mandates-act-heading = You can act for
mandates-act-none = There is no one you can act for right now.
mandates-act-button = View the overview of
mandates-held-heading = Powers of attorney given to you
mandates-given-heading = Powers of attorney you have given
mandates-given-none = You have not given anyone a power of attorney.
mandates-grant-link = Give a power of attorney
mandates-acting-note = You are acting for someone else. Powers of attorney can only be given, accepted or revoked for your own data: stop acting for the other person first.
mandate-done-granted = The power of attorney has been given. The person you chose must accept it before they can use it.
mandate-done-accepted = You have accepted the power of attorney.
mandate-done-revoked = The power of attorney has ended.
mandate-unnamed-grantor = A citizen not named in the register
mandate-state-pending = Waiting for acceptance
mandate-state-upcoming = Accepted, not started yet
mandate-state-active = In force
mandate-state-expired = Expired
mandate-state-revoked = Revoked
mandate-period = From { $from } until { $until }
mandate-first-used = First used { $when }
mandate-accept = Accept
mandate-revoke = Revoke
mandate-give-up = Give up
mandate-settled = The power of attorney was accepted or ended before.
mandate-used-notice = { $name } used your power of attorney for the first time, { $when }.
act-for-mandate = Power of attorney for { $scope }
act-for-custody = Parental custody: the whole overview
act-for-until = Until { $until }
permission-read = See only
permission-read_and_act = See and act on your behalf
kinds-case = cases
kinds-benefit = benefits
kinds-payment = payments
kinds-debt = debts
kinds-appointment = appointments
kinds-deadline = deadlines
kinds-document = documents and messages
kinds-register_fact = register data
kinds-access_event = uses of your data
kinds-contact = contacts with the authorities

acting-label = Acting for someone else
acting-someone = the person you act for
acting-banner = You are viewing { $name }'s overview on their behalf, until { $until }.
acting-switch = Switch person
acting-stop = Back to my own overview
acting-ended-title = Your access has ended
acting-ended-text = You can no longer act for this person: the power of attorney has been revoked or has expired, or the custody has ended. You are seeing your own data again.
acting-ended-back = Acting for others
forbidden-title = Not available
log-not-for-proxies = My Log is shown only to the person themselves and to parents with custody, not under a power of attorney.

grant-title = Give a power of attorney
grant-title-errors =
    { $count ->
        [one] Give a power of attorney: 1 thing to correct
       *[other] Give a power of attorney: { $count } things to correct
    }
grant-intro = The person you choose will see only the life areas and kinds of record you tick, only between the two dates, and only after they have accepted. You can revoke it at any time. Every time they look, it is recorded in your My Log.
grant-errors-heading = Please correct the following
grant-error-holder_national_id = Write the { $name } ({ $form }) of the person you trust; it cannot be your own. For your safety it is not shown again: please type it once more.
grant-error-holder_name = Write the name of the person you trust, at most 100 characters.
grant-error-areas = Choose at least one life area.
grant-error-kinds = Choose at least one kind of record.
grant-error-permission = Choose whether they may only see, or also act on your behalf.
grant-error-valid_from = Choose a first day that is today or later.
grant-error-valid_until = Choose a last day that is not before the first day.
grant-holder-id = Their { $name }
grant-holder-id-hint = Written { $form }. It is used only to recognise them when they sign in.
grant-holder-name = Their name
grant-areas = Life areas they may see
grant-kinds = Kinds of record they may see
grant-permission = What they may do
grant-from = First day
grant-until = Last day
grant-submit = Give the power of attorney
grant-cancel = Cancel

purpose-power_of_attorney = On your behalf, under a power of attorney
purpose-parental_custody = On your behalf, as a parent with custody
purpose-correction_request = To handle your report of an error
log-what-mandates = Your powers of attorney
log-actor-proxy = { $name } (under your power of attorney)
log-actor-custody = { $name } (parent with custody)
log-actor-proxy-unnamed = A parent with custody

# Notifications
nav-notifications = Notifications
log-channel-calendar_feed = through your calendar feed
log-channel-provider_api = fetched by the authority through Overblik
log-channel-webhook = sent to the authority by Overblik
log-channel-shared_api = fetched by a service you shared your data with
purpose-consent = For a service you consented to share with
log-what-notifications = Your notifications
log-what-notification_settings = Your notification settings
notifications-title = Notifications
notifications-intro = What Overblik has told you about: new and changed appointments, reminders, payments, case status and authorities that looked at your data.
notifications-off = You have turned off notifications in Overblik. You can turn them on again in your settings.
notifications-none = There is nothing here yet.
notifications-unread = { $count ->
    [0] No unread notifications
    [one] One unread notification
   *[other] { $count } unread notifications
}
notifications-unread-label = New
notifications-mark-all = Mark all as read
notifications-mark-one = Mark as read
notifications-settings-link = How you are told
notifications-acting = Notifications are your own. Stop acting for someone else to see yours.
notice-appointment_new = You have a new appointment.
notice-appointment_changed = One of your appointments has changed.
notice-appointment_reminder = Reminder: you have an appointment soon.
notice-deadline_reminder = Reminder: a deadline is coming up.
notice-payment_due = Reminder: a payment is due soon.
notice-payment_overdue = A payment is overdue.
notice-case_status_changed = The status of one of your cases has changed.
notice-access_reported = An authority has reported that it looked at your data.
notice-report_answered = An authority has answered an error you reported.
notice-email_confirmation = Confirm your e-mail address.
notification-settings-title = How you are told
notification-settings-saved = Your choices are saved.
notification-settings-confirm-sent = Your choices are saved. We have sent a link to your new e-mail address: follow it to start getting e-mails there.
notification-settings-revoked = Your calendar link no longer works. Calendars that used it get nothing more.
notification-email-heading = E-mail
notification-email-unavailable = This Overblik does not send e-mail.
notification-email-label = E-mail address
notification-email-hint = We send e-mails only after you follow the link we send to this address. Leave it empty to get no e-mails.
notification-email-confirmed = Confirmed: e-mails go here.
notification-email-unconfirmed = Not confirmed yet: follow the link we sent to this address.
notification-channels-legend = Where and how
notification-in-product-label = Show notifications here in Overblik
notification-digest-label = One e-mail a day with everything new, instead of one e-mail each time (reminders still come on time)
notification-details-label = Name the appointment, deadline or case in e-mails
notification-details-hint = Without this, e-mails only say what kind of news there is and link to Overblik, so that nobody else who sees your e-mail learns more.
notification-topics-legend = What to be told about
notification-topic-appointment = New or changed appointments
notification-topic-reminder = Reminders before appointments and deadlines
notification-topic-payment = Payments due or overdue
notification-topic-case_status = A case's status changed, or an answer to an error you reported
notification-topic-access = An authority looked at your data
notification-topic-sign_in = Someone signed in as you from a device you have not used lately
notification-lead-label = Reminders come
notification-lead-1 = 1 hour before
notification-lead-3 = 3 hours before
notification-lead-24 = 1 day before
notification-lead-48 = 2 days before
notification-lead-168 = 1 week before
notification-language-legend = Language of e-mails and the calendar
notification-save = Save
notification-error-email = Enter an e-mail address such as name@example.dk, or leave it empty
notification-error-email-limit = Several confirmation e-mails were sent in the last hour. Nothing was saved: try again in { $count } minutes.
notification-error-topic = Choose among the events listed
notification-error-lead = Choose when reminders come
notification-error-language = Choose Danish or English
notification-email-confirm-title = Confirm your e-mail address
notification-email-confirm-text = Press the button to confirm that notifications from Overblik may be sent to this address.
notification-email-confirm-button = Confirm the address
notification-email-confirmed-text = Thank you. Your e-mail address is confirmed, and notifications will be sent to it as you chose.
notification-email-link-invalid = This link does not work: it was used before, is more than a week old, or the address was changed since. Enter the address again in your settings to get a new link.
calendar-feed-heading = Calendar
calendar-feed-intro = Subscribe to your appointments and deadlines in your own calendar app with a private link. Anyone with the link can see them, so keep it to yourself; you can stop it at any time.
calendar-feed-url-label = Your private calendar link (shown only now: copy it into your calendar app)
calendar-feed-new = Your new calendar link is ready. Any earlier link no longer works.
calendar-feed-on = You have a calendar link. If you have lost it, make a new one: the old one then stops working.
calendar-feed-off = You have no calendar link.
calendar-feed-make = Make a calendar link
calendar-feed-replace = Make a new calendar link
calendar-feed-revoke = Stop the calendar link
calendar-reminder = Reminder from Overblik
mail-greeting = There is news for you in Overblik:
mail-action = See it in Overblik
mail-footer = You get this e-mail because you asked for it.
mail-settings = Change what you are told
mail-subject-appointment_new = New appointment
mail-subject-appointment_changed = Changed appointment
mail-subject-appointment_reminder = Reminder of an appointment
mail-subject-deadline_reminder = Reminder of a deadline
mail-subject-payment_due = Reminder of a payment
mail-subject-payment_overdue = A payment is overdue
mail-subject-case_status_changed = News in one of your cases
mail-subject-access_reported = An authority looked at your data
mail-subject-report_answered = An answer to an error you reported
mail-subject-email_confirmation = Confirm your e-mail address for Overblik
mail-subject-digest = { $count } news items in Overblik today
mail-confirm-text = Please confirm that you want e-mails from Overblik at this address.
mail-confirm-action = Confirm the address
mail-confirm-footer = If you did not ask for this, ignore this e-mail: nothing will be sent to you.

## Reporting an error, and My reports

nav-reports = My reports
report-link = Report an error
report-link-heading = Something wrong or missing?
report-link-text = If this is wrong or something is missing, tell { $authority }. You can follow the answer under My reports.
report-title = Report an error
report-title-errors =
    { $count ->
        [one] Report an error: 1 thing to correct
       *[other] Report an error: { $count } things to correct
    }
report-intro = Tell the authority that holds this record what is wrong or missing. Overblik passes your report on; only the authority can change its data.
report-record = Record
report-authority = Authority
report-errors-heading = Please correct the following
report-kind-legend = What do you want to report?
report-kind-wrong = Something is wrong
report-kind-wrong-hint = The record says something that is not right.
report-kind-missing = Something is missing
report-kind-missing-hint = Something is missing from the record, or a whole record is missing.
report-explanation = What is wrong or missing?
report-explanation-hint = In your own words, at most 4,000 characters. Say what is right, if you know. The authority reads what you write.
report-correction-legend = What it should say (optional)
report-correction-hint = If one detail is wrong, name it and write what it should say, for example "Address" and "Nørregade 1, 1165 København K".
report-field = Which detail
report-value = What it should say
report-attachment = Files that show it (optional)
report-attachment-hint = PDF, PNG or JPEG. At most 3 files of at most 5 MB each. To send several, choose them together.
report-attachment-again = Files are not kept when the form comes back: please choose them again.
report-next-heading = What happens next
report-next-receives = { $authority } receives your report. It holds the record and is the one that can correct it.
report-next-follow = You can follow your report under My reports, where every step is shown with its date and time.
report-next-answer = The authority answers by correcting the record, or by rejecting the report and saying why.
report-next-usual =
    { $count ->
        [one] { $authority } usually answers within 1 day.
       *[other] { $authority } usually answers within { $count } days.
    }
report-next-no-deadline = There is no fixed deadline for an answer. If nothing has happened within 4 weeks, contact { $authority }.
report-submit = Send the report
report-cancel = Cancel
report-error-kind = Choose whether something is wrong or something is missing.
report-error-explanation = Write what is wrong or missing, in at most 4,000 characters.
report-error-field = Name the detail on one line in at most 100 characters, together with what it should say, or leave both empty.
report-error-value = Write what the detail should say in at most 1,000 characters, together with which detail it is, or leave both empty.
report-error-attachments = Attach at most 3 files.
report-error-attachment = { $name }: choose a PDF, PNG or JPEG file of at most 5 MB.
report-error-unnamed-file = A file
report-error-too-large = The files are too large together: attach at most 3 files of at most 5 MB each.
report-error-other = Please check the form and try again.
report-read-only = Your power of attorney lets you see this person's data, not act on their behalf, so you cannot report errors for them.
report-bad-form-title = The form could not be read
report-bad-form-text = Your browser sent the form in a way we could not read. Please try again.
report-back-to-form = Back to the form
reports-title = My reports
reports-intro = Here you follow the errors you have reported to the authorities, and their answers. To report an error, open the record and choose "Report an error".
reports-empty = You have not reported any errors.
report-to = To { $authority }
report-sent-on = Sent { $date }
report-state-sent = Sent
report-state-received = Received
report-state-in_progress = Being looked into
report-state-corrected = Corrected
report-state-rejected = Rejected
report-state-withdrawn = Withdrawn
report-detail-title = Your report about { $name }
report-back = All your reports
report-state = Status
report-sent = Sent
report-reported-by = Reported by
report-kind-label = Type
report-record-gone = The record is no longer shown in Overblik.
report-timeline-heading = What has happened
report-step-sent = The report was sent.
report-step-received = { $authority } received the report.
report-step-in_progress = { $authority } is looking into it.
report-step-corrected = { $authority } corrected its data.
report-step-rejected = { $authority } rejected the report.
report-step-withdrawn = The report was withdrawn.
report-step-note = The authority wrote:
report-step-reason = Reason:
report-correction-shown = The record in Overblik now shows the correction.
report-correction-coming = { $authority } will send the corrected record to Overblik. It will show here when it arrives.
report-next-sent = { $authority } has not collected your report yet. When it does, you will see it here.
report-next-received = { $authority } has your report. It answers by correcting the record, or by rejecting the report and saying why.
report-next-in_progress = { $authority } is looking into your report. It answers by correcting the record, or by rejecting the report and saying why.
report-next-corrected = Nothing more happens with this report.
report-next-rejected = Nothing more happens with this report. If you disagree with the reason, contact { $authority }.
report-next-withdrawn = The report was withdrawn, and { $authority } has been told. Nothing more happens with it.
report-what-heading = What you reported
report-explanation-label = Your explanation
report-attachments-label = Files
report-withdraw = Withdraw the report
report-withdraw-hint = If you no longer need an answer, you can withdraw the report. The authority is told.
report-settled-title = The report can no longer change
report-settled = The report cannot be withdrawn: the authority has already answered it, or it was withdrawn before.
report-back-to-report = Back to the report
log-what-correction_requests = Your reports of errors
log-what-correction_request = Your report of an error

too-many-requests-title = Too many requests
too-many-requests-text = You sent too many requests in a short time. Wait a moment and try again.

report-limit-title = The report was not sent
report-limit-open-per-record = You already have several reports about this record waiting for an answer. Wait for the authority's answer, or withdraw one of them under Your reports, before you send another.
report-limit-open = You have many reports waiting for an answer. Wait for the authorities' answers, or withdraw one under Your reports, before you send another.
report-limit-per-day = You have sent as many reports as can be sent in 24 hours. Try again later.
report-limit-bytes-per-day = You have sent as many attachments as can be sent in 24 hours. Send the report without files, or try again later.

## Download my data
nav-download = Download my data
download-title = Download my data
download-intro = Take a copy of everything Overblik holds about you: as data that other programs can read, or as a document to read, print or keep. Each download is recorded in My Log.
download-on-behalf = You are acting for someone else: the download holds only what you may see for them, and says that you made it on their behalf.
download-holds-records = Every record with its history: cases and their steps, benefits and payments, debts, appointments, deadlines, documents and register information
download-holds-covered = Which authorities are connected, what each sends, and when it last updated
download-holds-reports = Your reports of wrong or missing information, with the files you sent
download-holds-mandates = Powers of attorney you have given and been given
download-holds-notifications = Your notification settings and notices
download-holds-log = My Log: who used your information, when and why, with the proofs that it is complete
download-package-heading = As data (ZIP)
download-package-text = JSON files with a description (JSON Schema) of each, a list of every file with its checksum (SHA-256), and a README explaining each file.
download-package-link = Download the data (ZIP)
download-document-heading = As a document (PDF)
download-document-text = An accessible PDF: a summary first, then each life area, your reports, powers of attorney and My Log in plain words.
download-document-link = Download the document (PDF)
log-what-data_export_package = All your information, downloaded as data
log-what-data_export_document = All your information, downloaded as a document
export-left-out-mandates = mandates.json: powers of attorney are the citizen's own and are not included when someone acts for them
export-left-out-notifications = notifications.json: notification settings are the citizen's own and are not included when someone acts for them
export-left-out-log = log.json: My Log is not shown under a power of attorney
export-readme-intro = This is a copy of everything Overblik holds about you, downloaded from Overblik. The files below are JSON (UTF-8). Each has a description of its structure in JSON Schema (2020-12) under schemas/, and manifest.json lists every file with its size and SHA-256 checksum, so you can check that nothing was changed.
export-readme-on-behalf = This copy was made by someone acting on the citizen's behalf, and holds only what they may see; export.json says who and within what.
export-readme-export = About this copy: when it was made, in which language, on whose behalf, and what it holds or leaves out.
export-readme-covered = The authorities connected to Overblik, what each may send, how many of your records each holds and when it last changed one.
export-readme-records = Every record about you, as the citizen API shows it: what it is, which authority holds it, its status and its history (steps, payments, amounts).
export-readme-reports = Your reports of wrong or missing information, with each step of the authority's handling; the files you sent are under reports/.
export-readme-mandates = Powers of attorney you have given and been given, and whom you may act for.
export-readme-notifications = Your notification settings and the notices Overblik gave you.
export-readme-log = My Log: every use of your information with its purpose, and the proofs that tie each entry to the log's signed checkpoint. Check it with: overblik log verify --export log.json
export-readme-files = The files sent with your reports, as you sent them.
export-readme-schemas = The JSON Schema (2020-12) of each JSON file.
export-readme-manifest = Every file of this copy with its size and SHA-256 checksum.
export-readme-version = Format: overblik-export, version { $version }.
document-title = Everything Overblik holds about you
document-title-for = Everything Overblik holds about { $name }
document-made = Made by Overblik on { $moment }. Overblik shows what public authorities send about you; this document holds all of it, as it stood then.
document-scope-everything = everything
document-on-behalf = Made by { $holder } on behalf of { $name }. It holds only what { $holder } may see: { $scope }.
document-kind = Kind
document-summary = Summary
document-holders = Who holds what
document-authority = Authority
document-items = Items about you
document-last-update = Last update
document-attention = What needs attention
document-attention-none = Nothing needs your attention right now.
document-explanation = What you wrote
document-files = Files sent
document-person = Person
document-scope = What it covers
document-period = Period
document-mandates-given = Given by you
document-mandates-held = Given to you
document-log-intro = Who used your information, why and when, newest first. Each entry is sealed in a signed log that no one can change unnoticed.
document-log-caption = Uses of your information
document-when = When
document-what = What
document-about = About this document
document-about-purpose = Why: Overblik gathers what public authorities hold about you so that you can see it in one place, check it and act on it. It uses your information for nothing else.
document-about-sources = Where it comes from: each record names the authority that holds it and sent it; the summary lists every authority connected. An authority not on that list may still hold information about you.
document-about-recipients = Who has used it: My Log lists every use of your information through Overblik, by you, by someone acting for you and by the authorities, with its purpose.
document-about-retention = How long: Overblik keeps a record as long as the authority holding it keeps sending it, and My Log entries as long as the log is kept. Each authority keeps its own information by its own rules.
document-about-rights = Your rights: you can report wrong or missing information to the authority that holds it from the record's page in Overblik, and ask each authority for access to, correction or deletion of what it holds.
document-footer = Overblik · { $moment } · page {"{"}page{"}"}
document-payments = Payments
document-title-column = Title
document-appointments = Appointments
document-deadlines = Deadlines
document-documents = Documents and messages
document-access-events = Uses of your data the authorities reported
document-contacts = Contacts with the authority

## Sharing by consent
nav-shared = Shared with others
consent-title = Share your data
consent-title-asks = { $name } asks to see some of your data
consent-intro = Read what is asked for. You can share less than asked, or say no. Nothing is shared until you approve.
consent-policy = The service's privacy policy
consent-purpose-heading = Why they ask
consent-data-heading = Which data
consent-data-hint = Untick an area to keep it out.
consent-items = { $count ->
    [one] 1 item about you
   *[other] { $count } items about you
}
consent-kinds = Of these kinds: { $kinds }
consent-terms-heading = For how long
consent-once = Once: they fetch the data today, and not again.
consent-ongoing = Ongoing: they may fetch new data too, until { $until }.
consent-data-from = Only data from { $from } on.
consent-data-all = All the data you have in these areas.
consent-retention = { $days ->
    [one] They may keep what they fetch for 1 day.
   *[other] They may keep what they fetch for { $days } days.
}
consent-revocable = You can revoke your consent at any time under "Shared with others"; they get nothing more after that.
consent-until-label = Last day they may fetch
consent-until-hint = You may choose an earlier day than asked.
consent-on-behalf = You consent on behalf of the person you act for.
consent-approve = Approve and share
consent-refuse = No, do not share
consent-choose-area = Choose at least one area to share, or say no.
consent-unknown-request = The request is unknown or has expired. Go back to the service and start again.
consent-no-decision = Choose to approve or to say no.
consent-read-only = Your power of attorney lets you see, not act: you cannot share this person's data.
consent-state-active = Active
consent-state-revoked = Revoked
consent-state-expired = Ended
shared-title = Shared with others
shared-intro = The services you have let see some of your data, what they may see, and every time they fetched it.
shared-empty = You have not shared your data with any service.
shared-revoked = Your consent is revoked. The service can fetch nothing more.
shared-purpose = Why
shared-data = Data
shared-period = How often
shared-data-period = From when
shared-retention = Kept for
shared-given = Given
shared-given-by = Given by
shared-revoked-at = Revoked
shared-last-use = Last fetched
shared-never = Not yet
shared-fetches = Every fetch
shared-no-fetches = Nothing fetched yet.
shared-fetch = { $when }: { $count ->
    [one] 1 item
   *[other] { $count } items
}
shared-revoke = Revoke
log-what-shared = what you share with others
notice-consent_given = You gave a service consent to see some of your data.
notice-consent_used = A service fetched your data for the first time under your consent.
mail-subject-consent_given = You shared your data with a service
mail-subject-consent_used = A service fetched your data
notice-sign_in_new_device = Someone signed in to Overblik as you from a device you have not used lately. If it was not you, sign out everywhere else on My sign-ins.
mail-subject-sign_in_new_device = A sign-in from a new device
export-readme-consents = The consents you gave services to fetch some of your data: to whom, why, which data, for how long, and when it was given, used and revoked. Each fetch is in log.json, with the consent's id as its legal basis.
document-shared-intro = The services you consented to share some of your data with. Every fetch is in My Log below.
document-recipient = Service
document-data = Data
download-holds-consents = The consents you gave services to fetch your data
consent-beyond-reach = Your power of attorney does not let you see any of the data asked for, so you cannot share it.
shared-not-for-proxies = What a person shares with services is theirs to see: a power of attorney does not show it.

# Certificates
purpose-certificate = A certificate you had issued
purpose-certificate_check = Someone checked a certificate of yours
log-channel-verify = the public certificate check
log-actor-verifier = Someone you showed a certificate to
log-what-certificate_issued = a certificate issued from your information
log-what-certificate_checked = a certificate of yours was checked
log-what-certificates = your certificates
certificates-acting = Certificates are the citizen's own: a power of attorney neither issues nor sees them. Stop acting for the other person first.
certificate-about-heading = About this certificate
certificate-code = Code
certificate-sources = From the data of
certificate-issued = Issued
certificate-valid-until = Valid until
certificate-issuer = Issued and signed by
certificate-key = Signing key
certificate-issued-by = Issued on your behalf by
certificate-check-heading = Check this certificate
certificate-check-online = Anyone can check it at { $url } with the code { $code }, or by scanning the QR code.
certificate-check-offline = Without a network: the QR code holds the certificate signed with Overblik's key, which is published at { $keys }. The command overblik certificate verify FILE --keys keys.json checks this file with it and leaves no trace.
certificate-qr = QR code holding the signed certificate
certificate-attachment = The signed certificate, as its QR code holds it
certificate-footer = Certificate { $code } · page {"{"}page{"}"}

## Certificates pages
nav-certificates = Certificates
verify-footer-link = Check a certificate
certificates-title = Certificates
certificates-title-errors = Certificates ({ $count } to correct)
certificates-intro = A certificate states something from your data, signed by Overblik, so that you can show it to a landlord, an employer or anyone else. Anyone can check it; every check is in My Log.
certificates-revoked = The certificate is revoked: every check from now on says so.
certificates-issued = The certificate is issued. Download it, or give its code to whoever needs to check it.
certificates-errors-heading = Correct the following
certificates-mine = Your certificates
certificates-empty = You have no certificates yet.
certificates-state = State
certificates-state-valid = Valid
certificates-state-revoked = Revoked
certificates-state-expired = Expired
certificates-revoked-at = Revoked
certificates-pdf = Download PDF
certificates-sd-jwt = For a wallet (SD-JWT VC)
certificates-revoke = Revoke
certificates-new = Get a certificate
certificates-new-intro = Choose a certificate. You see exactly what it will state before it is issued.
certificates-period-hint = The period
certificates-period-from = First day
certificates-period-to = Last day
certificates-case = Your case
certificates-no-cases = You have no cases this certificate can be about.
certificates-show-draft = See what it will state
certificates-error-period_from = Enter the first day of the period as a date.
certificates-error-period_to = Enter the last day of the period as a date: not before the first day, not after today, and at most three years after the first day.
certificates-error-case = Choose one of your cases.
certificates-draft-title = { $name }: what it will state
certificates-draft-intro = This is exactly what the certificate will state. Nothing is issued until you press the button.
certificates-attests = What it states
certificates-issue = Issue the certificate
certificates-cancel = Cancel
certificates-back = Back to certificates
certificates-downloads = Download
certificates-check-text = Anyone can check it at { $url } with the code { $code }, or by scanning the QR code on the PDF. Each such check is told to you in My Log.
certificates-check-offline = A check without a network, with the command overblik certificate verify, leaves no trace.
certificates-refused-title = The certificate cannot be issued
certificates-refused-no-name = The population register holds no name for you, so a certificate could not say whom it is about.
certificates-refused-no-register-fact = The registers hold no current information of the kind this certificate states.
certificates-refused-debt-outstanding = A debt is outstanding, so a certificate of no debt cannot be issued. Your debts are under Economy.
certificates-refused-no-debt-source = No authority that sends debts is connected to Overblik, so nobody's data could support a certificate of no debt.
certificates-refused-nothing-in-period = Nothing was paid out to you in the period you chose. Try another period.
verify-title = Check a certificate
verify-intro = Check a certificate from Overblik: type its code, upload its PDF, or paste the text of its QR code or its SD-JWT VC. You see whether it is valid and what it states.
verify-traced = A check here is told to the certificate's holder in their log.
verify-offline = A check without a network, with the command overblik certificate verify and the issuer's published keys, leaves no trace.
verify-errors-heading = The certificate could not be checked
verify-code-heading = Check a code
verify-code-label = The certificate's code
verify-code-hint = 16 letters and digits, as printed on the certificate, for example ABCD-EFGH-JKLM-NPQR.
verify-file-heading = Check a PDF
verify-file-label = The certificate's PDF (at most 5 MB)
verify-paste-heading = Check a signed certificate
verify-paste-label = The text of the QR code, or the SD-JWT VC
verify-paste-hint = The text begins with OB1: for a QR code; an SD-JWT VC holds ~ characters.
verify-check = Check
verify-error-too-large = The file is larger than 5 MB. A certificate's PDF is much smaller.
verify-error-nothing = Type a code, choose a PDF, or paste a signed certificate.
verify-error-no-certificate-in-pdf = The PDF holds no certificate from Overblik.
verify-error-code = That is not a certificate code. A code has 16 letters and digits.
verify-result-heading = Result
verify-verdict-valid = Valid
verify-verdict-valid-text = The certificate is genuine, issued by Overblik, not revoked and not expired.
verify-verdict-revoked = Revoked
verify-verdict-revoked-text = The certificate is genuine, but its holder has revoked it. Do not rely on it.
verify-verdict-expired = Expired
verify-verdict-expired-text = The certificate is genuine, but it is past its last day. Ask for a new one.
verify-verdict-forged = Not genuine
verify-verdict-forged-text = This is not a certificate Overblik issued, or it was changed after it was issued. Do not rely on it.
verify-verdict-unknown = Unknown code
verify-verdict-unknown-text = No certificate has this code. Check that it is typed correctly.
verify-fields-heading = What it states
verify-forged-malformed = It is not in the form of a certificate from Overblik.
verify-forged-unknown-key = It is signed with a key Overblik does not publish.
verify-forged-bad-signature = Its signature does not match its content: it was changed.
verify-forged-bad-disclosure = It discloses a field that Overblik did not sign.
certificates-type = Certificate
export-readme-certificates = The certificates you had issued from your information: what each attests, its code, its signed text (as its QR code holds it), and whether it is valid, revoked or expired.

# The deployment's identity scheme: what its identifier is called, and how it is written.
scheme-name-cpr = CPR number
scheme-name-dni_nie = DNI or NIE
scheme-name-bsn = BSN
scheme-name-isikukood = personal code
scheme-form-cpr = DDMMYY-SSSS
scheme-form-dni_nie = 12345678Z or X1234567L
scheme-form-bsn = nine digits
scheme-form-isikukood = eleven digits

# A day counted from today, before its date on the overview.
relative-today = today
relative-tomorrow = tomorrow
relative-yesterday = yesterday
relative-in-days = in { $days } days
relative-days-ago = { $days } days ago

# The overview arranged by the citizen: pinned records and areas, advice, life events.
pinned-heading = Pinned
pin-add = Pin to the overview
pin-remove = Remove from the overview
advice-heading = Recommended for you
advice-why = Why:
advice-hide = Hide
life-events-heading = Life events
life-events-none = Nothing in your information points to a life event right now.
life-events-all = All life events
area-pin = Pin
area-unpin = Unpin
area-up = Up
area-down = Down
area-hide = Hide
area-show = Show
area-pinned = Pinned
areas-hidden = Hidden areas ({ $count })
arrange-title = Arrange your overview
arrange-intro = Pin the areas you use most to the top, move them up and down, and hide those you do not need. Hidden areas can always be shown again here.
arrange-link = Arrange the overview
arrange-back = Back to the overview
overview-arrange-acting = How the overview is arranged is the citizen's own choice. Stop acting for someone else to arrange yours.
life-events-title = Life events
life-events-intro = What usually goes with things that happen in a life. We show those your information points to, and those you choose yourself. Nothing is kept about you but your choice.
life-events-back = All life events
life-event-choose = This applies to me
life-event-unchoose = This does not apply to me
life-event-detected = Shown because of { $name }.
life-event-detected-on = Shown because of { $name }, { $date }.
life-event-chosen = You chose this yourself.
life-event-not-yours = Nothing in your information points to this. Choose it if it applies to you.
life-event-steps = The usual steps
life-event-step-due = by { $date }
life-event-records = Your information about it
life-event-records-none = No information in these areas.

# My sign-ins.
nav-sign-ins = My sign-ins
log-what-sign_ins = Your sign-ins
sign-ins-title = My sign-ins
sign-ins-intro = When and how you signed in lately, and where you are still signed in. If you do not recognise a sign-in, sign out everywhere else and contact us.
sign-ins-sessions = Where you are signed in
sign-ins-sessions-caption = Your open sessions
sign-ins-recent = Recent sign-ins
sign-ins-recent-caption = Your recent sign-ins, newest first
sign-ins-when = Signed in
sign-ins-provider = Sign-in service
sign-ins-device = Device
sign-ins-last-seen = Last used
sign-ins-this-session = this one
sign-ins-unknown = Unknown
sign-ins-end-others = Sign out everywhere else
sign-ins-ended = { $count ->
    [one] Signed out in one other place.
   *[other] Signed out in { $count } other places.
}
sign-ins-acting = Your sign-ins are your own. Stop acting for someone else to see them.
# The full list of sections at the foot of a page on a phone.
nav-menu = Menu
# The overview at a glance, above everything else.
glance-heading = At a glance
glance-next-payment = Next payment
glance-owed = You owe
glance-next-appointment = Next appointment
glance-open-cases = Open cases
glance-none = None
glance-nothing-owed = Nothing
# A benefit's payments folded under it in a list of records.
payments-folded = { $count ->
    [one] 1 payment, { $amount } on { $date }
   *[other] { $count } payments, the latest { $amount } on { $date }
}
# An authority's many bills as one line of what needs attention.
attention-bills = { $authority }: { $count } bills
attention-bills-first = the first { $date }
# My Log: the citizen's own reads, folded below others' uses.
log-own-folded = { $count ->
    [one] Your own view (1)
   *[other] Your own views ({ $count })
}
