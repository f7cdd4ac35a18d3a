#include "filetransfer.h"

#include "clientsession.h"
#include "reply.h"
#include "types.h"

#include "protocol/zlibstream.h"

#include <QFileInfo>
#include <QJsonValue>
#include <QMimeDatabase>
#include <QTimer>

#include <algorithm>

namespace Palomar::Client {

namespace {
// Chunks in flight at once: enough to keep the link busy while the server
// stores the previous one, few enough that a dropped connection wastes little.
constexpr int kWindow = 4;
// The most a hashing step reads before it lets the event loop run.
constexpr qint64 kHashStep = 1024 * 1024;
// Room for the JSON around a chunk's base64 in one frame.
constexpr qint64 kFrameOverhead = 1024;

// A chunk compressed when that makes it smaller. Media and archives, which
// do not compress, mostly show it in their first bytes: a quick probe of
// those spares a full deflate of every such chunk.
Protocol::MaybeCompressed pack(const QByteArray &bytes)
{
    constexpr qsizetype kProbe = 16 * 1024;
    if (bytes.size() >= 4 * kProbe &&
        Protocol::zlibCompress(bytes.first(kProbe), 1).size() >= kProbe * 31 / 32)
        return {bytes, false};
    return Protocol::compressIfSmaller(bytes);
}

qint64 integer(const Reply *reply, const char *key)
{
    return qint64(reply->value(QLatin1String(key)).toDouble());
}
} // namespace

// --- FileInfo ------------------------------------------------------------------

FileInfo FileInfo::fromJson(const QJsonObject &object)
{
    FileInfo info;
    info.fileId = qint64(object.value(QLatin1String("file_id")).toDouble());
    info.name = object.value(QLatin1String("name")).toString();
    info.size = qint64(object.value(QLatin1String("size")).toDouble());
    info.sha256 = object.value(QLatin1String("sha256")).toString();
    info.mime = object.value(QLatin1String("mime")).toString();
    return info;
}

QJsonObject FileInfo::toJson() const
{
    QJsonObject object{{QStringLiteral("file_id"), fileId},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("size"), size},
                       {QStringLiteral("sha256"), sha256}};
    if (!mime.isEmpty())
        object.insert(QStringLiteral("mime"), mime);
    return object;
}

// --- FileTransfer: common --------------------------------------------------------

FileTransfer::FileTransfer(ClientSession *session, Direction direction, const QString &path)
    : QObject(session), m_session(session), m_direction(direction), m_path(path)
{
    connect(session, &ClientSession::stateChanged, this, &FileTransfer::onSessionStateChanged);
    if (!session->isLoggedIn())
        m_state = State::Waiting;
}

FileTransfer::~FileTransfer()
{
    // An unfinished download keeps its .part: a later download of the same
    // file to the same place continues from it.
    m_local.close();
}

void FileTransfer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void FileTransfer::fail(const QString &code, const QString &message)
{
    if (!isActive())
        return;
    ++m_generation;
    m_errorCode = code;
    m_errorString = message;
    m_local.close();
    // A .part is kept for a later attempt only when it holds something usable.
    if (m_direction == Direction::Download &&
        (m_done == 0 || code == QLatin1String("no_such_file")))
        removePartFile();
    setState(State::Failed);
    emit failed(code, message);
}

void FileTransfer::failLater(const QString &code, const QString &message)
{
    ++m_generation;
    m_errorCode = code;
    m_errorString = message;
    m_local.close();
    m_state = State::Failed;
    QTimer::singleShot(0, this, [this, code, message] {
        emit stateChanged(State::Failed);
        emit failed(code, message);
    });
}

void FileTransfer::finish()
{
    ++m_generation;
    m_local.close();
    setState(State::Finished);
    emit finished();
}

void FileTransfer::cancel()
{
    if (!isActive())
        return;
    ++m_generation;
    m_local.close();
    if (m_direction == Direction::Download)
        removePartFile();
    setState(State::Cancelled);
}

