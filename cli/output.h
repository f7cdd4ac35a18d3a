#pragma once

#include "client/privacy.h"
#include "client/reactions.h"
#include "client/search.h"
#include "client/types.h"

#include <QHash>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <cstdio>

namespace Palomar::Cli {

// How things look on screen: pleasant lines for people, or one compact JSON
// object per line (--json) for scripts. Builds strings only; never prints.
class Output
{
public:
    enum class TimeStyle
    {
        Full,
        Short
    };

    // What colour marks, on a terminal only.
    enum class Style
    {
        Sender,   // someone else's name
        Mine,     // my own name
        Tick,     // sent, delivered
        ReadTick, // read
        System,   // "* ..." notices
        Error
    };

    Output(bool json, bool colour) : m_json(json), m_colour(colour) {}
    bool isJson() const { return m_json; }
    bool isColoured() const { return m_colour; }
    // Colour for people on a terminal (`fd`), unless NO_COLOR is set.
    static bool colourWanted(bool json, int fd, const QProcessEnvironment &environment);
    // `text` in the style's colour, or as it is without colour.
    QString paint(const QString &text, Style style) const;

    // Names for group messages; a group without one shows as "#ID".
    void setGroupName(qint64 group, const QString &name) { m_groupNames.insert(group, name); }
    void setGroupNames(const QList<Client::GroupInfo> &groups);
    QString groupLabel(qint64 group) const;
    bool knowsGroup(qint64 group) const { return m_groupNames.contains(group); }
    QStringList groupNames() const { return m_groupNames.values(); }

    // "[2026-11-28 21:50] #7 Homer: hi  ✓✓" (#7: its msg_id); ticks only on
    // my own messages. "(forwarded) ", "↪ #12 " (a reply) before the text,
    // " (edited)" after it; a tombstone reads "(message deleted)".
    // A group message: "[2026-11-28 21:50] #8 [Simpsons] Marge: Dinner!"; a
    // group system line has no id: "[…] [Simpsons] — Homer added Bart".
    QString message(const Client::Message &message, const QString &me,
                    TimeStyle style = TimeStyle::Full) const;
    // A search result (search, /search): a one-to-one message names its
    // chat, "[2026-11-28 21:50] #7 (with Marge) Homer: hi" (outputconversation.cpp).
    QString found(const Client::FoundMessage &found, const QString &me) const;
    // "#7 " for a message id, "" for none.
    static QString idMark(qint64 msgId);
    // What a receipt is about: “the text” (shortened), or the file “name”.
    QString about(const QString &text) const;
    QString about(const Client::Message &message) const;
    // `about` says which message it was (about()) when known, for the reader's
    // sake; else "your message #ID".
    QString receipt(const Client::Receipt &receipt, const QString &about) const;
    // friend_request / friend_added / friend_declined / friend_removed
    QString friendEvent(const QString &kind, const QString &user, bool interactive) const;
    // Events of kinds ClientSession leaves to others: `edited` and `deleted`
    // as "* Homer edited message #3: new text", others as "* KIND event".
    QString unknownEvent(const QJsonObject &event) const;
    // Ephemeral notices (no seq): "* bob is typing…" / "* bob is online", or
    // {"kind":"typing",…} / {"kind":"presence",…} for scripts.
    QString typing(const QString &user, qint64 group, int expiresIn) const;
    QString presence(const QString &user, bool online, qint64 lastSeen) const;
    // "↪ #12": a reply to message 12.
    static QString replyMark(qint64 replyTo);
    QStringList friends(const Client::FriendList &list) const;
    QString sent(const QString &to, const QString &text, qint64 msgId, qint64 ts,
                 const QString &clientId, const QString &me) const;
    QString sentToGroup(qint64 group, const QString &text, qint64 msgId, qint64 ts,
                        const QString &clientId, const QString &me) const;
    // "#3  Simpsons  (admin Homer)" lines, or one JSON object per group.
    QStringList groups(const QList<Client::GroupInfo> &groups, const QString &me) const;
    QStringList groupInfo(const Client::GroupInfo &info) const;
    // group_added / group_removed / group_updated
    QString groupEvent(const QString &kind, const Client::GroupEvent &event) const;
    // A group system line for people: "Homer added Bart" (outputconversation.cpp).
    QString systemLine(const Client::SystemLine &line, const QString &me) const;
    // A `reaction` event: "[21:50] Marge reacted 👍 to #12", or its JSON.
    QString reaction(const Client::Reaction &reaction, const QString &me) const;
    // A plain confirmation: `human` for people, {"ok":true, ...fields} for scripts.
    QString done(const QString &human, const QJsonObject &fields) const;

    static QString time(qint64 ts, TimeStyle style);
    // "512 bytes", "300 kB", "4.2 MB": decimal units, as the desktop shows them.
    static QString size(qint64 bytes);
    QString ticks(Client::MessageStatus status) const;

private:
    QString sender(const QString &user, const QString &me) const;
    // message() for people; `peer` (when not empty) names a one-to-one chat.
    QString messageLine(const Client::Message &message, const QString &me, TimeStyle style,
                        const QString &peer) const;
    static QString compact(const QJsonObject &object);

    bool m_json;
    bool m_colour;
    QHash<qint64, QString> m_groupNames;
};

// Writes `text` and a newline as UTF-8 and flushes.
void printLine(std::FILE *stream, const QString &text);
// With --json, errors are JSON objects too: {"ok":false,"error":CODE,"message":...}.
void setJsonErrors(bool json);
// "error: CODE: message", or its JSON object.
QString errorText(const QString &code, const QString &message);

// A profile (profile, set-profile, /profile) as one line of text, and as
// --json prints it (defined in oneshotprivacy.cpp).
QString profileSummary(const Client::Profile &profile);
QJsonObject profileJson(const Client::Profile &profile);
// errorText() on stderr.
void printError(const QString &code, const QString &message);
// A failed reply's message for people: the server's words (the code when it
// gave none), with the seconds of its retry_after when it asked us to wait:
// "too many failed logins; try again in 12 s".
QString failureMessage(const QString &code, const QString &message, int retryAfterSeconds);

QJsonObject toJson(const Client::Message &message);
QJsonObject toJson(const Client::Receipt &receipt);
QJsonObject toJson(const Client::Reaction &reaction);

} // namespace Palomar::Cli
