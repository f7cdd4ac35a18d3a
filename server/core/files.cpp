#include "files.h"

#include "groups.h"
#include "platform/logformat.h"
#include "protocol/limits.h"
#include "protocol/zlibstream.h"
#include "serverconfig.h"
#include "sessionguard.h"
#include "store/directory.h"
#include "store/store.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_DECLARE_LOGGING_CATEGORY(lcCore)

namespace Palomar::Server {

using Protocol::Error;
using Protocol::FieldReader;

namespace {

constexpr qint64 kMaxId = Protocol::kMaxSafeInteger;
constexpr int kMaxMimeLength = 255;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

HandlerResult badRequest(const QString &problem)
{
    return HandlerResult::error(Error::BadRequest, problem);
}

HandlerResult noSuchFile()
{
    return HandlerResult::error(Error::NoSuchFile, QStringLiteral("no such file"));
}

QJsonObject sentReply(const FileRecord &file)
{
    return {{QStringLiteral("msg_id"), file.messageId.value_or(0)},
            {QStringLiteral("ts"), file.messageTs.value_or(0)},
            {QStringLiteral("file"), FileHandler::describe(file)}};
}

bool isHexDigest(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    return hex.match(text).hasMatch();
}

bool isPrintableAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

// Strict base64 (padding optional): anything else is a bad request.
std::optional<QByteArray> decodeBase64(const QString &text)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || !isPrintableAscii(text))
        return std::nullopt;
    return decoded.decoded;
}

} // namespace

// Sweeps often enough that an upload outlives its expiry by at most half of
// it, and at least once a minute.
int FileHandler::sweepIntervalMs(int uploadExpirySeconds)
{
    return int(qBound(qint64(1000), qint64(uploadExpirySeconds) * 500, qint64(60 * 1000)));
}

FileHandler::FileHandler(Services services) : m_services(services), m_messages(services) {}

QString FileHandler::baseName(const QString &name)
{
    QString base =
        name.mid(qMax(name.lastIndexOf(QLatin1Char('/')), name.lastIndexOf(QLatin1Char('\\'))) + 1);
    for (QChar &c : base) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = QLatin1Char('_');
    }
    base = base.trimmed();
    if (base.isEmpty() || base == QLatin1String(".") || base == QLatin1String(".."))
        return QStringLiteral("file");
    return base;
}

QJsonObject FileHandler::describe(const FileRecord &file)
{
    return {{QStringLiteral("file_id"), file.id},
            {QStringLiteral("name"), file.name},
            {QStringLiteral("size"), file.size},
            {QStringLiteral("sha256"), file.sha256},
            {QStringLiteral("mime"), file.mime}};
}

QHash<qint64, QJsonObject> FileHandler::attachments(Store &store, const QString &chat,
                                                    const QList<qint64> &messageIds)
{
    QHash<qint64, QJsonObject> files;
    if (messageIds.isEmpty())
        return files;
    const auto [low, high] = std::minmax_element(messageIds.cbegin(), messageIds.cend());
    const QHash<qint64, FileRecord> records = store.filesInChat(chat, *low, *high);
    for (auto it = records.cbegin(); it != records.cend(); ++it)
        files.insert(it.key(), describe(*it));
    return files;
}

std::optional<FileRecord> FileHandler::ownUpload(qint64 fileId, const SessionState &me,
                                                 HandlerResult *failure)
{
    std::optional<FileRecord> file = m_services.store.fileById(fileId);
    // Someone else's upload is as good as none: existence is not revealed.
    if (!file || file->uploaderId != me.userId) {
        *failure = noSuchFile();
        return std::nullopt;
    }
    return file;
}

