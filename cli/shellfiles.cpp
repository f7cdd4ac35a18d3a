// The interactive shell's file commands: /file, /gfile, /get, /cancel.
#include "shell.h"

#include "filelookup.h"
#include "terminal.h"

#include "client/clientsession.h"
#include "client/filetransfer.h"

#include <QFileInfo>

namespace Palomar::Cli {

using Client::FileInfo;
using Client::FileTransfer;

bool Shell::runFileCommand(const QString &command, const QString &argument, const QString &rest)
{
    if (command == QLatin1String("/file")) {
        if (argument.isEmpty() || rest.isEmpty()) {
            print(QStringLiteral("/file needs a user name and a path."));
            return true;
        }
        const QString to = argument;
        if (const QString problem = fileToSendProblem(rest); !problem.isEmpty()) {
            printError(QStringLiteral("read_failed"), problem);
            return true;
        }
        followTransfer(m_session->sendFile(to, rest), to);
    } else if (command == QLatin1String("/gfile")) {
        if (argument.isEmpty() || rest.isEmpty()) {
            print(QStringLiteral("/gfile needs a group and a path."));
            return true;
        }
        const QString path = rest;
        if (const QString problem = fileToSendProblem(path); !problem.isEmpty()) {
            printError(QStringLiteral("read_failed"), problem);
            return true;
        }
        withGroup(argument, [this, path](const Client::GroupInfo &group) {
            followTransfer(m_session->sendFileToGroup(group.group, path),
                           m_output.groupLabel(group.group));
        });
    } else if (command == QLatin1String("/get")) {
        bool ok = false;
        const qint64 fileId = argument.toLongLong(&ok);
        if (!ok || fileId <= 0) {
            print(QStringLiteral("/get needs a file id: the number in [file #ID ...]."));
            return true;
        }
        const QString requested = rest;
        const auto download = [this, requested](const FileInfo &file) {
            QString problem;
            const QString path = FileLookup::targetPath(requested, file, &problem);
            if (path.isEmpty())
                printError(QStringLiteral("file_exists"), problem);
            else
                followTransfer(m_session->downloadFile(file, path), QString());
        };
        const auto known = m_knownFiles.constFind(fileId);
        if (known != m_knownFiles.cend()) {
            download(*known);
            return true;
        }
        FileLookup::find(m_session, fileId, this,
                         [this, download](const FileLookup::Result &found) {
                             if (found.ok)
                                 download(found.file);
                             else
                                 printError(found.error, found.message);
                         });
    } else if (command == QLatin1String("/cancel")) {
        int cancelled = 0;
        for (const QPointer<FileTransfer> &transfer : std::as_const(m_transfers)) {
            if (transfer && transfer->isActive()) {
                transfer->cancel();
                ++cancelled;
            }
        }
        print(cancelled ? QStringLiteral("* cancelled %1 transfer(s)").arg(cancelled)
                        : QStringLiteral("No transfer under way."));
    } else {
        return false;
    }
    return true;
}

void Shell::rememberFile(const Client::Message &message)
{
    const FileInfo file = FileInfo::fromJson(message.file);
    if (file.isValid())
        m_knownFiles.insert(file.fileId, file);
}

void Shell::followTransfer(FileTransfer *transfer, const QString &peer)
{
    m_transfers.removeIf([](const QPointer<FileTransfer> &t) { return !t || !t->isActive(); });
    m_transfers.append(transfer);
    const bool upload = transfer->direction() == FileTransfer::Direction::Upload;
    const QString name =
        upload ? QFileInfo(transfer->localPath()).fileName() : transfer->file().name;
    // A line a quarter of the way, not a redrawn one: the prompt owns that.
    auto quarter = std::make_shared<int>(0);
    connect(transfer, &FileTransfer::progress, this,
            [this, name, quarter](qint64 done, qint64 total) {
                const int now = total > 0 ? int(done * 4 / total) : 4;
                if (now <= *quarter || now >= 4)
                    return;
                *quarter = now;
                print(QStringLiteral("* %1: %2% (%3 of %4)")
                          .arg(name)
                          .arg(now * 25)
                          .arg(Output::size(done), Output::size(total)));
            });
    connect(transfer, &FileTransfer::finished, this, [this, transfer, upload, peer] {
        const FileInfo file = transfer->file();
        if (upload)
            print(QStringLiteral("* sent %1 (%2) to %3 as file #%4")
                      .arg(file.name, Output::size(file.size), peer)
                      .arg(file.fileId));
        else
            print(QStringLiteral("* saved %1 (%2) to %3")
                      .arg(file.name, Output::size(file.size), transfer->localPath()));
        transfer->deleteLater();
    });
    connect(transfer, &FileTransfer::failed, this,
            [this, transfer, name](const QString &code, const QString &message) {
                printError(code, QStringLiteral("%1: %2").arg(name, message));
                transfer->deleteLater();
            });
    connect(transfer, &FileTransfer::stateChanged, this,
            [this, transfer, name](FileTransfer::State state) {
                if (state == FileTransfer::State::Cancelled) {
                    print(QStringLiteral("* %1: cancelled").arg(name));
                    transfer->deleteLater();
                }
            });
    if (transfer->state() != FileTransfer::State::Failed)
        print(upload ? QStringLiteral("* sending %1 to %2\u2026").arg(name, peer)
                     : QStringLiteral("* getting %1 (%2)\u2026")
                           .arg(name, Output::size(transfer->bytesTotal())));
}

} // namespace Palomar::Cli
