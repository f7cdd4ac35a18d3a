<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>Autostart</name>
    <message>
        <source>Could not remove %1.</source>
        <translation>No se pudo borrar %1.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::AboutDialog</name>
    <message>
        <source>About Palomar</source>
        <translation>Acerca de Palomar</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versión %1</translation>
    </message>
    <message>
        <source>Self-hosted messaging for you and the people you talk to.</source>
        <translation>Mensajería en tu propio servidor, para ti y la gente con la que hablas.</translation>
    </message>
    <message>
        <source>Palomar is free software: you can redistribute it and modify it under the terms of the &lt;a href=&quot;%1&quot;&gt;GNU General Public License&lt;/a&gt;, version 3 or (at your option) any later version. It comes with absolutely no warranty.</source>
        <translation>Palomar es software libre: puedes redistribuirlo y modificarlo según los términos de la &lt;a href=&quot;%1&quot;&gt;Licencia Pública General de GNU&lt;/a&gt;, versión 3 o (a tu elección) cualquier versión posterior. Se ofrece sin ninguna garantía.</translation>
    </message>
    <message>
        <source>Show licence</source>
        <translation>Ver la licencia</translation>
    </message>
    <message>
        <source>Hide licence</source>
        <translation>Ocultar la licencia</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::AddFriendDialog</name>
    <message>
        <source>Add a friend</source>
        <translation>Añadir un amigo</translation>
    </message>
    <message>
        <source>Enter their Palomar username. They will see your request and can accept it.</source>
        <translation>Escribe su nombre de usuario de Palomar. Verá tu solicitud y podrá aceptarla.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>Enviar solicitud</translation>
    </message>
    <message>
        <source>There is no user called “%1”.</source>
        <translation>No hay ningún usuario llamado «%1».</translation>
    </message>
    <message>
        <source>You and %1 are already friends.</source>
        <translation>%1 y tú ya sois amigos.</translation>
    </message>
    <message>
        <source>You have already asked %1. Waiting for an answer.</source>
        <translation>Ya se lo has pedido a %1. Esperando respuesta.</translation>
    </message>
    <message>
        <source>That is not a valid username.</source>
        <translation>Ese no es un nombre de usuario válido.</translation>
    </message>
    <message>
        <source>You are offline. Try again once Palomar has reconnected.</source>
        <translation>Estás sin conexión. Vuelve a intentarlo cuando Palomar se haya reconectado.</translation>
    </message>
    <message>
        <source>Too many requests. Wait a moment and try again.</source>
        <translation>Demasiadas solicitudes. Espera un momento y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The request could not be sent (%1).</source>
        <translation>No se pudo enviar la solicitud (%1).</translation>
    </message>
    <message>
        <source>Enter a username.</source>
        <translation>Escribe un nombre de usuario.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>That is you: you cannot add yourself as a friend.</source>
        <translation>Ese eres tú: no puedes añadirte a ti mismo como amigo.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::AppController</name>
    <message>
        <source>%1 in %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <source>Too large for this server</source>
        <translation>Demasiado grande para este servidor</translation>
    </message>
    <message>
        <source>The file arrived damaged</source>
        <translation>El archivo llegó dañado</translation>
    </message>
    <message>
        <source>No longer on the server</source>
        <translation>Ya no está en el servidor</translation>
    </message>
    <message>
        <source>Cannot read the file</source>
        <translation>No se puede leer el archivo</translation>
    </message>
    <message>
        <source>Cannot save the file</source>
        <translation>No se puede guardar el archivo</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>No permitido</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>Se perdió la conexión</translation>
    </message>
    <message>
        <source>“%1” is a folder: only files can be sent.</source>
        <translation>«%1» es una carpeta: solo se pueden enviar archivos.</translation>
    </message>
    <message>
        <source>“%1” cannot be read.</source>
        <translation>No se puede leer «%1».</translation>
    </message>
    <message>
        <source>“%1” is %2: this server takes files up to %3.</source>
        <translation>«%1» ocupa %2: este servidor admite archivos de hasta %3.</translation>
    </message>
    <message>
        <source>No application could open “%1”.</source>
        <translation>Ninguna aplicación pudo abrir «%1».</translation>
    </message>
    <message>
        <source>“%1” is no longer on this computer.</source>
        <translation>«%1» ya no está en este equipo.</translation>
    </message>
    <message>
        <source>Could not save “%1”.</source>
        <translation>No se pudo guardar «%1».</translation>
    </message>
    <message>
        <source>message</source>
        <translation>mensaje</translation>
    </message>
    <message>
        <source>Could not write the text to a file: %1</source>
        <translation>No se pudo escribir el texto en un archivo: %1</translation>
    </message>
    <message>
        <source>picture</source>
        <translation>imagen</translation>
    </message>
    <message>
        <source>Could not keep the pasted picture: %1</source>
        <translation>No se pudo guardar la imagen pegada: %1</translation>
    </message>
    <message>
        <source>Too long for one message: split it or send it as a file</source>
        <translation>Demasiado largo para un mensaje: divídelo o envíalo como archivo</translation>
    </message>
    <message>
        <source>Not sent: you are not friends with this person any more</source>
        <translation>No enviado: ya no sois amigos</translation>
    </message>
    <message>
        <source>Not sent: this account does not exist any more</source>
        <translation>No enviado: esta cuenta ya no existe</translation>
    </message>
    <message>
        <source>Not sent: you are not a member of this group</source>
        <translation>No enviado: no eres miembro de este grupo</translation>
    </message>
    <message>
        <source>Not sent: the server refused it (%1)</source>
        <translation>No enviado: el servidor lo rechazó (%1)</translation>
    </message>
    <message>
        <source>Too late to change this message: the server allows it only for a while after sending (%1)</source>
        <translation>Demasiado tarde para cambiar este mensaje: el servidor solo lo permite durante un tiempo después de enviarlo (%1)</translation>
    </message>
    <message>
        <source>This message is no longer there (deleted, or not in this chat)</source>
        <translation>Este mensaje ya no está (se eliminó o no es de este chat)</translation>
    </message>
    <message>
        <source>Only its sender can change this message</source>
        <translation>Solo quien lo envió puede cambiar este mensaje</translation>
    </message>
    <message>
        <source>Not forwarded to %1: %2</source>
        <translation>No se reenvió a %1: %2</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::CertificateDialog</name>
    <message>
        <source>Server identity changed</source>
        <translation>La identidad del servidor ha cambiado</translation>
    </message>
    <message>
        <source>New server</source>
        <translation>Servidor nuevo</translation>
    </message>
    <message>
        <source>WARNING: the identity of %1 has changed!</source>
        <translation>¡ATENCIÓN: la identidad de %1 ha cambiado!</translation>
    </message>
    <message>
        <source>The server presented a different certificate from the one you trusted before. Someone may be intercepting the connection to read your messages and password. Palomar will not connect. Replace the trusted certificate only if the server&apos;s operator told you it was replaced and the new fingerprint below matches theirs.</source>
        <translation>El servidor ha presentado un certificado distinto del que aceptaste antes. Alguien podría estar interceptando la conexión para leer tus mensajes y tu contraseña. Palomar no se conectará. Sustituye el certificado de confianza solo si el administrador del servidor te ha dicho que lo cambió y la nueva huella de abajo coincide con la suya.</translation>
    </message>
    <message>
        <source>Is %1 the server you expect?</source>
        <translation>¿Es %1 el servidor que esperas?</translation>
    </message>
    <message>
        <source>This server&apos;s certificate is not signed by an authority this computer trusts (it is probably self-signed). Compare its fingerprint with the one the server&apos;s operator gave you. If they match, Palomar will remember this server and warn you if its certificate ever changes.</source>
        <translation>El certificado de este servidor no está firmado por ninguna autoridad en la que confíe este ordenador (probablemente es autofirmado). Compara su huella con la que te dio el administrador del servidor. Si coinciden, Palomar recordará este servidor y te avisará si su certificado cambia alguna vez.</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>Emitido para:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Emitido por:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Válido hasta:</translation>
    </message>
    <message>
        <source>New SHA-256 fingerprint:</source>
        <translation>Nueva huella SHA-256:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Huella SHA-256:</translation>
    </message>
    <message>
        <source>Trusted until now:</source>
        <translation>La de confianza hasta ahora:</translation>
    </message>
    <message>
        <source>I have checked the new fingerprint with the server&apos;s operator</source>
        <translation>He comprobado la nueva huella con el administrador del servidor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Replace the trusted certificate</source>
        <translation>Sustituir el certificado de confianza</translation>
    </message>
    <message>
        <source>Trust this server</source>
        <translation>Confiar en este servidor</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ChatListDelegate</name>
    <message>
        <source>No messages yet</source>
        <translation>Aún no hay mensajes</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Tú: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Draft:</source>
        <translation>Borrador:</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ChatListModel</name>
    <message>
        <source>This message was deleted</source>
        <translation>Se eliminó este mensaje</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ChatPage</name>
    <message>
        <source>Send (Enter)</source>
        <translation>Enviar (Intro)</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <source>waiting for network…</source>
        <translation>esperando conexión…</translation>
    </message>
    <message>
        <source>Group info</source>
        <translation>Información del grupo</translation>
    </message>
    <message>
        <source>You are no longer a member of this group</source>
        <translation>Ya no eres miembro de este grupo</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>Enviar un archivo</translation>
    </message>
    <message>
        <source>Send files to %1</source>
        <translation>Enviar archivos a %1</translation>
    </message>
    <message>
        <source>Drop files here to send them to %1</source>
        <translation>Suelta los archivos aquí para enviárselos a %1</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) left in this message</source>
        <translation>
            <numerusform>Queda %n byte en este mensaje</numerusform>
            <numerusform>Quedan %n bytes en este mensaje</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) over the limit of one message: it will be split or sent as a file</source>
        <translation>
            <numerusform>%n byte por encima del límite de un mensaje: se dividirá o se enviará como archivo</numerusform>
            <numerusform>%n bytes por encima del límite de un mensaje: se dividirá o se enviará como archivo</numerusform>
        </translation>
    </message>
    <message>
        <source>Back to the chat list</source>
        <translation>Volver a la lista de chats</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Reply to your message</source>
        <translation>Responder a tu mensaje</translation>
    </message>
    <message>
        <source>Reply to %1</source>
        <translation>Responder a %1</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>Editando</translation>
    </message>
    <message>
        <source>The message could not be loaded: no connection to the server</source>
        <translation>No se pudo cargar el mensaje: no hay conexión con el servidor</translation>
    </message>
    <message>
        <source>That message is not in this chat any more</source>
        <translation>Ese mensaje ya no está en este chat</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ComposeActionBar</name>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ComposeEdit</name>
    <message>
        <source>Write a message…</source>
        <translation>Escribe un mensaje…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ConnectionBanner</name>
    <message>
        <source>Try now</source>
        <translation>Reintentar ahora</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s…</source>
        <translation>
            <numerusform>Reconectando en %n s…</numerusform>
            <numerusform>Reconectando en %n s…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Server unavailable. Retrying in %n s…</source>
        <translation>
            <numerusform>Servidor no disponible. Reintentando en %n s…</numerusform>
            <numerusform>Servidor no disponible. Reintentando en %n s…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::DBusNotifier</name>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::FindBar</name>
    <message>
        <source>Find in this chat</source>
        <translation>Buscar en este chat</translation>
    </message>
    <message>
        <source>Older match (Enter)</source>
        <translation>Coincidencia anterior (Intro)</translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation>Coincidencia siguiente (Mayús+Intro)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>Sin resultados</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>La búsqueda falló: %1</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ForwardDialog</name>
    <message>
        <source>Forward</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>Buscar chats</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Forward to…</source>
        <translation>Reenviar a…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::FriendRequestsView</name>
    <message>
        <source>FRIEND REQUESTS</source>
        <translation>SOLICITUDES DE AMISTAD</translation>
    </message>
    <message>
        <source>wants to be your friend</source>
        <translation>quiere ser tu amigo</translation>
    </message>
    <message>
        <source>request sent</source>
        <translation>solicitud enviada</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Rechazar</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::GroupInfoPanel</name>
    <message>
        <source>Group info</source>
        <translation>Información del grupo</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Cambiar nombre</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>+  Add member</source>
        <translation>+  Añadir miembro</translation>
    </message>
    <message>
        <source>You are no longer a member of this group.</source>
        <translation>Ya no eres miembro de este grupo.</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Salir del grupo</translation>
    </message>
    <message numerus="yes">
        <source>Group · %n member(s)</source>
        <translation>
            <numerusform>Grupo · %n miembro</numerusform>
            <numerusform>Grupo · %n miembros</numerusform>
        </translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (tú)</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>Remove %1 from the group</source>
        <translation>Quitar a %1 del grupo</translation>
    </message>
    <message>
        <source>All your friends are already in this group.</source>
        <translation>Todos tus amigos ya están en este grupo.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation>Quitar del grupo</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Quitar miembro</translation>
    </message>
    <message>
        <source>Remove %1 from “%2”? They will no longer get the group&apos;s messages.</source>
        <translation>¿Quitar a %1 de «%2»? Ya no recibirá los mensajes del grupo.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::Launcher</name>
    <message>
        <source>No keychain is available, so this session will not be remembered. You will log in with your password next time.</source>
        <translation>No hay ningún llavero disponible, así que esta sesión no se recordará. La próxima vez entrarás con tu contraseña.</translation>
    </message>
    <message>
        <source>Your session has ended. Please log in again.</source>
        <translation>Tu sesión ha terminado. Vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>You logged in somewhere else, so this window was logged out.</source>
        <translation>Has iniciado sesión en otro lugar, así que esta ventana ha cerrado la sesión.</translation>
    </message>
    <message>
        <source>Not connected: the certificate of %1 is not trusted.</source>
        <translation>Sin conexión: el certificado de %1 no es de confianza.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::LoginDialog</name>
    <message>
        <source>Palomar</source>
        <translation>Palomar</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Create your account</source>
        <translation>Crea tu cuenta</translation>
    </message>
    <message>
        <source>Welcome to Palomar</source>
        <translation>Bienvenido a Palomar</translation>
    </message>
    <message>
        <source>Pick a username and a password of at least 8 characters.</source>
        <translation>Elige un nombre de usuario y una contraseña de al menos 8 caracteres.</translation>
    </message>
    <message>
        <source>Log in to chat with your friends.</source>
        <translation>Inicia sesión para chatear con tus amigos.</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>servidor:puerto</translation>
    </message>
    <message>
        <source>Your username</source>
        <translation>Tu nombre de usuario</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Tu contraseña</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>Recordarme en este ordenador</translation>
    </message>
    <message>
        <source>Log out the other session and continue</source>
        <translation>Cerrar la otra sesión y continuar</translation>
    </message>
    <message>
        <source>Already have an account?</source>
        <translation>¿Ya tienes una cuenta?</translation>
    </message>
    <message>
        <source>New to Palomar?</source>
        <translation>¿Eres nuevo en Palomar?</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Create an account</source>
        <translation>Crear una cuenta</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Crear cuenta</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>That username is already taken. Please choose another one.</source>
        <translation>Ese nombre de usuario ya está en uso. Elige otro.</translation>
    </message>
    <message>
        <source>Usernames have 1 to 32 characters: letters, digits, “_”, “.” or “-”.</source>
        <translation>Los nombres de usuario tienen de 1 a 32 caracteres: letras, cifras, «_», «.» o «-».</translation>
    </message>
    <message>
        <source>The password is too weak: use at least 8 characters.</source>
        <translation>La contraseña es demasiado débil: usa al menos 8 caracteres.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Please wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Demasiados intentos. Espera %n segundo y vuelve a intentarlo.</numerusform>
            <numerusform>Demasiados intentos. Espera %n segundos y vuelve a intentarlo.</numerusform>
        </translation>
    </message>
    <message>
        <source>This account is already logged in somewhere else.</source>
        <translation>Esta cuenta ya tiene una sesión abierta en otro lugar.</translation>
    </message>
    <message>
        <source>Could not connect to %1. Check the address and that the server is running.</source>
        <translation>No se pudo conectar con %1. Comprueba la dirección y que el servidor esté en marcha.</translation>
    </message>
    <message>
        <source>This server speaks a different version of the Palomar protocol.</source>
        <translation>Este servidor usa otra versión del protocolo de Palomar.</translation>
    </message>
    <message>
        <source>The local message cache could not be opened.</source>
        <translation>No se pudo abrir la caché local de mensajes.</translation>
    </message>
    <message>
        <source>The server had a problem. Please try again in a moment.</source>
        <translation>El servidor ha tenido un problema. Vuelve a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>El servidor lo ha rechazado: %1</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>Algo ha salido mal (%1).</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Enter the server as host:port, for example 127.0.0.1:7878.</source>
        <translation>Escribe el servidor como servidor:puerto, por ejemplo 127.0.0.1:7878.</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Escribe tu nombre de usuario.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Escribe tu contraseña.</translation>
    </message>
    <message>
        <source>Secure connection (TLS)</source>
        <translation>Conexión segura (TLS)</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted, so Palomar did not connect.</source>
        <translation>El certificado del servidor no es de confianza, así que Palomar no se ha conectado.</translation>
    </message>
    <message>
        <source>Server unavailable, retrying…</source>
        <translation>Servidor no disponible, reintentando…</translation>
    </message>
    <message>
        <source>Invitation code</source>
        <translation>Código de invitación</translation>
    </message>
    <message>
        <source>From the server&apos;s administrator</source>
        <translation>Te lo da quien administra el servidor</translation>
    </message>
    <message>
        <source>Registration is closed on this server: new accounts cannot be created. Ask its administrator for one.</source>
        <translation>El registro está cerrado en este servidor: no se pueden crear cuentas nuevas. Pide una a quien lo administra.</translation>
    </message>
    <message>
        <source>Registration is closed on this server: new accounts cannot be created.</source>
        <translation>El registro está cerrado en este servidor: no se pueden crear cuentas nuevas.</translation>
    </message>
    <message>
        <source>This server registers new accounts by invitation: enter your invitation code.</source>
        <translation>Este servidor solo crea cuentas nuevas con invitación: escribe tu código de invitación.</translation>
    </message>
    <message>
        <source>That invitation code cannot be used: it is unknown, used, revoked or expired.</source>
        <translation>Ese código de invitación no sirve: no existe, ya se usó, se revocó o caducó.</translation>
    </message>
    <message>
        <source>No keychain is available on this computer, so Palomar cannot remember your session: you will log in with your password each time.</source>
        <translation>No hay ningún llavero disponible en este equipo, así que Palomar no puede recordar tu sesión: iniciarás sesión con tu contraseña cada vez.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::LogoutDialog</name>
    <message>
        <source>Log out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Log out of %1?</source>
        <translation>¿Cerrar la sesión de %1?</translation>
    </message>
    <message>
        <source>You will need your password to log in to %1 again.</source>
        <translation>Necesitarás tu contraseña para volver a iniciar sesión en %1.</translation>
    </message>
    <message>
        <source>Also remove this account&apos;s data from this computer</source>
        <translation>Borrar también los datos de esta cuenta de este equipo</translation>
    </message>
    <message>
        <source>That is the messages, pictures and drafts kept here for it. Your messages stay on the server; files you saved in your downloads folder are not touched.</source>
        <translation>Es decir, los mensajes, imágenes y borradores guardados aquí para ella. Tus mensajes siguen en el servidor; los archivos que guardaste en tu carpeta de descargas no se tocan.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::LongMessageDialog</name>
    <message>
        <source>Message too long</source>
        <translation>Mensaje demasiado largo</translation>
    </message>
    <message>
        <source>This message is too long</source>
        <translation>Este mensaje es demasiado largo</translation>
    </message>
    <message>
        <source>It is %1 bytes long; the server takes at most %2 bytes in one message. Send it as several messages, or as a text file?</source>
        <translation>Ocupa %1 bytes; el servidor acepta como máximo %2 bytes en un mensaje. ¿Enviarlo como varios mensajes o como archivo de texto?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Send as a file</source>
        <translation>Enviar como archivo</translation>
    </message>
    <message numerus="yes">
        <source>Send as %n messages</source>
        <translation>
            <numerusform>Enviar como %n mensaje</numerusform>
            <numerusform>Enviar como %n mensajes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::MainWindow</name>
    <message>
        <source>Select a chat to start messaging</source>
        <translation>Elige un chat para empezar a escribir</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>Add a friend</source>
        <translation>Añadir un amigo</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menú</translation>
    </message>
    <message>
        <source>Add a friend…</source>
        <translation>Añadir un amigo…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>(%1) Palomar</source>
        <translation>(%1) Palomar</translation>
    </message>
    <message>
        <source>Palomar</source>
        <translation>Palomar</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message numerus="yes">
        <source>Offline. Reconnecting in %n s…</source>
        <translation>
            <numerusform>Sin conexión. Reconectando en %n s…</numerusform>
            <numerusform>Sin conexión. Reconectando en %n s…</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>Nuevo grupo…</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>Grupo: %1</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Salir del grupo</translation>
    </message>
    <message>
        <source>Leave this group? You will keep its messages but get no new ones.</source>
        <translation>¿Salir de este grupo? Conservarás sus mensajes, pero no recibirás más.</translation>
    </message>
    <message>
        <source>You are no longer a member</source>
        <translation>Ya no eres miembro</translation>
    </message>
    <message>
        <source>you</source>
        <translation>tú</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s): %1</source>
        <translation>
            <numerusform>%n miembro: %1</numerusform>
            <numerusform>%n miembros: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Guardar como</translation>
    </message>
    <message numerus="yes">
        <source>Connected, server unavailable. Retrying in %n s…</source>
        <translation>
            <numerusform>Conectado, servidor no disponible. Reintentando en %n s…</numerusform>
            <numerusform>Conectado, servidor no disponible. Reintentando en %n s…</numerusform>
        </translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>Atajos de teclado…</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Desfijar</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>Fijar arriba</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Dejar de silenciar</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>Marcar como no leído</translation>
    </message>
    <message>
        <source>Delete chat…</source>
        <translation>Eliminar chat…</translation>
    </message>
    <message>
        <source>Unfriend…</source>
        <translation>Quitar de amigos…</translation>
    </message>
    <message>
        <source>Delete chat</source>
        <translation>Eliminar chat</translation>
    </message>
    <message>
        <source>Delete the history of your chat with %1 from this computer? It stays on the server and with the others, and the chat comes back when someone writes in it.</source>
        <translation>¿Eliminar de este ordenador el historial de tu chat con %1? Se conserva en el servidor y para los demás, y el chat vuelve cuando alguien escriba en él.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Unfriend</source>
        <translation>Quitar de amigos</translation>
    </message>
    <message>
        <source>Remove %1 from your friends? Neither of you will be able to write to the other until one sends a friend request again.</source>
        <translation>¿Quitar a %1 de tus amigos? Ninguno de los dos podrá escribir al otro hasta que uno vuelva a enviar una solicitud de amistad.</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <source>About Palomar</source>
        <translation>Acerca de Palomar</translation>
    </message>
    <message>
        <source>Delete for me</source>
        <translation>Eliminar para mí</translation>
    </message>
    <message>
        <source>Delete this message from this computer? The others in the chat keep it.</source>
        <translation>¿Eliminar este mensaje de este ordenador? Los demás participantes del chat lo conservan.</translation>
    </message>
    <message>
        <source>Block…</source>
        <translation>Bloquear…</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Block %1? They will no longer be your friend, their messages and friend requests will be refused, and they will not see when you are online. In groups you share, their new messages are hidden from you.</source>
        <translation>¿Bloquear a %1? Dejará de ser tu amigo, sus mensajes y solicitudes de amistad se rechazarán y no verá cuándo estás en línea. En los grupos que compartís, sus mensajes nuevos se te ocultarán.</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Eliminar para todos</translation>
    </message>
    <message>
        <source>Delete this message for everyone in the chat? It is replaced by &quot;This message was deleted&quot; for all of you.</source>
        <translation>¿Eliminar este mensaje para todos en el chat? Todos veréis «Se eliminó este mensaje» en su lugar.</translation>
    </message>
    <message>
        <source>Profile…</source>
        <translation>Perfil…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::MessageDelegate</name>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Waiting for network…</source>
        <translation>Esperando a la red…</translation>
    </message>
    <message>
        <source>%1 · Retry</source>
        <translation>%1 · Reintentar</translation>
    </message>
    <message>
        <source>Not sent · Retry</source>
        <translation>No enviado · Reintentar</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>Mensajes nuevos</translation>
    </message>
    <message>
        <source>edited %1</source>
        <translation>editado %1</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Se eliminó este mensaje</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Reenviado</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Tú</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::MessageInfoDialog</name>
    <message>
        <source>Message info</source>
        <translation>Información del mensaje</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Could not load the message info: %1</source>
        <translation>No se pudo cargar la información del mensaje: %1</translation>
    </message>
    <message>
        <source>Read by %1 of %2 · received by %3 of %2</source>
        <translation>Leído por %1 de %2 · recibido por %3 de %2</translation>
    </message>
    <message>
        <source>Read by</source>
        <translation>Leído por</translation>
    </message>
    <message>
        <source>Delivered to</source>
        <translation>Entregado a</translation>
    </message>
    <message>
        <source>Not yet received</source>
        <translation>Aún no recibido</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Reactions</source>
        <translation>Reacciones</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::MessageMenu</name>
    <message>
        <source>Not sent</source>
        <translation>No enviado</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Download and open</source>
        <translation>Descargar y abrir</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Guardar como…</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Mostrar en la carpeta</translation>
    </message>
    <message>
        <source>Copy selected text</source>
        <translation>Copiar el texto seleccionado</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copiar texto</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Copiar enlace</translation>
    </message>
    <message>
        <source>Select text</source>
        <translation>Seleccionar texto</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Información</translation>
    </message>
    <message>
        <source>Delete for me…</source>
        <translation>Eliminar para mí…</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Forward…</source>
        <translation>Reenviar…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Delete for everyone…</source>
        <translation>Eliminar para todos…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::MessageModel</name>
    <message>
        <source>Message not loaded</source>
        <translation>Mensaje no cargado</translation>
    </message>
    <message>
        <source>Deleted message</source>
        <translation>Mensaje eliminado</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::NewGroupDialog</name>
    <message>
        <source>New group</source>
        <translation>Nuevo grupo</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Nombre del grupo</translation>
    </message>
    <message>
        <source>Add friends</source>
        <translation>Añadir amigos</translation>
    </message>
    <message>
        <source>No friends yet: add some first.</source>
        <translation>Aún no tienes amigos: añade alguno primero.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n seleccionado</numerusform>
            <numerusform>%n seleccionados</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Creando…</translation>
    </message>
    <message>
        <source>You can only add your friends.</source>
        <translation>Solo puedes añadir a tus amigos.</translation>
    </message>
    <message>
        <source>One of them no longer has an account.</source>
        <translation>Alguno de ellos ya no tiene cuenta.</translation>
    </message>
    <message>
        <source>Group names have 1 to 64 characters.</source>
        <translation>Los nombres de grupo tienen de 1 a 64 caracteres.</translation>
    </message>
    <message>
        <source>You are offline. Try again once Palomar has reconnected.</source>
        <translation>Estás sin conexión. Vuelve a intentarlo cuando Palomar se haya reconectado.</translation>
    </message>
    <message>
        <source>The group could not be created (%1).</source>
        <translation>No se pudo crear el grupo (%1).</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::PictureViewer</name>
    <message>
        <source>Zoom out (-)</source>
        <translation>Alejar (-)</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Acercar (+)</translation>
    </message>
    <message>
        <source>Actual size (1)</source>
        <translation>Tamaño real (1)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Fit to window (0)</source>
        <translation>Ajustar a la ventana (0)</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Guardar como…</translation>
    </message>
    <message>
        <source>Save a copy (Ctrl+S)</source>
        <translation>Guardar una copia (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
    <message>
        <source>Previous picture (Left)</source>
        <translation>Imagen anterior (Izquierda)</translation>
    </message>
    <message>
        <source>Next picture (Right)</source>
        <translation>Imagen siguiente (Derecha)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>“%1” cannot be shown: %2</source>
        <translation>No se puede mostrar «%1»: %2</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Tú</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ProfileDialog</name>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <source>Choose picture…</source>
        <translation>Elegir foto…</translation>
    </message>
    <message>
        <source>Remove picture</source>
        <translation>Quitar foto</translation>
    </message>
    <message>
        <source>Username: %1</source>
        <translation>Nombre de usuario: %1</translation>
    </message>
    <message>
        <source>Display name (shown instead of your username)</source>
        <translation>Nombre visible (se muestra en lugar de tu nombre de usuario)</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Guardar perfil</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Your profile could not be read (%1).</source>
        <translation>No se pudo leer tu perfil (%1).</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Cambiar contraseña</translation>
    </message>
    <message>
        <source>Your other sessions will be logged out.</source>
        <translation>Se cerrarán tus otras sesiones.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Contraseña actual</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Contraseña nueva</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>Repite la contraseña nueva</translation>
    </message>
    <message>
        <source>Choose a picture</source>
        <translation>Elige una foto</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</translation>
    </message>
    <message>
        <source>That file is not a picture Palomar can read.</source>
        <translation>Ese archivo no es una imagen que Palomar pueda leer.</translation>
    </message>
    <message numerus="yes">
        <source>A display name has at most %n characters.</source>
        <translation>
            <numerusform>Un nombre visible tiene como máximo %n carácter.</numerusform>
            <numerusform>Un nombre visible tiene como máximo %n caracteres.</numerusform>
        </translation>
    </message>
    <message>
        <source>The picture is too large for the server.</source>
        <translation>La foto es demasiado grande para el servidor.</translation>
    </message>
    <message>
        <source>Not connected: try again when the connection is back.</source>
        <translation>Sin conexión: inténtalo de nuevo cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>No se guardó el perfil: %1</translation>
    </message>
    <message>
        <source>Profile saved.</source>
        <translation>Perfil guardado.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>La contraseña actual no es correcta.</translation>
    </message>
    <message>
        <source>The new password must have %1 to %2 characters.</source>
        <translation>La contraseña nueva debe tener entre %1 y %2 caracteres.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: wait a few minutes and try again.</source>
        <translation>Demasiadas contraseñas incorrectas: espera unos minutos y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The password was not changed: %1</source>
        <translation>No se cambió la contraseña: %1</translation>
    </message>
    <message>
        <source>The new passwords do not match.</source>
        <translation>Las contraseñas nuevas no coinciden.</translation>
    </message>
    <message>
        <source>Password changed. Your other sessions have been logged out.</source>
        <translation>Contraseña cambiada. Se han cerrado tus otras sesiones.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::QuickSwitcher</name>
    <message>
        <source>Go to chat…</source>
        <translation>Ir al chat…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ReactionBar</name>
    <message>
        <source>Remove my reaction</source>
        <translation>Quitar mi reacción</translation>
    </message>
    <message>
        <source>React with %1</source>
        <translation>Reaccionar con %1</translation>
    </message>
    <message>
        <source>More…</source>
        <translation>Más…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::RenameGroupDialog</name>
    <message>
        <source>Rename group</source>
        <translation>Cambiar el nombre del grupo</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Nombre del grupo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::SearchResultsView</name>
    <message>
        <source>You: </source>
        <translation>Tú: </translation>
    </message>
    <message>
        <source>%1: </source>
        <translation>%1: </translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>La búsqueda falló: %1</translation>
    </message>
    <message>
        <source>No messages found</source>
        <translation>No se encontraron mensajes</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::SendFilesDialog</name>
    <message>
        <source>Send to %1</source>
        <translation>Enviar a %1</translation>
    </message>
    <message numerus="yes">
        <source>Send %n picture(s)</source>
        <translation>
            <numerusform>Enviar %n imagen</numerusform>
            <numerusform>Enviar %n imágenes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send %n file(s)</source>
        <translation>
            <numerusform>Enviar %n archivo</numerusform>
            <numerusform>Enviar %n archivos</numerusform>
        </translation>
    </message>
    <message>
        <source>Compress pictures</source>
        <translation>Comprimir imágenes</translation>
    </message>
    <message>
        <source>Smaller and faster to send. Untick to send the original files.</source>
        <translation>Más pequeñas y rápidas de enviar. Desmárcalo para enviar los archivos originales.</translation>
    </message>
    <message>
        <source>Add a caption…</source>
        <translation>Añade un comentario…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Show notifications for new messages</source>
        <translation>Mostrar notificaciones de mensajes nuevos</translation>
    </message>
    <message>
        <source>Play a sound</source>
        <translation>Reproducir un sonido</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Como el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>El idioma del sistema</translation>
    </message>
    <message>
        <source>The new language applies when Palomar restarts.</source>
        <translation>El nuevo idioma se aplicará cuando Palomar se reinicie.</translation>
    </message>
    <message>
        <source>Downloads folder</source>
        <translation>Carpeta de descargas</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Start Palomar when I log in</source>
        <translation>Abrir Palomar al iniciar sesión</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <source>Save downloaded files in:</source>
        <translation>Guardar los archivos descargados en:</translation>
    </message>
    <message>
        <source>Startup</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Cannot use %1: the folder cannot be created.</source>
        <translation>No se puede usar %1: no se puede crear la carpeta.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::TrayNotifier</name>
    <message>
        <source>Palomar</source>
        <translation>Palomar</translation>
    </message>
    <message numerus="yes">
        <source>Palomar: %n unread message(s)</source>
        <translation>
            <numerusform>Palomar: %n mensaje sin leer</numerusform>
            <numerusform>Palomar: %n mensajes sin leer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::TypingTracker</name>
    <message>
        <source>typing…</source>
        <translation>escribiendo…</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 está escribiendo…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 y %2 están escribiendo…</translation>
    </message>
    <message numerus="yes">
        <source>%n people are typing…</source>
        <translation>
            <numerusform>%n persona está escribiendo…</numerusform>
            <numerusform>%n personas están escribiendo…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Go to a chat by name</source>
        <translation>Ir a un chat por su nombre</translation>
    </message>
    <message>
        <source>Find in the open chat</source>
        <translation>Buscar en el chat abierto</translation>
    </message>
    <message>
        <source>In the find bar: older / newer match (or Up / Down)</source>
        <translation>En la barra de búsqueda: coincidencia anterior / siguiente (o Arriba / Abajo)</translation>
    </message>
    <message>
        <source>Close the find bar or the switcher, clear the search</source>
        <translation>Cerrar la barra de búsqueda o el selector, borrar la búsqueda</translation>
    </message>
    <message>
        <source>Next / previous chat in the list</source>
        <translation>Chat siguiente / anterior de la lista</translation>
    </message>
    <message>
        <source>Next / previous chat, round the list</source>
        <translation>Chat siguiente / anterior, dando la vuelta a la lista</translation>
    </message>
    <message>
        <source>Scroll the history while typing</source>
        <translation>Desplazar el historial mientras escribes</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Enviar el mensaje</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>Nueva línea en el mensaje</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>Esta lista de atajos</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>In an empty message box: edit your last message</source>
        <translation>Con el cuadro de mensaje vacío: editar tu último mensaje</translation>
    </message>
    <message>
        <source>Cancel a reply or an edit</source>
        <translation>Cancelar una respuesta o una edición</translation>
    </message>
</context>
<context>
    <name>SystemLineText</name>
    <message>
        <source>%1 created the group</source>
        <translation>%1 creó el grupo</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 añadió a %2</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 eliminó a %2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 salió del grupo</translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 cambió el nombre del grupo a «%2»</translation>
    </message>
    <message>
        <source>%1 made %2 the admin</source>
        <translation>%1 hizo administrador a %2</translation>
    </message>
    <message>
        <source>%1 changed the group</source>
        <translation>%1 cambió el grupo</translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>MMMM d</source>
        <comment>day separator date in the current year</comment>
        <translation>d &apos;de&apos; MMMM</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <source>last seen just now</source>
        <translation>visto hace un momento</translation>
    </message>
    <message numerus="yes">
        <source>last seen %n minute(s) ago</source>
        <translation>
            <numerusform>visto hace %n minuto</numerusform>
            <numerusform>visto hace %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>last seen today at %1</source>
        <translation>visto hoy a las %1</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>visto el %1</translation>
    </message>
</context>
</TS>
