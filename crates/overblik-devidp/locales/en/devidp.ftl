# The development identity provider's page. Never shown in production.

devidp-title = Sign in to Overblik (development)
devidp-intro = Development sign-in: no password. Type a demo citizen's national identifier ({ $label }, { $form }).
devidp-submit = Sign in
devidp-invalid-request = The sign-in request is not valid
devidp-signed-out = You are signed out
devidp-close = You can close this window.

# The deployment's identity scheme: what its identifier is called, and how it is written.
devidp-label-cpr = CPR number
devidp-label-dni_nie = DNI/NIE
devidp-label-bsn = BSN
devidp-label-isikukood = Personal identification code (isikukood)
devidp-form-cpr = DDMMYY-SSSS
devidp-form-dni_nie = eight digits and a letter, or X, Y or Z, seven digits and a letter
devidp-form-bsn = nine digits
devidp-form-isikukood = eleven digits, GYYMMDDSSSC

# Why an identifier was refused.
devidp-error-format = The number must be written { $form }.
devidp-error-date = The number does not start with a valid date of birth.
devidp-error-encoded-date = The number does not hold a valid date of birth.
devidp-error-check = The number is not valid: its check character does not match.
