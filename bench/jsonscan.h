#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Palomar::Bench {

// A strict, allocation-free JSON scanner for the bench's hot path: the
// members of an object and the elements of an array as views of the input,
// integers, booleans and strings decoded from those views. Pure functions of
// the bytes (RFC 8259 grammar, no I/O); a malformed input makes them return
// false, and callers then fall back to QJsonDocument for the whole frame.
namespace JsonScan {

// Skips one value starting at `*at` (leading white space allowed); false
// when it is not well formed. On success `*at` is just past the value.
bool skipValue(const char *&at, const char *end);
// Skips white space; returns the next character or 0 at the end.
inline char skipSpace(const char *&at, const char *end)
{
    while (at < end && (*at == ' ' || *at == '\n' || *at == '\r' || *at == '\t'))
        ++at;
    return at < end ? *at : 0;
}

// Consumes the object at `*at`, calling `visit(key, value)` for each member
// (`key` still escaped, without its quotes; `value` the raw value's bytes).
template<typename Visit> bool scanObject(const char *&at, const char *end, Visit &&visit);
// Consumes the array at `*at`, calling `consume(at, end)` for each element,
// which must consume exactly that element (false: malformed).
template<typename Consume> bool scanArray(const char *&at, const char *end, Consume &&consume);
// The same on a whole text, which must hold that one value and nothing more.
template<typename Visit> bool forEachMember(QByteArrayView text, Visit &&visit);
template<typename Visit> bool forEachElement(QByteArrayView text, Visit &&visit);

// A JSON integer (no fraction or exponent); false otherwise.
bool toInteger(QByteArrayView value, qint64 *out);
// True only for the literal `true`.
inline bool isTrue(QByteArrayView value)
{
    return value == QByteArrayView("true");
}
// The contents of a JSON string value, unescaped into `*out` when it holds
// escapes (then `*text` points at `*out`), else a view of the input; false
// when `value` is not a well-formed string.
bool stringValue(QByteArrayView value, QByteArrayView *text, QByteArray *out);

// ---- templates

namespace Detail {
// `open`, then items separated by commas (each consumed by `item(at, end)`),
// then `close`.
template<typename Item>
bool scanSequence(const char *&at, const char *end, char open, char close, Item &&item)
{
    if (skipSpace(at, end) != open)
        return false;
    ++at;
    if (skipSpace(at, end) == close) {
        ++at;
        return true;
    }
    for (;;) {
        skipSpace(at, end);
        if (!item(at, end))
            return false;
        const char next = skipSpace(at, end);
        ++at;
        if (next == close)
            return true;
        if (next != ',')
            return false;
    }
}
} // namespace Detail

template<typename Visit> bool scanObject(const char *&at, const char *end, Visit &&visit)
{
    return Detail::scanSequence(at, end, '{', '}', [&visit](const char *&member, const char *last) {
        const char *keyStart = member;
        if (*member != '"' || !skipValue(member, last))
            return false;
        const QByteArrayView key(keyStart + 1, member - keyStart - 2);
        if (skipSpace(member, last) != ':')
            return false;
        ++member;
        skipSpace(member, last);
        const char *valueStart = member;
        if (!skipValue(member, last))
            return false;
        visit(key, QByteArrayView(valueStart, member - valueStart));
        return true;
    });
}

template<typename Consume> bool scanArray(const char *&at, const char *end, Consume &&consume)
{
    return Detail::scanSequence(at, end, '[', ']', consume);
}

template<typename Visit> bool forEachMember(QByteArrayView text, Visit &&visit)
{
    const char *at = text.data();
    const char *const end = at + text.size();
    return scanObject(at, end, visit) && skipSpace(at, end) == 0;
}

template<typename Visit> bool forEachElement(QByteArrayView text, Visit &&visit)
{
    const char *at = text.data();
    const char *const end = at + text.size();
    return scanArray(at, end,
                     [&visit](const char *&element, const char *elementsEnd) {
                         const char *start = element;
                         if (!skipValue(element, elementsEnd))
                             return false;
                         visit(QByteArrayView(start, element - start));
                         return true;
                     }) &&
           skipSpace(at, end) == 0;
}

} // namespace JsonScan

} // namespace Palomar::Bench
