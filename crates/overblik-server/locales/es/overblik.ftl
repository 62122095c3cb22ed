# Textos en español de Overblik: tu resumen de lo que los organismos públicos tienen sobre ti.

app-name = Overblik
skip-to-content = Saltar al contenido
log-out = Cerrar sesión

## Portada

overview-title = Tu resumen
attention-heading = Lo que requiere tu atención
attention-none = Ahora mismo no hay nada que requiera tu atención.
attention-kind-overdue_deadline = Plazo vencido
attention-kind-overdue_payment = Pago atrasado
attention-kind-waiting_for_you = Pendiente de ti
attention-kind-deadline = Plazo
attention-kind-appointment = Cita
attention-kind-payment_due = Pago pendiente
changed-since-visit =
    { $count ->
        [one] Ha cambiado una cosa desde tu última visita.
       *[other] Han cambiado { $count } cosas desde tu última visita.
    }
areas-heading = Las áreas de tu vida
area-records =
    { $count ->
        [0] Nada todavía
        [one] 1 elemento
       *[other] { $count } elementos
    }

## Áreas de la vida

area-personal = Datos personales y de contacto
area-work = Trabajo y profesión
area-benefits = Prestaciones y pensiones
area-health = Salud
area-education = Estudios y formación
area-housing = Vivienda
area-economy = Economía e impuestos
area-family = Familia e hijos
area-daycare = Escuela infantil
area-leisure = Ocio y cultura
area-building = Construcción e inmuebles
area-transport = Transporte y vehículos
area-agriculture = Ganadería y agricultura
area-fishing = Pesca

## Tipos de información

kind-case = Expediente
kind-benefit = Prestación
kind-payment = Pago
kind-debt = Deuda
kind-appointment = Cita
kind-deadline = Plazo
kind-document = Documento o mensaje
kind-register_fact = Dato de registro
kind-access_event = Uso de tus datos
kind-contact = Contacto con el organismo

## Un área y un elemento

area-empty = Todavía no hay nada en esta área.
back-to-overview = Volver a tu resumen
record-authority = Organismo
record-updated = Última actualización en el organismo
record-status = Estado
record-self-service = Ir a la sede electrónica de { $authority }
record-contact = Contacto

## Campos

field-due = Vence
field-action = Lo que tienes que hacer
field-start = Empieza
field-end = Termina
field-place = Lugar
field-video = Videollamada
field-with = Con
field-bring = Qué debes llevar
field-outstanding = Pendiente
field-creditor = Acreedor
field-pay = Pagar ahora
field-date = Fecha
field-gross = Antes de impuestos
field-tax = Impuestos
field-net = Importe abonado
field-payment-status = Estado del pago
field-sender = Remitente
field-granted = Concedida desde
field-next-step = Siguiente paso
field-decision = Resolución
field-history = Historial
field-organisation = Quién
field-what = Qué
field-purpose = Finalidad
field-legal-basis = Base jurídica

## Páginas de error

not-found-title = Página no encontrada
not-found-text = La página no existe o no tienes permiso para verla.
page-error-title = Algo ha fallado
page-error-text = Inténtalo de nuevo dentro de un momento.

## Búsqueda
search-title = Busca en tu información
search-label = ¿Qué estás buscando?
search-button = Buscar
search-none = No hemos encontrado nada que coincida con tu búsqueda.

## Navegación

nav-overview = Resumen
nav-registers = Mis datos en registros
nav-covered = Qué se incluye
nav-search = Buscar

## Contenido de un área, por tipo

count-case =
    { $count ->
        [one] 1 expediente
       *[other] { $count } expedientes
    }
count-benefit =
    { $count ->
        [one] 1 prestación
       *[other] { $count } prestaciones
    }
count-payment =
    { $count ->
        [one] 1 pago
       *[other] { $count } pagos
    }
count-debt =
    { $count ->
        [one] 1 deuda
       *[other] { $count } deudas
    }
count-appointment =
    { $count ->
        [one] 1 cita
       *[other] { $count } citas
    }
count-deadline =
    { $count ->
        [one] 1 plazo
       *[other] { $count } plazos
    }
count-document =
    { $count ->
        [one] 1 documento
       *[other] { $count } documentos
    }
count-register_fact =
    { $count ->
        [one] 1 dato de registro
       *[other] { $count } datos de registro
    }
count-access_event =
    { $count ->
        [one] 1 uso de tus datos
       *[other] { $count } usos de tus datos
    }
count-contact =
    { $count ->
        [one] 1 contacto
       *[other] { $count } contactos
    }

## Partes de la página de un elemento

block-details = Detalles
block-next-step = Qué pasa ahora
block-timeline = Cómo ha avanzado el expediente
block-journal = Anotaciones del expediente
block-documents = Documentos del expediente
block-per-period = Cada pago
block-payment-chart = Pagos a lo largo del tiempo
block-payments = Pagos recibidos
block-payment-plan = Próximos pagos
block-breakdown = De qué se compone la deuda
block-instalments = Plan de pago fraccionado
field-who-acts = Quién actúa
actor-citizen = Tú
actor-authority = El organismo
actor-other = Otra persona
decision-appeal-by = Puedes recurrir hasta el { $date }.
field-handled-by = Tramitado por
granted-open = Desde el { $date }, hasta nuevo aviso
field-frequency = Se paga
frequency-once = Una vez
frequency-weekly = Cada semana
frequency-fortnightly = Cada dos semanas
frequency-monthly = Cada mes
frequency-quarterly = Cada trimestre
frequency-yearly = Cada año
field-paid-in = Momento del pago
paid-in-advance = Por adelantado
paid-in-arrears = A periodo vencido
field-reason = Motivo
field-repayable = Reintegrable
benefit-repayable = Puede que tengas que devolverla.
chart-title = Importe abonado en { $count ->
        [one] el último pago
       *[other] los últimos { $count } pagos
    }
