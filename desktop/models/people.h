#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QString>

namespace Palomar::Desktop {

// What the desktop knows of other people's profiles (docs/protocol.md
// §3.35): display names and avatar pictures by username, filled by the
// controller from `friends`, `group_info` and `profile` events. Views ask it
// how to name and draw someone; changed() tells them to repaint. Holds data
// only: fetching and caching the pictures is the controller's.
class People : public QObject
{
    Q_OBJECT
public:
    explicit People(QObject *parent = nullptr) : QObject(parent) {}

    // The display name when set, otherwise the username itself.
    QString displayName(const QString &user) const;
    bool hasDisplayName(const QString &user) const;
    // The avatar picture, null when none (or not fetched yet).
    QImage picture(const QString &user) const;
    QString avatarHash(const QString &user) const;

    // Sets what the server says of `user`; true when the avatar's hash is
    // new here (the picture is then dropped until setPicture()).
    bool setProfile(const QString &user, const QString &displayName, const QString &avatarHash);
    // The picture of `user` whose avatar has `hash` (ignored when the hash
    // changed meanwhile).
    void setPicture(const QString &user, const QString &hash, const QImage &picture);
    void clear();

signals:
    void changed(const QString &user);

private:
    struct Person
    {
        QString displayName;
        QString avatarHash;
        QImage picture;
    };
    QHash<QString, Person> m_people; // by lower-case username
};

} // namespace Palomar::Desktop
