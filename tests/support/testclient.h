#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QSslSocket>

namespace Palomar::Testing {

// A deliberately plain, blocking protocol client for server tests: it speaks
// raw frames so tests can check the wire exactly (and send broken bytes).
// Replies are matched by id; frames that arrive for other ids are kept.
class TestClient
{
public:
    explicit TestClient(quint16 port);
    // Over TLS, trusting `caCertificates` besides the system's; not connected
    // when the handshake fails.
    TestClient(quint16 port, const QList<QSslCertificate> &caCertificates);

    bool isConnected() const;
    // Over TLS: the certificate the server presented.
    QSslCertificate peerCertificate() const { return m_socket.peerCertificate(); }
    // Sends a request and returns its id (an increasing integer).
    int post(const QString &op, QJsonObject fields = {});
    // Waits for the reply to `id`; an empty object on timeout or disconnect.
    QJsonObject reply(int id, int timeoutMs = 10000);
    QJsonObject request(const QString &op, QJsonObject fields = {}, int timeoutMs = 10000);
    void sendRaw(const QByteArray &bytes);
    // The next frame in arrival order that nobody has taken yet.
    QJsonObject nextFrame(int timeoutMs = 10000);
    bool waitForDisconnected(int timeoutMs = 10000);
    // True when a reply to `id` has already arrived (without waiting).
    bool hasReply(int id);

    // Shorthands for the common steps; each QVERIFY-friendly (check "ok").
    QJsonObject registerUser(const QString &user, const QString &password);
    QJsonObject login(const QString &user, const QString &password, bool takeover = false);
    // sync with wait 0 and the client's own cursor; acknowledges what it got
    // last time. Returns the events.
    QList<QJsonObject> sync();
    qint64 cursor() const { return m_cursor; }

private:
    bool readAvailable(int timeoutMs);

    QSslSocket m_socket; // in plain mode as any QTcpSocket
    QByteArray m_buffer;
    QList<QJsonObject> m_frames;
    int m_nextId = 0;
    qint64 m_cursor = 0;
};

} // namespace Palomar::Testing
