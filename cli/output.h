#pragma once

#include "client/types.h"

#include <QHash>
#include <QJsonObject>
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

    Output(bool json, bool colour) : m_json(json), m_colour(colour) {}
    bool isJson() const { return m_json; }

    // Names for group messages; a group without one shows as "#ID".
    void setGroupName(qint64 group, const QString &name) { m_groupNames.insert(group, name); }
    void setGroupNames(const QList<Client::GroupInfo> &groups);
    QString groupLabel(qint64 group) const;

    // "[2026-11-28 21:50] Homer: hi  ✓✓"; ticks only on my own messages.
    // A group message: "[2026-11-28 21:50] [Simpsons] Marge: Dinner!".
    QString message(const Client::Message &message, const QString &me,
                    TimeStyle style = TimeStyle::Full) const;
    // `sentText` is the text of that message when known, for the reader's sake.
    QString receipt(const Client::Receipt &receipt, const QString &sentText) const;
    // friend_request / friend_added / friend_declined / friend_removed
    QString friendEvent(const QString &kind, const QString &user, bool interactive) const;
    QString unknownEvent(const QJsonObject &event) const;
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
    // A plain confirmation: `human` for people, {"ok":true, ...fields} for scripts.
    QString done(const QString &human, const QJsonObject &fields) const;

    static QString time(qint64 ts, TimeStyle style);
    // "512 bytes", "4.2 KiB", "10.0 MiB".
    static QString size(qint64 bytes);
    QString ticks(Client::MessageStatus status) const;

private:
    static QString compact(const QJsonObject &object);

    bool m_json;
    bool m_colour;
    QHash<qint64, QString> m_groupNames;
};

// Writes `text` and a newline as UTF-8 and flushes.
void printLine(std::FILE *stream, const QString &text);
// "error: CODE: message" on stderr.
void printError(const QString &code, const QString &message);
// A failed reply's message for people: the server's words (the code when it
// gave none), with the seconds of its retry_after when it asked us to wait:
// "too many failed logins; try again in 12 s".
QString failureMessage(const QString &code, const QString &message, int retryAfterSeconds);

QJsonObject toJson(const Client::Message &message);
QJsonObject toJson(const Client::Receipt &receipt);

} // namespace Palomar::Cli
