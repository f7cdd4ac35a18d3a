#pragma once

#include <QImage>
#include <QString>

namespace Palomar::Desktop::PictureCompress {

// The longest side of a compressed picture, and its JPEG quality.
constexpr int kMaxSide = 1600;
constexpr int kQuality = 82;

// `image` scaled down to kMaxSide (never up), flattened onto white (JPEG
// has no transparency) and written as a JPEG at `target`; false when it
// cannot be written.
bool save(const QImage &image, const QString &target);
// The same for the picture in file `source` (turned upright by its EXIF
// orientation); false when it cannot be read or written.
bool compressFile(const QString &source, const QString &target);

// The side of an avatar picture (the server keeps what it is sent).
constexpr int kAvatarSide = 256;
// `image` cropped to its centred square, scaled to kAvatarSide (never up),
// flattened onto white and encoded as a JPEG of at most `maxBytes`: the
// quality steps down, then the side, until it fits; empty when it never does.
QByteArray avatarJpeg(const QImage &image, qint64 maxBytes);
// The picture in file `path`, turned upright by its EXIF orientation.
QImage readUpright(const QString &path);

} // namespace Palomar::Desktop::PictureCompress
