#include "picturecompress.h"

#include "avatar.h"

#include <QBuffer>
#include <QImageReader>
#include <QPainter>
#include <QSaveFile>

namespace Palomar::Desktop::PictureCompress {

namespace {

// `image` scaled down to fit `side` (never up), flattened onto white (JPEG
// has no transparency).
QImage flattened(const QImage &image, int side)
{
    QImage scaled = image;
    if (image.width() > side || image.height() > side)
        scaled = image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QImage flat(scaled.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter painter(&flat);
    painter.drawImage(0, 0, scaled);
    painter.end();
    return flat;
}

} // namespace

QByteArray avatarJpeg(const QImage &image, qint64 maxBytes)
{
    if (image.isNull())
        return {};
    const QImage square = Avatar::squareCrop(image);
    for (int target = kAvatarSide; target >= 32; target /= 2) {
        const QImage flat = flattened(square, target);
        for (int quality = 90; quality >= 30; quality -= 10) {
            QByteArray bytes;
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            if (!flat.save(&buffer, "JPEG", quality))
                return {};
            if (bytes.size() <= maxBytes)
                return bytes;
        }
    }
    return {};
}

QImage readUpright(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    return reader.read();
}

bool save(const QImage &image, const QString &target)
{
    if (image.isNull())
        return false;
    const QImage flat = flattened(image, kMaxSide);
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || !flat.save(&file, "JPEG", kQuality))
        return false;
    return file.commit();
}

bool compressFile(const QString &source, const QString &target)
{
    QImageReader reader(source);
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    // A big photo is decoded at about the size it ends up.
    if (full.isValid() && (full.width() > 2 * kMaxSide || full.height() > 2 * kMaxSide))
        reader.setScaledSize(full.scaled(2 * kMaxSide, 2 * kMaxSide, Qt::KeepAspectRatio));
    return save(reader.read(), target);
}

} // namespace Palomar::Desktop::PictureCompress