void FileTransfer::onSessionStateChanged()
{
    if (m_session->isLoggedIn()) {
        if (m_state == State::Waiting)
            resumeWork();
    } else if (m_state == State::Running) {
        // Replies still due belong to the dead connection.
        dropInFlight();
        setState(State::Waiting);
    }
}

void FileTransfer::dropInFlight()
{
    ++m_generation;
    m_inFlight = 0;
    m_resyncing = false;
}

Reply *FileTransfer::send(const QString &op, const QJsonObject &fields)
{
    // Not held on `unavailable`: the transfer pauses with the session instead,
    // and goes on from where the server stands (resumeWork).
    return m_session->issue(op, fields, ClientSession::OnUnavailable::Report);
}

bool FileTransfer::waitForSession(const Reply *reply)
{
    if (!isResumedBySession(reply->error()))
        return false;
    dropInFlight();
    setState(State::Waiting);
    // The session drops a connection that timed out and reconnects, or waits
    // for an unavailable server, which brings us back when it is LoggedIn
    // again; should it stay logged in all the same, try again.
    QTimer::singleShot(1000, this, [this] {
        if (m_state == State::Waiting && m_session->isLoggedIn())
            resumeWork();
    });
    return true;
}

void FileTransfer::retryLater(const Reply *reply)
{
    dropInFlight();
    const int delayMs = reply->error() == QLatin1String("rate_limited")
                            ? std::max(1, reply->retryAfter()) * 1000
                            : 1000;
    setState(State::Waiting);
    QTimer::singleShot(delayMs, this, [this] {
        if (m_state == State::Waiting && m_session->isLoggedIn())
            resumeWork();
    });
}

void FileTransfer::resumeWork()
{
    setState(State::Running);
    dropInFlight();
    if (m_hashing)
        return; // hashStep() carries on by itself and starts the transfer
    if (m_direction == Direction::Download) {
        m_next = m_done;
        fillDownloadWindow();
    } else if (!m_begun) {
        beginUpload();
    } else if (m_ending) {
        endUpload();
    } else {
        // The server may hold more than was acknowledged: one chunk first, and
        // its answer (bad_offset, if so) says from where to go on.
        m_next = m_done;
        m_probing = true;
        fillUploadWindow();
    }
}

// Hashes the upload's source, or the bytes of a download's .part left from
// an earlier attempt, a step at a time so the event loop keeps running.
void FileTransfer::hashStep()
{
    if (!isActive() || !m_hashing)
        return;
    const qint64 end = m_direction == Direction::Upload ? m_file.size : m_done;
    const qint64 position = m_local.pos();
    const QByteArray bytes = m_local.read(std::min(kHashStep, end - position));
    if (bytes.isEmpty() && position < end) {
        fail(m_direction == Direction::Upload ? FileError::ReadFailed : FileError::WriteFailed,
             QStringLiteral("cannot read %1: %2").arg(m_local.fileName(), m_local.errorString()));
        return;
    }
    m_hash.addData(bytes);
    if (m_local.pos() < end) {
        QTimer::singleShot(0, this, &FileTransfer::hashStep);
        return;
    }
    m_hashing = false;
    if (m_direction == Direction::Upload) {
        if (!m_local.atEnd()) {
            fail(FileError::ReadFailed,
                 QStringLiteral("%1 changed while it was being sent").arg(m_path));
            return;
        }
        m_file.sha256 = QString::fromLatin1(m_hash.result().toHex());
    }
    if (m_state == State::Running)
        resumeWork();
}

// --- uploads ---------------------------------------------------------------------