HandlerResult FileHandler::begin(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    if (!fields.exactlyOne("to", "group"))
        return badRequest(fields.problem());
    const bool toGroup = fields.has("group");
    const qint64 groupId = toGroup ? fields.integer("group", 1, kMaxId) : 0;
    const QString to = toGroup ? QString() : fields.string("to");
    const QString rawName = fields.string("name");
    const qint64 size = fields.integer("size", 0, kMaxId);
    const QString sha256 = fields.string("sha256");
    const QString mime = fields.optionalString("mime").value_or(QString());
    if (!fields.ok())
        return badRequest(fields.problem());
    const QString name = baseName(rawName);
    if (name.toUcs4().size() > Protocol::kMaxFileNameLength)
        return badRequest(QStringLiteral("name has at most 255 characters"));
    if (!isHexDigest(sha256))
        return badRequest(QStringLiteral("sha256 must be 64 hexadecimal digits"));
    if (mime.size() > kMaxMimeLength || !isPrintableAscii(mime))
        return badRequest(QStringLiteral("mime must be printable ASCII of at most 255 characters"));
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;

    Store &store = m_services.store;
    const SessionState &me = context.session();
    const qint64 maxFile = m_services.config.limits.maxFile;
    FileRecord file;
    file.uploaderId = me.userId;
    if (toGroup) {
        HandlerResult failure = HandlerResult::ok();
        if (!GroupHandler::checkMember(m_services, groupId, me, false, &failure))
            return failure;
        file.groupId = groupId;
    }
    if (size > maxFile) {
        return HandlerResult::error(
            Error::TooLarge,
            QStringLiteral("the file has %1 bytes; the limit is %2").arg(size).arg(maxFile),
            {{QStringLiteral("max_file"), maxFile}});
    }
    if (!toGroup) {
        const std::optional<UserRecord> recipient = m_services.directory.userByName(store, to);
        if (!recipient)
            return HandlerResult::error(Error::NoSuchUser, QStringLiteral("no user %1").arg(to));
        if (auto refused = MessageHandler::checkFriend(m_services, me, *recipient))
            return *refused;
        file.recipientId = recipient->id;
    }
    file.name = name;
    file.size = size;
    file.sha256 = sha256.toLower();
    file.mime = mime.isEmpty() ? QStringLiteral("application/octet-stream") : mime;

    // The same file to the same chat, not finished yet: resume it.
    if (const std::optional<FileRecord> earlier = store.unfinishedUpload(file)) {
        file = *earlier;
    } else {
        Store::Transaction transaction(store);
        file.id = store.createFile(file, now());
        transaction.commit();
    }
    return HandlerResult::ok({{QStringLiteral("file_id"), file.id},
                              {QStringLiteral("chunk"), m_services.config.limits.chunk},
                              {QStringLiteral("received"), file.received}});
}

HandlerResult FileHandler::chunk(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const qint64 fileId = fields.integer("file_id", 1, kMaxId);
    const qint64 offset = fields.integer("offset", 0, kMaxId);
    const QString text = fields.string("data");
    const bool compressed = fields.optionalBoolean("z", false);
    if (!fields.ok())
        return badRequest(fields.problem());
    const qint64 chunkLimit = m_services.config.limits.chunk;
    // Incompressible data grows a little in zlib; anything beyond twice a
    // chunk cannot be an honest chunk.
    const qint64 maxWire = compressed ? 2 * chunkLimit : chunkLimit;
    if (text.size() > (maxWire + 2) / 3 * 4)
        return badRequest(
            QStringLiteral("data is longer than one chunk (%1 bytes)").arg(chunkLimit));
    const std::optional<QByteArray> wire = decodeBase64(text);
    if (!wire)
        return badRequest(QStringLiteral("data is not base64"));
    if (!compressed && wire->size() > chunkLimit)
        return badRequest(
            QStringLiteral("data is longer than one chunk (%1 bytes)").arg(chunkLimit));
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;

    HandlerResult failure = HandlerResult::ok();
    const std::optional<FileRecord> file = ownUpload(fileId, context.session(), &failure);
    if (!file)
        return failure;
    if (file->isFinished())
        return badRequest(QStringLiteral("the file is complete: file_end was accepted"));
    const QJsonObject received{{QStringLiteral("received"), file->received}};
    if (offset != file->received) {
        return HandlerResult::error(
            Error::BadOffset,
            QStringLiteral("expected offset %1, got %2").arg(file->received).arg(offset), received);
    }
    std::optional<QByteArray> data =
        compressed ? Protocol::zlibDecompress(*wire, chunkLimit) : std::optional<QByteArray>(*wire);
    if (!data) {
        return badRequest(
            QStringLiteral("data is not a zlib stream of at most %1 bytes").arg(chunkLimit));
    }
    if (data->isEmpty())
        return badRequest(QStringLiteral("data must not be empty"));
    if (offset + data->size() > file->size) {
        return HandlerResult::error(
            Error::BadRequest,
            QStringLiteral("the chunk ends at %1, past the declared size %2")
                .arg(offset + data->size())
                .arg(file->size),
            received);
    }
    bool stored = false;
    {
        Store::Transaction transaction(m_services.store);
        stored = m_services.store.appendFileChunk(fileId, offset, *data, now());
        transaction.commit();
    }
    if (!stored) {
        // Another connection stored this offset first (or the upload expired).
        const std::optional<FileRecord> current = ownUpload(fileId, context.session(), &failure);
        if (!current || current->isFinished())
            return current ? badRequest(QStringLiteral("the file is complete")) : failure;
        return HandlerResult::error(
            Error::BadOffset,
            QStringLiteral("expected offset %1, got %2").arg(current->received).arg(offset),
            {{QStringLiteral("received"), current->received}});
    }
    return HandlerResult::ok({{QStringLiteral("received"), offset + data->size()}});
}

