# La pàgina d'inici de sessió del proveïdor d'identitat de desenvolupament. Mai en producció.

devidp-title = Inicia la sessió a Overblik (desenvolupament)
devidp-intro = Inici de sessió de desenvolupament: sense contrasenya. Escriu l'identificador d'una persona de la demostració ({ $label }, { $form }).
devidp-submit = Inicia la sessió
devidp-invalid-request = La sol·licitud d'inici de sessió no és vàlida
devidp-signed-out = Has tancat la sessió
devidp-close = Ja pots tancar aquesta finestra.

# L'esquema d'identificació del desplegament: com es diu l'identificador i com s'escriu.
devidp-label-cpr = Número CPR
devidp-label-dni_nie = DNI/NIE
devidp-label-bsn = BSN
devidp-label-isikukood = Codi personal (isikukood)
devidp-form-cpr = DDMMAA-SSSS
devidp-form-dni_nie = vuit xifres i una lletra, o X, Y o Z, set xifres i una lletra
devidp-form-bsn = nou xifres
devidp-form-isikukood = onze xifres, GAAMMDDSSSC

# Per què s'ha rebutjat un identificador.
devidp-error-format = L'identificador s'ha d'escriure així: { $form }.
devidp-error-date = L'identificador no comença amb una data de naixement vàlida.
devidp-error-encoded-date = L'identificador no conté una data de naixement vàlida.
devidp-error-check = L'identificador no és vàlid: el caràcter de control no coincideix.
