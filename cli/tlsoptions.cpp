#include "tlsoptions.h"

#include "localstate.h"
#include "options.h"
#include "output.h"

#include "client/clientsession.h"
#include "client/tls.h"

namespace Palomar::Cli {

QString connectionFailure(const Options &options, const QString &message)
{
    QString text = QStringLiteral("cannot connect to %1:%2: %3")
                       .arg(options.host)
                       .arg(options.port)
                       .arg(message);
    if (!options.tls && message.contains(QLatin1String("closed"), Qt::CaseInsensitive))
        text += QStringLiteral(" (if the server takes TLS connections, add --tls)");
    return text;
}

bool configureTls(const Options &options, Client::ClientSession *session, QString *error)
{
    // Settings that worked are remembered for this server (servers.conf).
    QObject::connect(session, &Client::ClientSession::connected, session,
                     [options] { LocalState::rememberTls(options); });
    if (!options.tls)
        return true;
    QList<QSslCertificate> certificates;
    if (!options.caFile.isEmpty() &&
        !Client::loadCertificates(options.caFile, &certificates, error)) {
        *error = QStringLiteral("--ca: %1").arg(*error);
        return false;
    }
    session->setTls(true);
    session->setCaCertificates(certificates);
    session->setPinnedFingerprint(options.pinnedFingerprint);
    const QString server = QStringLiteral("%1:%2").arg(options.host).arg(options.port);
    QObject::connect(
        session, &Client::ClientSession::certificateRejected, session,
        [server](const QSslCertificate &, const QByteArray &fingerprint,
                 Client::CertificateProblem problem) {
            const QString digest = Client::formatFingerprint(fingerprint);
            if (problem == Client::CertificateProblem::PinMismatch)
                printLine(stderr, QStringLiteral("WARNING: the certificate of %1 is not the "
                                                 "pinned one. Its SHA-256 fingerprint is now\n"
                                                 "  %2\nThis may be an attack. Connect with "
                                                 "--pin only after checking it with the "
                                                 "server's operator.")
                                      .arg(server, digest));
            else
                printLine(stderr, QStringLiteral("The certificate of %1 is not trusted. Its "
                                                 "SHA-256 fingerprint is\n  %2\nIf the server's "
                                                 "operator confirms it, connect with --pin %2\n"
                                                 "(or with --ca and the server's certificate).")
                                      .arg(server, digest));
        });
    return true;
}

} // namespace Palomar::Cli
