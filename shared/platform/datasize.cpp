#include "datasize.h"

#include <cmath>

namespace Palomar::Platform::DataSize {

QString format(qint64 bytes, const QLocale &locale)
{
    const qint64 count = qMax<qint64>(bytes, 0);
    double value = double(count);
    int power = 0;
    while (value >= 1000 && power < 6) {
        value /= 1000;
        ++power;
    }
    // The value as shown with one decimal; a whole number drops it.
    const double tenths = std::round(value * 10) / 10;
    const bool decimal = power >= 2 && tenths < 10 && tenths != std::floor(tenths);
    return locale.formattedDataSize(count, decimal ? 1 : 0, QLocale::DataSizeSIFormat);
}

} // namespace Palomar::Platform::DataSize