void FileTransfer::startUpload(const QJsonObject &target, const QString &mime)
{
    m_target = target;
    const QFileInfo info(m_path);
    m_file.name = info.fileName();
    m_file.size = info.size();
    m_file.mime = mime.isEmpty() ? QMimeDatabase().mimeTypeForFile(info).name() : mime;
    m_local.setFileName(m_path);
    if (!info.isFile() || !m_local.open(QIODevice::ReadOnly)) {
        failLater(FileError::ReadFailed,
                  info.exists()
                      ? QStringLiteral("cannot read %1: %2").arg(m_path, m_local.errorString())
                      : QStringLiteral("%1: no such file").arg(m_path));
        return;
    }
    const qint64 maxFile = m_session->limits().maxFile;
    if (maxFile > 0 && m_file.size > maxFile) {
        failLater(FileError::TooLarge, QStringLiteral("%1 is %2 bytes; the server takes at most %3")
                                           .arg(m_file.name)
                                           .arg(m_file.size)
                                           .arg(maxFile));
        return;
    }
    m_hashing = true;
    QTimer::singleShot(0, this, &FileTransfer::hashStep);
}

void FileTransfer::beginUpload()
{
    QJsonObject fields = m_target;
    fields.insert(QStringLiteral("name"), m_file.name);
    fields.insert(QStringLiteral("size"), m_file.size);
    fields.insert(QStringLiteral("sha256"), m_file.sha256);
    if (!m_file.mime.isEmpty())
        fields.insert(QStringLiteral("mime"), m_file.mime);
    Reply *reply = send(QStringLiteral("file_begin"), fields);
    const quint64 generation = m_generation;
    connect(reply, &Reply::finished, this, [this, reply, generation] {
        if (generation != m_generation)
            return;
        if (!reply->isOk()) {
            if (waitForSession(reply))
                return;
            if (reply->error() == QLatin1String("rate_limited"))
                retryLater(reply);
            else
                fail(reply->error(), reply->errorMessage());
            return;
        }
        m_file.fileId = integer(reply, "file_id");
        const Protocol::Limits limits = m_session->limits();
        m_chunk = integer(reply, "chunk");
        if (m_chunk <= 0)
            m_chunk = limits.chunk;
        // A chunk's base64 must fit in one frame.
        if (limits.maxFrame > 0)
            m_chunk = std::min(m_chunk, (limits.maxFrame - kFrameOverhead) / 4 * 3);
        m_chunk = std::max<qint64>(m_chunk, 1);
        m_begun = true;
        // A server may carry on with an unfinished upload of the same file.
        const qint64 received = integer(reply, "received");
        m_next = m_done = std::clamp<qint64>(received, 0, m_file.size);
        if (m_done > 0)
            emit progress(m_done, m_file.size);
        fillUploadWindow();
    });
}

void FileTransfer::fillUploadWindow()
{
    while (m_state == State::Running && !m_resyncing && m_inFlight < (m_probing ? 1 : kWindow) &&
           m_next < m_file.size) {
        const qint64 offset = m_next;
        const qint64 length = std::min(m_chunk, m_file.size - offset);
        if (!m_local.seek(offset)) {
            fail(FileError::ReadFailed,
                 QStringLiteral("cannot read %1: %2").arg(m_path, m_local.errorString()));
            return;
        }
        const QByteArray bytes = m_local.read(length);
        if (bytes.size() != length) {
            fail(FileError::ReadFailed,
                 QStringLiteral("%1 changed while it was being sent").arg(m_path));
            return;
        }
        const Protocol::MaybeCompressed packed = pack(bytes);
        QJsonObject fields{{QStringLiteral("file_id"), m_file.fileId},
                           {QStringLiteral("offset"), offset},
                           {QStringLiteral("data"), QString::fromLatin1(packed.bytes.toBase64())}};
        if (packed.compressed)
            fields.insert(QStringLiteral("z"), true);
        Reply *reply = send(QStringLiteral("file_chunk"), fields);
        ++m_inFlight;
        m_next += length;
        const quint64 generation = m_generation;
        connect(reply, &Reply::finished, this, [this, reply, offset, length, generation] {
            onChunkReply(reply, offset, length, generation);
        });
    }
    if (m_state == State::Running && !m_resyncing && m_inFlight == 0 && m_next >= m_file.size &&
        !m_ending)
        endUpload();
}

