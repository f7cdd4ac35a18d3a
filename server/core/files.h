#pragma once

#include "context.h"
#include "messages.h"

#include <QHash>

namespace Palomar::Server {

struct FileRecord;

// file_begin, file_chunk, file_end, file_get (PROTOCOL.md, Files). An upload
// goes to a friend or a group; its chunks arrive in order and are stored in
// the database as they come; file_end checks size and SHA-256 by streaming
// over the stored chunks and then delivers the file as a message through the
// same path as `send`. Downloads are for the uploader and the message's
// recipients only. Never holds more than one chunk of a file in memory (two
// for a file_get that straddles chunks). Unfinished uploads that get no
// chunk for --upload-expiry seconds are deleted by a periodic sweep.
class FileHandler
{
public:
    explicit FileHandler(Services services);

    HandlerResult begin(const Protocol::Request &request, CallContext &context);
    HandlerResult chunk(const Protocol::Request &request, CallContext &context);
    HandlerResult end(const Protocol::Request &request, CallContext &context);
    HandlerResult get(const Protocol::Request &request, CallContext &context);

    // Deletes the uploads untouched since `now` - expiry; returns how many.
    int sweep(qint64 now);
    // How often sweep() is due.
    static int sweepIntervalMs(int uploadExpirySeconds);

    // The name a file is stored under: the base name of `name` (any
    // directory part, with / or \, stripped; control characters replaced),
    // or "file" when nothing usable is left.
    static QString baseName(const QString &name);
    // A finished file as the `file` object of its message.
    static QJsonObject describe(const FileRecord &file);
    // The `file` objects of those of `messageIds` (messages of `chat`) that
    // carry a file, by message id.
    static QHash<qint64, QJsonObject> attachments(Store &store, const QString &chat,
                                                  const QList<qint64> &messageIds);

private:
    // The caller's own upload named by `fileId`, or no_such_file in `failure`.
    std::optional<FileRecord> ownUpload(qint64 fileId, const SessionState &me,
                                        HandlerResult *failure);
    // Whether the stored chunks add up to `file.size` bytes with `file.sha256`;
    // reads one chunk at a time.
    bool verify(const FileRecord &file);
    // Drops a failed upload and says why.
    HandlerResult reject(const FileRecord &file, const QString &why);

    Services m_services;
    MessageHandler m_messages;
};

} // namespace Palomar::Server
