#pragma once

#include "client/types.h"

#include <QObject>
#include <QPointer>

namespace Palomar::Client {
class ClientSession;
}

namespace Palomar::Desktop {

struct ServerAddress;

// Asks a server who may register before the create-account form is sent:
// a session of its own connects, reads `registration` from hello and goes
// away. learned() says what it found (Unknown when the server could not be
// asked: the form then shows no invitation field, and the server's answer to
// register says the rest).
class RegistrationProbe : public QObject
{
    Q_OBJECT
public:
    explicit RegistrationProbe(QObject *parent = nullptr);
    ~RegistrationProbe() override;

    // Drops a probe under way for another server.
    void probe(const ServerAddress &server, bool tls);
    void cancel();

signals:
    void learned(Palomar::Client::Registration policy);

private:
    void finish(Client::Registration policy);

    QPointer<Client::ClientSession> m_session;
};

} // namespace Palomar::Desktop
