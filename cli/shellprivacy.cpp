// The interactive shell's privacy commands: /block, /unblock, /blocked,
// /profile, /name; and the `profile` events of friends and group members.
#include "shell.h"

#include "output.h"

#include "client/clientsession.h"
#include "client/privacy.h"
#include "client/reply.h"

#include <QJsonArray>

namespace Palomar::Cli {

using Client::Privacy;
using Client::Profile;
using Client::Reply;

void Shell::connectPrivacyEvents()
{
    m_privacy = new Privacy(m_session, this);
    connect(m_privacy, &Privacy::profileChanged, this, [this](const Profile &profile) {
        print(QStringLiteral("* profile of ") + profileSummary(profile));
    });
}

bool Shell::runPrivacyCommand(const QString &command, const QString &argument, const QString &rest)
{
    const bool needsUser =
        command == QLatin1String("/block") || command == QLatin1String("/unblock");
    if (needsUser && argument.isEmpty()) {
        print(QStringLiteral("%1 needs a user name; /help lists the commands.").arg(command));
        return true;
    }
    if (command == QLatin1String("/block")) {
        report(
            m_privacy->block(argument),
            QStringLiteral("* blocked %1: their messages and requests are refused").arg(argument));
    } else if (command == QLatin1String("/unblock")) {
        report(m_privacy->unblock(argument),
               QStringLiteral("* %1 is no longer blocked").arg(argument));
    } else if (command == QLatin1String("/blocked")) {
        Reply *reply = m_privacy->blocked();
        connect(reply, &Reply::finished, this, [this, reply] {
            if (!reply->isOk()) {
                printError(reply->error(), reply->errorMessage());
                return;
            }
            QStringList users;
            for (const QJsonValue &value : reply->value(QLatin1String("blocked")).toArray())
                users.append(value.toObject().value(QLatin1String("user")).toString());
            print(users.isEmpty()
                      ? QStringLiteral("* you block nobody")
                      : QStringLiteral("* blocked: ") + users.join(QLatin1String(", ")));
        });
    } else if (command == QLatin1String("/profile")) {
        Reply *reply = m_privacy->profile(argument);
        connect(reply, &Reply::finished, this, [this, reply] {
            if (reply->isOk())
                print(QStringLiteral("* ") + profileSummary(Profile::fromJson(reply->result())));
            else
                printError(reply->error(), reply->errorMessage());
        });
    } else if (command == QLatin1String("/name")) {
        const QString name = rest.isEmpty() ? argument : argument + QLatin1Char(' ') + rest;
        report(m_privacy->setDisplayName(name),
               name.isEmpty() ? QStringLiteral("* display name cleared")
                              : QStringLiteral("* display name set to %1").arg(name));
    } else {
        return false;
    }
    return true;
}

} // namespace Palomar::Cli