bool FileHandler::verify(const FileRecord &file)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 position = 0;
    while (position < file.size) {
        const std::optional<QByteArray> piece = m_services.store.fileChunkAt(file.id, position);
        if (!piece || piece->isEmpty())
            return false;
        hash.addData(*piece);
        position += piece->size();
    }
    return position == file.size && QString::fromLatin1(hash.result().toHex()) == file.sha256;
}

HandlerResult FileHandler::reject(const FileRecord &file, const QString &why)
{
    {
        Store::Transaction transaction(m_services.store);
        m_services.store.deleteFile(file.id);
        transaction.commit();
    }
    qCInfo(lcCore).noquote() << QStringLiteral("dropped upload %1: %2").arg(file.id).arg(why);
    return HandlerResult::error(Error::ChecksumMismatch,
                                QStringLiteral("%1: the upload was dropped").arg(why));
}

HandlerResult FileHandler::end(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const qint64 fileId = fields.integer("file_id", 1, kMaxId);
    if (!fields.ok())
        return badRequest(fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    HandlerResult failure = HandlerResult::ok();
    const std::optional<FileRecord> file = ownUpload(fileId, context.session(), &failure);
    if (!file)
        return failure;
    if (file->isFinished())
        return HandlerResult::ok(sentReply(*file)); // a repeated file_end
    if (file->received != file->size) {
        return reject(
            *file, QStringLiteral("received %1 of %2 bytes").arg(file->received).arg(file->size));
    }
    if (!verify(*file))
        return reject(*file, QStringLiteral("the SHA-256 of the received bytes differs"));

    OutgoingMessage message{QStringLiteral(""), QString(), file->id, describe(*file)};
    HandlerResult result = HandlerResult::ok();
    if (file->groupId) {
        result = m_messages.sendToGroup(*file->groupId, message, context);
    } else {
        const std::optional<UserRecord> recipient =
            m_services.store.userById(file->recipientId.value_or(0));
        if (!recipient)
            return noSuchFile(); // the recipient is gone, and the upload with them
        result = m_messages.sendDirect(*recipient, message, context);
    }
    if (!result.isError())
        return HandlerResult::ok(sentReply(*m_services.store.fileById(file->id)));
    // A concurrent file_end of the same upload won: answer as it did.
    if (const std::optional<FileRecord> current = m_services.store.fileById(file->id);
        current && current->isFinished()) {
        return HandlerResult::ok(sentReply(*current));
    }
    return result;
}

HandlerResult FileHandler::get(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const qint64 fileId = fields.integer("file_id", 1, kMaxId);
    const qint64 offset = fields.integer("offset", 0, kMaxId);
    const qint64 chunkLimit = m_services.config.limits.chunk;
    const qint64 length = fields.integer("length", 1, chunkLimit);
    if (!fields.ok())
        return badRequest(fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    Store &store = m_services.store;
    const std::optional<FileRecord> file = store.fileForReader(fileId, context.session().userId);
    if (!file)
        return noSuchFile();
    if (offset > file->size) {
        return badRequest(QStringLiteral("offset %1 is past the end of the file (%2 bytes)")
                              .arg(offset)
                              .arg(file->size));
    }
    const qint64 end = qMin(file->size, offset + length);
    QByteArray data;
    data.reserve(end - offset);
    for (const FileChunk &piece : store.fileChunksCovering(fileId, offset, end)) {
        const qint64 from = qMax(offset, piece.offset);
        const qint64 to = qMin(end, piece.offset + piece.data.size());
        if (from != offset + data.size() || to < from)
            break;
        data.append(piece.data.constData() + (from - piece.offset), to - from);
    }
    if (data.size() != end - offset) {
        qCWarning(lcCore) << "file" << fileId << "is missing bytes at" << offset + data.size();
        return HandlerResult::error(Error::Internal,
                                    QStringLiteral("the server could not read the file"));
    }
    const Protocol::MaybeCompressed packed = Protocol::compressIfSmaller(data);
    return HandlerResult::ok(
        {{QStringLiteral("data"), QString::fromLatin1(packed.bytes.toBase64())},
         {QStringLiteral("z"), packed.compressed},
         {QStringLiteral("eof"), end >= file->size}});
}

int FileHandler::sweep(qint64 now)
{
    const int removed =
        m_services.store.deleteStaleUploads(now - qint64(m_services.config.uploadExpiry) * 1000);
    if (removed > 0)
        qCInfo(lcCore).noquote() << "deleted"
                                 << Platform::LogFormat::counted(removed, "expired upload",
                                                                 "expired uploads");
    return removed;
}

} // namespace Palomar::Server
