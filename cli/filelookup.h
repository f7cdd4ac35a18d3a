#pragma once

#include "client/filetransfer.h"

#include <QObject>

#include <functional>

namespace Palomar::Client {
class ClientSession;
} // namespace Palomar::Client

namespace Palomar::Cli {

// Finds what a download needs besides the id (size, sha256, name): file_get
// tells neither, so it looks for the message that carries the file in the
// history of each of my chats (friends and groups), newest first, at most
// kMaxPages pages of 200 messages per chat.
class FileLookup : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxPages = 10;

    struct Result
    {
        bool ok = false;
        Client::FileInfo file;
        QString error; // ok == false: a protocol or CLI error code
        QString message;
    };
    using Callback = std::function<void(const Result &)>;

    // Where `get FILE_ID [PATH]` saves `file`: PATH, a directory's entry of
    // the file's name, or (no PATH) the name in the current directory, which
    // must not exist yet; empty with `error` (file_exists) otherwise.
    static QString targetPath(const QString &requested, const Client::FileInfo &file,
                              QString *error);

    // Calls `done` once, from the event loop; `context` guards the callback.
    static void find(Client::ClientSession *session, qint64 fileId, QObject *context,
                     Callback done);

private:
    FileLookup(Client::ClientSession *session, qint64 fileId, QObject *context, Callback done);
    void start();
    // Looks at one page of a chat's history: a peer, or a group when `peer` is empty.
    void searchChat(const QString &peer, qint64 group, qint64 before, int page);
    void finish(const Result &result);

    Client::ClientSession *m_session;
    qint64 m_fileId;
    Callback m_done;
    int m_listsPending = 0; // friends and groups not answered yet
    int m_searching = 0;    // chats still being looked through
    bool m_finished = false;
};

// Why `path` cannot be sent as a file (a folder, missing, unreadable), or an
// empty string when it can.
QString fileToSendProblem(const QString &path);

} // namespace Palomar::Cli
