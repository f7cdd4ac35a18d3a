#include "typingtracker.h"

namespace Palomar::Desktop {

TypingTracker::TypingTracker(QObject *parent) : QObject(parent)
{
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this, &TypingTracker::expire);
}

void TypingTracker::note(const QString &chat, const QString &user, int expiresIn)
{
    if (chat.isEmpty() || user.isEmpty())
        return;
    QList<Typist> &typists = m_chats[chat.toLower()];
    const QDeadlineTimer until(qint64(qMax(1, expiresIn)) * 1000);
    bool found = false;
    for (Typist &typist : typists) {
        if (typist.user.compare(user, Qt::CaseInsensitive) == 0) {
            typist.until = until;
            found = true;
        }
    }
    if (!found)
        typists.append({user, until});
    scheduleExpiry();
    if (!found)
        emit changed(chat);
}

void TypingTracker::clear(const QString &chat, const QString &user)
{
    const auto it = m_chats.find(chat.toLower());
    if (it == m_chats.end())
        return;
    const qsizetype removed = it->removeIf([&user](const Typist &typist) {
        return typist.user.compare(user, Qt::CaseInsensitive) == 0;
    });
    if (it->isEmpty())
        m_chats.erase(it);
    if (removed > 0)
        emit changed(chat);
}

void TypingTracker::clearAll()
{
    const QStringList chats = m_chats.keys();
    m_chats.clear();
    m_expiry.stop();
    for (const QString &chat : chats)
        emit changed(chat);
}

QStringList TypingTracker::typists(const QString &chat) const
{
    QStringList users;
    for (const Typist &typist : m_chats.value(chat.toLower())) {
        if (!typist.until.hasExpired())
            users.append(typist.user);
    }
    return users;
}

void TypingTracker::expire()
{
    QStringList changedChats;
    for (auto it = m_chats.begin(); it != m_chats.end();) {
        if (it->removeIf([](const Typist &typist) { return typist.until.hasExpired(); }) > 0)
            changedChats.append(it.key());
        it = it->isEmpty() ? m_chats.erase(it) : std::next(it);
    }
    scheduleExpiry();
    for (const QString &chat : std::as_const(changedChats))
        emit changed(chat);
}

void TypingTracker::scheduleExpiry()
{
    qint64 soonest = -1;
    for (const QList<Typist> &typists : std::as_const(m_chats)) {
        for (const Typist &typist : typists) {
            const qint64 left = typist.until.remainingTime();
            if (soonest < 0 || left < soonest)
                soonest = left;
        }
    }
    if (soonest < 0)
        m_expiry.stop();
    else
        m_expiry.start(int(soonest) + 1);
}

QString TypingTracker::text(const QStringList &users, bool group)
{
    if (users.isEmpty())
        return QString();
    if (!group)
        return tr("typing…");
    if (users.size() == 1)
        return tr("%1 is typing…").arg(users.first());
    if (users.size() == 2)
        return tr("%1 and %2 are typing…").arg(users.at(0), users.at(1));
    return tr("%n people are typing…", nullptr, int(users.size()));
}

} // namespace Palomar::Desktop
