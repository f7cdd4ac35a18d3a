#include "thumbnailloader.h"

#include <QFileInfo>
#include <QImageReader>

namespace Palomar::Desktop {

namespace {
constexpr int kCacheKiB = 64 * 1024;

QImage decode(const QString &path)
{
    if (QFileInfo(path).size() > ThumbnailLoader::kMaxSourceBytes)
        return {};
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() &&
        (size.width() > ThumbnailLoader::kMaxEdge || size.height() > ThumbnailLoader::kMaxEdge))
        reader.setScaledSize(
            size.scaled(ThumbnailLoader::kMaxEdge, ThumbnailLoader::kMaxEdge, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull())
        return {};
    // Some formats ignore the scaled size (and orientation may swap the sides).
    if (image.width() > ThumbnailLoader::kMaxEdge || image.height() > ThumbnailLoader::kMaxEdge)
        image = image.scaled(ThumbnailLoader::kMaxEdge, ThumbnailLoader::kMaxEdge,
                             Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}
} // namespace

ThumbnailLoader::ThumbnailLoader(QObject *parent) : QObject(parent)
{
    m_ready.setMaxCost(kCacheKiB);
    m_pool.setMaxThreadCount(2);
}

ThumbnailLoader::~ThumbnailLoader()
{
    // Workers post their results to this object: none may outlive it.
    m_pool.clear();
    m_pool.waitForDone();
}

QImage ThumbnailLoader::thumbnail(qint64 key, const QString &path)
{
    if (path.isEmpty())
        return {};
    if (const Entry *entry = m_ready.object(key); entry && entry->path == path)
        return entry->image;
    if (m_loading.value(key) == path || m_unreadable.value(key) == path)
        return {};
    m_loading.insert(key, path);
    m_pool.start([this, key, path] {
        const QImage image = decode(path);
        QMetaObject::invokeMethod(
            this, [this, key, path, image] { loaded(key, path, image); }, Qt::QueuedConnection);
    });
    return {};
}

void ThumbnailLoader::loaded(qint64 key, const QString &path, const QImage &image)
{
    if (m_loading.value(key) == path)
        m_loading.remove(key);
    if (image.isNull()) {
        m_unreadable.insert(key, path);
        return;
    }
    m_unreadable.remove(key);
    const int cost = qMax(1, int(image.sizeInBytes() / 1024));
    m_ready.insert(key, new Entry{path, image}, cost);
    emit thumbnailReady(key);
}

} // namespace Palomar::Desktop
