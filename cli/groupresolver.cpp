#include "groupresolver.h"

#include "client/clientsession.h"

namespace Palomar::Cli {

using Client::GroupInfo;
using Client::Reply;

GroupResolver::Result GroupResolver::pick(const QList<GroupInfo> &groups, const QString &spec)
{
    Result result;
    result.groups = groups;
    bool numeric = false;
    const qint64 id = spec.toLongLong(&numeric);
    if (numeric) {
        if (id <= 0) {
            result.error = QStringLiteral("no_such_group");
            result.message = QStringLiteral("%1 is not a group id").arg(spec);
            return result;
        }
        result.ok = true;
        result.group.group = id;
        for (const GroupInfo &group : groups) {
            if (group.group == id)
                result.group = group;
        }
        return result;
    }
    QList<GroupInfo> matches;
    for (const GroupInfo &group : groups) {
        if (group.name.compare(spec, Qt::CaseInsensitive) == 0)
            matches.append(group);
    }
    if (matches.size() == 1) {
        result.ok = true;
        result.group = matches.first();
    } else if (matches.isEmpty()) {
        result.error = QStringLiteral("no_such_group");
        result.message = QStringLiteral("you are in no group named %1").arg(spec);
    } else {
        QStringList ids;
        for (const GroupInfo &group : std::as_const(matches))
            ids.append(QString::number(group.group));
        result.error = QStringLiteral("ambiguous_group");
        result.message = QStringLiteral("%1 groups are named %2; use the id (%3)")
                             .arg(matches.size())
                             .arg(spec, ids.join(QStringLiteral(", ")));
    }
    return result;
}

void GroupResolver::resolve(Client::ClientSession *session, const QString &spec, QObject *context,
                            Callback done)
{
    Reply *reply = session->groups();
    QObject::connect(reply, &Reply::finished, context, [reply, spec, done] {
        if (!reply->isOk()) {
            Result result;
            result.error = reply->error();
            result.message = reply->errorMessage();
            done(result);
            return;
        }
        done(pick(Client::groupsFromReply(reply->result()), spec));
    });
}

} // namespace Palomar::Cli
