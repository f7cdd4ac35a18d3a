// The file half of AppController: attachments going out as file messages,
// downloads on a click (or by themselves for small pictures), and the state
// of every transfer mirrored into the message model for the bubbles.
#include "appcontroller.h"
#include "appsettings.h"

#include "cache/localcache.h"
#include "cache/privatefiles.h"
#include "models/messagemodel.h"
#include "util/filenames.h"

#include "client/filetransfer.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>

namespace Palomar::Desktop {

using Client::FileTransfer;

namespace {

Client::FileInfo fileInfoOf(const CachedMessage &message)
{
    Client::FileInfo info;
    info.fileId = message.file.fileId;
    info.name = message.file.name;
    info.size = message.file.size;
    info.sha256 = message.file.sha256;
    info.mime = message.file.mime;
    return info;
}

bool isConnectionError(const QString &code)
{
    return code.startsWith(QLatin1String("connection")) ||
           code == Client::LocalError::NotConnected || code == Client::LocalError::Timeout;
}

// What went wrong, in words for the bubble.
QString transferErrorText(const QString &code, const QString &message)
{
    if (code == Client::FileError::TooLarge)
        return AppController::tr("Too large for this server");
    if (code == Client::FileError::ChecksumMismatch || code == Client::FileError::BadData)
        return AppController::tr("The file arrived damaged");
    if (code == QLatin1String("no_such_file"))
        return AppController::tr("No longer on the server");
    if (code == Client::FileError::ReadFailed)
        return AppController::tr("Cannot read the file");
    if (code == Client::FileError::WriteFailed)
        return AppController::tr("Cannot save the file");
    if (code == QLatin1String("forbidden") || code.startsWith(QLatin1String("not_")))
        return AppController::tr("Not allowed");
    if (isConnectionError(code))
        return AppController::tr("Connection lost");
    return message.isEmpty() ? code : message;
}

} // namespace

QString AppController::downloadDirectory() const
{
    if (!m_downloadDirectory.isEmpty())
        return m_downloadDirectory;
    return AppSettings::downloadFolder();
}

QString AppController::mediaDirectory() const
{
    return PrivateFiles::mediaDirectory(m_cache->path());
}

bool AppController::openUrl(const QUrl &url)
{
    return m_urlOpener ? m_urlOpener(url) : QDesktopServices::openUrl(url);
}

// --- sending -------------------------------------------------------------------

std::optional<QString> AppController::refusalFor(const QString &path) const
{
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (info.isDir())
        return tr("“%1” is a folder: only files can be sent.").arg(name);
    if (!info.isFile() || !info.isReadable())
        return tr("“%1” cannot be read.").arg(name.isEmpty() ? path : name);
    const qint64 maximum = m_session->limits().maxFile;
    if (maximum > 0 && info.size() > maximum)
        return tr("“%1” is %2: this server takes files up to %3.")
            .arg(name, FileNames::humanSize(info.size()), FileNames::humanSize(maximum));
    return std::nullopt;
}

void AppController::sendFiles(const QStringList &paths)
{
    const QString peer = currentChat();
    if (!m_cache || peer.isEmpty())
        return;
    const qint64 group = groupIdOfChat(peer);
    if (group && !isGroupMember(group))
        return;
    const QMimeDatabase mimes;
    for (const QString &path : paths) {
        if (const auto refusal = refusalFor(path)) {
            emit fileNotice(*refusal);
            continue;
        }
        const QFileInfo info(path);
        CachedFile file;
        file.name = info.fileName();
        file.size = info.size();
        file.mime = mimes.mimeTypeForFile(info).name();
        file.localPath = info.absoluteFilePath();
        const CachedMessage message = m_cache->addPendingFile(
            Client::generateClientId(), peer, file, QDateTime::currentMSecsSinceEpoch());
        if (!message.isValid())
            continue;
        showMessage(message);
        startUpload(message);
    }
}

void AppController::startUpload(const CachedMessage &message)
{
    const qint64 group = message.group();
    FileTransfer *transfer =
        group ? m_session->sendFileToGroup(group, message.file.localPath, message.file.mime)
              : m_session->sendFile(message.peer, message.file.localPath, message.file.mime);
    track(message, transfer, false);
}

// --- fetching and opening ------------------------------------------------------------

void AppController::openFile(qint64 localId)
{
    if (!m_cache)
        return;
    auto message = m_cache->messageByLocalId(localId);
    if (!message || !message->isFile())
        return;
    if (const auto active = m_transfers.find(localId); active != m_transfers.end()) {
        active->openWhenDone = true;
        return;
    }
    const QString path = message->file.localPath;
    if (!path.isEmpty() && QFileInfo(path).isFile()) {
        openLocalFile(*message);
        return;
    }
    if (!path.isEmpty()) {
        // Moved or deleted since: forget it, fetch it again.
        message = m_cache->setFilePath(localId, QString());
        showMessage(*message);
    }
    if (message->file.fileId <= 0) {
        emit fileNotice(tr("“%1” is no longer on this computer.").arg(message->file.name));
        return;
    }
    const QString directory = downloadDirectory();
    QDir().mkpath(directory);
    const auto taken = [this](const QString &candidate) {
        if (QFile::exists(candidate) || QFile::exists(candidate + QStringLiteral(".part")))
            return true;
        for (const ActiveTransfer &active : std::as_const(m_transfers)) {
            if (active.transfer && active.transfer->localPath() == candidate)
                return true;
        }
        return false;
    };
    startDownload(*message,
                  FileNames::uniquePath(directory, FileNames::safeName(message->file.name), taken),
                  true);
}

void AppController::openLocalFile(const CachedMessage &message)
{
    if (FileNames::isDecodableImage(message.file.mime, message.file.name)) {
        emit pictureOpenRequested(message.localId);
        return;
    }
    if (!openUrl(QUrl::fromLocalFile(message.file.localPath)))
        emit fileNotice(tr("No application could open “%1”.").arg(message.file.name));
}

void AppController::startDownload(const CachedMessage &message, const QString &target,
                                  bool openWhenDone)
{
    // The transfer writes into target.part and renames it: made here, it is
    // private from its first byte (and what an older version left is tightened).
    PrivateFiles::makeFile(target + QStringLiteral(".part"));
    track(message, m_session->downloadFile(fileInfoOf(message), target), openWhenDone);
}

void AppController::saveFileAs(qint64 localId, const QString &path)
{
    if (!m_cache || path.isEmpty() || m_transfers.contains(localId))
        return;
    const auto message = m_cache->messageByLocalId(localId);
    if (!message || !message->isFile())
        return;
    const QString source = message->file.localPath;
    if (!source.isEmpty() && QFileInfo(source).isFile()) {
        if (QFileInfo(source).absoluteFilePath() == QFileInfo(path).absoluteFilePath())
            return;
        QFile::remove(path);
        if (!QFile::copy(source, path))
            emit fileNotice(tr("Could not save “%1”.").arg(QFileInfo(path).fileName()));
        return;
    }
    if (message->file.fileId > 0)
        startDownload(*message, path, false);
}

void AppController::showFileInFolder(qint64 localId)
{
    if (!m_cache)
        return;
    const auto message = m_cache->messageByLocalId(localId);
    if (message && QFileInfo(message->file.localPath).isFile())
        openUrl(QUrl::fromLocalFile(QFileInfo(message->file.localPath).absolutePath()));
}

void AppController::maybeAutoDownload(const CachedMessage &message)
{
    if (message.outgoing || !message.isFile() || message.file.fileId <= 0 ||
        message.file.size > m_autoDownloadLimit || !message.file.localPath.isEmpty() ||
        m_transfers.contains(message.localId) || m_autoFetched.contains(message.localId) ||
        !m_session->isLoggedIn() ||
        !FileNames::isDecodableImage(message.file.mime, message.file.name))
        return;
    m_autoFetched.insert(message.localId);
    const QString directory = mediaDirectory();
    PrivateFiles::makeDirectory(directory);
    // The id keeps two pictures of one name apart; the name keeps it readable.
    const QString name =
        FileNames::safeName(QString::number(message.file.fileId) + u'-' + message.file.name);
    startDownload(message, QDir(directory).filePath(name), false);
}

// --- transfers -----------------------------------------------------------------------

void AppController::cancelTransfer(qint64 localId)
{
    if (const auto active = m_transfers.value(localId); active.transfer)
        active.transfer->cancel();
}

void AppController::retryFile(qint64 localId)
{
    if (!m_cache || m_transfers.contains(localId))
        return;
    const auto message = m_cache->messageByLocalId(localId);
    if (!message || !message->isFile())
        return;
    if (!message->outgoing || message->msgId > 0) {
        m_messages->clearTransfer(localId);
        openFile(localId);
        return;
    }
    if (const auto refusal = refusalFor(message->file.localPath)) {
        emit fileNotice(*refusal);
        return;
    }
    const auto pending = m_cache->setStatusByClientId(message->clientId, DeliveryStatus::Pending);
    if (!pending)
        return;
    m_messages->clearTransfer(localId);
    showMessage(*pending);
    startUpload(*pending);
}

void AppController::track(const CachedMessage &message, FileTransfer *transfer, bool openWhenDone)
{
    const qint64 localId = message.localId;
    m_transfers.insert(localId, {transfer, message.clientId, openWhenDone, false});
    connect(transfer, &FileTransfer::progress, this, [this, localId] { showTransfer(localId); });
    connect(
        transfer, &FileTransfer::stateChanged, this, [this, localId](FileTransfer::State state) {
            if (state == FileTransfer::State::Cancelled)
                onTransferCancelled(localId);
            else if (state == FileTransfer::State::Running || state == FileTransfer::State::Waiting)
                showTransfer(localId);
        });
    connect(transfer, &FileTransfer::finished, this,
            [this, localId] { onTransferFinished(localId); });
    connect(transfer, &FileTransfer::failed, this,
            [this, localId](const QString &code, const QString &text) {
                onTransferFailed(localId, code, text);
            });
    showTransfer(localId);
}

void AppController::showTransfer(qint64 localId)
{
    const auto active = m_transfers.find(localId);
    if (active == m_transfers.end() || !active->transfer || !m_cache)
        return;
    FileTransfer *transfer = active->transfer;
    if (!transfer->isActive())
        return;
    TransferProgress progress;
    progress.state = transfer->state() == FileTransfer::State::Waiting
                         ? TransferProgress::State::Waiting
                         : TransferProgress::State::Running;
    progress.upload = transfer->direction() == FileTransfer::Direction::Upload;
    progress.done = transfer->bytesDone();
    progress.total = transfer->bytesTotal();
    // The echo of my upload finds its row by the file id: store it early.
    if (progress.upload && !active->fileIdStored && transfer->file().fileId > 0) {
        active->fileIdStored = true;
        m_cache->setFileId(localId, transfer->file().fileId, transfer->file().sha256);
    }
    m_messages->setTransfer(localId, progress);
}

void AppController::onTransferFinished(qint64 localId)
{
    const ActiveTransfer active = m_transfers.value(localId);
    forgetTransfer(localId);
    if (!m_cache || !active.transfer)
        return;
    FileTransfer *transfer = active.transfer;
    m_messages->clearTransfer(localId);
    if (transfer->direction() == FileTransfer::Direction::Upload) {
        m_cache->setFileId(localId, transfer->file().fileId, transfer->file().sha256);
        const qint64 msgId = transfer->messageId();
        // The echo came first and was stored as a message of its own: keep that one.
        if (const auto echo = m_cache->messageByMsgId(msgId); echo && echo->localId != localId) {
            const auto mine = m_cache->messageByLocalId(localId);
            m_cache->removeMessage(localId);
            m_messages->remove(localId);
            if (const auto kept =
                    mine ? m_cache->setFilePath(echo->localId, mine->file.localPath) : echo)
                showMessage(*kept);
            return;
        }
        onMessageSent(active.clientId, msgId,
                      transfer->timestamp() > 0 ? transfer->timestamp()
                                                : QDateTime::currentMSecsSinceEpoch());
        return;
    }
    const auto stored = m_cache->setFilePath(localId, transfer->localPath());
    if (stored)
        showMessage(*stored);
    if (active.openWhenDone && stored)
        openLocalFile(*stored);
}

void AppController::onTransferFailed(qint64 localId, const QString &code, const QString &message)
{
    const ActiveTransfer active = m_transfers.value(localId);
    forgetTransfer(localId);
    if (!m_cache || !active.transfer)
        return;
    TransferProgress progress;
    progress.state = TransferProgress::State::Failed;
    progress.upload = active.transfer->direction() == FileTransfer::Direction::Upload;
    progress.done = active.transfer->bytesDone();
    progress.total = active.transfer->bytesTotal();
    progress.error = transferErrorText(code, message);
    m_messages->setTransfer(localId, progress);
    if (progress.upload) {
        if (const auto failed =
                m_cache->setStatusByClientId(active.clientId, DeliveryStatus::Failed))
            showMessage(*failed);
    }
}

void AppController::onTransferCancelled(qint64 localId)
{
    const ActiveTransfer active = m_transfers.value(localId);
    forgetTransfer(localId);
    if (!m_cache || !active.transfer)
        return;
    m_messages->clearTransfer(localId);
    if (active.transfer->direction() == FileTransfer::Direction::Upload) {
        // Never sent: as if it had not been attached.
        const auto message = m_cache->messageByLocalId(localId);
        m_cache->removeMessage(localId);
        m_messages->remove(localId);
        if (message)
            updateSummary(message->peer);
    }
}

void AppController::forgetTransfer(qint64 localId)
{
    const ActiveTransfer active = m_transfers.take(localId);
    if (active.transfer) {
        active.transfer->disconnect(this);
        active.transfer->deleteLater();
    }
}

void AppController::cancelAllTransfers()
{
    const QList<qint64> rows = m_transfers.keys();
    for (const qint64 localId : rows) {
        const ActiveTransfer active = m_transfers.take(localId);
        if (active.transfer) {
            active.transfer->disconnect(this);
            active.transfer->cancel();
            active.transfer->deleteLater();
        }
        m_messages->clearTransfer(localId);
    }
    m_autoFetched.clear();
}

} // namespace Palomar::Desktop
