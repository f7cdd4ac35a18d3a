#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QJsonObject>
#include <QObject>
#include <QString>

namespace Palomar::Client {

class ClientSession;
class Reply;

// The `file` object of a file message: {file_id, name, size, sha256, mime}
// (PROTOCOL.md, Files). Message::file stays the raw object; read it here.
struct FileInfo
{
    qint64 fileId = 0;
    QString name;
    qint64 size = 0;
    QString sha256; // lowercase hex
    QString mime;

    bool isValid() const { return fileId > 0; }
    static FileInfo fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

// Codes of transfer failures found on this side. They sit beside the
// PROTOCOL.md codes (too_large, no_such_file, checksum_mismatch, ...) that a
// transfer reports as they come from the server, or finds itself first.
namespace FileError {
inline const QString ReadFailed = QStringLiteral("read_failed");   // the local file to send
inline const QString WriteFailed = QStringLiteral("write_failed"); // the download's .part or target
inline const QString TooLarge = QStringLiteral("too_large");
inline const QString ChecksumMismatch = QStringLiteral("checksum_mismatch");
inline const QString BadData = QStringLiteral("bad_data"); // a chunk that is not what was asked for
} // namespace FileError

// One upload or one download, created by ClientSession::sendFile(),
// sendFileToGroup() or downloadFile() and owned by that session (delete it,
// or deleteLater() it, once it has ended to free it sooner). It streams the
// file a chunk at a time, never holding the whole of it, with a few chunks
// in flight; while the connection is down, or the server answers
// `unavailable`, it waits (state Waiting) and carries on from where the
// server stands once the session is LoggedIn again.
// A download writes `localPath() + ".part"` and renames it only after the
// sha256 matches. It never blocks the event loop for longer than one
// chunk's worth of reading, hashing or encoding.
class FileTransfer : public QObject
{
    Q_OBJECT
public:
    enum class Direction
    {
        Upload,
        Download
    };
    Q_ENUM(Direction)
    enum class State
    {
        Running,
        Waiting, // connection down or server unavailable: resumes by itself
        Finished,
        Failed,
        Cancelled
    };
    Q_ENUM(State)

    ~FileTransfer() override;

    Direction direction() const { return m_direction; }
    State state() const { return m_state; }
    bool isActive() const { return m_state == State::Running || m_state == State::Waiting; }
    qint64 bytesDone() const { return m_done; }
    qint64 bytesTotal() const { return m_file.size; }
    // The source of an upload, the destination of a download.
    QString localPath() const { return m_path; }
    // For uploads: filled (fileId etc.) once file_begin answered.
    FileInfo file() const { return m_file; }
    // Uploads: the msg_id once file_end answered.
    qint64 messageId() const { return m_messageId; }
    qint64 timestamp() const { return m_ts; }
    QString errorCode() const { return m_errorCode; }
    QString errorString() const { return m_errorString; }

    // Stops at once: nothing more is sent, a download's .part is deleted.
    void cancel();

signals:
    void progress(qint64 done, qint64 total);
    void stateChanged(Palomar::Client::FileTransfer::State state);
    void finished();                                          // state Finished
    void failed(const QString &code, const QString &message); // state Failed

private:
    friend class ClientSession;

    FileTransfer(ClientSession *session, Direction direction, const QString &path);
    // Upload to `target` ({to} or {group}); download of `file`.
    void startUpload(const QJsonObject &target, const QString &mime);
    void startDownload(const FileInfo &file);

    void setState(State state);
    void fail(const QString &code, const QString &message);
    // Fails on the next turn of the event loop, so the creator can connect first.
    void failLater(const QString &code, const QString &message);
    void finish();
    void onSessionStateChanged();
    // Forgets the requests under way: their replies will be ignored.
    void dropInFlight();
    void resumeWork();
    // Every request goes through here (see ClientSession::OnUnavailable).
    Reply *send(const QString &op, const QJsonObject &fields);
    // True when `reply` failed because the connection went or the server was
    // unavailable (isResumedBySession): the transfer waits for the session.
    bool waitForSession(const Reply *reply);
    void retryLater(const Reply *reply);

    // Upload steps.
    void hashStep();
    void beginUpload();
    void fillUploadWindow();
    void onChunkReply(Reply *reply, qint64 offset, qint64 length, quint64 generation);
    void endUpload();

    // Download steps.
    void fillDownloadWindow();
    void onGetReply(Reply *reply, qint64 offset, qint64 length, quint64 generation);
    void completeDownload();
    void removePartFile();

    ClientSession *m_session;
    Direction m_direction;
    State m_state = State::Running;
    QString m_path;
    FileInfo m_file;
    QJsonObject m_target;
    qint64 m_done = 0;        // bytes acknowledged (upload) or written (download)
    qint64 m_next = 0;        // the offset of the next chunk to request
    qint64 m_chunk = 0;       // bytes per chunk
    int m_inFlight = 0;       // requests of the current generation awaiting replies
    quint64 m_generation = 0; // bumped whenever in-flight replies become stale
    bool m_begun = false;     // uploads: file_begin answered
    bool m_ending = false;    // uploads: file_end sent
    bool m_probing = false;   // uploads: resumed; one chunk until the server answers
    bool m_resyncing = false; // uploads: after a bad_offset, waiting for the rest of the window
    bool m_hashing = false;   // uploads: still hashing the source
    qint64 m_messageId = 0;
    qint64 m_ts = 0;
    QString m_errorCode;
    QString m_errorString;
    QFile m_local; // the source of an upload, the .part of a download
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

} // namespace Palomar::Client
