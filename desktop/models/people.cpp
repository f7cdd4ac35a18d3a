#include "people.h"

namespace Palomar::Desktop {

QString People::displayName(const QString &user) const
{
    const QString name = m_people.value(user.toLower()).displayName;
    return name.isEmpty() ? user : name;
}

bool People::hasDisplayName(const QString &user) const
{
    return !m_people.value(user.toLower()).displayName.isEmpty();
}

QImage People::picture(const QString &user) const
{
    return m_people.value(user.toLower()).picture;
}

QString People::avatarHash(const QString &user) const
{
    return m_people.value(user.toLower()).avatarHash;
}

bool People::setProfile(const QString &user, const QString &displayName, const QString &avatarHash)
{
    Person &person = m_people[user.toLower()];
    const bool newHash = person.avatarHash != avatarHash;
    if (!newHash && person.displayName == displayName)
        return false;
    person.displayName = displayName;
    if (newHash) {
        person.avatarHash = avatarHash;
        person.picture = QImage();
    }
    emit changed(user);
    return newHash && !avatarHash.isEmpty();
}

void People::setPicture(const QString &user, const QString &hash, const QImage &picture)
{
    const auto it = m_people.find(user.toLower());
    if (it == m_people.end() || it->avatarHash != hash)
        return;
    it->picture = picture;
    emit changed(user);
}

void People::clear()
{
    m_people.clear();
}

} // namespace Palomar::Desktop
