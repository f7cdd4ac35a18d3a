#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QThreadPool>

namespace Palomar::Desktop {

// Small images of picture files for the chat, decoded off the GUI thread
// and kept in a bounded memory cache. Asking for one that is not ready
// starts decoding it (once) and returns a null image; thumbnailReady()
// follows. Keys are the callers' (cache rows); a key asked with another
// path is decoded again. It never decodes files over kMaxSourceBytes.
class ThumbnailLoader : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxSourceBytes = 10 * 1024 * 1024;
    static constexpr int kMaxEdge = 640; // pixels: twice the bubble, for HiDPI

    explicit ThumbnailLoader(QObject *parent = nullptr);
    ~ThumbnailLoader() override;

    QImage thumbnail(qint64 key, const QString &path);

signals:
    void thumbnailReady(qint64 key);

private:
    struct Entry
    {
        QString path;
        QImage image;
    };
    void loaded(qint64 key, const QString &path, const QImage &image);

    QCache<qint64, Entry> m_ready;       // cost: KiB of pixels
    QHash<qint64, QString> m_loading;    // key -> path being decoded
    QHash<qint64, QString> m_unreadable; // key -> path that did not decode
    QThreadPool m_pool;
};

} // namespace Palomar::Desktop
