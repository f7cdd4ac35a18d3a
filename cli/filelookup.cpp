#include "filelookup.h"

#include "client/clientsession.h"

#include <QDir>
#include <QFileInfo>

namespace Palomar::Cli {

using Client::ClientSession;
using Client::Reply;

QString FileLookup::targetPath(const QString &requested, const Client::FileInfo &file,
                               QString *error)
{
    if (!requested.isEmpty())
        return QFileInfo(requested).isDir() ? QDir(requested).filePath(file.name) : requested;
    // Like a browser: never over a file that is there already.
    if (QFileInfo::exists(file.name)) {
        *error = QStringLiteral("%1 exists; name another PATH").arg(file.name);
        return {};
    }
    return file.name;
}

void FileLookup::find(ClientSession *session, qint64 fileId, QObject *context, Callback done)
{
    auto *lookup = new FileLookup(session, fileId, context, std::move(done));
    lookup->start();
}

FileLookup::FileLookup(ClientSession *session, qint64 fileId, QObject *context, Callback done)
    : QObject(context), m_session(session), m_fileId(fileId), m_done(std::move(done))
{}

void FileLookup::start()
{
    // Both lists at once; the chats are searched side by side.
    Reply *friends = m_session->friends();
    Reply *groups = m_session->groups();
    m_listsPending = 2;
    const auto failIfBad = [this](Reply *reply) {
        if (reply->isOk())
            return false;
        finish({false, {}, reply->error(), reply->errorMessage()});
        return true;
    };
    connect(friends, &Reply::finished, this, [this, friends, failIfBad] {
        --m_listsPending;
        if (failIfBad(friends))
            return;
        for (const Client::Friend &entry :
             Client::FriendList::fromJson(friends->result()).friends) {
            ++m_searching;
            searchChat(entry.user, 0, 0, 1);
        }
        if (m_listsPending == 0 && m_searching == 0)
            searchChat({}, 0, 0, 0); // nothing to search: report at once
    });
    connect(groups, &Reply::finished, this, [this, groups, failIfBad] {
        --m_listsPending;
        if (failIfBad(groups))
            return;
        for (const Client::GroupInfo &group : Client::groupsFromReply(groups->result())) {
            ++m_searching;
            searchChat({}, group.group, 0, 1);
        }
        if (m_listsPending == 0 && m_searching == 0)
            searchChat({}, 0, 0, 0);
    });
}

void FileLookup::searchChat(const QString &peer, qint64 group, qint64 before, int page)
{
    if (m_finished)
        return;
    if (page == 0) {
        finish({false,
                {},
                QStringLiteral("no_such_file"),
                QStringLiteral("no message in my chats carries file #%1 (the latest %2 messages "
                               "of each chat were searched)")
                    .arg(m_fileId)
                    .arg(kMaxPages * Protocol::kMaxHistoryLimit)});
        return;
    }
    Reply *reply = group ? m_session->groupHistory(group, before, Protocol::kMaxHistoryLimit)
                         : m_session->history(peer, before, Protocol::kMaxHistoryLimit);
    connect(reply, &Reply::finished, this, [this, reply, peer, group, page] {
        if (m_finished)
            return;
        const QList<Client::Message> messages =
            reply->isOk() ? Client::messagesFromHistory(reply->result()) : QList<Client::Message>();
        for (const Client::Message &message : messages) {
            const Client::FileInfo file = Client::FileInfo::fromJson(message.file);
            if (file.fileId == m_fileId) {
                finish({true, file, {}, {}});
                return;
            }
        }
        // A chat that fails (a friend gone meanwhile) just has nothing to offer.
        if (messages.size() == Protocol::kMaxHistoryLimit && page < kMaxPages) {
            searchChat(peer, group, messages.last().msgId, page + 1);
            return;
        }
        if (--m_searching == 0 && m_listsPending == 0)
            searchChat({}, 0, 0, 0);
    });
}

void FileLookup::finish(const Result &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_done(result);
    deleteLater();
}

QString fileToSendProblem(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("%1 does not exist").arg(path);
    if (info.isDir())
        return QStringLiteral("%1 is a folder; only a file can be sent").arg(path);
    if (!info.isFile())
        return QStringLiteral("%1 is not a regular file").arg(path);
    if (!info.isReadable())
        return QStringLiteral("cannot read %1: permission denied").arg(path);
    return {};
}

} // namespace Palomar::Cli