chart-description = Gráfico de barras con el importe abonado cada vez, del más antiguo a la izquierda al más reciente. La tabla de abajo muestra las mismas cifras.
payment-status-upcoming = Próximo
payment-status-paid = Pagado
payment-status-overdue = Atrasado
payment-status-sent_to_collection = Pasado a vía de apremio
payment-status-partly_paid = Pagado en parte
payment-status-partly_paid_overdue = Pagado en parte, atrasado
payment-status-partly_paid_sent_to_collection = Pagado en parte, pasado a vía de apremio
field-direction = Sentido
direction-to_citizen = Pagado a ti
direction-from_citizen = Pagado por ti
field-account = Cuenta
field-debt-status = Situación de la deuda
debt-status-open = Pendiente
debt-status-overdue = Atrasada
debt-status-in_collection = En vía de apremio
debt-status-instalments = Con pago fraccionado
debt-status-paid = Pagada
debt-status-in_dispute = Impugnada
debt-status-direct_debit = Domiciliada en tu cuenta
debt-status-cancelled = Anulada
field-part = Concepto
field-amount = Importe
field-principal = Importe principal
field-interest = Intereses
field-fees = Gastos
instalment-paid = Pagado
instalment-not-paid = Aún sin pagar
field-done = Hecho
deadline-done = Ya lo has hecho.
field-category = Tipo
category-document = Documento
category-message = Mensaje
field-fact = Registro
field-relation = Relación
field-valid-from = Válido desde
field-valid-until = Válido hasta
add-to-calendar = Añadir a tu calendario
join-video = Unirte a la videollamada
rebook = Cambiar la hora
do-it-now = Hazlo ahora
open-document = Abrir el documento
payment-of = Forma parte de: { $benefit }
contact-authority = Contactar con el organismo
field-case-number = Número de expediente
field-case-place = Dirección o lugar
field-expected-decision = Resolución prevista
block-description = Sobre el expediente
decision-valid = Válida del { $from } al { $until }.
decision-valid-open = Válida desde el { $from }, sin fecha de fin.
no-end-date = Sin fecha de fin
block-in-kind = Lo que tienes concedido
field-in-kind-granted = Concedido
field-in-kind-period = Periodo
field-in-kind-used = Utilizado
field-in-kind-balance = Restante
in-kind-overused = Nada: { $amount } más de lo concedido
block-body = El texto
field-check-in-code = Código para registrar la llegada
cancel-appointment = Cancelar la cita
field-channel = Cómo
channel-phone = Llamada telefónica
channel-visit = Visita presencial
channel-email = Correo electrónico
channel-letter = Carta
channel-chat = Chat
field-contact-direction = Quién contactó
contact-direction-from_citizen = Contactaste con el organismo
contact-direction-to_citizen = El organismo contactó contigo
field-summary = De qué se trató

## Datos de registro

fact-name = Nombre
fact-address = Domicilio
fact-family = Familia
fact-custody = Patria potestad
fact-marital_status = Estado civil
fact-occupation = Profesión
fact-education = Formación
fact-vehicle = Vehículos
fact-driving_licence = Permiso de conducir
fact-property = Inmuebles
fact-herd = Ganado
fact-fishing_licence = Licencia de pesca
fact-health_insurance = Seguro de salud
fact-payment_mandate = Domiciliaciones bancarias
fact-leasehold = Derecho de superficie
fact-vessel = Embarcaciones
fact-other = Otros
registers-title = Mis datos en los registros
registers-intro = Lo que los registros públicos tienen sobre ti: nombre, domicilio, familia, vehículos, inmuebles y más. Si algo no es correcto, ponte en contacto con el organismo que tiene ese dato.
registers-empty = Ningún registro ha enviado todavía información sobre ti.
fact-source = De { $authority }, actualizado el { $date }
valid-since = Desde el { $date }
valid-until = Hasta el { $date }

## Qué se incluye

covered-title = Qué se incluye
covered-intro = Estos organismos están conectados a Overblik. Overblik muestra lo que envían sobre ti y nada más: un organismo que no esté en esta lista puede tener igualmente información sobre ti.
covered-supplies = Envía información sobre
covered-about-you-label = Sobre ti
covered-about-you = { $count ->
        [one] 1 elemento
       *[other] { $count } elementos
    }, última actualización el { $date }
covered-nothing = Todavía nada sobre ti
covered-delivery-label = Entrega
freshness-heading = Alguna información puede no estar al día
freshness-current = Última entrega: { $date }
freshness-no-promise = Última entrega: { $date }; no ha dicho cada cuánto entrega
freshness-stale = { $authority } no ha entregado nada desde el { $date }, aunque entrega como mínimo { $days ->
        [one] cada día
       *[other] cada { $days } días
    }: lo que tiene sobre ti puede no estar al día.
freshness-missing = { $authority } todavía no ha entregado nada: lo que tiene sobre ti no se muestra aquí.
freshness-covered = Qué está incluido, y cuán reciente es

## Inicio de sesión

sign-in-failed-title = No se ha podido iniciar sesión
sign-in-again = Volver a intentarlo
sign-in-expired = El inicio de sesión ha tardado demasiado o se empezó en otro navegador.
sign-in-refused = El proveedor de identidad no te ha dado acceso.
sign-in-incomplete = La respuesta del proveedor de identidad estaba incompleta.
sign-in-mismatch = No se ha podido asociar el inicio de sesión a este navegador.
sign-in-unavailable = Ahora mismo no es posible iniciar sesión. Inténtalo de nuevo dentro de un momento.
sign-in-not-completed = No se ha podido completar el inicio de sesión.
sign-in-no-identity = El proveedor de identidad no ha confirmado quién eres.
sign-in-unverified = No se ha podido verificar la respuesta del proveedor de identidad.

## Mi registro de accesos

nav-log = Mi registro de accesos
log-title = Mi registro de accesos
log-intro = Cada vez que se leen tus datos a través de Overblik, y cada uso que comunica un organismo, se anota aquí antes de mostrar nada. Cada anotación queda sellada en un registro público y firmado que nadie puede modificar sin que se note, así que puedes comprobar que la lista está completa.
log-filter = Mostrar solo
log-authority = Quién
log-purpose = Por qué
log-from = Desde
log-to = Hasta
log-any = Cualquiera
log-apply = Mostrar
log-empty = No hay anotaciones para esta selección.
log-actor-you = Tú
log-records =
    { $count ->
        [one] 1 elemento
       *[other] { $count } elementos
    }
log-what-access_log = Tu registro de accesos
log-what-access_log_export = Tu registro de accesos, descargado
log-channel-web = en la web
log-channel-api = a través de la interfaz de la aplicación
log-channel-authority = en los propios sistemas del organismo
log-proven = Sellado en el registro firmado
log-pending = Pendiente de sellar
purpose-self_service = Has consultado tu propia información
purpose-case_processing = Tramitación de un expediente
purpose-payment = Cálculo o pago de una prestación
purpose-control = Comprobación o control
purpose-statistics = Estadística
purpose-research = Investigación
purpose-legal_obligation = Cumplimiento de una obligación legal
purpose-other = Otra finalidad

## Actuar en nombre de otros: apoderamientos y patria potestad

