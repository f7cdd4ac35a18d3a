#include "truststore.h"

#include "appcontroller.h"

#include "client/clientsession.h"

#include <QSettings>

namespace Palomar::Desktop {

namespace {
QString keyFor(const ServerAddress &server)
{
    // QSettings treats '/' and '\' in keys as groups: keep the address whole.
    return QStringLiteral("trust/") +
           QString::fromLatin1(server.toString().toUtf8().toPercentEncoding());
}
} // namespace

QByteArray TrustStore::pinnedFingerprint(const ServerAddress &server)
{
    const QSettings settings;
    return QByteArray::fromHex(settings.value(keyFor(server)).toString().toLatin1());
}

void TrustStore::pin(const ServerAddress &server, const QByteArray &fingerprint)
{
    QSettings settings;
    settings.setValue(keyFor(server), QString::fromLatin1(fingerprint.toHex()));
}

void TrustStore::forget(const ServerAddress &server)
{
    QSettings settings;
    settings.remove(keyFor(server));
}

void TrustStore::configure(Client::ClientSession *session, const ServerAddress &server, bool tls)
{
    session->setTls(tls);
    session->setPinnedFingerprint(tls ? pinnedFingerprint(server) : QByteArray());
}

} // namespace Palomar::Desktop
