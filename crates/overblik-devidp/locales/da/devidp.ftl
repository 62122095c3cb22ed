# Udviklingsudbyderens side til login. Vises aldrig i drift.

devidp-title = Log ind på Overblik (udvikling)
devidp-intro = Login til udvikling: ingen adgangskode. Skriv en demoborgers nationale identifikationsnummer ({ $label }, { $form }).
devidp-submit = Log ind
devidp-invalid-request = Anmodningen om login er ikke gyldig
devidp-signed-out = Du er logget ud
devidp-close = Du kan lukke vinduet.

# Installationens identitetsordning: hvad nummeret hedder, og hvordan det skrives.
devidp-label-cpr = CPR-nummer
devidp-label-dni_nie = DNI/NIE
devidp-label-bsn = BSN
devidp-label-isikukood = Personnummer (isikukood)
devidp-form-cpr = DDMMÅÅ-SSSS
devidp-form-dni_nie = otte cifre og et bogstav, eller X, Y eller Z, syv cifre og et bogstav
devidp-form-bsn = ni cifre
devidp-form-isikukood = elleve cifre, GÅÅMMDDSSSC

# Hvorfor et nummer blev afvist.
devidp-error-format = Nummeret skal skrives { $form }.
devidp-error-date = Nummeret begynder ikke med en gyldig fødselsdato.
devidp-error-encoded-date = Nummeret indeholder ikke en gyldig fødselsdato.
devidp-error-check = Nummeret er ikke gyldigt: kontroltegnet passer ikke.