void FileTransfer::onChunkReply(Reply *reply, qint64 offset, qint64 length, quint64 generation)
{
    if (generation != m_generation)
        return;
    --m_inFlight;
    const QString &error = reply->error();
    if (reply->isOk() || error == QLatin1String("bad_offset")) {
        // Replies come in order, so the latest `received` is where the server stands.
        const QJsonValue received = reply->value(QLatin1String("received"));
        const qint64 done = received.isDouble() ? qint64(received.toDouble()) : offset + length;
        m_probing = false;
        if (!reply->isOk())
            m_resyncing = true;
        if (done != m_done) {
            m_done = std::clamp<qint64>(done, 0, m_file.size);
            emit progress(m_done, m_file.size);
        }
        // After a bad_offset, let the chunks still under way land (the server
        // may take some of them) and go on from the last answer: resending
        // at once would race them chunk after chunk.
        if (m_resyncing && m_inFlight == 0) {
            m_resyncing = false;
            m_next = m_done;
        }
        fillUploadWindow();
        return;
    }
    if (waitForSession(reply))
        return;
    if (error == QLatin1String("rate_limited"))
        retryLater(reply);
    else
        fail(error, reply->errorMessage());
}

void FileTransfer::endUpload()
{
    m_ending = true;
    Reply *reply = send(QStringLiteral("file_end"), {{QStringLiteral("file_id"), m_file.fileId}});
    const quint64 generation = m_generation;
    connect(reply, &Reply::finished, this, [this, reply, generation] {
        if (generation != m_generation)
            return;
        if (reply->isOk()) {
            m_messageId = integer(reply, "msg_id");
            m_ts = integer(reply, "ts");
            finish();
        } else if (waitForSession(reply)) {
            return;
        } else if (reply->error() == QLatin1String("rate_limited")) {
            retryLater(reply);
        } else if (reply->error() == QLatin1String("bad_offset")) {
            // The server holds less than we thought (its answer to a chunk was
            // lost with a connection): send the rest.
            m_ending = false;
            m_done = m_next = std::clamp<qint64>(integer(reply, "received"), 0, m_file.size);
            fillUploadWindow();
        } else {
            fail(reply->error(), reply->errorMessage());
        }
    });
}

// --- downloads -------------------------------------------------------------------

void FileTransfer::startDownload(const FileInfo &file)
{
    m_file = file;
    if (!file.isValid() || file.size < 0) {
        failLater(QStringLiteral("no_such_file"), QStringLiteral("no file to download"));
        return;
    }
    const Protocol::Limits limits = m_session->limits();
    m_chunk = limits.chunk > 0 ? limits.chunk : Protocol::Limits().chunk;
    m_local.setFileName(m_path + QStringLiteral(".part"));
    if (!m_local.open(QIODevice::ReadWrite)) {
        failLater(
            FileError::WriteFailed,
            QStringLiteral("cannot write %1: %2").arg(m_local.fileName(), m_local.errorString()));
        return;
    }
    // What an earlier attempt left is kept, unless it cannot be this file's.
    m_done = m_local.size();
    if (m_done > file.size) {
        m_local.resize(0);
        m_done = 0;
    }
    m_next = m_done;
    if (m_done > 0) {
        m_hashing = true;
        QTimer::singleShot(0, this, [this] {
            emit progress(m_done, m_file.size);
            hashStep();
        });
    } else if (m_state == State::Running) {
        QTimer::singleShot(0, this, [this] {
            if (m_state == State::Running && m_inFlight == 0)
                resumeWork();
        });
    }
}

