#include "testclient.h"

#include "protocol/frame.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QSslConfiguration>

namespace Palomar::Testing {

TestClient::TestClient(quint16 port)
{
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    m_socket.waitForConnected(5000);
}

TestClient::TestClient(quint16 port, const QList<QSslCertificate> &caCertificates)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(caCertificates);
    m_socket.setSslConfiguration(configuration);
    m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    if (!m_socket.waitForEncrypted(10000))
        m_socket.abort();
}

bool TestClient::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

int TestClient::post(const QString &op, QJsonObject fields)
{
    const int id = ++m_nextId;
    fields.insert(QStringLiteral("id"), id);
    fields.insert(QStringLiteral("op"), op);
    sendRaw(Protocol::encodeFrame(fields));
    return id;
}

void TestClient::sendRaw(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

bool TestClient::readAvailable(int timeoutMs)
{
    if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(timeoutMs))
        return false;
    m_buffer.append(m_socket.readAll());
    while (true) {
        const Protocol::DecodedFrame frame = Protocol::decodeFrame(m_buffer, 64 << 20);
        if (frame.status != Protocol::DecodedFrame::Status::Frame)
            break;
        m_buffer.remove(0, frame.consumed);
        m_frames.append(frame.object);
    }
    return true;
}

bool TestClient::hasReply(int id)
{
    if (m_socket.bytesAvailable() > 0)
        readAvailable(0);
    for (const QJsonObject &frame : std::as_const(m_frames)) {
        if (frame.value(QLatin1String("id")).toInt() == id)
            return true;
    }
    return false;
}

QJsonObject TestClient::reply(int id, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        for (qsizetype i = 0; i < m_frames.size(); ++i) {
            if (m_frames.at(i).value(QLatin1String("id")).toInt(-1) == id)
                return m_frames.takeAt(i);
        }
        if (deadline.hasExpired() || !readAvailable(int(qMax<qint64>(1, deadline.remainingTime()))))
            return {};
    }
}

QJsonObject TestClient::request(const QString &op, QJsonObject fields, int timeoutMs)
{
    return reply(post(op, std::move(fields)), timeoutMs);
}

QJsonObject TestClient::nextFrame(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_frames.isEmpty()) {
        if (deadline.hasExpired() || !readAvailable(int(qMax<qint64>(1, deadline.remainingTime()))))
            return {};
    }
    return m_frames.takeFirst();
}

bool TestClient::waitForDisconnected(int timeoutMs)
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        return true;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            m_buffer.append(m_socket.readAll());
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
    }
    return false;
}

QJsonObject TestClient::registerUser(const QString &user, const QString &password)
{
    return request(QStringLiteral("register"),
                   {{QStringLiteral("user"), user}, {QStringLiteral("password"), password}});
}

QJsonObject TestClient::login(const QString &user, const QString &password, bool takeover)
{
    QJsonObject fields{{QStringLiteral("user"), user}, {QStringLiteral("password"), password}};
    if (takeover)
        fields.insert(QStringLiteral("takeover"), true);
    return request(QStringLiteral("login"), fields);
}

QList<QJsonObject> TestClient::sync()
{
    const QJsonObject answer =
        request(QStringLiteral("sync"), {{QStringLiteral("after"), m_cursor}});
    QList<QJsonObject> events;
    for (const QJsonValue &event : answer.value(QLatin1String("events")).toArray())
        events.append(event.toObject());
    m_cursor = answer.value(QLatin1String("cursor")).toInteger(m_cursor);
    return events;
}

} // namespace Palomar::Testing
