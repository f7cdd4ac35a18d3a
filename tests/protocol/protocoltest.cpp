#include "protocoltest.h"

#include <QJsonDocument>
#include <QtEndian>

namespace ProtocolTest {

QByteArray header(quint32 length)
{
    QByteArray bytes(Palomar::Protocol::kFrameHeaderSize, Qt::Uninitialized);
    qToBigEndian<quint32>(length, bytes.data());
    return bytes;
}

QByteArray frameOf(const QByteArray &body)
{
    return header(quint32(body.size())) + body;
}

QByteArray frameOfBodySize(qsizetype size)
{
    const QByteArray prefix = QByteArrayLiteral("{\"pad\":\"");
    const QByteArray suffix = QByteArrayLiteral("\"}");
    const QByteArray body = prefix + QByteArray(size - prefix.size() - suffix.size(), 'x') + suffix;
    Q_ASSERT(body.size() == size);
    return frameOf(body);
}

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad JSON literal in test: %s", text);
    return document.object();
}

QString repeated(const QString &unit, int count)
{
    QString text;
    for (int i = 0; i < count; ++i)
        text += unit;
    return text;
}

} // namespace ProtocolTest