nav-mandates = Actuar en nombre de otros
mandates-title = Actuar en nombre de otros
mandates-intro = Aquí puedes dar a una persona de confianza acceso a una parte de tu resumen, aceptar el acceso que alguien te haya dado y ver el resumen de un menor bajo tu patria potestad. Quien actúa en nombre de otra persona solo ve lo que se le ha autorizado, y cada consulta queda anotada en la sección Mi registro de accesos de esa persona.
mandates-act-heading = Puedes actuar en nombre de
mandates-act-none = Ahora mismo no puedes actuar en nombre de nadie.
mandates-act-button = Ver el resumen de
mandates-held-heading = Apoderamientos que te han otorgado
mandates-given-heading = Apoderamientos que has otorgado
mandates-given-none = No has otorgado ningún apoderamiento.
mandates-grant-link = Otorgar un apoderamiento
mandates-acting-note = Estás actuando en nombre de otra persona. Los apoderamientos solo se pueden otorgar, aceptar o revocar sobre tus propios datos: antes, deja de actuar en nombre de la otra persona.
mandate-done-granted = Se ha otorgado el apoderamiento. La persona que has elegido tiene que aceptarlo antes de poder usarlo.
mandate-done-accepted = Has aceptado el apoderamiento.
mandate-done-revoked = El apoderamiento ha terminado.
mandate-unnamed-grantor = Una persona sin nombre en el registro
mandate-state-pending = Pendiente de aceptación
mandate-state-upcoming = Aceptado, aún no ha empezado
mandate-state-active = En vigor
mandate-state-expired = Caducado
mandate-state-revoked = Revocado
mandate-period = Desde el { $from } hasta el { $until }
mandate-first-used = Primer uso: { $when }
mandate-accept = Aceptar
mandate-revoke = Revocar
mandate-give-up = Renunciar
mandate-settled = El apoderamiento ya se había aceptado o había terminado.
mandate-used-notice = { $name } ha usado tu apoderamiento por primera vez: { $when }.
act-for-mandate = Apoderamiento para { $scope }
act-for-custody = Patria potestad: todo el resumen
act-for-until = Hasta el { $until }
permission-read = Solo ver
permission-read_and_act = Ver y actuar en tu nombre
kinds-case = expedientes
kinds-benefit = prestaciones
kinds-payment = pagos
kinds-debt = deudas
kinds-appointment = citas
kinds-deadline = plazos
kinds-document = documentos y mensajes
kinds-register_fact = datos de registro
kinds-access_event = usos de tus datos
kinds-contact = contactos con los organismos

acting-label = Actuando en nombre de otra persona
acting-someone = la persona a la que representas
acting-banner = Estás viendo el resumen de { $name } en su nombre, hasta el { $until }.
acting-switch = Cambiar de persona
acting-stop = Volver a mi propio resumen
acting-ended-title = Tu acceso ha terminado
acting-ended-text = Ya no puedes actuar en nombre de esta persona: el apoderamiento se ha revocado o ha caducado, o la patria potestad ha terminado. Vuelves a ver tus propios datos.
acting-ended-back = Actuar en nombre de otros
forbidden-title = No disponible
log-not-for-proxies = Mi registro de accesos solo se muestra a la propia persona y a quienes tienen su patria potestad, no con un apoderamiento.

grant-title = Otorgar un apoderamiento
grant-title-errors =
    { $count ->
        [one] Otorgar un apoderamiento: 1 cosa que corregir
       *[other] Otorgar un apoderamiento: { $count } cosas que corregir
    }
grant-intro = La persona que elijas solo verá las áreas y los tipos de información que marques, solo entre las dos fechas y solo después de haberlo aceptado. Puedes revocarlo en cualquier momento. Cada vez que consulte tus datos, quedará anotado en Mi registro de accesos.
grant-errors-heading = Corrige lo siguiente
grant-error-holder_national_id = Escribe el { $name } ({ $form }) de tu persona de confianza; no puede ser el tuyo. Por tu seguridad no se vuelve a mostrar: escríbelo otra vez.
grant-error-holder_name = Escribe el nombre de tu persona de confianza, con un máximo de 100 caracteres.
grant-error-areas = Elige al menos un área.
grant-error-kinds = Elige al menos un tipo de información.
grant-error-permission = Elige si solo puede ver o si también puede actuar en tu nombre.
grant-error-valid_from = Elige un primer día que sea hoy o posterior.
grant-error-valid_until = Elige un último día que no sea anterior al primer día.
grant-holder-id = Su { $name }
grant-holder-id-hint = Con el formato { $form }. Solo se usa para reconocer a esa persona cuando inicie sesión.
grant-holder-name = Su nombre
grant-areas = Áreas que puede ver
grant-kinds = Tipos de información que puede ver
grant-permission = Qué puede hacer
grant-from = Primer día
grant-until = Último día
grant-submit = Otorgar el apoderamiento
grant-cancel = Cancelar

purpose-power_of_attorney = En tu nombre, con un apoderamiento
purpose-parental_custody = En tu nombre, como progenitor con patria potestad
purpose-correction_request = Para tramitar tu comunicación de un error
log-what-mandates = Tus apoderamientos
log-actor-proxy = { $name } (con tu apoderamiento)
log-actor-custody = { $name } (progenitor con patria potestad)
log-actor-proxy-unnamed = Un progenitor con patria potestad

# Notificaciones
nav-notifications = Notificaciones
log-channel-calendar_feed = a través de tu suscripción de calendario
log-channel-provider_api = consultado por el organismo a través de Overblik
log-channel-webhook = enviado al organismo por Overblik
log-channel-shared_api = consultado por un servicio con el que compartiste tus datos
purpose-consent = Para un servicio con el que aceptaste compartir tus datos
log-what-notifications = Tus notificaciones
log-what-notification_settings = Tu configuración de notificaciones
notifications-title = Notificaciones
notifications-intro = Lo que Overblik te ha comunicado: citas nuevas y modificadas, recordatorios, pagos, el estado de tus expedientes y los organismos que han consultado tus datos.
notifications-off = Has desactivado las notificaciones en Overblik. Puedes volver a activarlas en tu configuración.
notifications-none = Todavía no hay nada aquí.
notifications-unread = { $count ->
    [0] No hay notificaciones sin leer
    [one] Una notificación sin leer
   *[other] { $count } notificaciones sin leer
}
notifications-unread-label = Nueva
notifications-mark-all = Marcar todas como leídas
notifications-mark-one = Marcar como leída
notifications-settings-link = Cómo te avisamos
notifications-acting = Las notificaciones son personales. Deja de actuar en nombre de otra persona para ver las tuyas.
notice-appointment_new = Tienes una cita nueva.
notice-appointment_changed = Ha cambiado una de tus citas.
notice-appointment_reminder = Recordatorio: tienes una cita pronto.
notice-deadline_reminder = Recordatorio: se acerca un plazo.
notice-payment_due = Recordatorio: pronto vence un pago.
notice-payment_overdue = Hay un pago atrasado.
notice-case_status_changed = Ha cambiado el estado de uno de tus expedientes.
notice-access_reported = Un organismo ha comunicado que ha consultado tus datos.
notice-report_answered = Un organismo ha respondido a un error que comunicaste.
notice-email_confirmation = Confirma tu dirección de correo electrónico.
notification-settings-title = Cómo te avisamos
notification-settings-saved = Se han guardado tus preferencias.
notification-settings-confirm-sent = Se han guardado tus preferencias. Hemos enviado un enlace a tu nueva dirección de correo electrónico: ábrelo para empezar a recibir correos en ella.
notification-settings-revoked = Tu enlace de calendario ya no funciona. Los calendarios que lo usaban ya no recibirán nada más.
notification-email-heading = Correo electrónico
notification-email-unavailable = Esta instalación de Overblik no envía correos electrónicos.
notification-email-label = Dirección de correo electrónico
notification-email-hint = Solo te enviamos correos después de que abras el enlace que mandamos a esta dirección. Déjala vacía si no quieres recibir correos.
notification-email-confirmed = Confirmada: los correos llegan aquí.
notification-email-unconfirmed = Aún sin confirmar: abre el enlace que hemos enviado a esta dirección.
notification-channels-legend = Dónde y cómo
notification-in-product-label = Mostrar las notificaciones aquí, en Overblik
notification-digest-label = Un correo al día con todas las novedades, en lugar de un correo cada vez (los recordatorios siguen llegando a tiempo)
notification-details-label = Indicar en los correos de qué cita, plazo o expediente se trata
notification-details-hint = Si no lo marcas, los correos solo dicen qué tipo de novedad hay y enlazan a Overblik, para que nadie más que vea tu correo sepa nada más.
notification-topics-legend = Sobre qué quieres que te avisemos
notification-topic-appointment = Citas nuevas o modificadas
notification-topic-reminder = Recordatorios antes de citas y plazos
notification-topic-payment = Pagos que vencen o están atrasados
notification-topic-case_status = Cambios en el estado de un expediente, o la respuesta a un error que comunicaste
notification-topic-access = Un organismo ha consultado tus datos
notification-topic-sign_in = Alguien inició sesión como tú desde un dispositivo que no has usado últimamente
notification-lead-label = Los recordatorios llegan
notification-lead-1 = 1 hora antes
notification-lead-3 = 3 horas antes
notification-lead-24 = 1 día antes
notification-lead-48 = 2 días antes
notification-lead-168 = 1 semana antes
notification-language-legend = Idioma de los correos y del calendario
notification-save = Guardar
notification-error-email = Escribe una dirección de correo electrónico como nombre@example.dk, o déjala vacía
notification-error-email-limit = En la última hora se han enviado varios correos de confirmación. No se ha guardado nada: inténtalo de nuevo dentro de { $count ->
        [one] 1 minuto
       *[other] { $count } minutos
    }.
