#include "picturecompress.h"

#include <QImageReader>
#include <QPainter>
#include <QSaveFile>

namespace Palomar::Desktop::PictureCompress {

bool save(const QImage &image, const QString &target)
{
    if (image.isNull())
        return false;
    QImage scaled = image;
    if (image.width() > kMaxSide || image.height() > kMaxSide)
        scaled = image.scaled(kMaxSide, kMaxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QImage flat(scaled.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter painter(&flat);
    painter.drawImage(0, 0, scaled);
    painter.end();
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
