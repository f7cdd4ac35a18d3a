// AppController: what the compose box needs beyond sending one message:
// the server's text limit, drafts per chat, forgetting a failed message,
// a long text sent as a file, and a caption that follows a file.
#include "appcontroller.h"

#include "cache/localcache.h"
#include "cache/persistentoutbox.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "util/filenames.h"
#include "util/picturecompress.h"
#include "util/textsplit.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QMimeDatabase>
#include <QSaveFile>

namespace Palomar::Desktop {

namespace {
// "-20261206-021500": names made here tell when.
QString stamp()
{
    return QDateTime::currentDateTime().toString(QStringLiteral("-yyyyMMdd-HHmmss"));
}
} // namespace

int AppController::maxTextBytes() const
{
    const qint64 announced = m_session->limits().maxText;
    return int(announced > 0 ? announced : Protocol::Limits().maxText);
}

QString AppController::draft(const QString &peer) const
{
    return m_cache && !peer.isEmpty() ? m_cache->draft(peer) : QString();
}

void AppController::setDraft(const QString &peer, const QString &text)
{
    if (!m_cache || peer.isEmpty())
        return;
    const QString before = m_cache->draft(peer);
    const QString after = text.trimmed().isEmpty() ? QString() : text;
    if (before == after)
        return;
    m_cache->setDraft(peer, after);
    updateSummary(peer);
}

void AppController::deleteUnsentMessage(const QString &clientId)
{
    if (!m_cache || clientId.isEmpty())
        return;
    if (const auto removed = m_cache->removeUnsent(clientId)) {
        m_outbox->remove(clientId);
        m_captions.remove(removed->localId);
        m_messages->remove(removed->localId);
        updateSummary(removed->peer);
    }
}

QString AppController::outgoingDirectory() const
{
    if (!m_cache)
        return QString();
    const QFileInfo cacheFile(m_cache->path());
    return cacheFile.absolutePath() + u'/' + cacheFile.completeBaseName() +
           QStringLiteral("-outgoing");
}

QString AppController::newOutgoingPath(const QString &name) const
{
    const QString directory = outgoingDirectory();
    if (directory.isEmpty() || !QDir().mkpath(directory))
        return QString();
    return FileNames::uniquePath(directory, name);
}

void AppController::sendTextAsFile(const QString &text)
{
    if (text.trimmed().isEmpty())
        return;
    QSaveFile file(newOutgoingPath(tr("message") + stamp() + QStringLiteral(".txt")));
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        emit fileNotice(tr("Could not write the text to a file: %1").arg(file.errorString()));
        return;
    }
    sendFiles({file.fileName()});
}

QString AppController::savePastedImage(const QImage &image)
{
    if (image.isNull())
        return QString();
    QSaveFile file(newOutgoingPath(tr("picture") + stamp() + QStringLiteral(".png")));
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        emit fileNotice(tr("Could not keep the pasted picture: %1").arg(file.errorString()));
        return QString();
    }
    return file.fileName();
}

void AppController::sendFilesWithCaption(const QStringList &paths, const QString &caption,
                                         bool compressPictures)
{
    const QString peer = currentChat();
    if (!m_cache || peer.isEmpty())
        return;
    QStringList sources;
    const QMimeDatabase mimes;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        const bool picture =
            info.isFile() && FileNames::isDecodableImage(mimes.mimeTypeForFile(info).name(), path);
        if (!compressPictures || !picture) {
            sources.append(path);
            continue;
        }
        const QString target = newOutgoingPath(info.completeBaseName() + QStringLiteral(".jpg"));
        // A picture that cannot be re-encoded goes as it is.
        sources.append(!target.isEmpty() && PictureCompress::compressFile(path, target) ? target
                                                                                        : path);
    }
    const int before = m_messages->rowCount();
    sendFiles(sources);
    if (caption.trimmed().isEmpty())
        return;
    // The caption waits for the first file that went (in the order sent).
    for (int row = before; row < m_messages->rowCount(); ++row) {
        const CachedMessage message = m_messages->messageAt(row);
        if (message.isFile() && message.status == DeliveryStatus::Pending) {
            m_captions.insert(message.localId, caption);
            return;
        }
    }
    // No file could go (fileNotice() said why): the caption is not lost.
    for (const QString &part : TextSplit::split(caption, maxTextBytes()))
        sendTextTo(peer, part);
}

void AppController::sendCaptionAfter(qint64 localId)
{
    const QString caption = m_captions.take(localId);
    if (caption.isEmpty() || !m_cache)
        return;
    const auto message = m_cache->messageByLocalId(localId);
    if (!message)
        return;
    for (const QString &part : TextSplit::split(caption, maxTextBytes()))
        sendTextTo(message->peer, part);
}

QString AppController::failureText(const QString &error, const QString &message)
{
    if (error == QLatin1String("too_large"))
        return tr("Too long for one message: split it or send it as a file");
    if (error == QLatin1String("not_friends"))
        return tr("Not sent: you are not friends with this person any more");
    if (error == QLatin1String("no_such_user"))
        return tr("Not sent: this account does not exist any more");
    if (error == QLatin1String("no_such_group") || error == QLatin1String("not_member"))
        return tr("Not sent: you are not a member of this group");
    return tr("Not sent: the server refused it (%1)").arg(message.isEmpty() ? error : message);
}

} // namespace Palomar::Desktop