notification-error-topic = Elige entre los avisos de la lista
notification-error-lead = Elige cuándo llegan los recordatorios
notification-error-language = Elige danés o inglés
notification-email-confirm-title = Confirma tu dirección de correo electrónico
notification-email-confirm-text = Pulsa el botón para confirmar que Overblik puede enviar notificaciones a esta dirección.
notification-email-confirm-button = Confirmar la dirección
notification-email-confirmed-text = Gracias. Tu dirección de correo electrónico está confirmada y recibirás en ella las notificaciones que hayas elegido.
notification-email-link-invalid = Este enlace no funciona: ya se ha usado, tiene más de una semana o la dirección ha cambiado desde entonces. Vuelve a escribir la dirección en tu configuración para recibir un enlace nuevo.
calendar-feed-heading = Calendario
calendar-feed-intro = Suscríbete a tus citas y plazos desde tu propia aplicación de calendario con un enlace privado. Cualquiera que tenga el enlace puede verlos, así que no lo compartas; puedes desactivarlo en cualquier momento.
calendar-feed-url-label = Tu enlace privado de calendario (solo se muestra ahora: cópialo en tu aplicación de calendario)
calendar-feed-new = Tu nuevo enlace de calendario está listo. Los enlaces anteriores ya no funcionan.
calendar-feed-on = Tienes un enlace de calendario. Si lo has perdido, crea uno nuevo: el anterior dejará de funcionar.
calendar-feed-off = No tienes ningún enlace de calendario.
calendar-feed-make = Crear un enlace de calendario
calendar-feed-replace = Crear un nuevo enlace de calendario
calendar-feed-revoke = Desactivar el enlace de calendario
calendar-reminder = Recordatorio de Overblik
mail-greeting = Tienes novedades en Overblik:
mail-action = Verlo en Overblik
mail-footer = Recibes este correo porque lo has solicitado.
mail-settings = Cambiar sobre qué te avisamos
mail-subject-appointment_new = Cita nueva
mail-subject-appointment_changed = Cita modificada
mail-subject-appointment_reminder = Recordatorio de una cita
mail-subject-deadline_reminder = Recordatorio de un plazo
mail-subject-payment_due = Recordatorio de un pago
mail-subject-payment_overdue = Hay un pago atrasado
mail-subject-case_status_changed = Novedades en uno de tus expedientes
mail-subject-access_reported = Un organismo ha consultado tus datos
mail-subject-report_answered = Respuesta a un error que comunicaste
mail-subject-email_confirmation = Confirma tu dirección de correo electrónico para Overblik
mail-subject-digest = { $count ->
        [one] 1 novedad hoy en Overblik
       *[other] { $count } novedades hoy en Overblik
    }
mail-confirm-text = Confirma que quieres recibir correos de Overblik en esta dirección.
mail-confirm-action = Confirmar la dirección
mail-confirm-footer = Si no lo has solicitado, ignora este correo: no se te enviará nada.

## Comunicar un error, y Mis comunicaciones

nav-reports = Mis comunicaciones
report-link = Comunicar un error
report-link-heading = ¿Hay algo incorrecto o falta algo?
report-link-text = Si esto no es correcto o falta algo, díselo a { $authority }. Puedes seguir la respuesta en Mis comunicaciones.
report-title = Comunicar un error
report-title-errors =
    { $count ->
        [one] Comunicar un error: 1 cosa que corregir
       *[other] Comunicar un error: { $count } cosas que corregir
    }
report-intro = Indica al organismo que tiene esta ficha qué es incorrecto o qué falta. Overblik le hace llegar tu comunicación; solo el organismo puede cambiar sus datos.
report-record = Ficha
report-authority = Organismo
report-errors-heading = Corrige lo siguiente
report-kind-legend = ¿Qué quieres comunicar?
report-kind-wrong = Algo es incorrecto
report-kind-wrong-hint = La ficha dice algo que no es correcto.
report-kind-missing = Falta algo
report-kind-missing-hint = Falta algo en la ficha, o falta una ficha entera.
report-explanation = ¿Qué es incorrecto o qué falta?
report-explanation-hint = Con tus propias palabras, un máximo de 4.000 caracteres. Si lo sabes, indica cuál es el dato correcto. El organismo lee lo que escribes.
report-correction-legend = Qué debería decir (opcional)
report-correction-hint = Si hay un dato concreto incorrecto, indica cuál es y escribe lo que debería decir; por ejemplo, "Domicilio" y "Nørregade 1, 1165 København K".
report-field = Qué dato
report-value = Qué debería decir
report-attachment = Archivos que lo demuestran (opcional)
report-attachment-hint = PDF, PNG o JPEG. Un máximo de 3 archivos de hasta 5 MB cada uno. Para enviar varios, selecciónalos a la vez.
report-attachment-again = Los archivos no se conservan cuando el formulario vuelve a mostrarse: selecciónalos de nuevo.
report-next-heading = Qué pasa ahora
report-next-receives = { $authority } recibe tu comunicación. Es el organismo que tiene la ficha y el que puede corregirla.
report-next-follow = Puedes seguir tu comunicación en Mis comunicaciones, donde se muestra cada paso con su fecha y hora.
report-next-answer = El organismo responde corrigiendo la ficha o rechazando la comunicación y explicando el motivo.
report-next-usual =
    { $count ->
        [one] { $authority } suele responder en 1 día.
       *[other] { $authority } suele responder en { $count } días.
    }
