#include "registrationprobe.h"

#include "appcontroller.h"
#include "truststore.h"

#include "client/clientsession.h"

namespace Palomar::Desktop {

RegistrationProbe::RegistrationProbe(QObject *parent) : QObject(parent) {}

RegistrationProbe::~RegistrationProbe()
{
    cancel();
}

void RegistrationProbe::probe(const ServerAddress &server, bool tls)
{
    cancel();
    auto *session = new Client::ClientSession(this);
    m_session = session;
    TrustStore::configure(session, server, tls);
    connect(session, &Client::ClientSession::connected, this,
            [this, session] { finish(session->registration()); });
    connect(session, &Client::ClientSession::errorOccurred, this,
            [this] { finish(Client::Registration::Unknown); });
    session->connectToServer(server.host, server.port);
}

void RegistrationProbe::cancel()
{
    if (!m_session)
        return;
    Client::ClientSession *session = m_session;
    m_session.clear();
    session->disconnect(this);
    session->disconnectFromServer();
    session->deleteLater();
}

void RegistrationProbe::finish(Client::Registration policy)
{
    cancel();
    emit learned(policy);
}

} // namespace Palomar::Desktop
