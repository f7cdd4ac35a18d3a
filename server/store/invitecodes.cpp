#include "invitecodes.h"

#include <sodium.h>

namespace Palomar::Server::InviteCodes {

namespace {

constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr quint32 kAlphabetSize = sizeof(kAlphabet) - 1;
static_assert(kAlphabetSize == 32);

} // namespace

QString generate()
{
    QString code;
    code.reserve(kLength);
    for (int i = 0; i < kLength; ++i)
        code.append(QLatin1Char(kAlphabet[randombytes_uniform(kAlphabetSize)]));
    return code;
}

QString normalise(const QString &code)
{
    QString normalised;
    normalised.reserve(code.size());
    for (const QChar c : code) {
        if (c != QLatin1Char('-') && !c.isSpace())
            normalised.append(c.toUpper());
    }
    return normalised;
}

QString grouped(const QString &code)
{
    const QString normalised = normalise(code);
    QString shown;
    for (qsizetype i = 0; i < normalised.size(); i += 4) {
        if (i > 0)
            shown.append(QLatin1Char('-'));
        shown.append(normalised.mid(i, 4));
    }
    return shown;
}

QString redacted(const QString &code)
{
    return normalise(code).left(4) + QStringLiteral("…");
}

} // namespace Palomar::Server::InviteCodes