report-next-no-deadline = No hay un plazo fijo de respuesta. Si en 4 semanas no ha pasado nada, ponte en contacto con { $authority }.
report-submit = Enviar la comunicación
report-cancel = Cancelar
report-error-kind = Elige si algo es incorrecto o si falta algo.
report-error-explanation = Escribe qué es incorrecto o qué falta, con un máximo de 4.000 caracteres.
report-error-field = Indica el dato en una sola línea de 100 caracteres como máximo, junto con lo que debería decir, o deja ambos vacíos.
report-error-value = Escribe lo que debería decir el dato en 1.000 caracteres como máximo, junto con qué dato es, o deja ambos vacíos.
report-error-attachments = Adjunta un máximo de 3 archivos.
report-error-attachment = { $name }: elige un archivo PDF, PNG o JPEG de 5 MB como máximo.
report-error-unnamed-file = Un archivo
report-error-too-large = Los archivos ocupan demasiado en total: adjunta un máximo de 3 archivos de hasta 5 MB cada uno.
report-error-other = Revisa el formulario e inténtalo de nuevo.
report-read-only = Tu apoderamiento te permite ver los datos de esta persona, pero no actuar en su nombre, así que no puedes comunicar errores por ella.
report-bad-form-title = No se ha podido leer el formulario
report-bad-form-text = Tu navegador ha enviado el formulario de una forma que no hemos podido leer. Inténtalo de nuevo.
report-back-to-form = Volver al formulario
reports-title = Mis comunicaciones
reports-intro = Aquí puedes seguir los errores que has comunicado a los organismos y sus respuestas. Para comunicar un error, abre la ficha y elige "Comunicar un error".
reports-empty = No has comunicado ningún error.
report-to = Para { $authority }
report-sent-on = Enviada el { $date }
report-state-sent = Enviada
report-state-received = Recibida
report-state-in_progress = En estudio
report-state-corrected = Corregida
report-state-rejected = Rechazada
report-state-withdrawn = Retirada
report-detail-title = Tu comunicación sobre { $name }
report-back = Todas tus comunicaciones
report-state = Estado
report-sent = Enviada
report-reported-by = Comunicada por
report-kind-label = Tipo
report-record-gone = La ficha ya no se muestra en Overblik.
report-timeline-heading = Qué ha pasado
report-step-sent = Se envió la comunicación.
report-step-received = { $authority } recibió la comunicación.
report-step-in_progress = { $authority } la está estudiando.
report-step-corrected = { $authority } corrigió sus datos.
report-step-rejected = { $authority } rechazó la comunicación.
report-step-withdrawn = Se retiró la comunicación.
report-step-note = El organismo escribió:
report-step-reason = Motivo:
report-correction-shown = La ficha de Overblik ya muestra la corrección.
report-correction-coming = { $authority } enviará la ficha corregida a Overblik. Aparecerá aquí cuando llegue.
report-next-sent = { $authority } aún no ha recogido tu comunicación. Cuando lo haga, lo verás aquí.
report-next-received = { $authority } tiene tu comunicación. Responderá corrigiendo la ficha o rechazando la comunicación y explicando el motivo.
report-next-in_progress = { $authority } está estudiando tu comunicación. Responderá corrigiendo la ficha o rechazando la comunicación y explicando el motivo.
report-next-corrected = Esta comunicación ya no tiene más pasos.
report-next-rejected = Esta comunicación ya no tiene más pasos. Si no estás de acuerdo con el motivo, ponte en contacto con { $authority }.
report-next-withdrawn = La comunicación se ha retirado y se ha informado a { $authority }. Ya no tiene más pasos.
report-what-heading = Qué comunicaste
report-explanation-label = Tu explicación
report-attachments-label = Archivos
report-withdraw = Retirar la comunicación
report-withdraw-hint = Si ya no necesitas respuesta, puedes retirar la comunicación. Se informará al organismo.
report-settled-title = La comunicación ya no puede cambiar
report-settled = La comunicación no se puede retirar: el organismo ya ha respondido o ya se retiró antes.
report-back-to-report = Volver a la comunicación
log-what-correction_requests = Tus comunicaciones de errores
log-what-correction_request = Tu comunicación de un error

too-many-requests-title = Demasiadas solicitudes
too-many-requests-text = Has enviado demasiadas solicitudes en poco tiempo. Espera un momento e inténtalo de nuevo.

report-limit-title = No se ha enviado la comunicación
report-limit-open-per-record = Ya tienes varias comunicaciones sobre esta ficha pendientes de respuesta. Espera la respuesta del organismo o retira una de ellas en Mis comunicaciones antes de enviar otra.
report-limit-open = Tienes muchas comunicaciones pendientes de respuesta. Espera las respuestas de los organismos o retira alguna en Mis comunicaciones antes de enviar otra.
report-limit-per-day = Has enviado el máximo de comunicaciones permitido en 24 horas. Inténtalo de nuevo más tarde.
report-limit-bytes-per-day = Has enviado el máximo de archivos adjuntos permitido en 24 horas. Envía la comunicación sin archivos o inténtalo de nuevo más tarde.

