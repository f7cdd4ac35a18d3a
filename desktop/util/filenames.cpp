#include "filenames.h"

#include "platform/datasize.h"

#include <QFile>
#include <QImageReader>
#include <QLocale>
#include <QMimeDatabase>
#include <QRegularExpression>

namespace Palomar::Desktop::FileNames {

namespace {
// Room for " (NNN)" after the 255-byte limit most file systems have.
constexpr int kMaxNameBytes = 240;

bool isIllegal(QChar c)
{
    return c.unicode() < 0x20 || c.unicode() == 0x7F || QStringView(u"<>:\"/\\|?*").contains(c);
}

// Bidirectional controls make "photo\u202Egnp.exe" read as "photoexe.png".
bool isBidiControl(QChar c)
{
    const char16_t u = c.unicode();
    return u == 0x200E || u == 0x200F || (u >= 0x202A && u <= 0x202E) ||
           (u >= 0x2066 && u <= 0x2069);
}

bool isReservedDeviceName(const QString &name)
{
    static const QRegularExpression reserved(
        QStringLiteral("^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$"),
        QRegularExpression::CaseInsensitiveOption);
    const QString stem = name.section(u'.', 0, 0).trimmed();
    return reserved.match(stem).hasMatch();
}

// Where the extension starts ("a.tar.gz" -> 1, ".bashrc" -> -1).
qsizetype extensionStart(const QString &name)
{
    static const QRegularExpression compound(QStringLiteral("\\.tar\\.[A-Za-z0-9]{1,4}$"));
    const QRegularExpressionMatch match = compound.match(name);
    if (match.hasMatch() && match.capturedStart() > 0)
        return match.capturedStart();
    const qsizetype dot = name.lastIndexOf(u'.');
    return dot > 0 ? dot : -1;
}

QString truncatedToBytes(QString text, int bytes)
{
    while (!text.isEmpty() && text.toUtf8().size() > bytes) {
        text.chop(1);
        if (!text.isEmpty() && text.back().isHighSurrogate())
            text.chop(1);
    }
    return text;
}

QString resolvedMime(const QString &mime, const QString &name)
{
    if (!mime.isEmpty() && mime != QLatin1String("application/octet-stream"))
        return mime.toLower();
    static const QMimeDatabase database;
    return database.mimeTypeForFile(name, QMimeDatabase::MatchExtension).name();
}
} // namespace

QString safeName(const QString &name)
{
    const qsizetype cut = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    QString out;
    out.reserve(name.size());
    for (const QChar c : QStringView(name).mid(cut + 1)) {
        if (isBidiControl(c))
            continue;
        out += isIllegal(c) ? QChar(u'_') : c;
    }
    out = out.trimmed();
    while (!out.isEmpty() && (out.back() == u'.' || out.back().isSpace()))
        out.chop(1);
    if (out.isEmpty())
        return QStringLiteral("file");
    if (isReservedDeviceName(out))
        out.prepend(u'_');
    if (out.toUtf8().size() > kMaxNameBytes) {
        const qsizetype dot = extensionStart(out);
        QString extension = dot > 0 ? out.mid(dot) : QString();
        if (extension.toUtf8().size() > 32)
            extension.clear();
        const QString stem = dot > 0 && !extension.isEmpty() ? out.left(dot) : out;
        out = truncatedToBytes(stem, kMaxNameBytes - int(extension.toUtf8().size())).trimmed() +
              extension;
    }
    return out;
}

QString numbered(const QString &name, int n)
{
    if (n <= 0)
        return name;
    const qsizetype dot = extensionStart(name);
    const QString suffix = QStringLiteral(" (%1)").arg(n);
    if (dot < 0)
        return name + suffix;
    return name.left(dot) + suffix + name.mid(dot);
}

QString uniquePath(const QString &directory, const QString &name, const TakenFunction &taken)
{
    const QString base = directory.endsWith(u'/') ? directory : directory + u'/';
    const auto isTaken = [&taken](const QString &path) {
        if (taken)
            return taken(path);
        return QFile::exists(path) || QFile::exists(path + QStringLiteral(".part"));
    };
    for (int n = 0;; ++n) {
        const QString path = base + numbered(name, n);
        if (!isTaken(path))
            return path;
    }
}

QString humanSize(qint64 bytes)
{
    return Platform::DataSize::format(bytes);
}

Kind kindOf(const QString &mime, const QString &name)
{
    const QString type = resolvedMime(mime, name);
    if (type.startsWith(QLatin1String("image/")))
        return Kind::Image;
    if (type.startsWith(QLatin1String("video/")))
        return Kind::Video;
    if (type.startsWith(QLatin1String("audio/")))
        return Kind::Audio;
    if (type == QLatin1String("application/pdf"))
        return Kind::Pdf;
    static const QStringList archives{QStringLiteral("application/zip"),
                                      QStringLiteral("application/x-tar"),
                                      QStringLiteral("application/gzip"),
                                      QStringLiteral("application/x-7z-compressed"),
                                      QStringLiteral("application/vnd.rar"),
                                      QStringLiteral("application/x-rar"),
                                      QStringLiteral("application/x-bzip2"),
                                      QStringLiteral("application/x-xz"),
                                      QStringLiteral("application/zstd"),
                                      QStringLiteral("application/x-compressed-tar"),
                                      QStringLiteral("application/x-bzip2-compressed-tar"),
                                      QStringLiteral("application/x-xz-compressed-tar")};
    if (archives.contains(type))
        return Kind::Archive;
    if (type.startsWith(QLatin1String("text/")) || type.contains(QLatin1String("document")) ||
        type.contains(QLatin1String("msword")) || type.contains(QLatin1String("ms-excel")) ||
        type.contains(QLatin1String("ms-powerpoint")) ||
        type.contains(QLatin1String("spreadsheet")) ||
        type.contains(QLatin1String("presentation")) || type == QLatin1String("application/json") ||
        type == QLatin1String("application/rtf"))
        return Kind::Document;
    return Kind::Other;
}

bool isDecodableImage(const QString &mime, const QString &name)
{
    const QString type = resolvedMime(mime, name);
    if (!type.startsWith(QLatin1String("image/")))
        return false;
    static const QList<QByteArray> supported = QImageReader::supportedMimeTypes();
    return supported.contains(type.toLatin1());
}

QString extensionLabel(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || dot == name.size() - 1)
        return QString();
    const QString extension = name.mid(dot + 1).toUpper();
    return extension.size() <= 4 ? extension : QString();
}

} // namespace Palomar::Desktop::FileNames
