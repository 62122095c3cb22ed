# La página de inicio de sesión del proveedor de identidad de desarrollo. Nunca en producción.

devidp-title = Inicia sesión en Overblik (desarrollo)
devidp-intro = Inicio de sesión de desarrollo: sin contraseña. Escribe el identificador de una persona de la demostración ({ $label }, { $form }).
devidp-submit = Iniciar sesión
devidp-invalid-request = La solicitud de inicio de sesión no es válida
devidp-signed-out = Has cerrado la sesión
devidp-close = Ya puedes cerrar esta ventana.

# El esquema de identificación del despliegue: cómo se llama el identificador y cómo se escribe.
devidp-label-cpr = Número CPR
devidp-label-dni_nie = DNI/NIE
devidp-label-bsn = BSN
devidp-label-isikukood = Código personal (isikukood)
devidp-form-cpr = DDMMAA-SSSS
devidp-form-dni_nie = ocho cifras y una letra, o X, Y o Z, siete cifras y una letra
devidp-form-bsn = nueve cifras
devidp-form-isikukood = once cifras, GAAMMDDSSSC

# Por qué se ha rechazado un identificador.
devidp-error-format = El identificador debe escribirse así: { $form }.
devidp-error-date = El identificador no empieza con una fecha de nacimiento válida.
devidp-error-encoded-date = El identificador no contiene una fecha de nacimiento válida.
devidp-error-check = El identificador no es válido: el carácter de control no coincide.