void FileTransfer::fillDownloadWindow()
{
    while (m_state == State::Running && m_inFlight < kWindow && m_next < m_file.size) {
        const qint64 offset = m_next;
        const qint64 length = std::min(m_chunk, m_file.size - offset);
        Reply *reply = send(QStringLiteral("file_get"), {{QStringLiteral("file_id"), m_file.fileId},
                                                         {QStringLiteral("offset"), offset},
                                                         {QStringLiteral("length"), length}});
        ++m_inFlight;
        m_next += length;
        const quint64 generation = m_generation;
        connect(reply, &Reply::finished, this, [this, reply, offset, length, generation] {
            onGetReply(reply, offset, length, generation);
        });
    }
    if (m_state == State::Running && m_inFlight == 0 && m_done >= m_file.size)
        completeDownload();
}

void FileTransfer::onGetReply(Reply *reply, qint64 offset, qint64 length, quint64 generation)
{
    if (generation != m_generation)
        return;
    --m_inFlight;
    if (!reply->isOk()) {
        if (waitForSession(reply))
            return;
        if (reply->error() == QLatin1String("rate_limited"))
            retryLater(reply);
        else
            fail(reply->error(), reply->errorMessage());
        return;
    }
    const auto decoded =
        QByteArray::fromBase64Encoding(reply->value(QLatin1String("data")).toString().toLatin1(),
                                       QByteArray::AbortOnBase64DecodingErrors);
    std::optional<QByteArray> data;
    if (decoded) {
        if (reply->value(QLatin1String("z")).toBool())
            data = Protocol::zlibDecompress(*decoded, length);
        else
            data = *decoded;
    }
    const bool eof = reply->value(QLatin1String("eof")).toBool();
    if (!data || data->size() > length || offset != m_done || (data->isEmpty() && length > 0)) {
        fail(FileError::BadData,
             QStringLiteral("the server sent a chunk that is not the one asked for"));
        return;
    }
    if (m_local.write(*data) != data->size()) {
        fail(FileError::WriteFailed,
             QStringLiteral("cannot write %1: %2").arg(m_local.fileName(), m_local.errorString()));
        return;
    }
    m_hash.addData(*data);
    m_done += data->size();
    emit progress(m_done, m_file.size);
    if (data->size() < length) {
        if (eof) {
            fail(
                FileError::BadData,
                QStringLiteral("the file ended after %1 of %2 bytes").arg(m_done).arg(m_file.size));
            return;
        }
        // A short answer: what was asked beyond it is at the wrong offsets.
        dropInFlight();
        m_next = m_done;
    }
    fillDownloadWindow();
}

void FileTransfer::completeDownload()
{
    if (!m_local.flush()) {
        fail(FileError::WriteFailed,
             QStringLiteral("cannot write %1: %2").arg(m_local.fileName(), m_local.errorString()));
        return;
    }
    m_local.close();
    const QString actual = QString::fromLatin1(m_hash.result().toHex());
    if (!m_file.sha256.isEmpty() && actual.compare(m_file.sha256, Qt::CaseInsensitive) != 0) {
        // Bytes that do not hash right are no use to a later attempt either.
        removePartFile();
        fail(FileError::ChecksumMismatch,
             QStringLiteral("%1: the sha256 of the received bytes is %2, not %3")
                 .arg(m_file.name, actual, m_file.sha256));
        return;
    }
    const QString part = m_local.fileName();
    if (QFileInfo::exists(m_path) && !QFile::remove(m_path)) {
        fail(FileError::WriteFailed, QStringLiteral("cannot replace %1").arg(m_path));
        return;
    }
    if (!QFile::rename(part, m_path)) {
        fail(FileError::WriteFailed, QStringLiteral("cannot rename %1 to %2").arg(part, m_path));
        return;
    }
    finish();
}

void FileTransfer::removePartFile()
{
    m_local.close();
    QFile::remove(m_path + QStringLiteral(".part"));
}

} // namespace Palomar::Client
