#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace Palomar::Desktop {

// Who is typing in which chat, from the server's ephemeral `typing` notices
// (docs/protocol.md §3.32): each holds for the notice's expires_in unless
// repeated, and ends early when that person's message arrives. Nothing is
// stored. changed(chat) says when a chat's typists change, by expiry too.
class TypingTracker : public QObject
{
    Q_OBJECT
public:
    explicit TypingTracker(QObject *parent = nullptr);

    // `user` is typing in `chat` (a chat key) for the next `expiresIn` seconds.
    void note(const QString &chat, const QString &user, int expiresIn);
    // `user` stopped (their message arrived).
    void clear(const QString &chat, const QString &user);
    void clearAll();
    // Who types in `chat` now, in the order they started.
    QStringList typists(const QString &chat) const;
    // The line shown for `users` typing: "typing…" in a 1:1 chat; in a group
    // "bob is typing…", "bob and carol are typing…", "%n people are typing…".
    // Empty when nobody types.
    static QString text(const QStringList &users, bool group);

signals:
    void changed(const QString &chat);

private:
    struct Typist
    {
        QString user;
        QDeadlineTimer until;
    };
    void expire();
    void scheduleExpiry();

    QHash<QString, QList<Typist>> m_chats; // by lower-case chat key
    QTimer m_expiry;
};

} // namespace Palomar::Desktop
