#pragma once

#include <QString>

#include <functional>

namespace Palomar::Desktop::FileNames {

// A name from someone else made safe to create in a folder of mine on
// Windows, macOS and Linux: no directory part ("../../etc/passwd" becomes
// "passwd"), no characters illegal on any of them (< > : " / \ | ? * and
// controls become '_'), no trailing dots or spaces, no reserved device
// names (CON, NUL, COM1.txt … get a leading '_'), no "." or "..", at most
// 255 UTF-8 bytes with the extension kept, and never empty ("file").
QString safeName(const QString &name);

// `name` with " (N)" before its extension ("report (1).pdf",
// "backup (2).tar.gz"); N = 0 gives `name` itself.
QString numbered(const QString &name, int n);

// The first of name, "name (1)", "name (2)" … in `directory` for which
// `taken` is false. The default `taken` says a file is there already, or
// its download in progress (".part"): nothing is ever overwritten.
using TakenFunction = std::function<bool(const QString &path)>;
QString uniquePath(const QString &directory, const QString &name, const TakenFunction &taken = {});

// "512 bytes", "300 kB", "4.2 MB": decimal units in the user's locale
// (Platform::DataSize, the convention palomar-cli shares).
QString humanSize(qint64 bytes);

// What a file is, for its icon and whether it can have a thumbnail.
enum class Kind
{
    Other,
    Image,
    Video,
    Audio,
    Pdf,
    Archive,
    Document, // text, office documents, spreadsheets, slides
};
// By MIME type, or by the name's extension when the type is missing or generic.
Kind kindOf(const QString &mime, const QString &name);
// An image the app can decode itself (PNG, JPEG, GIF, WebP, BMP…).
bool isDecodableImage(const QString &mime, const QString &name);
// Upper-case extension for the icon ("PDF"), at most 4 characters; empty when none.
QString extensionLabel(const QString &name);

} // namespace Palomar::Desktop::FileNames
