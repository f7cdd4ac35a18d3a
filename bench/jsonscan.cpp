#include "jsonscan.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cctype>
#include <charconv>
#include <cstring>

namespace Palomar::Bench::JsonScan {

namespace {

constexpr int kMaxDepth = 64;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool skipLiteral(const char *&at, const char *end, const char *literal)
{
    const size_t length = std::strlen(literal);
    if (size_t(end - at) < length || std::memcmp(at, literal, length) != 0)
        return false;
    at += length;
    return true;
}

// The bytes that end a run of plain string contents: the quote, the
// backslash and the control characters, which must be escaped.
struct StringStops
{
    bool stops[256] = {};
    constexpr StringStops()
    {
        for (int c = 0; c < 0x20; ++c)
            stops[c] = true;
        stops[uchar('"')] = true;
        stops[uchar('\\')] = true;
    }
};
constexpr StringStops kStringStops;

bool skipString(const char *&at, const char *end)
{
    ++at; // the opening quote
    while (at < end) {
        while (at < end && !kStringStops.stops[uchar(*at)])
            ++at;
        if (at >= end)
            return false;
        const char c = *at++;
        if (c == '"')
            return true;
        if (uchar(c) < 0x20)
            return false;
        if (at >= end)
            return false;
        const char escaped = *at++;
        if (escaped == 'u') {
            for (int i = 0; i < 4; ++i, ++at) {
                if (at >= end || !std::isxdigit(uchar(*at)))
                    return false;
            }
        } else if (!std::strchr("\"\\/bfnrt", escaped) || escaped == 0) {
            return false;
        }
    }
    return false;
}

bool skipNumber(const char *&at, const char *end)
{
    if (at < end && *at == '-')
        ++at;
    if (at >= end || !isDigit(*at))
        return false;
    if (*at == '0')
        ++at;
    else
        while (at < end && isDigit(*at))
            ++at;
    if (at < end && *at == '.') {
        ++at;
        if (at >= end || !isDigit(*at))
            return false;
        while (at < end && isDigit(*at))
            ++at;
    }
    if (at < end && (*at == 'e' || *at == 'E')) {
        ++at;
        if (at < end && (*at == '+' || *at == '-'))
            ++at;
        if (at >= end || !isDigit(*at))
            return false;
        while (at < end && isDigit(*at))
            ++at;
    }
    return true;
}

bool skip(const char *&at, const char *end, int depth)
{
    if (depth > kMaxDepth)
        return false;
    const char c = skipSpace(at, end);
    switch (c) {
    case '"':
        return skipString(at, end);
    case '{':
        return Detail::scanSequence(
            at, end, '{', '}', [depth](const char *&member, const char *last) {
                if (*member != '"' || !skipString(member, last) || skipSpace(member, last) != ':')
                    return false;
                ++member;
                return skip(member, last, depth + 1);
            });
    case '[':
        return Detail::scanSequence(at, end, '[', ']',
                                    [depth](const char *&element, const char *last) {
                                        return skip(element, last, depth + 1);
                                    });
    case 't':
        return skipLiteral(at, end, "true");
    case 'f':
        return skipLiteral(at, end, "false");
    case 'n':
        return skipLiteral(at, end, "null");
    default:
        return skipNumber(at, end);
    }
}

} // namespace

bool skipValue(const char *&at, const char *end)
{
    return skip(at, end, 0);
}

bool toInteger(QByteArrayView value, qint64 *out)
{
    const char *end = value.data() + value.size();
    const auto [rest, error] = std::from_chars(value.data(), end, *out);
    return error == std::errc() && rest == end && !value.isEmpty() &&
           (value.size() == 1 || value.front() != '0') && value.front() != '+';
}

bool stringValue(QByteArrayView value, QByteArrayView *text, QByteArray *out)
{
    const char *at = value.data();
    const char *const end = at + value.size();
    if (value.size() < 2 || *at != '"' || !skipString(at, end) || at != end)
        return false;
    const QByteArrayView inner = value.sliced(1, value.size() - 2);
    if (!inner.contains('\\')) {
        *text = inner;
        return true;
    }
    // Rare on the bench's path: QJsonDocument decodes the escapes.
    const QJsonDocument document = QJsonDocument::fromJson('[' + value.toByteArray() + ']');
    *out = document.array().at(0).toString().toUtf8();
    *text = *out;
    return true;
}

} // namespace Palomar::Bench::JsonScan