## Descargar mis datos
nav-download = Descargar mis datos
download-title = Descargar mis datos
download-intro = Obtén una copia de todo lo que Overblik tiene sobre ti: como datos que otros programas pueden leer, o como documento para leer, imprimir o guardar. Cada descarga queda anotada en Mi registro de accesos.
download-on-behalf = Estás actuando en nombre de otra persona: la descarga solo contiene lo que puedes ver de ella e indica que la has hecho en su nombre.
download-holds-records = Cada elemento con su historial: expedientes y sus pasos, prestaciones y pagos, deudas, citas, plazos, documentos y datos de registro
download-holds-covered = Qué organismos están conectados, qué envía cada uno y cuándo actualizó sus datos por última vez
download-holds-reports = Tus comunicaciones de datos incorrectos o que faltan, con los archivos que enviaste
download-holds-mandates = Los apoderamientos que has otorgado y los que te han otorgado
download-holds-notifications = Tu configuración de notificaciones y tus avisos
download-holds-log = Mi registro de accesos: quién ha usado tu información, cuándo y por qué, con las pruebas de que está completo
download-package-heading = Como datos (ZIP)
download-package-text = Archivos JSON con una descripción (JSON Schema) de cada uno, una lista de todos los archivos con su suma de verificación (SHA-256) y un README que explica cada archivo.
download-package-link = Descargar los datos (ZIP)
download-document-heading = Como documento (PDF)
download-document-text = Un PDF accesible: primero un resumen y después cada área, tus comunicaciones, tus apoderamientos y Mi registro de accesos, en lenguaje claro.
download-document-link = Descargar el documento (PDF)
log-what-data_export_package = Toda tu información, descargada como datos
log-what-data_export_document = Toda tu información, descargada como documento
export-left-out-mandates = mandates.json: los apoderamientos pertenecen al titular y no se incluyen cuando otra persona actúa en su nombre
export-left-out-notifications = notifications.json: la configuración de notificaciones pertenece al titular y no se incluye cuando otra persona actúa en su nombre
export-left-out-log = log.json: Mi registro de accesos no se muestra con un apoderamiento
export-readme-intro = Esta es una copia de todo lo que Overblik tiene sobre ti, descargada de Overblik. Los archivos que se describen a continuación están en formato JSON (UTF-8). Cada uno tiene una descripción de su estructura en JSON Schema (2020-12) en schemas/, y manifest.json enumera todos los archivos con su tamaño y su suma de verificación SHA-256, para que puedas comprobar que no se ha modificado nada.
export-readme-on-behalf = Esta copia la ha hecho una persona que actúa en nombre del titular y solo contiene lo que esa persona puede ver; export.json indica quién la hizo y con qué alcance.
export-readme-export = Sobre esta copia: cuándo se hizo, en qué idioma, en nombre de quién y qué contiene o deja fuera.
export-readme-covered = Los organismos conectados a Overblik: qué puede enviar cada uno, cuántos de tus elementos tiene cada uno y cuándo modificó uno por última vez.
export-readme-records = Cada elemento sobre ti, tal como lo muestra la API para la ciudadanía: qué es, qué organismo lo tiene, su estado y su historial (pasos, pagos, importes).
export-readme-reports = Tus comunicaciones de datos incorrectos o que faltan, con cada paso de su tramitación por el organismo; los archivos que enviaste están en reports/.
export-readme-mandates = Los apoderamientos que has otorgado y los que te han otorgado, y en nombre de quién puedes actuar.
export-readme-notifications = Tu configuración de notificaciones y los avisos que te ha enviado Overblik.
export-readme-log = Mi registro de accesos: cada uso de tu información con su finalidad, y las pruebas que vinculan cada anotación con el punto de control firmado del registro. Compruébalo con: overblik log verify --export log.json
export-readme-files = Los archivos enviados con tus comunicaciones, tal como los enviaste.
export-readme-schemas = El JSON Schema (2020-12) de cada archivo JSON.
export-readme-manifest = Todos los archivos de esta copia con su tamaño y su suma de verificación SHA-256.
export-readme-version = Formato: overblik-export, versión { $version }.
document-title = Todo lo que Overblik tiene sobre ti
document-title-for = Todo lo que Overblik tiene sobre { $name }
document-made = Elaborado por Overblik el { $moment }. Overblik muestra lo que los organismos públicos envían sobre ti; este documento lo recoge todo, tal como estaba en ese momento.
document-scope-everything = todo
document-on-behalf = Elaborado por { $holder } en nombre de { $name }. Solo contiene lo que { $holder } puede ver: { $scope }.
document-kind = Tipo
document-summary = Resumen
document-holders = Quién tiene qué
document-authority = Organismo
document-items = Elementos sobre ti
document-last-update = Última actualización
document-attention = Lo que requiere atención
document-attention-none = Ahora mismo no hay nada que requiera tu atención.
document-explanation = Lo que escribiste
document-files = Archivos enviados
document-person = Persona
document-scope = Qué abarca
document-period = Periodo
document-mandates-given = Otorgados por ti
document-mandates-held = Otorgados a ti
document-log-intro = Quién ha usado tu información, por qué y cuándo, empezando por lo más reciente. Cada anotación queda sellada en un registro firmado que nadie puede modificar sin que se note.
document-log-caption = Usos de tu información
document-when = Cuándo
document-what = Qué
document-about = Sobre este documento
document-about-purpose = Por qué: Overblik reúne lo que los organismos públicos tienen sobre ti para que puedas verlo en un solo lugar, comprobarlo y actuar. No usa tu información para nada más.
document-about-sources = De dónde procede: cada elemento indica el organismo que lo tiene y lo ha enviado; el resumen enumera todos los organismos conectados. Un organismo que no figure en esa lista puede tener igualmente información sobre ti.
document-about-recipients = Quién la ha usado: Mi registro de accesos recoge cada uso de tu información a través de Overblik, por tu parte, por parte de quien actúa en tu nombre o por parte de los organismos, con su finalidad.
document-about-retention = Cuánto tiempo: Overblik conserva un elemento mientras el organismo que lo tiene siga enviándolo, y las anotaciones de Mi registro de accesos mientras se conserve el registro. Cada organismo conserva su propia información según sus propias normas.
document-about-rights = Tus derechos: desde la página de cada elemento en Overblik puedes comunicar datos incorrectos o que faltan al organismo que los tiene, y puedes pedir a cada organismo el acceso, la rectificación o la supresión de lo que tiene sobre ti.
document-footer = Overblik · { $moment } · página {"{"}page{"}"}
document-payments = Pagos
document-title-column = Título
document-appointments = Citas
document-deadlines = Plazos
document-documents = Documentos y mensajes
document-access-events = Usos de tus datos comunicados por los organismos
document-contacts = Contactos con el organismo

## Compartir con consentimiento
nav-shared = Compartido con otros
consent-title = Compartir tus datos
consent-title-asks = { $name } solicita ver algunos de tus datos
consent-intro = Lee lo que se solicita. Puedes compartir menos de lo que se pide, o decir que no. No se comparte nada hasta que lo apruebes.
consent-policy = La política de privacidad del servicio
consent-purpose-heading = Por qué lo solicitan
consent-data-heading = Qué datos
consent-data-hint = Desmarca un área para dejarla fuera.
consent-items = { $count ->
    [one] 1 elemento sobre ti
   *[other] { $count } elementos sobre ti
}
consent-kinds = De estos tipos: { $kinds }
consent-terms-heading = Durante cuánto tiempo
consent-once = Una sola vez: obtienen los datos hoy y no vuelven a hacerlo.
consent-ongoing = De forma continuada: también pueden obtener datos nuevos, hasta el { $until }.
consent-data-from = Solo los datos desde el { $from }.
consent-data-all = Todos los datos que tienes en estas áreas.
consent-retention = { $days ->
    [one] Pueden conservar lo que obtengan durante 1 día.
   *[other] Pueden conservar lo que obtengan durante { $days } días.
}
consent-revocable = Puedes retirar tu consentimiento en cualquier momento en "Compartido con otros"; a partir de entonces no obtendrán nada más.
consent-until-label = Último día en que pueden obtener datos
consent-until-hint = Puedes elegir un día anterior al solicitado.
consent-on-behalf = Das el consentimiento en nombre de la persona a la que representas.
consent-approve = Aprobar y compartir
consent-refuse = No, no compartir
consent-choose-area = Elige al menos un área para compartir, o di que no.
consent-unknown-request = La solicitud no existe o ha caducado. Vuelve al servicio y empieza de nuevo.
consent-no-decision = Elige si apruebas o dices que no.
consent-read-only = Tu apoderamiento te permite ver, pero no actuar: no puedes compartir los datos de esta persona.
consent-state-active = Activo
consent-state-revoked = Retirado
consent-state-expired = Finalizado
shared-title = Compartido con otros
shared-intro = Los servicios a los que has permitido ver algunos de tus datos, qué pueden ver y cada vez que los han obtenido.
shared-empty = No has compartido tus datos con ningún servicio.
shared-revoked = Has retirado tu consentimiento. El servicio ya no puede obtener nada más.
shared-purpose = Por qué
shared-data = Datos
shared-period = Con qué frecuencia
shared-data-period = Desde cuándo
shared-retention = Se conservan durante
shared-given = Otorgado
shared-given-by = Otorgado por
shared-revoked-at = Retirado
shared-last-use = Última obtención
shared-never = Todavía no
shared-fetches = Todas las obtenciones
shared-no-fetches = Todavía no se ha obtenido nada.
shared-fetch = { $when }: { $count ->
    [one] 1 elemento
   *[other] { $count } elementos
}
shared-revoke = Retirar
log-what-shared = lo que compartes con otros
notice-consent_given = Has dado tu consentimiento a un servicio para ver algunos de tus datos.
notice-consent_used = Un servicio ha obtenido tus datos por primera vez con tu consentimiento.
mail-subject-consent_given = Has compartido tus datos con un servicio
mail-subject-consent_used = Un servicio ha obtenido tus datos
notice-sign_in_new_device = Alguien inició sesión en Overblik como tú desde un dispositivo que no has usado últimamente. Si no has sido tú, cierra la sesión en todos los demás sitios desde Mis accesos.
mail-subject-sign_in_new_device = Un inicio de sesión desde un dispositivo nuevo
export-readme-consents = Los consentimientos que diste a servicios para obtener algunos de tus datos: a quién, por qué, qué datos, durante cuánto tiempo y cuándo se dio, se usó y se retiró cada uno. Cada obtención figura en log.json, con el identificador del consentimiento como base jurídica.
document-shared-intro = Los servicios con los que aceptaste compartir algunos de tus datos. Cada obtención figura más abajo, en Mi registro de accesos.
document-recipient = Servicio
document-data = Datos
download-holds-consents = Los consentimientos que diste a servicios para obtener tus datos
consent-beyond-reach = Tu apoderamiento no te permite ver ninguno de los datos solicitados, así que no puedes compartirlos.
shared-not-for-proxies = Lo que una persona comparte con servicios solo puede verlo ella: un apoderamiento no lo muestra.

