#include "passwords.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMutex>

#include <sodium.h>

namespace Palomar::Server {

bool Passwords::initialize()
{
    return sodium_init() >= 0;
}

QString Passwords::hashPassword(const QString &password, Cost cost)
{
    const QByteArray utf8 = password.toUtf8();
    char encoded[crypto_pwhash_STRBYTES];
    const unsigned long long ops =
        cost.opsLimit ? cost.opsLimit : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const size_t mem = cost.memLimit ? size_t(cost.memLimit) : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (crypto_pwhash_str_alg(encoded, utf8.constData(), quint64(utf8.size()), ops, mem,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return {};
    }
    return QString::fromLatin1(encoded);
}

bool Passwords::verifyPassword(const QString &encodedHash, const QString &password)
{
    const QByteArray hash = encodedHash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(hash.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

QString Passwords::decoyHash(Cost cost)
{
    static QMutex mutex;
    static QHash<QPair<quint64, quint64>, QString> decoys;
    const QMutexLocker lock(&mutex);
    const QPair<quint64, quint64> key{cost.opsLimit, cost.memLimit};
    auto it = decoys.find(key);
    if (it == decoys.end())
        it = decoys.insert(key, hashPassword(newToken(), cost));
    return *it;
}

QString Passwords::newToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray Passwords::tokenHash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace Palomar::Server
