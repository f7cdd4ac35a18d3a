#pragma once

#include <QLocale>
#include <QString>
#include <QtGlobal>

namespace Palomar::Platform::DataSize {

// A byte count as people read it, in decimal (SI) units, the one convention
// of every Palomar program: "512 bytes", "300 kB" (300,054), "4.2 MB",
// "60 MB" (60,000,000), "1.5 GB". Whole numbers from 10 up and for kB;
// one decimal below 10 MB/GB/… unless it is ".0". Negative counts are 0.
// The desktop passes the user's locale ("4,2 MB"); palomar-cli, whose
// output is English and read by scripts, passes QLocale::c().
QString format(qint64 bytes, const QLocale &locale = QLocale());

} // namespace Palomar::Platform::DataSize
