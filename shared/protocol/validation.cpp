#include "validation.h"

#include "limits.h"

namespace Palomar::Protocol {

bool isValidUsername(const QString &name)
{
    if (name.isEmpty() || name.size() > kMaxUsernameLength)
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') ||
                        (u >= u'0' && u <= u'9') || u == u'_' || u == u'.' || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

QString usernameKey(const QString &name)
{
    return name.toLower();
}

qsizetype characterCount(const QString &text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        ++count;
    }
    return count;
}

bool isAcceptablePassword(const QString &password)
{
    const qsizetype length = characterCount(password);
    return length >= kMinPasswordLength && length <= kMaxPasswordLength;
}

} // namespace Palomar::Protocol