# Certificados
purpose-certificate = Un certificado que pediste emitir
purpose-certificate_check = Alguien comprobó un certificado tuyo
log-channel-verify = mediante la comprobación pública de certificados
log-actor-verifier = Alguien a quien mostraste un certificado
log-what-certificate_issued = un certificado emitido a partir de tu información
log-what-certificate_checked = se comprobó un certificado tuyo
log-what-certificates = tus certificados
certificates-acting = Los certificados pertenecen al titular: con un apoderamiento no se pueden emitir ni ver. Antes, deja de actuar en nombre de la otra persona.
certificate-about-heading = Sobre este certificado
certificate-code = Código
certificate-sources = A partir de los datos de
certificate-issued = Emitido
certificate-valid-until = Válido hasta
certificate-issuer = Emitido y firmado por
certificate-key = Clave de firma
certificate-issued-by = Emitido en tu nombre por
certificate-check-heading = Comprueba este certificado
certificate-check-online = Cualquiera puede comprobarlo en { $url } con el código { $code }, o escaneando el código QR.
certificate-check-offline = Sin conexión: el código QR contiene el certificado firmado con la clave de Overblik, que se publica en { $keys }. La orden overblik certificate verify ARCHIVO --keys keys.json comprueba este archivo con esa clave y no deja rastro.
certificate-qr = Código QR que contiene el certificado firmado
certificate-attachment = El certificado firmado, tal como lo contiene su código QR
certificate-footer = Certificado { $code } · página {"{"}page{"}"}

## Páginas de certificados
nav-certificates = Certificados
verify-footer-link = Comprobar un certificado
certificates-title = Certificados
certificates-title-errors = Certificados ({ $count } por corregir)
certificates-intro = Un certificado acredita algo que consta en tus datos, con la firma de Overblik, para que puedas mostrarlo a un arrendador, a una empresa o a cualquier otra persona. Cualquiera puede comprobarlo; cada comprobación figura en Mi registro de accesos.
certificates-revoked = El certificado está revocado: a partir de ahora, cualquier comprobación lo indicará.
certificates-issued = El certificado se ha emitido. Descárgalo o da su código a quien tenga que comprobarlo.
certificates-errors-heading = Corrige lo siguiente
certificates-mine = Tus certificados
certificates-empty = Todavía no tienes certificados.
certificates-state = Estado
certificates-state-valid = Válido
certificates-state-revoked = Revocado
certificates-state-expired = Caducado
certificates-revoked-at = Revocado
certificates-pdf = Descargar PDF
certificates-sd-jwt = Para una cartera digital (SD-JWT VC)
certificates-revoke = Revocar
certificates-new = Obtener un certificado
certificates-new-intro = Elige un certificado. Verás exactamente lo que acreditará antes de que se emita.
certificates-period-hint = El periodo
certificates-period-from = Primer día
certificates-period-to = Último día
certificates-case = Tu expediente
certificates-no-cases = No tienes ningún expediente sobre el que pueda tratar este certificado.
certificates-show-draft = Ver lo que acreditará
certificates-error-period_from = Escribe el primer día del periodo como una fecha.
certificates-error-period_to = Escribe el último día del periodo como una fecha: no antes del primer día, no después de hoy y como máximo tres años después del primer día.
certificates-error-case = Elige uno de tus expedientes.
certificates-draft-title = { $name }: lo que acreditará
certificates-draft-intro = Esto es exactamente lo que acreditará el certificado. No se emite nada hasta que pulses el botón.
certificates-attests = Lo que acredita
certificates-issue = Emitir el certificado
certificates-cancel = Cancelar
certificates-back = Volver a certificados
certificates-downloads = Descargar
certificates-check-text = Cualquiera puede comprobarlo en { $url } con el código { $code }, o escaneando el código QR del PDF. Cada una de esas comprobaciones se te comunica en Mi registro de accesos.
certificates-check-offline = Una comprobación sin conexión, con la orden overblik certificate verify, no deja rastro.
certificates-refused-title = No se puede emitir el certificado
certificates-refused-no-name = El registro de población no tiene ningún nombre para ti, así que el certificado no podría indicar a quién se refiere.
certificates-refused-no-register-fact = Los registros no tienen información actual del tipo que acredita este certificado.
certificates-refused-debt-outstanding = Tienes una deuda pendiente, así que no se puede emitir un certificado de ausencia de deudas. Tus deudas están en Economía e impuestos.
certificates-refused-no-debt-source = No hay ningún organismo conectado a Overblik que envíe deudas, así que no hay datos que respalden un certificado de ausencia de deudas.
certificates-refused-nothing-in-period = No se te abonó nada en el periodo que elegiste. Prueba con otro periodo.
verify-title = Comprobar un certificado
verify-intro = Comprueba un certificado de Overblik: escribe su código, sube su PDF o pega el texto de su código QR o su SD-JWT VC. Verás si es válido y qué acredita.
verify-traced = Cada comprobación hecha aquí se comunica al titular del certificado en su registro de accesos.
verify-offline = Una comprobación sin conexión, con la orden overblik certificate verify y las claves publicadas por el emisor, no deja rastro.
verify-errors-heading = No se ha podido comprobar el certificado
verify-code-heading = Comprobar un código
verify-code-label = El código del certificado
verify-code-hint = 16 letras y cifras, tal como aparecen en el certificado; por ejemplo, ABCD-EFGH-JKLM-NPQR.
verify-file-heading = Comprobar un PDF
verify-file-label = El PDF del certificado (5 MB como máximo)
verify-paste-heading = Comprobar un certificado firmado
verify-paste-label = El texto del código QR o el SD-JWT VC
verify-paste-hint = El texto de un código QR empieza por OB1:; un SD-JWT VC contiene caracteres ~.
verify-check = Comprobar
verify-error-too-large = El archivo ocupa más de 5 MB. El PDF de un certificado es mucho más pequeño.
verify-error-nothing = Escribe un código, elige un PDF o pega un certificado firmado.
verify-error-no-certificate-in-pdf = El PDF no contiene ningún certificado de Overblik.
verify-error-code = Eso no es un código de certificado. Un código tiene 16 letras y cifras.
verify-result-heading = Resultado
verify-verdict-valid = Válido
verify-verdict-valid-text = El certificado es auténtico: lo ha emitido Overblik, no está revocado y no ha caducado.
verify-verdict-revoked = Revocado
verify-verdict-revoked-text = El certificado es auténtico, pero su titular lo ha revocado. No te fíes de él.
verify-verdict-expired = Caducado
verify-verdict-expired-text = El certificado es auténtico, pero ya ha pasado su último día de validez. Pide uno nuevo.
verify-verdict-forged = No auténtico
verify-verdict-forged-text = No es un certificado emitido por Overblik, o se modificó después de emitirse. No te fíes de él.
verify-verdict-unknown = Código desconocido
verify-verdict-unknown-text = Ningún certificado tiene este código. Comprueba que lo has escrito bien.
verify-fields-heading = Lo que acredita
verify-forged-malformed = No tiene el formato de un certificado de Overblik.
verify-forged-unknown-key = Está firmado con una clave que Overblik no publica.
verify-forged-bad-signature = Su firma no coincide con su contenido: se ha modificado.
verify-forged-bad-disclosure = Revela un campo que Overblik no firmó.
certificates-type = Certificado
export-readme-certificates = Los certificados que pediste emitir a partir de tu información: qué acredita cada uno, su código, su texto firmado (tal como lo contiene su código QR) y si es válido, está revocado o ha caducado.

