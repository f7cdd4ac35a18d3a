#include "tls.h"

#include <QFile>
#include <QRegularExpression>

namespace Palomar::Client {

namespace {
constexpr qsizetype kSha256Bytes = 32;
}

QByteArray certificateFingerprint(const QSslCertificate &certificate)
{
    return certificate.isNull() ? QByteArray() : certificate.digest(QCryptographicHash::Sha256);
}

QString formatFingerprint(const QByteArray &fingerprint, int bytesPerLine)
{
    QString text;
    for (qsizetype i = 0; i < fingerprint.size(); ++i) {
        if (i > 0)
            text +=
                (bytesPerLine > 0 && i % bytesPerLine == 0) ? QLatin1Char('\n') : QLatin1Char(':');
        text += QString::fromLatin1(fingerprint.mid(i, 1).toHex().toUpper());
    }
    return text;
}

QByteArray parseFingerprint(const QString &text)
{
    static const QRegularExpression prefix(QStringLiteral("^sha-?256[:=]?"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression separators(QStringLiteral("[\\s:]"));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    QString digits = text.trimmed();
    digits.remove(prefix);
    digits.remove(separators);
    if (!hex.match(digits).hasMatch())
        return {};
    const QByteArray bytes = QByteArray::fromHex(digits.toLatin1());
    return bytes.size() == kSha256Bytes ? bytes : QByteArray();
}

bool loadCertificates(const QString &path, QList<QSslCertificate> *certificates, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray data = file.readAll();
    QList<QSslCertificate> found = QSslCertificate::fromData(data, QSsl::Pem);
    if (found.isEmpty())
        found = QSslCertificate::fromData(data, QSsl::Der);
    found.removeIf([](const QSslCertificate &certificate) { return certificate.isNull(); });
    if (found.isEmpty()) {
        *error = QStringLiteral("%1 holds no certificate (PEM or DER)").arg(path);
        return false;
    }
    *certificates = found;
    return true;
}

} // namespace Palomar::Client
