// The one-shot file commands: send-file (to a user or --group) and get.
#include "oneshot.h"

#include "filelookup.h"
#include "progress.h"

#include "client/clientsession.h"
#include "client/filetransfer.h"

#include <QFileInfo>
#include <QTimer>

#include <memory>
#include <unistd.h>

namespace Palomar::Cli {

using Client::ClientSession;
using Client::FileInfo;
using Client::FileTransfer;

void OneShotRunner::followTransfer(FileTransfer *transfer, const QString &label,
                                   std::function<void()> onFinished)
{
    auto meter = std::make_shared<ProgressMeter>(stderr, isatty(STDERR_FILENO), label);
    // How long the transfer may wait for the server to come back.
    auto *giveUp = new QTimer(transfer);
    giveUp->setSingleShot(true);
    giveUp->setInterval(m_options.retryForSeconds * 1000);
    connect(giveUp, &QTimer::timeout, this, [this, transfer, meter] {
        meter->finish();
        if (m_session->state() == ClientSession::State::Unavailable) {
            giveUpOnUnavailable(); // connected all along: the .part stays as it is
            return;
        }
        const QString again = transfer->direction() == FileTransfer::Direction::Download
                                  ? QStringLiteral("the same get continues from the .part file")
                                  : QStringLiteral("the same send-file continues the upload");
        transfer->cancel();
        fail(Client::LocalError::ConnectionLost,
             QStringLiteral("the server stayed out of reach for %1 s; %2")
                 .arg(m_options.retryForSeconds)
                 .arg(again));
    });
    connect(transfer, &FileTransfer::progress, this, [this, meter](qint64 done, qint64 total) {
        meter->update(done, total);
        m_unavailableGiveUp.stop(); // it moves on: any later wait counts afresh
    });
    connect(transfer, &FileTransfer::stateChanged, this, [giveUp](FileTransfer::State state) {
        if (state == FileTransfer::State::Waiting)
            giveUp->start();
        else
            giveUp->stop();
    });
    connect(transfer, &FileTransfer::failed, this,
            [this, meter](const QString &code, const QString &message) {
                meter->finish();
                fail(code, message);
            });
    connect(transfer, &FileTransfer::finished, this, [meter, onFinished] {
        meter->finish();
        onFinished();
    });
    // Transfers resume by themselves after a dropped connection.
    m_session->setAutoReconnect(true);
}

void OneShotRunner::runSendFile(const QString &to, qint64 group)
{
    const QString path = m_options.targets.value(m_options.targets.size() - 1);
    if (const QString problem = fileToSendProblem(path); !problem.isEmpty()) {
        fail(QStringLiteral("read_failed"), problem);
        return;
    }
    FileTransfer *transfer =
        group ? m_session->sendFileToGroup(group, path) : m_session->sendFile(to, path);
    const QString name = QFileInfo(path).fileName();
    followTransfer(transfer, QStringLiteral("sending %1").arg(name), [this, transfer, to, group] {
        const FileInfo file = transfer->file();
        const QString where = group ? m_output.groupLabel(group) : to;
        QJsonObject fields{{QStringLiteral("msg_id"), transfer->messageId()},
                           {QStringLiteral("ts"), transfer->timestamp()},
                           {QStringLiteral("file"), file.toJson()}};
        if (group)
            fields.insert(QStringLiteral("group"), group);
        else
            fields.insert(QStringLiteral("to"), to);
        printLine(stdout, m_output.done(QStringLiteral("Sent %1 (%2) to %3 as file #%4.")
                                            .arg(file.name, Output::size(file.size), where)
                                            .arg(file.fileId),
                                        fields));
        succeed();
    });
}

void OneShotRunner::runGet()
{
    bool ok = false;
    const qint64 fileId = m_options.targets.value(0).toLongLong(&ok);
    if (!ok || fileId <= 0) {
        fail(QStringLiteral("usage"),
             QStringLiteral("get takes a file id (a positive number), not %1")
                 .arg(m_options.targets.value(0)));
        return;
    }
    FileLookup::find(m_session, fileId, this, [this](const FileLookup::Result &found) {
        if (!found.ok) {
            fail(found.error, found.message);
            return;
        }
        QString problem;
        const QString path =
            FileLookup::targetPath(m_options.targets.value(1), found.file, &problem);
        if (path.isEmpty()) {
            fail(QStringLiteral("file_exists"), problem);
            return;
        }
        FileTransfer *transfer = m_session->downloadFile(found.file, path);
        followTransfer(
            transfer, QStringLiteral("getting %1").arg(found.file.name), [this, transfer] {
                const FileInfo file = transfer->file();
                printLine(stdout, m_output.done(QStringLiteral("Saved %1 (%2) to %3.")
                                                    .arg(file.name, Output::size(file.size),
                                                         transfer->localPath()),
                                                {{QStringLiteral("command"), m_options.command},
                                                 {QStringLiteral("file"), file.toJson()},
                                                 {QStringLiteral("path"), transfer->localPath()}}));
                succeed();
            });
    });
}

} // namespace Palomar::Cli