# The deployment's identity scheme: what its identifier is called, and how it is written.
scheme-name-cpr = número CPR
scheme-name-dni_nie = DNI o NIE
scheme-name-bsn = BSN
scheme-name-isikukood = código personal
scheme-form-cpr = DDMMAA-SSSS
scheme-form-dni_nie = 12345678Z o X1234567L
scheme-form-bsn = nueve cifras
scheme-form-isikukood = once cifras

# A day counted from today, before its date on the overview.
relative-today = hoy
relative-tomorrow = mañana
relative-yesterday = ayer
relative-in-days = dentro de { $days } días
relative-days-ago = hace { $days } días

# The overview arranged by the citizen: pinned records and areas, advice, life events.
pinned-heading = Fijados
pin-add = Fija en la visión general
pin-remove = Quita de la visión general
advice-heading = Recomendado para ti
advice-why = Por qué:
advice-hide = Ocultar
life-events-heading = Momentos vitales
life-events-none = Ahora mismo nada de tus datos apunta a ningún momento vital.
life-events-all = Todos los momentos vitales
area-pin = Fijar
area-unpin = Dejar de fijar
area-up = Subir
area-down = Bajar
area-hide = Ocultar
area-show = Mostrar
area-pinned = Fijado
areas-hidden = Ámbitos ocultos ({ $count })
arrange-title = Ordena tu visión general
arrange-intro = Fija arriba las áreas que más usas, muévelas arriba y abajo y oculta las que no necesites. Aquí siempre puedes volver a mostrar las áreas ocultas.
arrange-link = Ordena la visión general
arrange-back = Volver a la visión general
overview-arrange-acting = Cómo se ordena la visión general lo elige la propia persona. Deja de actuar en nombre de otra persona para ordenar la tuya.
life-events-title = Momentos vitales
life-events-intro = Lo que suele venir con las cosas que pasan en la vida. Mostramos los momentos a los que apuntan tus datos y los que eliges tú. No se guarda nada de ti salvo tu elección.
life-events-back = Todos los momentos vitales
life-event-choose = Esto me pasa a mí
life-event-unchoose = Esto no me pasa a mí
life-event-detected = Se muestra por { $name }.
life-event-detected-on = Se muestra por { $name }, { $date }.
life-event-chosen = Lo has elegido tú.
life-event-not-yours = Nada de tus datos apunta a esto. Elígelo si te pasa a ti.
life-event-steps = Los pasos habituales
life-event-step-due = antes del { $date }
life-event-records = Tus datos sobre esto
life-event-records-none = No hay datos en estos ámbitos.

# My sign-ins.
nav-sign-ins = Mis accesos
log-what-sign_ins = Tus accesos
sign-ins-title = Mis accesos
sign-ins-intro = Cuándo y cómo has accedido últimamente, y dónde sigues con la sesión abierta. Si no reconoces un acceso, cierra la sesión en todos los demás sitios y contáctanos.
sign-ins-sessions = Dónde tienes la sesión abierta
sign-ins-sessions-caption = Tus sesiones abiertas
sign-ins-recent = Accesos recientes
sign-ins-recent-caption = Tus accesos recientes, primero el más nuevo
sign-ins-when = Acceso
sign-ins-provider = Servicio de identificación
sign-ins-device = Dispositivo
sign-ins-last-seen = Último uso
sign-ins-this-session = esta
sign-ins-unknown = Desconocido
sign-ins-end-others = Cerrar la sesión en todos los demás sitios
sign-ins-ended = { $count ->
    [one] Se ha cerrado la sesión en un sitio más.
   *[other] Se ha cerrado la sesión en { $count } sitios más.
}
sign-ins-acting = Tus accesos son personales. Deja de actuar en nombre de otra persona para verlos.
# The full list of sections at the foot of a page on a phone.
nav-menu = Menú
# The overview at a glance, above everything else.
glance-heading = De un vistazo
glance-next-payment = Próximo pago
glance-owed = Debes
glance-next-appointment = Próxima cita
glance-open-cases = Expedientes abiertos
glance-none = Ninguno
glance-nothing-owed = Nada
# A benefit's payments folded under it in a list of records.
payments-folded = { $count ->
    [one] 1 pago, { $amount } el { $date }
   *[other] { $count } pagos, el último { $amount } el { $date }
}
# An authority's many bills as one line of what needs attention.
attention-bills = { $authority }: { $count } recibos
attention-bills-first = el primero { $date }
# My Log: the citizen's own reads, folded below others' uses.
log-own-folded = { $count ->
    [one] Tu consulta (1)
   *[other] Tus consultas ({ $count })
}
